"""Fault fixtures: a server that accepts and never answers, a throwaway PostgreSQL server the test may
stop and restart, running code as an unprivileged user, and a CLI runner."""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import os
import shutil
import socket
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def bundled_archive(seed_archive_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The seeds' archive stands in for the bundled one (a fresh clone has none before its first build)."""
    monkeypatch.setenv("ARCHIVE_VIEWER_ARCHIVE", str(seed_archive_path))
    return seed_archive_path


def run_cli(*args: str) -> tuple[int, str, str]:
    """Run the CLI in this process: (exit code, stdout, stderr)."""
    from viewer import cli

    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(args), out, err)
    return code, out.getvalue(), err.getvalue()


def one_clean_line(err: str) -> bool:
    """Exactly one line on stderr, and no traceback."""
    return len(err.strip().splitlines()) == 1 and "Traceback" not in err


@pytest.fixture()
def hung_server() -> Iterator[int]:
    """A port on 127.0.0.1 that accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join()
    for conn in accepted:
        conn.close()
    listener.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgServer:
    """A private PostgreSQL server (initdb into a temporary folder) the test may stop and start."""

    def __init__(self) -> None:
        bins = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: [int(x) for x in p.parent.name.split(".")])
        if not bins and not shutil.which("pg_ctl"):
            if os.environ.get("ARCHIVE_VIEWER_REQUIRE_PG"):
                pytest.fail("ARCHIVE_VIEWER_REQUIRE_PG is set but the PostgreSQL binaries are not installed")
            pytest.skip("PostgreSQL binaries are not installed")
        self.bin = bins[-1] if bins else Path(shutil.which("pg_ctl") or "").parent
        self.data = Path(tempfile.mkdtemp(prefix="viewer-faults-pg."))
        self.port = free_port()
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"
        if os.geteuid() == 0:
            shutil.chown(self.data, "postgres")
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8")

    def _run(self, tool: str, *args: str) -> None:
        command = [str(self.bin / tool), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)

    def start(self) -> None:
        options = f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-w", "-l", str(self.data / "log"), "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def pids(self) -> list[int]:
        """The server's processes: the postmaster and its children."""
        main = int((self.data / "postmaster.pid").read_text().split()[0])
        children = subprocess.run(["pgrep", "-P", str(main)], capture_output=True, text=True).stdout.split()
        return [main, *map(int, children)]

    def remove(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.data, ignore_errors=True)


@pytest.fixture(scope="module")
def pg_server() -> Iterator[PgServer]:
    """A throwaway server for tests that stop and restart it (needs the PostgreSQL binaries)."""
    server = PgServer()
    server.start()
    yield server
    server.remove()


def as_unprivileged(action: Callable[[], Any]) -> Any:
    """Run `action` where file permissions apply: in a forked child as `nobody` when we are root.

    Returns its result, or the exception it raised (as the exception's type name and text)."""
    if os.geteuid() != 0:
        try:
            return action()
        except Exception as e:
            return (type(e).__name__, str(e), getattr(e, "message_zh", ""))
    context = multiprocessing.get_context("fork")
    queue = context.Queue()

    def child() -> None:
        os.setgid(65534)
        os.setuid(65534)
        try:
            queue.put(action())
        except Exception as e:
            queue.put((type(e).__name__, str(e), getattr(e, "message_zh", "")))

    process = context.Process(target=child)
    process.start()
    result = queue.get(timeout=60)
    process.join(timeout=10)
    return result


@pytest.fixture()
def shared_dir() -> Iterator[Path]:
    """A folder an unprivileged user can reach (pytest's own are private to us)."""
    folder = Path(tempfile.mkdtemp(prefix="viewer-faults."))
    folder.chmod(0o777)
    yield folder
    for path in folder.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    shutil.rmtree(folder, ignore_errors=True)
