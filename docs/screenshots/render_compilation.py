"""Render the Word compilation of a few seed articles to PDF and PNG (needs LibreOffice and pdftoppm).

    python docs/screenshots/render_compilation.py
    # apt-get install libreoffice-writer-nogui poppler-utils fonts-wqy-microhei
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from viewer.archive import Archive  # noqa: E402
from viewer.paths import resources_dir  # noqa: E402
from viewer.reports.compilation import write_compilation  # noqa: E402

OUT = Path(__file__).resolve().parent


def pick(archive: Archive) -> list:  # type: ignore[type-arg]
    """Two headlined articles of 江苏工人报, a headline-less photo and brief, and a continued article."""
    articles = list(archive.articles())
    chosen = [a for a in articles if a.headline and a.issue.publication == "江苏工人报" and a.byline][:2]
    chosen.append(next(a for a in articles if a.kind == "photo" and not a.headline))
    chosen.append(next(a for a in articles if a.kind == "brief" and not a.headline))
    chosen.append(next(a for a in articles if a.continued in ("from", "both")))
    return chosen


def main() -> int:
    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    if not soffice or not pdftoppm:
        print("needs soffice (LibreOffice) and pdftoppm (poppler-utils)", file=sys.stderr)
        return 1
    with Archive.open(resources_dir() / "archive.sqlite") as archive, tempfile.TemporaryDirectory() as tmp:
        docx = Path(tmp) / "compilation.docx"
        write_compilation(docx, pick(archive), title="工会工作资料汇编", date_range="2024年3月—2025年7月")
        subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(docx)],
                       check=True, capture_output=True, timeout=300)
        pdf = OUT / "compilation.pdf"
        shutil.copy(Path(tmp) / "compilation.pdf", pdf)
        for page in (1, 2):
            subprocess.run([pdftoppm, "-png", "-r", "80", "-f", str(page), "-l", str(page), "-singlefile",
                            str(pdf), str(OUT / f"compilation-p{page}")], check=True, timeout=120)
    print(f"wrote {pdf} and compilation-p1.png, compilation-p2.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
