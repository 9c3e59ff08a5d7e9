"""Read seed page files into text: encodings, BOMs, line endings; report unreadable files."""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from viewer.errors import SourceError
from viewer.ingest import encodings

MAX_PAGE_BYTES = 16 * 1024 * 1024  # a newspaper page is tens of KB; larger files are skipped


@dataclass(frozen=True)
class RawPage:
    """One page's text as read from disk."""

    name: str  # file name, e.g. 000_a78a.txt
    source: str  # path as shown to users (relative to the project when inside it)
    text: str  # decoded, LF line endings, no BOM
    sha256: str
    encoding: str


def decode_bytes(data: bytes, name: str) -> tuple[str, str]:
    """Decode page bytes; return (text, encoding) or raise SourceError naming the reason."""
    if not data.strip():
        raise SourceError(f"{name}: empty file", f"{name}：文件为空")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError(f"{name}: binary file (contains NUL bytes)", f"{name}：二进制文件，不是文本")
    try:
        if data.startswith(b"\xef\xbb\xbf"):
            return _text(data[3:].decode("utf-8"), "utf-8", name)
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return _text(data.decode("utf-16"), "utf-16", name)
    except UnicodeDecodeError as e:
        raise SourceError(f"{name}: not valid text after its byte-order mark ({e.reason})",
                          f"{name}：文件开头标明了编码，但内容不符") from e
    try:
        return _text(data.decode("utf-8"), "utf-8", name)
    except UnicodeDecodeError:
        pass
    found = encodings.best_decoding(data)
    if found is None or found[2] < encodings.MIN_SCORE:
        raise SourceError(f"{name}: unknown encoding (not UTF-8, GB18030 or Big5)",
                          f"{name}：无法识别的编码（不是 UTF-8、GB18030 或 Big5），请另存为 UTF-8")
    text, encoding, _ = found
    if encoding in encodings.JAPANESE_ENCODINGS:
        raise SourceError(f"{name}: {encoding} (Japanese) text, not read; save it as UTF-8",
                          f"{name}：{encoding}（日文）编码，未读取；请另存为 UTF-8")
    return _text(text, encoding.lower(), name)


def _text(text: str, encoding: str, name: str) -> tuple[str, str]:
    if _looks_binary(text):
        raise SourceError(f"{name}: binary file (control characters)", f"{name}：二进制文件，不是文本")
    return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff"), encoding


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls > max(2, len(sample) // 100)


def read_page(path: Path, source: str | None = None) -> RawPage:
    """Read one file; raise SourceError (with the file name and the reason) when it is not usable
    text: a link loop, a FIFO or device, a file over MAX_PAGE_BYTES, an unknown encoding, a file name
    that is not UTF-8 (it could be neither stored nor shown)."""
    check_name(path)
    data = _read_regular_file(path)
    text, encoding = decode_bytes(data, path.name)
    if not text.strip():
        raise SourceError(f"{path.name}: no text", f"{path.name}：没有文字内容")
    return RawPage(
        name=path.name,
        source=source or path.as_posix(),
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
    )


def check_name(path: Path) -> None:
    """SourceError for a file name that is not UTF-8 (it could be neither stored nor shown)."""
    try:
        path.name.encode("utf-8")
    except UnicodeEncodeError as e:
        shown = shown_path(Path(path.name))
        raise SourceError(f"{shown}: the file name is not UTF-8; rename the file",
                          f"{shown}：文件名不是 UTF-8 编码，请重命名该文件") from e


def shown_path(path: Path) -> str:
    """A path as text that can be printed and stored: bytes that are not UTF-8 become U+FFFD."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _read_regular_file(path: Path) -> bytes:
    """The bytes of a regular file of at most MAX_PAGE_BYTES (never blocks on a FIFO, never reads a device)."""
    size = regular_file_size(path)
    if size > MAX_PAGE_BYTES:
        raise SourceError(f"{path.name}: too large ({size} bytes, at most {MAX_PAGE_BYTES})",
                          f"{path.name}：文件过大（{size} 字节，上限 {MAX_PAGE_BYTES}）")
    try:
        with open_regular(path) as f:
            data = f.read(MAX_PAGE_BYTES + 1)
    except OSError as e:
        raise SourceError(f"{path.name}: cannot read ({e.strerror})", f"{path.name}：无法读取") from e
    if len(data) > MAX_PAGE_BYTES:
        raise SourceError(f"{path.name}: too large (over {MAX_PAGE_BYTES} bytes)", f"{path.name}：文件过大")
    return data


def regular_file_size(path: Path) -> int:
    """The size of a regular file; SourceError (with the reason) for a link loop, a missing file, a FIFO,
    a device or a folder."""
    try:
        info = path.stat()
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise SourceError(f"{path.name}: symbolic link loop", f"{path.name}：符号链接循环") from e
        raise SourceError(f"{path.name}: cannot read ({e.strerror})", f"{path.name}：无法读取") from e
    if not stat.S_ISREG(info.st_mode):
        raise SourceError(f"{path.name}: not a regular file (a FIFO, device or folder)",
                          f"{path.name}：不是普通文件（管道、设备或文件夹）")
    return info.st_size


def open_regular(path: Path) -> BinaryIO:
    """Open a file checked by regular_file_size for reading, without blocking should it have become a FIFO
    since (OSError, or SourceError when it is no longer a regular file)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    f = os.fdopen(fd, "rb")
    if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):  # replaced since the check
        f.close()
        raise SourceError(f"{path.name}: not a regular file", f"{path.name}：不是普通文件")
    return f


def iter_seed_files(seeds_dir: Path) -> Iterator[Path]:
    """Seed files in name order (*.txt); hidden files are skipped. SourceError when the folder cannot be read."""
    try:
        names = sorted(entry.name for entry in os.scandir(seeds_dir)
                       if entry.name.endswith(".txt") and not entry.name.startswith("."))
    except OSError as e:
        raise SourceError(f"cannot read the seeds folder {seeds_dir}: {e.strerror or e}",
                          f"无法读取种子文件夹：{seeds_dir}（{e.strerror or e}）") from e
    for name in names:
        yield seeds_dir / name
