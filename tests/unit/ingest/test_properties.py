"""Property tests: the parser never raises and loses no content character."""

from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SEEDS
from viewer.text.normalize import content_chars

PAGES = Path(__file__).resolve().parents[2] / "pages" / "pages"
SEED_LINES = [
    line for p in sorted(SEEDS.glob("*.txt")) for line in p.read_text(encoding="utf-8").split("\n")
] + [line for p in sorted(PAGES.glob("*.txt"))[:12] for line in p.read_bytes().decode("utf-8", "replace").splitlines()]
# the short lines that open, close or mark stories: the parser's decisions turn on them
MARK_LINES = ["本报讯", "金晖摄", "金晖 摄", "（记者 王鑫）", "（下转第2版）", "（上接第1版）", "本版导读", "■通讯员 张三",
              "▲", "●", "第42期", "来源：", "作者：", "——", "工会动态", "2 工会", "平顶山市总工会 主办", "分别是：",
              "西江日报讯 （记者 陈松连", "）", "（", "新华社北京3月14日电", "江苏工人报", "2024-10-09"]
pieces = st.one_of(
    st.sampled_from(SEED_LINES),
    st.sampled_from(MARK_LINES),
    st.text(alphabet=st.sampled_from("工会劳模●【】“”﹃﹄（）,.()摄 \n本报讯记者0123456789AIe-mail:@"), max_size=40),
    st.text(max_size=30),
)
pages = st.lists(pieces, max_size=40).map("\n".join)


def page_content(page) -> Counter:
    texts = list(page.furniture.all_text()) + list(page.furniture.removed)
    for a in page.articles:
        texts += [a.kicker, a.headline, a.subheadline, a.column, a.body, a.signature]
        kept_in_lead = a.body.lstrip("●▲◆★ ").startswith(a.source_line)  # the lead keeps it, as printed
        texts += [] if kept_in_lead else [a.source_line]
        # names taken from the source line or a signature are copies; author lines are not
        texts += [g for g in a.byline_groups if g not in a.signature and g not in a.source_line]
        texts += [p for p in a.byline if p not in a.signature and p not in a.source_line]
    return Counter(content_chars("".join(texts)))


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages)
def test_parser_never_raises_and_loses_nothing(parser, text):
    page = parser.parse(text, "999_fuzz.txt", "seeds/999_fuzz.txt")
    expected = Counter(content_chars(text.replace("\r", "")))
    got = page_content(page)
    assert got == expected, (expected - got, got - expected)


def test_seed_pages_lose_nothing(parser):
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        page = parser.parse(text, path.name, f"seeds/{path.name}")
        assert page_content(page) == Counter(content_chars(text)), path.name
