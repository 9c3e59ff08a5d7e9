"""A progress dialog for long work done on the GUI thread (exports, tag-all): it shows after half a
second, advances with the work's progress calls, and its Cancel button is what `cancelled()` reads."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

SHOW_AFTER_MS = 500


class Progress:
    """Hands `progress(done, total)` and `cancelled()` to the reports module; close with `done()`."""

    def __init__(self, parent: QWidget, label: str, total: int | None) -> None:
        self.dialog = QProgressDialog(label, QCoreApplication.translate("Progress", "取消"), 0, total or 0, parent)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(SHOW_AFTER_MS)
        self.dialog.setValue(0)

    def progress(self, done: int, total: int | None) -> None:
        if total:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))
        QCoreApplication.processEvents()  # the Cancel button is heard

    def cancelled(self) -> bool:
        return self.dialog.wasCanceled()

    def done(self) -> None:
        self.dialog.reset()
        self.dialog.deleteLater()
