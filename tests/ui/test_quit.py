"""Quitting the real app while a search and the user-data loader are still running ends cleanly."""

import os
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from viewer import app as viewer_app
    from viewer.ui.main_window import MainWindow

    qt = QApplication(sys.argv[:1])

    def search_then_quit():
        window = next(w for w in qt.topLevelWidgets() if isinstance(w, MainWindow))
        window.search_bar.box.setText("工会 标签:产改")  # waits for user data while we quit
        window.search_bar.run()
        QTimer.singleShot(int(sys.argv[1]), window.close)

    QTimer.singleShot(0, search_then_quit)
    sys.exit(viewer_app.main(["--db", sys.argv[2], "--data-dir", sys.argv[3]]))
""")


def test_quit_with_a_search_and_the_loader_running(tmp_path, seed_archive_path):
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "QT_QPA_PLATFORM": "offscreen"}
    for delay in (0, 20, 200):
        done = subprocess.run([sys.executable, "-c", SCRIPT, str(delay), str(seed_archive_path), str(tmp_path / "data")],
                              capture_output=True, text=True, timeout=120, env=env)
        assert done.returncode == 0, done.stderr[-2000:]
        assert "Fatal Python error" not in done.stderr and "Traceback" not in done.stderr, done.stderr[-2000:]
