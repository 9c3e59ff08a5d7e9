"""Entry point for `python -m viewer`, the `archive-viewer` script and the frozen app."""

from __future__ import annotations

import sys
from collections.abc import Sequence

CLI_COMMANDS = ("build", "export", "search", "tag", "untag", "tags", "bookmark", "bookmarks", "annotations",
                "import", "page-image",
                "-h", "--help", "--version")


def main(argv: Sequence[str] | None = None) -> int:
    """A subcommand runs the CLI (an unknown word such as `serach` too: a usage error, exit 2, never
    the window); `self-test` checks the app headless; no word (or only options) opens the window."""
    import multiprocessing

    multiprocessing.freeze_support()  # the builder's worker processes, in a frozen app
    args = list(sys.argv[1:] if argv is None else argv)
    if args and (args[0] in CLI_COMMANDS or (args[0] != "self-test" and not args[0].startswith("-"))):
        from viewer import cli

        return cli.main(args)
    from viewer import app

    if args and args[0] == "self-test":
        return app.self_test(args[1:])
    return app.main(args)


if __name__ == "__main__":
    sys.exit(main())
