"""About Clinic Desk: versions, where the data lives, its schema revision, and every licence we owe."""

from __future__ import annotations

import platform

import PySide6
from PySide6.QtCore import QEvent, Qt, qVersion
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.context import Context
from app.i18n import N_, _
from app.migrate import current_revision
from ui.dialogs.common import heading_label, muted_label
from ui.dialogs.licences import Licence, font_licences, library_licences


class LicenceBrowser(QWidget):
    """A list of licences beside the selected one's full text, scrollable.

    The text pane is a little over 80 fixed-pitch columns wide: most licence files are hard-wrapped there
    and show as written, while those written as long paragraphs (the OFL) wrap at the pane's edge.
    """

    def __init__(self, licences: list[Licence], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.licences = licences
        self.list = QTreeWidget(self)
        self.list.setRootIsDecorated(False)
        self.list.setColumnCount(2)
        for licence in licences:
            item = QTreeWidgetItem(self.list, [licence.subject, licence.summary])
            item.setToolTip(1, licence.summary)
        self.list.resizeColumnToContents(0)
        self.list.setColumnHidden(1, not any(licence.summary for licence in licences))
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.list.currentItemChanged.connect(
            lambda item, _previous: self._show(self.list.indexOfTopLevelItem(item)))
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.list)
        splitter.addWidget(self.text)
        splitter.setStretchFactor(1, 1)
        columns = self.text.fontMetrics().horizontalAdvance("M" * 84)
        splitter.setSizes([360, columns])
        self.empty = muted_label(self)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.empty)
        self.empty.setVisible(not licences)
        if licences:
            self.list.setCurrentItem(self.list.topLevelItem(0))

    def retranslate(self, subject: str) -> None:
        self.list.setHeaderLabels([subject, _("Licence")])

    def _show(self, row: int) -> None:
        self.text.setPlainText(self.licences[row].text if 0 <= row < len(self.licences) else "")


class AboutDialog(QDialog):
    def __init__(self, ctx: Context, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.resize(1040, 620)
        self.title = heading_label(self, 1.8)
        self.tagline = QLabel(self)
        self.tagline.setWordWrap(True)

        self.facts = QFormLayout()
        self.facts.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._fact_labels: list[tuple[QLabel, str]] = []
        revision = current_revision(ctx.db) or "—"
        values = [
            (N_("Version"), __version__),
            (N_("Database"), ctx.db.describe()),
            (N_("Schema revision"), revision),
            ("Python", platform.python_version()),
            ("Qt", qVersion()),
            ("PySide6", PySide6.__version__),
        ]
        self.values: dict[str, QLabel] = {}
        for key, value in values:
            caption, shown = QLabel(self), QLabel(value, self)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            shown.setWordWrap(True)
            self._fact_labels.append((caption, key))
            self.values[key] = shown
            self.facts.addRow(caption, shown)
        overview = QWidget(self)
        overview_layout = QVBoxLayout(overview)
        overview_layout.addWidget(self.title)
        overview_layout.addWidget(self.tagline)
        overview_layout.addSpacing(8)
        overview_layout.addLayout(self.facts)
        overview_layout.addStretch(1)

        self.libraries = LicenceBrowser(library_licences(), self)
        self.fonts = LicenceBrowser(font_licences(), self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(overview, "")
        self.tabs.addTab(self.libraries, "")
        self.tabs.addTab(self.fonts, "")

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.about_qt = self.buttons.addButton("", QDialogButtonBox.ButtonRole.HelpRole)
        self.about_qt.clicked.connect(lambda: QMessageBox.aboutQt(self))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("About Clinic Desk"))
        self.title.setText(_("Clinic Desk {version}").format(version=__version__))
        self.tagline.setText(_(
            "The front desk of a clinic: schedule, waiting room, cashier, certificates, complaints and calls."))
        for caption, key in self._fact_labels:  # Python, Qt and PySide6 are names: no catalog entry
            caption.setText(_("{label}:").format(label=_(key)))
        self.tabs.setTabText(0, _("Clinic Desk"))
        self.tabs.setTabText(1, _("Libraries"))
        self.tabs.setTabText(2, _("Fonts"))
        self.fonts.empty.setText(_("No font licence files were found in {folder}.").format(
            folder="resources/fonts"))
        self.libraries.empty.setText(_("No library metadata is available in this installation."))
        self.libraries.retranslate(_("Library"))
        self.fonts.retranslate(_("File"))
        self.about_qt.setText(_("About &Qt"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
