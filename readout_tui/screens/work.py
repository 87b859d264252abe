"""The comparison screen with the analyst's work: corrections, notes, undo, saving, export.

Decisions are kept in the comparison's own orientation (``Journal``) and turned to the panes'
orientation when the sides are swapped. They are laid over whatever the model decides, so they
survive threshold changes, and saved after every edit (and the cursor when the screen closes).
"""

from __future__ import annotations

from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from readout_tui.core.engine.cache import EmbeddingCache
from readout_tui.core.engine.decision import scored_pair
from readout_tui.core.engine.embedder import Embedder
from readout_tui.core.engine.settings import AlignmentSettings
from readout_tui.core.io.display import printable
from readout_tui.core.io.files import write_atomic
from readout_tui.core.io.loading import Comparison
from readout_tui.core.types import Alignment, Kind
from readout_tui.core.work.decisions import Decisions, Journal, pair_note_key
from readout_tui.core.work.session import Cursor, Restored, Session, SessionStore, own_case_folder
from readout_tui.widgets.detail_strip import DetailStrip
from readout_tui.widgets.statement_list import Mark

from . import compare
from .compare import CompareScreen, focus_ref
from .links import other
from .prompt import PromptScreen

if TYPE_CHECKING:
    from readout_tui.core.work.mentions import OneSided

HAND = "✎"
"""Gutter mark: something about this statement was decided by hand."""
NOTED = "¶"
"""Gutter mark: the statement (or a pair it is in) has a note."""
HAND_NOTED = "§"
"""Gutter mark: both, in the one column the gutter has for them."""
"""As the summary bar names them."""


