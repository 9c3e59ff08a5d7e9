"""Entry point for `python -m viewer`, the `archive-viewer` script and the frozen app."""

from __future__ import annotations

import sys
from collections.abc import Sequence

WINDOW_OPTIONS = ("--db", "--data-dir")  # what the window takes, each with a value (e.g. from a shortcut)


def route(args: Sequence[str]) -> tuple[str, list[str]]:
    """("window" | "self-test" | "cli", its arguments).

    Only the window's own options (--db FILE, --data-dir DIR) open the window; given before a word they
    go with it (`--data-dir X tags` runs tags). Any other word or option goes to the command line, so
    a mistyped command (`serach`) or an unknown option is a usage error (exit 2), never the window."""
    rest, leading = list(args), []
    while rest and rest[0].split("=", 1)[0] in WINDOW_OPTIONS:
        option = rest.pop(0)
        if "=" in option:
            leading.extend(option.split("=", 1))
        elif rest:
            leading.extend((option, rest.pop(0)))
        else:  # an option without its value: the command line says so (exit 2)
            return "cli", [*leading, option]
    if not rest:
        return "window", leading
    if rest[0] == "self-test":
        return "self-test", [*rest[1:], *leading]
    return "cli", [*rest, *leading]


def main(argv: Sequence[str] | None = None) -> int:
    """Run what `route` chooses: the command line, the headless self-test, or the window."""
    import multiprocessing

    multiprocessing.freeze_support()  # the builder's worker processes, in a frozen app
    target, args = route(sys.argv[1:] if argv is None else argv)
    if target == "cli":
        from viewer import cli

        return cli.main(args)
    from viewer import app

    if target == "self-test":
        return app.self_test(args)
    return app.main(args)


if __name__ == "__main__":
    sys.exit(main())
