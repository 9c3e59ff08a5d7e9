"""Error types shared by every layer: known (environment, user input) versus bugs."""

from __future__ import annotations


class ViewerError(Exception):
    """Base class of the project's own errors."""


class KnownError(ViewerError):
    """A problem of the environment or the input, with a message a user can act on.

    Attributes:
        message: English text for logs and the CLI.
        message_zh: Simplified Chinese text for the UI.
    """

    def __init__(self, message: str, message_zh: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.message_zh = message_zh or message


class ArchiveError(KnownError):
    """The archive file is missing, corrupt, or of another schema version."""


class SourceError(KnownError):
    """A seed file cannot be read as text (empty, binary, undecodable)."""


class QuerySyntaxError(KnownError):
    """A search query cannot be run; the message explains why."""


class Cancelled(KnownError):
    """The user cancelled a long action; it was rolled back and nothing was changed."""


class BugError(ViewerError):
    """Our own fault: should never happen; shown by the excepthook."""
