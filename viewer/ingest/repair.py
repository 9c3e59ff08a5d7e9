"""Line-level repairs of PDF-extracted text: doubled bold lines, vertical headlines, punctuation.

Every function is pure. Functions that remove text return what they removed, so the
parser can prove that no content character is lost.
"""

from __future__ import annotations

import re

CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
VERTICAL_QUOTES = str.maketrans({"﹃": "“", "﹄": "”", "﹁": "‘", "﹂": "’"})


def is_cjk(ch: str) -> bool:
    return bool(ch) and CJK_RE.match(ch) is not None


def cell_width(text: str) -> float:
    """Print cells a line takes: a Chinese character or full-width mark is one, ASCII half."""
    return len(text) - 0.5 * len(text.encode("ascii", "ignore"))


def undouble_part(part: str) -> tuple[str, str]:
    """Undo one doubled bold run: "铸魂强基砺作风铸魂强基砺作风" → ("铸魂强基砺作风", removed half)."""
    n = len(part)
    if n >= 6 and n % 2 == 0 and part[: n // 2] == part[n // 2 :]:
        half = part[: n // 2]
        if sum(1 for ch in half if ch.isalnum()) >= 3 and CJK_RE.search(half):
            return half, half
    # 【【履职手记】】 → 【履职手记】 (only the brackets are doubled)
    m = part[:1] in "【〔[" and re.fullmatch(r"([【〔\[])\1(.+?)([】〕\]])\3", part)
    if m:
        return f"{m.group(1)}{m.group(2)}{m.group(3)}", m.group(1) + m.group(3)
    return part, ""


def undouble_line(line: str) -> tuple[str, str]:
    """Undouble a line printed twice, or every space-separated part of it; return (fixed line, removed text).

    "百年工运铸辉煌 粽情端午谱新章百年工运铸辉煌 粽情端午谱新章" and "宿迁市总为一线职工送清凉 宿迁市总为一线职工送清凉"
    are one title each.
    """
    compact = re.sub(r"\s+", "", line)
    n = len(compact)
    if n >= 8 and n % 2 == 0 and compact[: n // 2] == compact[n // 2 :]:
        seen, cut = 0, 0
        for cut, ch in enumerate(line):  # noqa: B007 - cut is the index where the first half ends
            if not ch.isspace():
                seen += 1
                if seen == n // 2:
                    break
        return line[: cut + 1].rstrip(), line[cut + 1 :].strip()
    parts = re.split(r"(\s+)", line)
    fixed: list[str] = []
    removed: list[str] = []
    for part in parts:
        if part and not part.isspace():
            kept, gone = undouble_part(part)
            fixed.append(kept)
            removed.append(gone)
        else:
            fixed.append(part)
    return "".join(fixed), "".join(removed)


def join_vertical_runs(lines: list[str], min_run: int = 3) -> list[str]:
    """Join runs of one-character lines (vertical headlines) into one line; ﹃﹄ become “”.

    The joined line replaces the first line of the run and the others become empty,
    so line numbers keep their meaning.
    """
    out = list(lines)
    i = 0
    while i < len(out):
        j = i
        while j < len(out) and len(out[j].strip()) == 1:
            j += 1
        if j - i >= min_run:
            joined = "".join(line.strip() for line in out[i:j]).translate(VERTICAL_QUOTES)
            out[i] = joined
            for k in range(i + 1, j):
                out[k] = ""
            i = j
        else:
            i = max(j, i + 1)
    return out


_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}


def widen_punctuation(line: str) -> str:
    """Make half-width punctuation next to Chinese full-width: 3月22日上午,大丰区 → 上午，大丰区.

    A period becomes 。 only after a Chinese character and not before a digit (1.35 stays).
    E-mail and web addresses are left alone.
    """
    if not any(ch in line for ch in ",;:?!().") or re.search(r"(https?://|www\.|@|E-?mail)", line, re.I):
        return line
    chars = list(line)
    n = len(chars)
    # the nearest character that is not a space, before and after each position (one pass each way)
    before, after = [""] * n, [""] * n
    for i in range(1, n):
        before[i] = chars[i - 1] if chars[i - 1] != " " else before[i - 1]
    for i in range(n - 2, -1, -1):
        after[i] = chars[i + 1] if chars[i + 1] != " " else after[i + 1]
    depth = 0  # full-width brackets open so far
    for i, ch in enumerate(chars):
        prev, nxt = before[i], after[i]
        if ch in _HALF_TO_FULL:
            if ch == "(":
                near = is_cjk(nxt) or is_cjk(prev)
            elif ch == ")":
                near = is_cjk(prev) or is_cjk(nxt) or depth > 0
            else:
                near = is_cjk(prev) or (is_cjk(nxt) and not prev.isascii())
            if near:
                chars[i] = _HALF_TO_FULL[ch]
            depth += {"（": 1, "）": -1}.get(chars[i], 0)
        elif ch in "（）":
            depth += 1 if ch == "（" else -1
        elif ch == "." and is_cjk(prev) and not nxt.isdigit() and not nxt.isascii() or ch == "." and is_cjk(prev) and nxt == "":
            chars[i] = "。"
    return "".join(chars)


def tidy_spaces(text: str) -> str:
    """Drop stray spaces between digits and Chinese (2月 11日 → 2月11日, 提高 0.9 个 → 提高0.9个)."""
    text = re.sub(r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=[0-9])", "", text)
    text = re.sub(r"(?<=[0-9%])[ \u3000]+(?=[\u4e00-\u9fff])", "", text)
    # a space right after an opening source mark: 本报讯 （通讯员 → 本报讯（通讯员
    return re.sub(r"(?<=[讯电])[ \u3000]+(?=（)", "", text)


def repair_line(line: str) -> tuple[str, str]:
    """All single-line repairs in order; return (repaired line, removed text)."""
    fixed, removed = undouble_line(line.strip())
    return widen_punctuation(fixed), removed
