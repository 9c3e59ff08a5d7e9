"""Errors that reach the GUI thread: a known error shown as its message, a bug as 内部错误 (logged)."""

from __future__ import annotations

import logging
import sys
from types import TracebackType

from PySide6 import QtWidgets  # the message box class loads when first needed

from viewer.errors import KnownError

LOG = logging.getLogger("viewer")
INTERNAL_ERROR = "内部错误：{0}（详情已记入日志）。可以继续使用；如果反复出现，请把日志交给维护人员。"


def show_error(error: BaseException, parent: QtWidgets.QWidget | None = None) -> None:
    """Tell the user: what to do for a known error; 内部错误 for anything else, its detail logged."""
    if isinstance(error, KnownError):
        QtWidgets.QMessageBox.warning(parent, "报刊档案阅览", error.message_zh)
        return
    LOG.error("internal error", exc_info=(type(error), error, error.__traceback__))
    QtWidgets.QMessageBox.critical(parent, "内部错误", INTERNAL_ERROR.format(type(error).__name__))


def install_excepthook() -> None:
    """An exception escaping a slot on the GUI thread is shown, never swallowed, and the app goes on."""
    def hook(kind: type[BaseException], value: BaseException, traceback: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, traceback)
            return
        show_error(value.with_traceback(traceback))

    sys.excepthook = hook
