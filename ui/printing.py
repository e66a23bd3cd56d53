"""Print preview, printing and saving of a PDF that ``app.documents`` made.

Pages are rasterised with pypdfium2 (QtPdf would need the 59 MB PySide6-Addons; PITFALLS). The preview
renders a page only when it is painted, so a long report opens as fast as a short one; printing renders
each chosen page again at the printer's resolution and draws it at its real size.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from babel.numbers import format_percent
from PySide6.QtCore import QEvent, QKeyCombination, QMarginsF, QObject, QRectF, QSizeF, QStandardPaths, Qt
from PySide6.QtGui import (
    QAction,
    QGuiApplication,
    QIcon,
    QImage,
    QKeySequence,
    QPageLayout,
    QPageSize,
    QPainter,
    QPaintEvent,
)
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QMessageBox,
    QScrollArea,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, babel_locale, format_integer

POINTS_PER_INCH = 72.0
#: Sharp text on office printers at 35 MB per A4 page; 600 dpi would take 139 MB a page and slow spooling.
MAX_PRINT_DPI = 300
ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)
PAGE_GAP = 16
#: Rendered preview pages kept; the rest are drawn again when scrolled back to.
CACHE_PAGES = 8


class PdfPages:
    """A PDF's pages: their sizes in points and images at any scale.

    PDFium keeps the document open until :meth:`close`; a later render opens it again.
    """

    def __init__(self, pdf: bytes) -> None:
        self._bytes = pdf  # PDFium reads from this buffer while the document is open
        self._document: pdfium.PdfDocument | None = None
        document = self._open()
        self.sizes: list[tuple[float, float]] = [document.get_page_size(index) for index in range(len(document))]

    def __len__(self) -> int:
        return len(self.sizes)

    def _open(self) -> pdfium.PdfDocument:
        if self._document is None:
            self._document = pdfium.PdfDocument(self._bytes)
        return self._document

    def close(self) -> None:
        if self._document is not None:
            self._document.close()
            self._document = None

    def render(self, index: int, scale: float) -> QImage:
        """Page ``index`` at ``scale`` pixels per point, on white."""
        page = self._open()[index]
        try:
            bitmap = page.render(scale=scale, force_bitmap_format=pdfium_c.FPDFBitmap_BGRx, rev_byteorder=True)
            image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                           QImage.Format.Format_RGBX8888).copy()  # own the pixels before PDFium frees them
            bitmap.close()
        finally:
            page.close()
        return image


def pages_to_print(printer: QPrinter, page_count: int, current: int) -> list[int]:
    """The page indices the print dialog chose (all, a range such as "1-3, 5", or the current page), in the
    printer's page order."""
    chosen = list(range(page_count))
    if printer.printRange() == QPrinter.PrintRange.CurrentPage:
        chosen = [current]
    elif printer.printRange() == QPrinter.PrintRange.PageRange:
        ranges = printer.pageRanges()
        chosen = [i for i in chosen if ranges.contains(i + 1)] if not ranges.isEmpty() else [
            i for i in chosen if printer.fromPage() <= i + 1 <= printer.toPage()]
    if printer.pageOrder() == QPrinter.PageOrder.LastPageFirst:
        chosen.reverse()
    return chosen


def with_copies(pages: Sequence[int], copies: int, collate: bool) -> list[int]:
    """The sheets to print when the driver cannot make copies itself: 1 2 1 2 collated, 1 1 2 2 not."""
    if collate:
        return list(pages) * copies
    return [page for page in pages for _copy in range(copies)]


