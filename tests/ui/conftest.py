"""Fixtures for the window's rooms: settings in a temporary file, a user-data store, a window with both."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings


@pytest.fixture()
def ini(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture()
def user_store(tmp_path):
    from viewer.userdata import open_store

    opened = open_store(tmp_path / "data")
    yield opened
    opened.close()


@pytest.fixture()
def tagged_window(qtbot, archive, user_store, ini):
    """A shown window with user data attached, the tag lookup handed in as the composition root does."""
    from viewer.ui.main_window import MainWindow

    archive.use_tags(user_store.article_ids_for_tag)
    window = MainWindow(archive, ini, store=user_store)
    qtbot.addWidget(window)
    window.show()
    yield window
    window.session.stop()


@pytest.fixture()
def run_search(qtbot):
    """Type a query into a window's search box and wait until it is answered."""
    def run(window, text: str) -> None:
        window.search_bar.box.setText(text)
        with qtbot.waitSignal(window.searchFinished, timeout=10_000):
            window.search_bar.run()
    return run
