"""What the bundle leaves out, by destination path inside the bundle (PyInstaller's TOC names).

Each rule says why it is safe: the app imports only QtCore, QtGui, QtWidgets and QtPrintSupport (plus QtSvg
through the icon plugin), formats with Babel only in en, ko, ru, ro and zh_CN (app/i18n.py), and Qt ships
translations only for the languages it has. ``installer/build`` checks afterwards that every Qt library and
plugin still finds the libraries it links to, so a rule that cuts too deep fails the build, not a clinic.
"""

from __future__ import annotations

from pathlib import PurePosixPath

#: Python packages PyInstaller would otherwise follow from optional imports; the app uses none of them.
EXCLUDED_MODULES = [
    "tkinter",
    "_tkinter",
    "unittest",
    "pydoc_data",
    "lib2to3",
    "readline",  # an interactive console's line editing; it would bring libreadline and libtinfo
    # Babel falls back to pkg_resources for entry points only when importlib.metadata fails; bundled, its
    # run-time hook imports it at every start (half a second of CPU).
    "pkg_resources",
    "setuptools",
    "_distutils_hack",
    # Pillow is imported by ReportLab for raster images (PNG, JPEG stay); not its AVIF, WebP, Tk, colour
    # management or FreeType parts, which carry 10 MB of libraries.
    "PIL._avif",
    "PIL._webp",
    "PIL._imagingtk",
    "PIL._imagingcms",
    "PIL._imagingft",
    "PIL.ImageTk",
    "PIL.ImageQt",
    "PIL.ImageCms",
    "PIL.ImageFont",
    "PySide6.QtNetwork",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtDBus",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtConcurrent",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
    "PySide6.QtUiTools",
    "PySide6.QtXml",
]

#: Babel formats in these languages (and their territories); the others' CLDR data is 30 MB.
BABEL_LANGUAGES = ("en", "ko", "ru", "ro", "zh")
#: Qt's own catalogs for the standard buttons and dialogs; Qt has none for Romanian (our catalog covers it).
QT_TRANSLATIONS = {"qtbase_ko.qm", "qtbase_ru.qm", "qtbase_zh_CN.qm"}
#: Plugin folders the app needs: windowing (X11, Wayland, Windows, macOS, offscreen for --self-test),
#: desktop integration, input methods (Korean and Chinese IMEs), SVG and ICO images, printing. Left out:
#: ``generic`` (evdev and TUIO touch input for kiosks), ``tls``/``networkinformation`` (no network use),
#: ``sqldrivers`` (SQLAlchemy talks to the databases), QML tooling, EGL device integrations.
QT_PLUGIN_FOLDERS = {
    "platforms", "platformthemes", "platforminputcontexts", "xcbglintegrations", "wayland-shell-integration",
    "wayland-decoration-client", "wayland-graphics-integration-client", "imageformats", "iconengines",
    "printsupport", "styles",
}
#: The GTK 3 theme plugin links GTK, Cairo and Pango (it would bundle the build machine's copies, 10 MB);
#: GNOME desktops get native dialogs through the XDG desktop portal plugin, which stays.
UNUSED_PLATFORM_THEMES = ("qgtk3",)
#: Windowing plugins for embedded or remote screens, never a clinic's desktop.
UNUSED_PLATFORMS = ("minimal", "eglfs", "linuxfb", "vnc", "vkkhrdisplay", "direct2d")
#: Image formats: PNG is built into QtGui; icons are SVG; Windows shortcuts want ICO.
IMAGE_FORMATS = ("svg", "ico")
#: Qt libraries only the pruned plugins load (QML tooling, TLS and network information, EGL devices).
UNUSED_QT_LIBRARIES = ("Qt6Qml", "Qt6Quick", "Qt6Network", "Qt6EglFsKmsSupport", "Qt6EglFSDeviceIntegration",
                       "Qt6Pdf", "Qt6VirtualKeyboard")
#: Mesa's software OpenGL for Windows without a GPU driver (20 MB); widgets paint without OpenGL.
SOFTWARE_OPENGL = ("opengl32sw.dll",)


def _plugin_wanted(parts: tuple[str, ...]) -> bool:
    """``parts`` after ``.../plugins/``: folder, then file."""
    folder, name = parts[0], parts[-1].lower()
    if folder not in QT_PLUGIN_FOLDERS:
        return False
    if folder == "platforms":
        return not any(f"q{platform}" in name for platform in UNUSED_PLATFORMS)
    if folder == "platformthemes":
        return not any(theme in name for theme in UNUSED_PLATFORM_THEMES)
    if folder == "imageformats":
        return any(f"q{image}." in name or f"q{image}d." in name for image in IMAGE_FORMATS)
    return True


def _babel_wanted(name: str) -> bool:
    stem = name.removesuffix(".dat")
    return stem == "root" or any(stem == lang or stem.startswith(f"{lang}_") for lang in BABEL_LANGUAGES)


def keep(destination: str) -> bool:
    """Whether a file bound for ``destination`` (relative to the bundle's library folder) stays in."""
    path = PurePosixPath(destination.replace("\\", "/"))
    parts = path.parts
    name = path.name
    if name.lower() in SOFTWARE_OPENGL:
        return False
    if "locale-data" in parts and parts[0] == "babel":
        return _babel_wanted(name)
    if "PySide6" in parts and "translations" in parts:
        return name in QT_TRANSLATIONS
    if "PySide6" in parts and "plugins" in parts:
        return _plugin_wanted(parts[parts.index("plugins") + 1:])
    if "PySide6" in parts or name.startswith(("libQt6", "Qt6")):
        return not any(library in name for library in UNUSED_QT_LIBRARIES)
    return True
