"""Bundle size and cold start: the packaged app against a minimal PySide6 one-folder app, one run.

Builds both with PyInstaller (the app from build.spec, the minimal one from a ten-line script),
then prints each bundle's size, the app's archive + dictionary share, and the time from process
start to window shown, first launch after the build with the OS file cache dropped when allowed
(root on Linux), then warm. Targets: app ≤ 1.25 × minimal + archive + dictionary; cold start ≤ 2 ×.

    python bench/package_bench.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.probes import MINIMAL_WINDOW  # noqa: E402

# Reports "shown" from inside the frozen app: a bench-only entry point importing the real app.
APP_PROBE = """
import os
import sys
from PySide6.QtWidgets import QApplication
import viewer.ui.main_window as main_window

shown = main_window.MainWindow.show


def show_and_quit(self):
    shown(self)
    QApplication.processEvents()
    print("shown", flush=True)
    os._exit(0)  # measured: no need to run the event loop


main_window.MainWindow.show = show_and_quit
from viewer.__main__ import main
sys.exit(main(sys.argv[1:]))
"""


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def pyinstaller(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "ERROR", *args],
                   check=True, cwd=ROOT)


def drop_caches() -> bool:
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def time_to_shown(executable: Path, *args: str) -> float:
    with tempfile.TemporaryDirectory() as home:
        env = {"HOME": home, "PATH": home, "QT_QPA_PLATFORM": "offscreen", "ARCHIVE_VIEWER_DATA": home}
        started = time.perf_counter()
        proc = subprocess.Popen([str(executable), *args], stdout=subprocess.PIPE, text=True, env=env, cwd=home)
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("shown"):
                elapsed = time.perf_counter() - started
                break
        else:
            raise RuntimeError(f"{executable} never showed its window")
        proc.stdout.close()
        proc.wait(timeout=60)
    return elapsed


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "minimal.py").write_text(MINIMAL_WINDOW)
        (work / "probe.py").write_text(APP_PROBE)
        pyinstaller("--onedir", "--name", "Minimal", "--distpath", str(work / "dist"), "--workpath",
                    str(work / "build"), "--specpath", str(work), str(work / "minimal.py"))
        pyinstaller("--distpath", str(work / "dist"), "--workpath", str(work / "build-app"), "build.spec")
        app_dir = work / "dist" / "ArchiveViewer"
        # The probe reuses the app bundle's files: same size, same libraries, same start-up work.
        pyinstaller("--onedir", "--name", "Probe", "--distpath", str(work / "dist"), "--workpath",
                    str(work / "build-probe"), "--specpath", str(work), "--paths", str(ROOT),
                    "--add-data", f"{app_dir / '_internal' / 'resources'}{os.pathsep}resources",
                    "--add-data", f"{ROOT / 'viewer' / 'userdata' / 'migrations'}{os.pathsep}viewer/userdata/migrations",
                    "--collect-data", "jieba", str(work / "probe.py"))
        minimal_dir = work / "dist" / "Minimal"
        resources = app_dir / "_internal" / "resources"
        archive = (resources / "archive.sqlite").stat().st_size
        dictionary = folder_size(resources / "jieba") + (app_dir / "_internal" / "jieba" / "dict.txt").stat().st_size
        app_size, minimal_size = folder_size(app_dir), folder_size(minimal_dir)
        limit = 1.25 * minimal_size + archive + dictionary
        print(f"bundle: app {app_size / 1e6:.1f} MB, minimal PySide6 {minimal_size / 1e6:.1f} MB;"
              f" archive {archive / 1e6:.1f} MB, dictionary {dictionary / 1e6:.1f} MB")
        print(f"app / (minimal x 1.25 + archive + dictionary) = {app_size / limit:.2f} (target <= 1.00)")

        cold = drop_caches()
        first_minimal = time_to_shown(minimal_dir / "Minimal")
        drop_caches()
        first_app = time_to_shown(work / "dist" / "Probe" / "Probe")
        warm_minimal = statistics.median(time_to_shown(minimal_dir / "Minimal") for _ in range(3))
        warm_app = statistics.median(time_to_shown(work / "dist" / "Probe" / "Probe") for _ in range(3))
        label = "cold (file cache dropped)" if cold else "first launch (file cache could not be dropped)"
        print(f"{label}: app {first_app * 1000:.0f} ms, minimal {first_minimal * 1000:.0f} ms,"
              f" ratio {first_app / first_minimal:.2f} (target <= 2.00)")
        print(f"warm: app {warm_app * 1000:.0f} ms, minimal {warm_minimal * 1000:.0f} ms,"
              f" ratio {warm_app / warm_minimal:.2f}")


if __name__ == "__main__":
    main()
