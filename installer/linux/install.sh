#!/bin/sh
# Installs this unpacked Clinic Desk folder: as root for every user of the machine (/opt/clinic-desk, the
# menu entry in /usr/local/share), otherwise for you alone (~/.local). Installing a newer version over an
# older one replaces the program only; the clinic's data (~/.local/share/ClinicDesk) is never touched, and
# the new version upgrades the database on its first start after backing it up.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ "$(id -u)" -eq 0 ]; then
  target=/opt/clinic-desk; share=/usr/local/share; bin=/usr/local/bin
else
  target="$HOME/.local/opt/clinic-desk"; share="${XDG_DATA_HOME:-$HOME/.local/share}"; bin="$HOME/.local/bin"
fi
if [ "$here" != "$target" ]; then
  rm -rf "$target.new"
  mkdir -p "$(dirname "$target")"
  cp -a "$here" "$target.new"
  rm -rf "$target"
  mv "$target.new" "$target"
fi
mkdir -p "$share/applications" "$bin"
sed "s|@BUNDLE@|$target|g" "$target/clinic-desk.desktop" > "$share/applications/clinic-desk.desktop"
for size in 48 128 256; do
  mkdir -p "$share/icons/hicolor/${size}x${size}/apps"
  cp "$target/icons/${size}x${size}/clinic-desk.png" "$share/icons/hicolor/${size}x${size}/apps/clinic-desk.png"
done
ln -sf "$target/ClinicDesk" "$bin/clinic-desk"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$share/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$share/icons/hicolor" || true
echo "Clinic Desk installed in $target (menu: Office > Clinic Desk; command: clinic-desk)"
