"""Read seed page files into text: encodings, BOMs, line endings; report unreadable files."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from viewer.errors import SourceError

ENCODINGS = ("utf-8", "gb18030")


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
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        candidates: tuple[str, ...] = ("utf-8",)
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ("utf-16",)
    else:
        candidates = ENCODINGS
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_binary(text):
            raise SourceError(f"{name}: binary file (control characters)", f"{name}：二进制文件，不是文本")
        return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff"), encoding
    raise SourceError(
        f"{name}: not UTF-8 or GB18030 text", f"{name}：无法识别的编码（既不是 UTF-8 也不是 GB18030）"
    )


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls > max(2, len(sample) // 100)


def read_page(path: Path, source: str | None = None) -> RawPage:
    """Read one file; raise SourceError (with the file name) when it is not usable text."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise SourceError(f"{path.name}: cannot read ({e.strerror})", f"{path.name}：无法读取") from e
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


def iter_seed_files(seeds_dir: Path) -> Iterator[Path]:
    """Seed files in name order (*.txt); hidden files are skipped."""
    for path in sorted(seeds_dir.glob("*.txt")):
        if not path.name.startswith("."):
            yield path
