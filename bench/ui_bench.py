"""Desktop app start-up and responsiveness, side by side with a minimal PySide6 window in one run.

Prints: process start → window shown, for the app and for a bare QMainWindow (target ≤ 2×);
process start → first search result in the app (target ≤ 1 s); RSS after start; and, on the
100,000-article synthetic archive (built and cached by search_bench.py), the time to expand the
largest tree node and to scroll the article list (target ≤ 100 ms each).

    python bench/ui_bench.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.probes import MINIMAL_WINDOW  # noqa: E402
from bench.synthetic import ROOT  # noqa: E402

RUNS = 3


APP = """
import resource, sys
from PySide6.QtWidgets import QApplication
import viewer.ui.main_window as main_window

shown = main_window.MainWindow.show

def show_and_search(self):
    shown(self)
    QApplication.processEvents()
    print("shown", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
    self.searchFinished.connect(lambda: (print("result", flush=True), QApplication.quit()))
    self.search_bar.search_for("工会")

main_window.MainWindow.show = show_and_search
from viewer.app import main
sys.exit(main(["--db", sys.argv[1]]))
"""


def timed_process(code: str, *args: str) -> dict[str, float]:
    """Seconds from process start to each line it prints ("shown", "result"), and its RSS."""
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": home, "XDG_CONFIG_HOME": home}
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True,
                                env=env, cwd=ROOT)
        marks: dict[str, float] = {}
        assert proc.stdout is not None
        for line in proc.stdout:
            word, *rest = line.split()
            marks[word] = time.perf_counter() - started
            if rest:
                marks["rss_mb"] = int(rest[0]) / 1024
        proc.wait(timeout=60)
    return marks


def startup() -> None:
    archive = ROOT / "resources" / "archive.sqlite"
    minimal = [timed_process(MINIMAL_WINDOW) for _ in range(RUNS)]
    app = [timed_process(APP, str(archive)) for _ in range(RUNS)]
    m_shown = statistics.median(r["shown"] for r in minimal)
    a_shown = statistics.median(r["shown"] for r in app)
    a_result = statistics.median(r["result"] for r in app)
    print(f"start → window shown: app {a_shown * 1000:.0f} ms, minimal PySide6 window {m_shown * 1000:.0f} ms,"
          f" ratio {a_shown / m_shown:.2f} (target <= 2.00)")
    print(f"start → first search result: {a_result * 1000:.0f} ms (target <= 1000)")
    print(f"RSS after start: app {statistics.median(r['rss_mb'] for r in app):.0f} MB,"
          f" minimal {statistics.median(r['rss_mb'] for r in minimal):.0f} MB")


def large_archive() -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from bench.search_bench import cached_archive
    from viewer.archive import Archive
    from viewer.text.segment import Segmenter
    from viewer.ui.main_window import MainWindow
    from viewer.ui.tree_model import NODE_ROLE

    path, _ = cached_archive(100_000, Segmenter())
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp, Archive.open(path) as archive:
        started = time.perf_counter()
        window = MainWindow(archive, QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat))
        window.show()
        app.processEvents()
        print(f"100,000 articles: open the main window (region tree counted): {(time.perf_counter() - started) * 1000:.0f} ms")
        model, tree = window.region_model, window.navigator.region_tree
        top = max(range(model.rowCount()), key=lambda r: model.index(r, 0).data(NODE_ROLE).count)
        biggest = model.index(top, 0)
        started = time.perf_counter()
        tree.expand(biggest)
        app.processEvents()
        expand_ms = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        window.navigation.open_node(biggest, by_region=True)
        app.processEvents()
        list_ms = (time.perf_counter() - started) * 1000
        view = window.list_view
        steps = []
        for _ in range(20):
            started = time.perf_counter()
            view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
            app.processEvents()
            steps.append((time.perf_counter() - started) * 1000)
        total = window.list_model.total
        print(f"100,000 articles: expand the largest region ({biggest.data()}): {expand_ms:.0f} ms;"
              f" list its {total:,} articles: {list_ms:.0f} ms (target <= 100 each)")
        print(f"scroll the list to its end, 20 times (each loads a page): p50 {statistics.median(steps):.0f} ms,"
              f" max {max(steps):.0f} ms, {window.list_model.rowCount()} rows loaded (target <= 100)")
        window.close()


if __name__ == "__main__":
    startup()
    large_archive()