def print_pages(document: PdfPages, printer: QPrinter, pages: Sequence[int]) -> bool:
    """Draw ``pages`` on ``printer`` at their real size (shrunk only if the paper is smaller), centred.

    Returns False when the printer could not be opened (no such printer, an unwritable output file).
    """
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    sheets = with_copies(pages, copies, printer.collateCopies())
    printer.setFullPage(True)  # the PDF brings its own margins
    painter = QPainter()
    if not sheets or not painter.begin(printer):
        return False
    try:
        resolution = printer.resolution()
        dpi = min(resolution, MAX_PRINT_DPI)
        for number, index in enumerate(sheets):
            if number:
                printer.newPage()
            paper = QRectF(printer.pageLayout().fullRectPixels(resolution))
            width_pt, height_pt = document.sizes[index]
            size = QSizeF(width_pt, height_pt) * (resolution / POINTS_PER_INCH)
            shrink = min(1.0, paper.width() / size.width(), paper.height() / size.height())
            size *= shrink
            target = QRectF(paper.left() + (paper.width() - size.width()) / 2,
                            paper.top() + (paper.height() - size.height()) / 2, size.width(), size.height())
            painter.drawImage(target, document.render(index, dpi * shrink / POINTS_PER_INCH))
    finally:
        painter.end()
    return True


class PageView(QWidget):
    """One page of the preview; it asks for its image only when painted (when scrolled into view)."""

    def __init__(self, preview: PrintPreviewDialog, index: int) -> None:
        super().__init__()
        self._preview = preview
        self.index = index
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.drawImage(self.rect(), self._preview.page_image(self.index))
        painter.setPen(self.palette().mid().color())
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()


