"""Newspaper-like PDF pages for import tests, made with reportlab (CJK TrueType and CID fonts)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

WQY = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
PAGE_W, PAGE_H = 595.0, 842.0  # A4 in points
MARGIN = 36.0


@dataclass(frozen=True)
class Story:
    """One story: a headline and paragraphs, placed in a column."""

    headline: str
    paragraphs: tuple[str, ...]


def font_name(kind: str) -> str:
    """Register and return a font: 'ttf' embeds WenQuanYi Micro Hei, 'cid' uses STSong-Light."""
    from reportlab.pdfbase import pdfmetrics

    if kind == "ttf":
        from reportlab.pdfbase.ttfonts import TTFont

        if "WQY" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont("WQY", str(WQY), subfontIndex=0))
        return "WQY"
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


def _wrap(text: str, chars: int) -> list[str]:
    return [text[i : i + chars] for i in range(0, len(text), chars)] or [""]


def make_page(path: Path, stories: list[Story], *, masthead: str = "江苏工人报", dateline: str = "2026年3月14日 星期六",
              columns: int = 2, font: str = "ttf", headline_after: bool = False, encrypt: str | None = None) -> Path:
    """Write a one-page PDF: a masthead, a dateline, then stories flowing down `columns` columns.

    headline_after: write each headline after its story's body in the content stream (as
    Founder-made e-paper pages do), while printing it above the story.
    """
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    name = font_name(font)
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H),
                      encrypt=StandardEncryption(encrypt, canPrint=0) if encrypt else None)
    c.setFont(name, 28)
    c.drawString(MARGIN, PAGE_H - 60, masthead)
    c.setFont(name, 9)
    c.drawString(PAGE_W - MARGIN - 120, PAGE_H - 60, dateline)
    body_size, head_size = 9.0, 15.0
    col_w = (PAGE_W - 2 * MARGIN - (columns - 1) * 12) / columns
    chars = int(col_w // body_size)
    col, y = 0, PAGE_H - 100
    for story in stories:
        lines = [("  " if i == 0 else "") + part for p in story.paragraphs for i, part in enumerate(_wrap(p, chars))]
        height = head_size * 1.8 + len(lines) * body_size * 1.5
        if y - height < MARGIN and col + 1 < columns:
            col, y = col + 1, PAGE_H - 100
        x = MARGIN + col * (col_w + 12)
        head_y = y - head_size
        body_top = head_y - head_size * 0.8
        if not headline_after:
            c.setFont(name, head_size)
            c.drawString(x, head_y, story.headline)
        c.setFont(name, body_size)
        line_y = body_top - body_size
        for line in lines:
            c.drawString(x, line_y, line.replace(" ", "\u3000"))
            line_y -= body_size * 1.5
        if headline_after:
            c.setFont(name, head_size)
            c.drawString(x, head_y, story.headline)
        y = line_y - body_size
    c.showPage()
    c.save()
    return path


SAMPLE_STORIES = [
    Story("无锡市总工会开展职工技能大赛", (
        "本报讯（记者 王鑫）3月12日，无锡市总工会在新吴区举办全市职工职业技能大赛开幕式，来自全市各行业的三百余名职工参加比赛。",
        "大赛设置数控车工、焊工、电工等十二个项目，获奖职工将按规定申报相关荣誉。市总工会负责同志表示，要以赛促学、以赛促训。",
    )),
    Story("南通港闸区工会为快递小哥送温暖", (
        "本报讯（通讯员 陈静）近日，南通市港闸区总工会走进快递网点，为一线快递员送去防寒用品和慰问金。",
        "区总工会还在辖区设立十个户外劳动者服务站点，提供饮水、休息、充电等服务，让新就业形态劳动者感受到工会温暖。",
    )),
    Story("泰州劳模工匠助企行推进会召开", (
        "本报讯（记者 李明）3月10日，泰州市劳模工匠助企行推进会在海陵区召开，二十名劳模工匠与企业结对。",
        "会议要求，劳模工匠要发挥技术专长，帮助企业解决生产难题，推动产业工人队伍建设改革走深走实。",
    )),
]
