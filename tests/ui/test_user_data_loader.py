"""User data opens off the GUI thread; a 标签: search made before it is open waits for it or says why not."""

import pytest
from PySide6.QtCore import QTimer

from viewer.errors import KnownError
from viewer.ui.main_window import MainWindow
from viewer.ui.user_data_loader import PendingTags, UserDataLoader


@pytest.fixture()
def early_window(qtbot, archive, ini):
    """A window whose archives ask a PendingTags for 標签:, as app.py composes them."""
    pending = PendingTags()
    archive.use_tags(pending)
    window = MainWindow(archive, ini)
    qtbot.addWidget(window)
    window.show()
    yield window, pending
    window.session.stop()


def test_a_tag_search_before_user_data_waits_for_it(qtbot, early_window, user_store, archive, run_search):
    window, pending = early_window
    ids = set(archive.search_ids("康乃馨"))
    user_store.tag(sorted(ids), ["关爱"])
    QTimer.singleShot(300, lambda: pending.provide(user_store))  # user data arrives while the search waits
    run_search(window, "标签:关爱")
    assert {h.article_id for h in window.list_model.hits} == ids and window.list_model.total == len(ids)


def test_a_tag_search_without_user_data_says_so(qtbot, early_window, run_search):
    window, pending = early_window
    pending.provide(None)
    run_search(window, "标签:关爱")
    assert window.list_label.text() == "个人数据无法使用，不能按标签查找。"
    run_search(window, "康乃馨")  # other searches go on
    assert window.list_model.total > 0


def test_the_lookup_gives_up_after_its_wait():
    with pytest.raises(KnownError) as caught:
        PendingTags(wait_seconds=0.05)("关爱")
    assert "还在载入" in caught.value.message_zh


def test_the_loader_provides_the_lookup_and_the_store(qtbot, tmp_path):
    from PySide6.QtWidgets import QWidget

    from viewer.userdata import UserStore

    owner = QWidget()
    qtbot.addWidget(owner)
    loader = UserDataLoader(owner)
    with qtbot.waitSignal(loader.loaded, timeout=20_000) as blocker:
        loader.start(tmp_path / "data")
    store = blocker.args[0]
    assert isinstance(store, UserStore)
    store.tag(["x-1"], ["甲"])
    assert loader.tags("甲") == {"x-1"}
    store.close()


def test_closing_the_window_releases_a_search_waiting_for_user_data(qtbot, early_window):
    import time

    window, pending = early_window
    window.closing.connect(pending.cancel)  # as app.py wires it
    window.search_bar.search_for("标签:关爱")  # waits: user data never comes
    qtbot.wait(200)
    started = time.perf_counter()
    window.close()
    assert time.perf_counter() - started < 5 and window.list_label.text().startswith("正在查找")


def test_a_bug_while_opening_user_data_is_reported_not_swallowed(qtbot, monkeypatch, caplog):
    import logging

    from PySide6.QtWidgets import QMessageBox, QWidget

    import viewer.userdata
    from viewer import app

    monkeypatch.setattr(viewer.userdata, "open_store", lambda *a: 1 / 0)
    owner = QWidget()
    qtbot.addWidget(owner)
    loader = UserDataLoader(owner)
    with caplog.at_level(logging.ERROR), qtbot.waitSignal(loader.loaded, timeout=10_000) as blocker:
        loader.start(None)
    assert isinstance(blocker.args[0], ZeroDivisionError) and "opening user data failed" in caplog.text
    with pytest.raises(KnownError):  # a 标签: search is told at once, not after the wait
        loader.tags("关爱")
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: shown.append(a[2]))
    assert app.explain_user_data(blocker.args[0]) is None
    assert shown[0].startswith("内部错误：ZeroDivisionError")
