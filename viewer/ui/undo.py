"""Undo for annotation changes: each change leaves the action that reverses it, newest first."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

UNDO_DEPTH = 50


@dataclass(frozen=True)
class Step:
    """A change that can be taken back: what it was (for the status bar) and how to reverse it."""

    label: str
    reverse: Callable[[], object]


class UndoStack:
    """The annotation changes of this session, newest last (at most UNDO_DEPTH)."""

    def __init__(self) -> None:
        self._steps: list[Step] = []

    def __len__(self) -> int:
        return len(self._steps)

    def push(self, label: str, reverse: Callable[[], object]) -> None:
        self._steps = [*self._steps, Step(label, reverse)][-UNDO_DEPTH:]

    def pop(self) -> Step | None:
        """The newest step, removed (None when there is nothing to undo)."""
        return self._steps.pop() if self._steps else None
