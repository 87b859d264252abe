"""One line with the numbers of the comparison and the state of the model."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from readout_tui.core.io.display import printable
from readout_tui.core.types import Status
from readout_tui.core.work.workspace import Tally

from .statement_list import GLYPH_STYLES

LEVEL_STYLES = {"busy": "$text-accent", "ready": "$text-success", "degraded": "bold $text-warning"}
SEPARATOR = Content("  ")


@dataclass(frozen=True)
class ModelState:
    text: str
    """E.g. "all-MiniLM-L6-v2: embedding 12/30" or "lexical only (model failed: ...)"."""
    level: str = "busy"
    """"busy" (loading or embedding), "ready", or "degraded" (lexical only)."""


class SummaryBar(Widget):
    """Whether the work is saved, counts, threshold and model state; set by the screen."""

    tally: reactive[Tally | None] = reactive(None, layout=True)
    threshold: reactive[float | None] = reactive(None, layout=True)
    """None: not known yet (a model's own threshold comes with its evidence)."""
    model: reactive[ModelState] = reactive(ModelState("starting"), layout=True)
    saving: reactive[str] = reactive("", layout=True)
    """What keeps the work on screen from being on disk ("Not saved: ...", "read-only"), already
    printable; "" when every edit is saved. First on the bar: it is the one thing not to miss."""
    lost: reactive[int] = reactive(0, layout=True)
    """Saved decisions that no longer fit edited readouts, kept until made again or discarded."""
    date: reactive[str] = reactive("", layout=True)
    """The call's date, when no pane's title or subtitle has room for it (80 columns); else ""."""

    def render(self) -> Content:
        parts = [Content.styled(self.saving, "bold $text-error")] if self.saving else []
        if self.lost:
            plural = "s" if self.lost > 1 else ""
            parts.append(Content.styled(f"{self.lost} lost decision{plural} (L)", "bold $text-warning"))
        parts += self._tally_parts()
        if self.date:
            parts.append(Content(self.date))
        if self.threshold is not None:
            parts.append(Content(f"threshold {self.threshold:.2f}"))
        parts.append(Content.styled(printable(self.model.text), LEVEL_STYLES[self.model.level]))
        return Content("\n").join(_lines(parts, self.content_size.width))

    def _tally_parts(self) -> list[Content]:
        tally = self.tally
        if tally is None:
            return []
        # Each side's number of statements is on its pane.
        if tally.matches is None:
            return []
        kinds = Content.assemble(
            (Status.MATCH.glyph, GLYPH_STYLES[Status.MATCH]), f" {tally.matches} same  ",
            (Status.RELATED.glyph, GLYPH_STYLES[Status.RELATED]), f" {tally.related} told differently",
        )
        # The sum here; each side's own count and coverage are under its pane, where nobody
        # has to guess which number is whose.
        unique = Content.assemble(
            (Status.UNIQUE.glyph, GLYPH_STYLES[Status.UNIQUE]), f" {tally.left.unique + tally.right.unique} unique"
        )
        return [kinds, unique]


def _lines(parts: list[Content], width: int) -> list[Content]:
    """``parts`` joined into lines no wider than ``width``, each part whole on one line: a
    narrow terminal then reads "coverage 80% · 75%", never "coverage 80%" and "· 75%" below."""
    lines: list[list[Content]] = [[]]
    used = 0
    for part in parts:
        if width and part.cell_length > width:
            part = part.truncate(width, ellipsis=True)  # a long reason; the notice has all of it
        needed = part.cell_length + (SEPARATOR.cell_length if lines[-1] else 0)
        if lines[-1] and width and used + needed > width:
            lines.append([])
            used, needed = 0, part.cell_length
        lines[-1].append(part)
        used += needed
    return [SEPARATOR.join(line) for line in lines]
