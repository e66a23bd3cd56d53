#!/bin/sh
# Removes the program, its menu entry and icons. The clinic's data, backups and settings stay unless
# --purge is given (they are in ~/.local/share/ClinicDesk and ~/.config/ClinicDesk of each user).
set -eu
if [ "$(id -u)" -eq 0 ]; then
  target=/opt/clinic-desk; share=/usr/local/share; bin=/usr/local/bin
else
  target="$HOME/.local/opt/clinic-desk"; share="${XDG_DATA_HOME:-$HOME/.local/share}"; bin="$HOME/.local/bin"
fi
rm -f "$share/applications/clinic-desk.desktop" "$bin/clinic-desk"
for size in 48 128 256; do rm -f "$share/icons/hicolor/${size}x${size}/apps/clinic-desk.png"; done
rm -rf "$target"
if [ "${1:-}" = "--purge" ]; then
  rm -rf "${XDG_DATA_HOME:-$HOME/.local/share}/ClinicDesk" "${XDG_CONFIG_HOME:-$HOME/.config}/ClinicDesk"
  echo "Clinic Desk and this user's clinic data were removed."
else
  echo "Clinic Desk was removed; the clinic's data and backups were kept."
fi
