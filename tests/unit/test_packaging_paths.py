"""One path to resources in source and frozen runs, and the prebuilt jieba cache."""

import sys
from pathlib import Path

from viewer import paths
from viewer.text.segment import Segmenter, write_cache


def test_source_run_finds_the_checkout():
    root = Path(__file__).resolve().parents[2]
    assert paths.bundle_root() == root
    assert paths.resources_dir() == root / "resources"
    assert (paths.translations_dir() / "viewer_en.qm").is_file()
    assert paths.executable_dir() == root


def test_frozen_run_finds_the_bundle(tmp_path, monkeypatch):
    bundle = tmp_path / "ArchiveViewer"
    internal = bundle / "_internal"
    (internal / "resources" / "jieba").mkdir(parents=True)
    (internal / "resources" / "jieba" / "jieba.cache").write_bytes(b"x")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(internal), raising=False)
    monkeypatch.setattr(sys, "executable", str(bundle / "ArchiveViewer"))
    assert paths.resources_dir() == internal / "resources"
    assert paths.default_archive_path() == internal / "resources" / "archive.sqlite"
    assert paths.jieba_cache_file() == internal / "resources" / "jieba" / "jieba.cache"
    assert paths.executable_dir() == bundle  # where the `portable` marker goes


def test_the_prebuilt_cache_segments_like_jieba(tmp_path, segmenter):
    cache = tmp_path / "jieba.cache"
    write_cache(cache)
    cached = Segmenter(cache)
    sentence = "全天候数智化工会驿站建成，劳模工匠助企行专项行动推进会在盐城召开"
    assert cached.words(sentence) == segmenter.words(sentence)
    assert cached.cache_file == cache
