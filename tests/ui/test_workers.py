"""The worker base answers every request: a known error as its message, a bug as 内部错误 (logged)."""

import logging

import pytest

from viewer.errors import QuerySyntaxError
from viewer.ui.workers import Reply, Worker, WorkerThread


class Echo(Worker):
    def answer(self, request):
        if request == "bad query":
            raise QuerySyntaxError("nothing to search", "请输入要查找的文字")
        if request == "bug":
            raise ZeroDivisionError("division by zero")
        self.reply(request, request * 2)


@pytest.fixture()
def runner(qtbot):
    from PySide6.QtWidgets import QWidget

    owner = QWidget()  # pytest-qt deletes it after the test
    qtbot.addWidget(owner)
    opened = WorkerThread(Echo(), owner)
    yield opened
    opened.stop()


@pytest.mark.parametrize(("request_", "expected"), [
    ("ab", Reply("ab", "abab")),
    ("bad query", Reply("bad query", error="请输入要查找的文字")),
])
def test_answers_and_known_errors(qtbot, runner, request_, expected):
    with qtbot.waitSignal(runner.replied, timeout=5_000) as blocker:
        runner.submit(request_)
    assert blocker.args[0] == expected


def test_a_bug_is_answered_as_internal_error_and_logged(qtbot, runner, caplog):
    with caplog.at_level(logging.ERROR, logger="viewer.ui.workers"), \
            qtbot.waitSignal(runner.replied, timeout=5_000) as blocker:
        runner.submit("bug")
    reply = blocker.args[0]
    assert reply.bug and reply.error.startswith("内部错误") and "ZeroDivisionError" in reply.error
    assert "division by zero" in caplog.text  # the traceback is in the log, not in front of the user
    with qtbot.waitSignal(runner.replied, timeout=5_000) as blocker:  # and the worker still answers
        runner.submit("cd")
    assert blocker.args[0].value == "cdcd"


def test_a_search_that_fails_reaches_the_user_and_the_window_stays_usable(tagged_window, archive, monkeypatch,
                                                                         run_search):
    from viewer.archive.db import Archive

    real = Archive.query

    def failing(self, text, loose=False, markers=None):
        if text == "坏":
            raise RuntimeError("a bug in the search")
        return real(self, text, loose, markers)

    monkeypatch.setattr(Archive, "query", failing)
    run_search(tagged_window, "坏")
    assert tagged_window.list_label.text().startswith("内部错误")
    assert "正在查找" not in tagged_window.list_label.text()
    run_search(tagged_window, "康乃馨")
    assert tagged_window.list_model.total == archive.count("康乃馨") > 0
    assert "找到" in tagged_window.list_label.text()


def test_an_archive_error_in_a_search_says_what_to_do(tagged_window, monkeypatch, run_search):
    from viewer.archive.db import Archive
    from viewer.errors import ArchiveError

    def broken(self, text, loose=False, markers=None):
        raise ArchiveError("disk I/O error", "读取档案文件时出错（磁盘或网络盘问题）。请检查磁盘后重新打开程序。")

    monkeypatch.setattr(Archive, "query", broken)
    run_search(tagged_window, "工会")
    assert tagged_window.list_label.text().startswith("读取档案文件时出错")


def test_an_error_on_the_gui_thread_is_shown_and_logged(qtbot, monkeypatch, caplog):
    import sys

    from PySide6.QtWidgets import QMessageBox

    from viewer.errors import ArchiveError
    from viewer.ui.error_dialog import install_excepthook

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: shown.append(("critical", a[2])))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(("warning", a[2])))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook()
    try:
        raise KeyError("no such article")
    except KeyError as e:
        with caplog.at_level(logging.ERROR, logger="viewer"):
            sys.excepthook(type(e), e, e.__traceback__)
    busy = ArchiveError("busy", "档案文件正被其他程序占用。")
    sys.excepthook(ArchiveError, busy, None)
    assert shown[0][0] == "critical" and shown[0][1].startswith("内部错误：KeyError")
    assert "no such article" in caplog.text
    assert shown[1] == ("warning", "档案文件正被其他程序占用。")
