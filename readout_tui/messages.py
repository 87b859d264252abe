"""Messages the comparison worker posts from its thread to the screen."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from readout_tui.core.engine.evidence import Evidence


@dataclass
class EmbeddingProgress(Message):
    """Statements embedded so far, out of those the cache did not hold."""

    done: int
    total: int

    def can_replace(self, message: Message) -> bool:
        # Only the latest count matters; a backlog of counts would only delay the screen.
        return isinstance(message, EmbeddingProgress)


@dataclass
class ModelFailed(Message):
    """The model could not be used; the comparison goes on with lexical evidence only."""

    reason: str


@dataclass
class EvidenceReady(Message):
    """The similarity evidence of the two readouts, in the order they were given to the worker."""

    evidence: Evidence
