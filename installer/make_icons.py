"""Render the application icon from its SVG source into the PNG and ICO files the bundle and installers need.

The SVG (resources/icons/clinic-desk.svg) is the only source kept in the repository; these files are made
from it on every build, the same bytes for the same SVG, Qt and Pillow. Each size is rendered from the
vector so the small ones stay sharp instead of being scaled down from a large bitmap.

    python installer/make_icons.py OUTPUT_FOLDER
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SOURCE = Path(__file__).resolve().parent.parent / "resources" / "icons" / "clinic-desk.svg"
#: Windows picks the nearest size for the taskbar, Start menu, desktop and Explorer views.
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
#: Linux desktops look in hicolor/<size>x<size>/apps.
PNG_SIZES = (48, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> Image.Image:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGBA")


def make_icons(target: Path) -> list[Path]:
    """Write clinic-desk-<size>.png and clinic-desk.ico into ``target``; returns the files written."""
    _application = QGuiApplication.instance() or QGuiApplication(["make_icons", "-platform", "offscreen"])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {SOURCE}")
    target.mkdir(parents=True, exist_ok=True)
    images = {size: render(renderer, size) for size in sorted({*ICO_SIZES, *PNG_SIZES})}
    written = []
    for size in PNG_SIZES:
        path = target / f"clinic-desk-{size}.png"
        images[size].save(path, "PNG", optimize=True)
        written.append(path)
    ico = target / "clinic-desk.ico"
    largest = images[max(ICO_SIZES)]
    largest.save(ico, "ICO", sizes=[(size, size) for size in ICO_SIZES],
                 append_images=[images[size] for size in ICO_SIZES if size != max(ICO_SIZES)])
    written.append(ico)
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    for path in make_icons(Path(sys.argv[1])):
        print(path)
