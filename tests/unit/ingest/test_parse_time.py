"""Parse time grows linearly with the page on hostile shapes (issue 18, 7): four times the page, about
four times the time, never sixteen."""

import time

import pytest

from bench.parse_bench import HOSTILE_SHAPES


def _seconds(parser, text: str) -> float:
    best = float("inf")
    for _ in range(2):  # the better of two runs: the machine is shared
        started = time.perf_counter()
        parser.parse(text, "t.txt", "seeds/t.txt")
        best = min(best, time.perf_counter() - started)
    return best


@pytest.mark.parametrize("shape", HOSTILE_SHAPES)
def test_parse_time_is_linear(parser, shape):
    make = HOSTILE_SHAPES[shape]
    small, large = _seconds(parser, make(50_000)), _seconds(parser, make(200_000))
    assert large < max(10 * small, 0.2), (shape, small, large)  # quadratic would be 16 times


def test_a_megabyte_line_without_punctuation_parses_in_about_a_second(parser):
    assert _seconds(parser, "工会劳模职工" * 170_000) < 3.0


def test_headline_like_lines_do_not_join_into_one_growing_title(parser):
    """Lines that each look like a title join only up to a title's length (joining them all was quadratic)."""
    lines = HOSTILE_SHAPES["headline-like lines, one under another"]
    small, large = _seconds(parser, lines(100_000)), _seconds(parser, lines(400_000))
    assert large < 8 * small, (small, large)