class PrintPreviewDialog(QDialog):
    """Preview ``pdf`` (``title`` names it in the title bar), print it, or save it as ``file_name``."""

    def __init__(self, pdf: bytes, title: str, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pdf = pdf
        self._title = title
        self._file_name = file_name
        self.document = PdfPages(pdf)
        self._zoom = 1.0
        self._fit_width = True
        self._current = 0
        self._cache: OrderedDict[int, QImage] = OrderedDict()
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)

        self.toolbar = QToolBar(self)
        # Icons come from the platform's theme where it has one; elsewhere the buttons show their text.
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.print_action = self._action(self.ask_and_print, QKeySequence.StandardKey.Print,
                                         QIcon.ThemeIcon.DocumentPrint)
        self.save_action = self._action(self.ask_and_save, QKeySequence.StandardKey.Save,
                                        QIcon.ThemeIcon.DocumentSave)
        self.toolbar.addSeparator()
        self.previous_action = self._action(lambda: self.go_to(self._current - 1), Qt.Key.Key_PageUp,
                                            QIcon.ThemeIcon.GoUp)
        self.page_label = QLabel(self)
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_label.setContentsMargins(8, 0, 8, 0)
        self.toolbar.addWidget(self.page_label)
        self.next_action = self._action(lambda: self.go_to(self._current + 1), Qt.Key.Key_PageDown,
                                        QIcon.ThemeIcon.GoDown)
        self.toolbar.addSeparator()
        self.zoom_out_action = self._action(lambda: self.zoom_by(-1), QKeySequence.StandardKey.ZoomOut,
                                            QIcon.ThemeIcon.ZoomOut)
        self.zoom_label = QLabel(self)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_label.setMinimumWidth(self.zoom_label.fontMetrics().horizontalAdvance("400 %") + 16)
        self.toolbar.addWidget(self.zoom_label)
        self.zoom_in_action = self._action(lambda: self.zoom_by(1), QKeySequence.StandardKey.ZoomIn,
                                           QIcon.ThemeIcon.ZoomIn)
        self.fit_width_action = self._action(self.fit_width, Qt.Modifier.CTRL | Qt.Key.Key_0,
                                             QIcon.ThemeIcon.ZoomFitBest)
        self.fit_width_action.setCheckable(True)
        self.fit_width_action.setChecked(True)
        button = self.toolbar.widgetForAction(self.print_action)
        if isinstance(button, QToolButton):
            font = button.font()
            font.setBold(True)
            button.setFont(font)

        self.pages = QWidget()
        self.pages.setBackgroundRole(self.pages.backgroundRole().Dark)
        self.pages.setAutoFillBackground(True)
        column = QVBoxLayout(self.pages)
        column.setContentsMargins(PAGE_GAP, PAGE_GAP, PAGE_GAP, PAGE_GAP)
        column.setSpacing(PAGE_GAP)
        self.page_views = [PageView(self, index) for index in range(len(self.document))]
        for view in self.page_views:
            column.addWidget(view, 0, Qt.AlignmentFlag.AlignHCenter)
        self.scroll = QScrollArea(self)
        self.scroll.setWidget(self.pages)
        self.scroll.setWidgetResizable(True)
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.scroll.setBackgroundRole(self.pages.backgroundRole())
        self.scroll.verticalScrollBar().valueChanged.connect(self._track_current)
        self.scroll.viewport().installEventFilter(self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.scroll, 1)

        screen = QGuiApplication.primaryScreen().availableGeometry()
        self.resize(min(900, screen.width() * 9 // 10), min(1000, screen.height() * 9 // 10))
        self._apply_zoom()
        self.retranslate()

    def _action(self, slot: Callable[[], None], shortcut: QKeySequence.StandardKey | Qt.Key | QKeyCombination,
                icon: QIcon.ThemeIcon) -> QAction:
        action = QAction(QIcon.fromTheme(icon), "", self)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.toolbar.addAction(action)
        return action

    # -- texts ------------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(_("Print preview — {title}").format(title=self._title))
        self.print_action.setText(_("&Print…"))
        self.save_action.setText(_("&Save PDF…"))
        self.previous_action.setText(_("Previous page"))
        self.next_action.setText(_("Next page"))
        self.zoom_out_action.setText(_("Zoom out"))
        self.zoom_in_action.setText(_("Zoom in"))
        self.fit_width_action.setText(_("Fit width"))
        for action in (self.print_action, self.save_action, self.previous_action, self.next_action,
                       self.zoom_out_action, self.zoom_in_action, self.fit_width_action):
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{action.text().replace('&', '')} ({keys})")
        total = format_integer(len(self.document))
        widest = _("Page {current} of {total}").format(current=total, total=total)
        self.page_label.setMinimumWidth(self.page_label.fontMetrics().horizontalAdvance(widest) + 16)
        self._update_labels()

    def _update_labels(self) -> None:
        self.page_label.setText(_("Page {current} of {total}").format(
            current=format_integer(self._current + 1), total=format_integer(len(self.document))))
        self.zoom_label.setText(format_percent(self._zoom, locale=babel_locale()))
        self.previous_action.setEnabled(self._current > 0)
        self.next_action.setEnabled(self._current < len(self.document) - 1)
        self.zoom_out_action.setEnabled(self._zoom > ZOOM_STEPS[0])
        self.zoom_in_action.setEnabled(self._zoom < ZOOM_STEPS[-1])

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def done(self, result: int) -> None:
        """Release PDFium's copy of the document and the rendered pages; showing the dialog again reopens it."""
        self.document.close()
        self._cache.clear()
        super().done(result)

    # -- pages and zoom ---------------------------------------------------------------------------------

    @property
    def page_count(self) -> int:
        return len(self.document)

    @property
    def current_page(self) -> int:
        """The page at the middle of the view, counted from 0."""
        return self._current

    def _pixels_per_point(self) -> float:
        return self._zoom * self.logicalDpiX() / POINTS_PER_INCH

    def page_image(self, index: int) -> QImage:
        """The page at the current zoom for this screen's pixel density, rendered on first demand."""
        image = self._cache.get(index)
        ratio = self.devicePixelRatioF()
        if image is None:
            image = self.document.render(index, self._pixels_per_point() * ratio)
            image.setDevicePixelRatio(ratio)
            self._cache[index] = image
            while len(self._cache) > CACHE_PAGES:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(index)
        return image

    def _apply_zoom(self) -> None:
        if self._fit_width:
            widest = max((width for width, _height in self.document.sizes), default=1.0)
            room = self.scroll.viewport().width() - 2 * PAGE_GAP
            self._zoom = max(ZOOM_STEPS[0], min(ZOOM_STEPS[-1], room / (widest * self.logicalDpiX() / 72)))
        scale = self._pixels_per_point()
        for view, (width, height) in zip(self.page_views, self.document.sizes, strict=True):
            view.setFixedSize(round(width * scale), round(height * scale))
        self._cache.clear()
        self._update_labels()

    def zoom_by(self, steps: int) -> None:
        """One zoom step in (1) or out (-1) from the current zoom."""
        if steps > 0:
            self._zoom = next((z for z in ZOOM_STEPS if z > self._zoom + 1e-6), ZOOM_STEPS[-1])
        else:
            self._zoom = next((z for z in reversed(ZOOM_STEPS) if z < self._zoom - 1e-6), ZOOM_STEPS[0])
        self._fit_width = False
        self.fit_width_action.setChecked(False)
        page = self._current
        self._apply_zoom()
        self.go_to(page)

    def fit_width(self) -> None:
        self._fit_width = True
        self.fit_width_action.setChecked(True)
        page = self._current
        self._apply_zoom()
        self.go_to(page)

    def go_to(self, index: int) -> None:
        """Scroll page ``index`` (from 0) to the top of the view."""
        index = max(0, min(len(self.page_views) - 1, index))
        self.pages.layout().activate()
        self.scroll.verticalScrollBar().setValue(self.page_views[index].y() - PAGE_GAP // 2)
        self._current = index
        self._update_labels()

    def _track_current(self, value: int) -> None:
        middle = value + self.scroll.viewport().height() // 2
        for view in self.page_views:
            if view.y() + view.height() + PAGE_GAP // 2 >= middle:
                self._current = view.index
                break
        self._update_labels()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.scroll.viewport() and event.type() == QEvent.Type.Resize and self._fit_width:
            self._apply_zoom()
        return super().eventFilter(watched, event)

    # -- saving and printing ----------------------------------------------------------------------------

    def save_to(self, path: Path) -> bool:
        """Write the PDF's bytes to ``path`` unchanged; a failure is explained and returns False."""
        try:
            path.write_bytes(self._pdf)
        except OSError as error:
            QMessageBox.warning(self, _("Save PDF"), _("The PDF could not be saved as {path}: {reason}").format(
                path=str(path), reason=error.strerror or str(error)))
            return False
        return True

    def ask_and_save(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        chosen, _filter = QFileDialog.getSaveFileName(
            self, _("Save PDF"), str(Path(folder) / self._file_name), _("PDF documents (*.pdf)"))
        if chosen:
            path = Path(chosen)
            self.save_to(path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf"))

    def prepare_printer(self, printer: QPrinter) -> None:
        """Paper and orientation of the first page (A4, Letter... matched by size), and the document's name."""
        width, height = self.document.sizes[0] if self.document.sizes else (595.0, 842.0)
        size = QPageSize(QSizeF(min(width, height), max(width, height)), QPageSize.Unit.Point, "",
                         QPageSize.SizeMatchPolicy.FuzzyMatch)
        orientation = QPageLayout.Orientation.Landscape if width > height else QPageLayout.Orientation.Portrait
        printer.setPageLayout(QPageLayout(size, orientation, QMarginsF()))
        printer.setDocName(self._title)
        printer.setFromTo(1, max(1, len(self.document)))

    def print_to(self, printer: QPrinter) -> bool:
        """Print the pages the printer's settings select; a printer that refuses is explained."""
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            printed = print_pages(self.document, printer, pages_to_print(printer, len(self.document), self._current))
        finally:
            QGuiApplication.restoreOverrideCursor()
        if not printed:
            QMessageBox.warning(self, _("Print"), _("The document could not be sent to the printer {name}.").format(
                name=printer.printerName() or printer.outputFileName()))
        return printed

    def ask_and_print(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.prepare_printer(printer)
        dialog = QPrintDialog(printer, self)
        dialog.setOptions(
            QAbstractPrintDialog.PrintDialogOption.PrintPageRange
            | QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage
            | QAbstractPrintDialog.PrintDialogOption.PrintCollateCopies
            | QAbstractPrintDialog.PrintDialogOption.PrintToFile
            | QAbstractPrintDialog.PrintDialogOption.PrintShowPageSize
        )
        dialog.setMinMax(1, max(1, len(self.document)))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)
