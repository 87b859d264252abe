"""The analyst's own statement boundaries: a statement that makes two claims split in two, two
that make one merged.

The readout files stay as they were; the edits are saved with the session and laid over the
statements each time the files are read, before the saved decisions are carried over to them
(``session``). Each edit names its statement by text, as the carry-over does: an edit whose
statement is no longer there is not made, and is listed as lost; it is kept, and made again
when its statement is back (the readouts split by the --segment it was made with), until the
analyst discards it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from readout_tui.core.io.loading import Comparison
from readout_tui.core.types import Readout, Statement


@dataclass(frozen=True)
class SegmentEdit:
    side: str
    """The comparison's side ("left" or "right"), not the view's."""
    kind: Literal["split", "merge"]
    texts: tuple[str, ...]
    """A split: the statement's text; a merge: the two statements' texts, in order."""
    at: int = 0
    """A split: where the second statement starts in the text."""

    def describe(self) -> str:
        if self.kind == "split":
            return f"split of \u201c{_brief(self.texts[0])}\u201d"
        return f"merge of \u201c{_brief(self.texts[0])}\u201d and \u201c{_brief(self.texts[1])}\u201d"

    def missed(self) -> str:
        """The line that lists the edit among the lost while its statement is not there."""
        return f"{self.describe()}: the statement is no longer there"


def split_edit(side: str, text: str, at: int) -> SegmentEdit | None:
    """The split of ``text`` at ``at``; None when either part would be empty."""
    if not text[:at].strip() or not text[at:].strip():
        return None
    return SegmentEdit(side, "split", (text,), at)


def resegmented(
    comparison: Comparison, edits: tuple[SegmentEdit, ...]
) -> tuple[Comparison, tuple[SegmentEdit, ...], tuple[SegmentEdit, ...]]:
    """``comparison`` with ``edits`` made in order; the edits made and those whose statements
    were not found."""
    texts = {"left": comparison.left.texts, "right": comparison.right.texts}
    made, missed = [], []
    for edit in edits:
        side = texts[edit.side]
        if edit.kind == "split":
            where = _find(side, edit.texts)
            if where is None or split_edit(edit.side, edit.texts[0], edit.at) is None:
                missed.append(edit)
                continue
            text = edit.texts[0]
            side[where : where + 1] = [text[: edit.at].strip(), text[edit.at :].strip()]
        else:
            where = _find(side, edit.texts)
            if where is None:
                missed.append(edit)
                continue
            side[where : where + 2] = [f"{edit.texts[0]} {edit.texts[1]}"]
        made.append(edit)
    if not made:
        return comparison, (), tuple(missed)
    left, right = _with_texts(comparison.left, texts["left"]), _with_texts(comparison.right, texts["right"])
    changed = replace(comparison, left=left, right=right)
    return changed, tuple(made), tuple(missed)


def _find(texts: list[str], run: tuple[str, ...]) -> int | None:
    """Where ``run`` (one text, or two in a row) first stands in ``texts``."""
    for index in range(len(texts) - len(run) + 1):
        if tuple(texts[index : index + len(run)]) == run:
            return index
    return None


def _with_texts(readout: Readout, texts: list[str]) -> Readout:
    if texts == readout.texts:
        return readout
    return replace(readout, statements=tuple(Statement(i, text) for i, text in enumerate(texts)))


def _brief(text: str, length: int = 60) -> str:
    return text if len(text) <= length else text[: length - 1] + "\u2026"
