"""Text safe to show in a terminal: no control or escape characters, no lone surrogates, one line."""

from __future__ import annotations

import unicodedata

# Categories a terminal would act on or hide: controls (ESC, BEL, CR …), format characters (bidi
# overrides such as U+202E), lone surrogates (from undecodable argv bytes), private use is kept.
UNSAFE = {"Cc", "Cf", "Cs", "Zl", "Zp"}


def clean_text(text: str) -> str:
    """Lone surrogates (undecodable bytes from argv) become U+FFFD; everything else is kept."""
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def printable(text: object) -> str:
    """One line of text with every control, escape and format character removed (tabs and line
    breaks become spaces)."""
    out = []
    for ch in clean_text(str(text)):
        if ch in "\t\n\r\v\f\x85\u2028\u2029":
            out.append(" ")
        elif unicodedata.category(ch) not in UNSAFE:
            out.append(ch)
    return "".join(out)
