"""Import a batch of PDF and text files into the user's library: a file at a time, a report at the end."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from viewer.errors import KnownError
from viewer.ingest import library, merge, sources
from viewer.ingest.gazetteer import Gazetteer
from viewer.ingest.library_writer import LibraryWriter, PageRecord
from viewer.ingest.parse import PageParser
from viewer.ingest.prepare import PreparedFile, Timing, expand, file_sha256, prepare
from viewer.paths import default_archive_path
from viewer.text.segment import Segmenter

Progress = Callable[[int, int, str], None]  # (files done, files in all, the current file's name)


@dataclass
class ImportReport:
    """What a batch did: imported files with their article ids, duplicates, failures with reasons."""

    imported: list[dict[str, object]] = field(default_factory=list)
    duplicates: list[dict[str, str]] = field(default_factory=list)
    failed: list[dict[str, str]] = field(default_factory=list)  # file, reason (English), reason_zh
    pages: int = 0
    articles: int = 0
    cancelled: bool = False
    optimized: bool = False
    timing: Timing = field(default_factory=Timing)
    write_seconds: float = 0.0

    def as_json(self) -> dict[str, object]:
        """The contract's shape: imported, duplicates, failed (file and reason)."""
        return {"imported": self.imported, "duplicates": self.duplicates,
                "failed": [{"file": f["file"], "reason": f["reason"]} for f in self.failed]}

    @property
    def ok(self) -> bool:
        return not self.failed


class Importer:
    """Turns files into pages of the user's library; build one and reuse it for many batches.

    Attributes:
        data_dir: the user's data folder (library and kept page files).
    """

    def __init__(self, data_dir: Path, segmenter: Segmenter | None = None, bundled: Path | None = None) -> None:
        self.data_dir = data_dir
        self.segmenter = segmenter or Segmenter()
        self.parser = PageParser(self.segmenter.crosses_word, Gazetteer())
        self.bundled = bundled

    def prepare(self, path: Path, timing: Timing | None = None) -> PreparedFile:
        """Read and parse one file (no writing); raises SourceError with the reason."""
        return prepare(path, file_sha256(path), self.parser, timing)

    def open_writer(self) -> LibraryWriter:
        """The library's writer: the library made at the first import, or remade from a newer bundled archive."""
        bundled = self.bundled or default_archive_path()
        if merge.needs_merge(self.data_dir, bundled):
            merge.merge_bundled(self.data_dir, bundled, self.segmenter)
        return LibraryWriter(library.open_library(self.data_dir, bundled), self.segmenter)

    def run(self, paths: list[Path], replace: bool = False, progress: Progress | None = None,
            cancelled: Callable[[], bool] | None = None) -> ImportReport:
        """Import every file (folders expanded); stop between files when `cancelled()` says so."""
        files = list(expand(paths))
        report = ImportReport()
        writer = self.open_writer()
        try:
            for done, path in enumerate(files):
                if cancelled and cancelled():
                    report.cancelled = True
                    break
                if progress:
                    progress(done, len(files), path.name)
                prepared = self.check_and_prepare(path, writer, replace, report)
                if prepared is not None:
                    self.write(prepared, writer, replace, report)
            if progress and not report.cancelled:
                progress(len(files), len(files), "")
            report.optimized = writer.finish()
        finally:
            writer.close()
        return report

    def check_and_prepare(self, path: Path, writer: LibraryWriter, replace: bool,
                          report: ImportReport) -> PreparedFile | None:
        """The file parsed, or None when it is already there (a duplicate) or cannot be read (a failure)."""
        try:
            sha256 = file_sha256(path)
            if writer.has_file(sha256) and not replace:
                report.duplicates.append({"file": sources.shown_path(path), "sha256": sha256})
                return None
            return prepare(path, sha256, self.parser, report.timing)
        except KnownError as e:
            report.failed.append({"file": sources.shown_path(path), "reason": e.message, "reason_zh": e.message_zh})
            return None

    def write(self, prepared: PreparedFile, writer: LibraryWriter, replace: bool, report: ImportReport,
              pages: tuple[PageRecord, ...] | None = None) -> list[str]:
        """Keep the file by its sha256 and write its pages (as prepared, or as reviewed) in one transaction."""
        started = time.perf_counter()
        keep_file(prepared.path, self.data_dir, prepared.sha256)
        keys = writer.write_file(pages or prepared.pages, replace=replace)
        report.write_seconds += time.perf_counter() - started
        report.imported.append({"file": sources.shown_path(prepared.path), "sha256": prepared.sha256, "articles": keys})
        report.pages += len(pages or prepared.pages)
        report.articles += len(keys)
        return keys


def kept_file(data_dir: Path, sha256: str, suffix: str) -> Path:
    return library.pages_dir(data_dir) / f"{sha256}{suffix}"


def keep_file(path: Path, data_dir: Path, sha256: str) -> Path:
    """Copy the imported file into the data folder under its sha256 (written aside, then renamed)."""
    target = kept_file(data_dir, sha256, path.suffix.lower())
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".part")
        shutil.copyfile(path, tmp)
        os.replace(tmp, target)
    return target