class WorkScreen(CompareScreen):
    """The comparison, correctable.

    | Key(s) | Description |
    | :- | :- |
    | l | Link: pick the counterpart in the other pane, then l or enter. |
    | x | Unlink the pair shown. |
    | t | Change the pair's kind: same / told differently. |
    | o | Mark the statement deliberately unique (again: unmark). |
    | a / A | Note on the statement / on the pair. |
    | z / Z | Undo / redo. |
    | e | Export (HTML, Markdown, CSV, JSON). |
    | m | Show or hide what one side only mentions. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("l", "link", "Link", show=False),
        Binding("x", "unlink", "Unlink pair", show=False),
        Binding("t", "toggle_kind", "Change kind", show=False),
        Binding("o", "toggle_unique", "Deliberately unique", show=False),
        Binding("a", "note('statement')", "Note", show=False),
        Binding("A", "note('pair')", "Note on the pair", show=False),
        Binding("z,ctrl+z", "undo", "Undo", show=False),
        Binding("Z,ctrl+y", "redo", "Redo", show=False),
        Binding("e", "export", "Export", show=False),
        Binding("m", "toggle_mentions", "One-side mentions", show=False),
    ]

    def __init__(
        self,
        comparison: Comparison,
        embedder: Embedder | None,
        cache: EmbeddingCache | None,
        settings: AlignmentSettings,
        session: SessionStore | None = None,
        keep_threshold: bool = False,
    ) -> None:
        """
        Args:
            session: Where the work is saved; None keeps nothing.
            keep_threshold: Use ``settings``' threshold even when the session saved another.
        """
        restored = session.load(comparison) if session is not None else Restored(Session())
        if not keep_threshold:
            settings = restored.session.applied_to(settings)
        super().__init__(comparison, embedder, cache, settings)
        self.store = session
        self.restored = restored
        self.journal = Journal.resumed(restored.session.decisions, restored.session.undo, restored.session.redo)
        self.proposed: Alignment | None = None
        """The model's pairs before the analyst's decisions are laid over them."""
        self.picking: tuple[str, int] | None = None
        """The statement a link starts from (panes' orientation) while its partner is picked."""
        self._save_failed = False
        self._flipped: tuple[Decisions, Decisions] | None = None
        """The current decisions and their swapped form, kept while the panes are swapped
        because every row's mark asks for them."""
        self._work_line = Static(id="work-line", markup=False)
        self._cursor: Cursor | None = restored.session.cursor
        """Where the cursor was last, in the comparison's orientation: kept as it moves because
        the panes are gone by the time the screen is unmounted and the session saved."""

    def compose(self) -> ComposeResult:
        yield from super().compose()
        with VerticalScroll(id="mentions"):
            yield Static(id="mentions-text", markup=False)

    def on_mount(self) -> None:
        # Runs before CompareScreen.on_mount (Textual calls both, the subclass's first).
        # Right under the headline: at 80x24 the strip has room for few lines, and a decision
        # placed after two wrapped texts would never be seen.
        self.query_one(DetailStrip).mount(self._work_line, after="#detail-head")
        self.query_one("#mentions").display = False
        self._tell_restored()
        self.call_later(self._restore_cursor)

    def on_unmount(self) -> None:
        self._save()

    @cached_property
    def mentions(self) -> OneSided:
        # Imported on first use, as the exports are: the window paints before they are needed.
        from readout_tui.core.work.mentions import one_sided

        return one_sided(self.comparison.left, self.comparison.right)

    # -- orientation ------------------------------------------------------------------------------

    def decisions(self) -> Decisions:
        """The decisions in the panes' orientation."""
        current = self.journal.current
        if not self.swapped:
            return current
        if self._flipped is None or self._flipped[0] is not current:
            self._flipped = (current, current.swapped())
        return self._flipped[1]

    def _to_comparison(self, side: str) -> str:
        return other(side) if self.swapped else side

    # -- what the panes show ----------------------------------------------------------------------

    def _alignment(self) -> Alignment:
        self.proposed = super()._alignment()
        return self.decisions().apply(self.proposed, self.evidence)

    def _mark(self, side: str, index: int) -> Mark:
        mark = super()._mark(side, index)
        decisions = self.decisions()
        by_hand, noted = decisions.touches(side, index), bool(self._notes_on(side, index))
        if by_hand and noted:
            return replace(mark, flag=HAND_NOTED)
        if by_hand:
            return replace(mark, flag=HAND)
        if noted:
            return replace(mark, flag=NOTED)
        return mark

    def _marked_unique(self, side: str, index: int) -> bool:
        return (side, index) in self.decisions().unique

    def _notes_on(self, side: str, index: int) -> list[str]:
        decisions = self.decisions()
        position = 1 if side == "left" else 2
        return [
            text
            for key, text in decisions.notes.items()
            if key == (side, index) or (key[0] == "pair" and key[position] == index)
        ]

    def _sync(self) -> None:
        super()._sync()
        index = self.pane(self.side).current
        if index is not None:
            self._cursor = Cursor(self._to_comparison(self.side), index)
        self._show_work()

    def _show_work(self) -> None:
        if not self._work_line.is_mounted:
            return
        content = self._work_text()
        self._work_line.update(content)
        self._work_line.display = bool(content.plain)

    def _work_text(self) -> Content:
        if self.picking is not None:
            side, index = self.picking
            return Content.styled(
                f"Linking {focus_ref(side, index)}: move to its counterpart in the other pane,"
                " then l or enter; escape cancels",
                "bold $text-accent",
            )
        index = self.pane(self.side).current
        if index is None or self.links is None:
            return Content("")
        decisions, parts = self.decisions(), []
        partner = self._shown_partner()
        if partner is not None:
            left, right = self._pair(self.side, index, partner)
            pairs = self.links.counterparts(self.side, index)
            pair = next((p for p in pairs if (p.left, p.right) == (left, right)), None)
            if pair is not None and pair.manual:
                parts.append(f"{HAND} pair decided by hand")
            note = decisions.pair_note(left, right)
            if note:
                parts.append(f"pair note: {printable(note)}")
        elif (self.side, index) in decisions.unique:
            parts.append(f"{HAND} deliberately unique")
        elif decisions.touches(self.side, index):
            parts.append(f"{HAND} pair removed by hand")
        note = decisions.statement_note(self.side, index)
        if note:
            parts.append(f"note: {printable(note)}")
        return Content.styled(" · ".join(parts), "$text-accent") if parts else Content("")

    def _shown_partner(self) -> int | None:
        """The counterpart the detail strip shows for the cursor's statement (as ``_sync``)."""
        index = self.pane(self.side).current
        if self.links is None or index is None:
            return None
        if self._jump is not None:
            return self._jump.index
        partners = self.links.partners(self.side, index)
        return partners[0] if partners else None

    @staticmethod
    def _pair(side: str, index: int, partner: int) -> tuple[int, int]:
        return (index, partner) if side == "left" else (partner, index)

    # -- editing ----------------------------------------------------------------------------------

    def _ready(self) -> int | None:
        """The cursor's statement when corrections can be made, else None (and says why)."""
        index = self.pane(self.side).current
        if self.links is None:
            self.notify("The comparison is not ready yet.", timeout=2)
            return None
        return index

    def _edit(self, what: str, decisions: Decisions) -> None:
        """Make ``decisions`` (panes' orientation) current, redecide, save."""
        self.journal.record(what, decisions.swapped() if self.swapped else decisions)
        self._decide()
        self._save()
        self.notify(f"{what} (z undoes)", timeout=2, markup=False)

    def action_link(self) -> None:
        index = self._ready()
        if index is None:
            return
        if self.picking is None:
            self.picking = (self.side, index)
            self.side = other(self.side)
            self._show_work()
        else:
            self._finish_link()

    def _finish_link(self) -> None:
        start_side, start = self.picking
        index = self.pane(self.side).current
        if self.side == start_side or index is None:
            self.notify("Pick the counterpart in the other pane (tab switches panes).", timeout=2)
            return
        self.picking = None
        left, right = self._pair(start_side, start, index)
        existing = next((p for p in self.links.counterparts("left", left) if p.right == right), None)
        kind = existing.kind if existing else self._likely_kind(left, right)
        what = f"Linked L{left + 1} – R{right + 1} ({kind.label})"
        self._edit(what, self.decisions().link(left, right, kind))

    def _likely_kind(self, left: int, right: int) -> Kind:
        if self.evidence is None:
            return Kind.RELATED
        return scored_pair(self.evidence, left, right, self.settings).kind

    def action_jump(self) -> None:
        if self.picking is not None:
            self._finish_link()
        else:
            super().action_jump()

    def action_clear_search(self) -> None:
        if self.picking is not None:
            self.picking = None
            self._show_work()
            self.notify("Linking cancelled.", timeout=2)
        else:
            super().action_clear_search()

    def action_swap(self) -> None:
        self.picking = None
        super().action_swap()

    def _shown_pair(self) -> tuple[int, int] | None:
        index = self._ready()
        partner = self._shown_partner()
        if index is None or partner is None:
            if index is not None:
                self.notify("No pair here: this statement has no counterpart.", timeout=2)
            return None
        return self._pair(self.side, index, partner)

    def action_unlink(self) -> None:
        pair = self._shown_pair()
        if pair is not None:
            left, right = pair
            proposed = self.proposed is None or any(
                p.right == right for p in self.proposed.counterparts("left", left)
            )
            decisions = self.decisions().unlink(left, right, proposed)
            self._edit(f"Unlinked L{left + 1} – R{right + 1}", decisions)

    def action_toggle_kind(self) -> None:
        pair = self._shown_pair()
        if pair is None:
            return
        left, right = pair
        current = next(p for p in self.links.counterparts("left", left) if p.right == right)
        kind = Kind.RELATED if current.kind is Kind.MATCH else Kind.MATCH
        what = f"L{left + 1} – R{right + 1} now {kind.label}"
        self._edit(what, self.decisions().link(left, right, kind))

    def action_toggle_unique(self) -> None:
        index = self._ready()
        if index is None:
            return
        decisions, ref = self.decisions(), focus_ref(self.side, index)
        if (self.side, index) in decisions.unique:
            self._edit(f"{ref} no longer marked unique", decisions.unmark_unique(self.side, index))
        else:
            self._edit(f"{ref} marked deliberately unique", decisions.mark_unique(self.side, index))

    def action_note(self, target: str) -> None:
        index = self._ready()
        if index is None:
            return
        if target == "pair":
            pair = self._shown_pair()
            if pair is None:
                return
            key, name = pair_note_key(*pair), f"L{pair[0] + 1} – R{pair[1] + 1}"
        else:
            key, name = (self.side, index), focus_ref(self.side, index)
        current = self.decisions().notes.get(key, "")

        def done(text: str | None) -> None:
            if text is not None and text.strip() != current:
                verb = "Note on" if text.strip() else "Note removed from"
                self._edit(f"{verb} {name}", self.decisions().note(key, text))

        self.app.push_screen(
            PromptScreen(f"Note on {name}", current, "enter saves · empty removes it · escape cancels"),
            done,
        )

    def action_undo(self) -> None:
        self._step(self.journal.undo(), "Undone", "Nothing to undo.")

    def action_redo(self) -> None:
        self._step(self.journal.redo(), "Redone", "Nothing to redo.")

    def _step(self, what: str | None, verb: str, nothing: str) -> None:
        if what is None:
            self.notify(nothing, timeout=2)
            return
        self._decide()
        self._save()
        self.notify(f"{verb}: {what}", timeout=2, markup=False)

    def action_threshold(self, delta: float) -> None:
        super().action_threshold(delta)
        self._save()

    # -- mentions ---------------------------------------------------------------------------------

    def action_toggle_mentions(self) -> None:
        panel = self.query_one("#mentions")
        panel.display = not panel.display
        if panel.display:
            self.query_one("#mentions-text", Static).update(self._mentions_text())

    def _mentions_text(self) -> Content:
        lines = [Content.styled("Mentioned by one side only", "bold")]
        for side in ("left", "right"):
            source = self._to_comparison(side)
            found = self.mentions.of(source)
            items = ", ".join(
                f"{printable(m.text)} ({' '.join(focus_ref(side, i) for i in m.statements)})" for m in found
            )
            label = printable(self.readouts[side].label)
            caseless = "" if self.mentions.names[source] else " · names not looked for: no capital letters"
            lines.append(Content(f"only {label}: {items or 'nothing'}{caseless}"))
        return Content("\n").join(lines)

    # -- saving and restoring ---------------------------------------------------------------------

    def _tell_restored(self) -> None:
        restored = self.restored
        if restored.notice:
            self.notify(printable(restored.notice), severity="warning", markup=False, timeout=10)
        if restored.lost:
            listed = "; ".join(printable(lost) for lost in restored.lost)
            self.notify(
                f"The readouts changed; {len(restored.lost)} saved decision(s) no longer fit"
                f" and are kept aside in the session file: {listed}",
                severity="warning",
                markup=False,
                timeout=20,
            )
        if restored.carried:
            self.notify(
                f"The readouts changed; {restored.carried} saved decision(s) moved to the edited"
                " statements.",
                markup=False,
            )

    def _restore_cursor(self) -> None:
        cursor = self.restored.session.cursor
        if cursor is None:
            return
        side = self._to_comparison(cursor.side)
        self.pane(side).move_to(cursor.index)
        if side != self.side:
            self.side = side
        else:
            self._sync()

    def _save(self) -> None:
        if self.store is None:
            return
        session = Session(
            self.journal.current,
            self.settings.threshold,
            self._cursor,
            self.restored.session.lost,
            self.settings.lexical_threshold,
            self.journal.undo_steps,
            self.journal.redo_steps,
        )
        try:
            self.store.save(session, self.comparison)
        except OSError as exc:
            if not self._save_failed:
                reason = printable(f"{self.store.path}: {exc.strerror or exc}")
                self.notify(f"Cannot save the session: {reason}", severity="error", markup=False)
            self._save_failed = True

    # -- export -----------------------------------------------------------------------------------

    def action_export(self) -> None:
        if self._ready() is None:
            return
        folder = own_case_folder(self.comparison) or Path.cwd()
        stem = self.comparison.case_dir.name if self.comparison.case_dir else "readout"
        default = folder / f"{stem}-comparison.html"
        from readout_tui.core.io.export import FORMATS

        hint = "the name's ending picks the format: " + ", ".join(
            f".{'md' if fmt == 'markdown' else fmt}" for fmt in FORMATS
        )
        self.app.push_screen(PromptScreen("Export to", str(default), hint), self.export_to)

    def export_to(self, name: str | None) -> None:
        """Write the comparison, with the work, to ``name`` (its suffix picks the format)."""
        if not name or not name.strip():
            return
        from readout_tui.core.io.export import format_of, render

        path = Path(name.strip()).expanduser()
        fmt = format_of(path)
        if fmt is None:
            self.notify("Name the file .html, .md, .csv or .json.", severity="error", timeout=4)
            return
        text = render(fmt, self._comparison_alignment(), self.comparison.info, self.journal.current)
        try:
            write_atomic(path, text)
        except (OSError, ValueError) as exc:
            reason = printable(f"{path}: {getattr(exc, 'strerror', None) or exc}")
            self.notify(f"Export failed: {reason}", severity="error", markup=False)
            return
        self.notify(f"Exported: {printable(str(path))}", markup=False)

    def _comparison_alignment(self) -> Alignment:
        """What the panes show, in the comparison's own orientation."""
        if not self.swapped:
            return self.links.alignment
        evidence = self.evidence.swapped()
        return self.journal.current.apply(compare.decide(evidence, self.settings), evidence)


WORK_COMMANDS = [
    ("Link to a statement", "Pick the counterpart in the other pane", "link"),
    ("Unlink the pair shown", "The model's pair or one made by hand", "unlink"),
    ("Change the pair's kind", "Same / told differently", "toggle_kind"),
    ("Mark deliberately unique", "Or unmark: no counterpart, whatever the model finds", "toggle_unique"),
    ("Note on the statement", "Shown in the strip and in every export", "note('statement')"),
    ("Note on the pair", "Shown in the divergence table", "note('pair')"),
    ("Undo", "The last correction or note", "undo"),
    ("Redo", "What undo took back", "redo"),
    ("Export the comparison", "HTML, Markdown, CSV or JSON, with the corrections and notes", "export"),
    ("Mentioned by one side only", "Names, numbers, dates, durations the other side lacks", "toggle_mentions"),
]
