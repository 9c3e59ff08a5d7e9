"""Reading pages: encodings, BOM, line endings; unusable files reported by name; build summary."""

import pytest

from viewer.errors import SourceError
from viewer.ingest import sources
from viewer.ingest.build import build_archive

TEXT = "连云港女职工在发展奋进中展风采\n\n本报讯（通讯员 李绘）连云港市各级工会女职工组织扎实工作。\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8"),
        (TEXT.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gb18030"),
    ],
)
def test_decodes(data, encoding):
    text, used = sources.decode_bytes(data, "x.txt")
    assert text == TEXT and used == encoding


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "empty"), (b"  \n\n", "empty"), (b"\x00\x01\x02PNG\x00" * 50, "binary"), (bytes(range(128, 256)) * 3, "")],
)
def test_rejects_with_reason(data, reason):
    with pytest.raises(SourceError) as err:
        sources.decode_bytes(data, "bad.txt")
    assert "bad.txt" in err.value.message and reason in err.value.message


def test_build_skips_bad_files_and_keeps_good_ones(tmp_path, segmenter):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "001_good.txt").write_bytes(TEXT.encode("gb18030"))
    (seeds / "002_empty.txt").write_bytes(b"")
    (seeds / "003_binary.txt").write_bytes(b"\x00\xff" * 100)
    report = build_archive(seeds, tmp_path / "a.sqlite", segmenter=segmenter)
    assert report.files == 1 and report.articles == 1
    assert [name for name, _ in report.skipped] == ["002_empty.txt", "003_binary.txt"]
    assert not report.ok and (tmp_path / "a.sqlite").exists()
