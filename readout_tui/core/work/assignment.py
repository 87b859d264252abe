"""An article's statements as the analyst assigns them to the two accounts, before comparing.

One plain object that the assignment screen renders, as ``Workspace`` is for the comparison:
the attribution with the analyst's moves, their undo history, the filter, the statement under
the cursor, the counts; it answers where the next statement on neither is and builds the
comparison the assignment makes. Nothing here knows Textual.

The moves are saved with the comparison's session (``Session.assignment``), at once. Before
the first comparison they are saved with the decisions the session loaded; once a comparison
is open, through its workspace, so that whichever of the two screens saves last saves the
same, current, moves.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from enum import Enum

from readout_tui.core.engine.attribution import Attribution, How, Side
from readout_tui.core.engine.settings import AlignmentSettings
from readout_tui.core.io.article import accounts, with_attribution
from readout_tui.core.io.loading import MAX_PAIRS, Comparison, InputError
from readout_tui.core.work.session import LostDecision, Restored, Session, SessionStore, carried_over, fitted_moves
from readout_tui.core.work.workspace import Refusal, Workspace, settings_in_force

BRIEF = 60
"""Characters of a statement quoted in a message about it."""

HOW_LEGEND: tuple[tuple[How, str], ...] = (
    (How.CUE, "its cue names the account's source"),
    (How.CONTINUES, "carries on the statement before it"),
    (How.HEADLINE, "the article's first line"),
    (How.LINK, "a line linking another article"),
    (How.HEADING, "a short line without a full stop"),
    (How.OTHER_SOURCE, "its cue names neither account's source"),
    (How.NEGATED, "its cue says what an account lacks"),
    (How.NO_CUE, "no cue: the reporter's own text"),
    (How.LEARNED, "moved from the rules' side by a model learned from annotated articles"),
    (How.BY_HAND, "moved by hand (p puts it back)"),
)
"""How a statement can have been attributed, in a line each: the help screen's legend."""


class Show(str, Enum):
    """Which statements the assignment lists."""

    ALL = "all"
    LEFT = "left"
    RIGHT = "right"
    NEITHER = "neither"
    BY_HAND = "moved by hand"

    def next(self) -> Show:
        members = list(Show)
        return members[(members.index(self) + 1) % len(members)]


@dataclass(frozen=True)
class Counts:
    left: int
    right: int
    neither: int
    by_hand: int
    repeats: int
    """Statements of an account that tell an earlier one again (left out of it)."""


class Assignment:
    """Everything the assignment screen shows and changes, without the screen."""

    def __init__(
        self, comparison: Comparison, restored: Restored | None = None, store: SessionStore | None = None
    ) -> None:
        """
        Args:
            comparison: An article's comparison as loaded: ``info.article`` is the attribution
                as proposed.
            restored: The saved session, whose ``assignment`` is applied to the proposal.
            store: Where the moves are saved; None keeps nothing.
        """
        proposal = comparison.info.article
        if proposal is None:
            raise ValueError("not an article: nothing to assign")
        self.comparison = comparison
        self.store = store
        restored = restored or Restored(Session())
        saved = restored.session
        moves, gone = fitted_moves(saved.assignment, [s.text for s in proposal.statements])
        self.attribution: Attribution = proposal.with_hand_moves(moves)
        self.gone: tuple[LostDecision, ...] = tuple(
            LostDecision(f"moved by hand to {_account(proposal, saved.assignment[text])}: \u201c{_brief(text)}\u201d")
            for text in gone
        )
        """Saved moves of statements the article no longer has, each in a line (kept aside in
        the session's ``lost``)."""
        session = replace(saved, lost=saved.lost + self.gone, assignment=self.attribution.hand_moves())
        self.restored = replace(restored, session=session)
        """The saved session as the first comparison takes it up."""
        self._work = (session, accounts(comparison, self.attribution))
        """Before any comparison: the session and the accounts its decisions refer to."""
        self.workspace: Workspace | None = None
        """The comparison opened last (``accept``), which the moves are then saved with."""
        self.show = Show.ALL
        self.index: int | None = 0 if self.attribution.statements else None
        """The statement under the cursor (None when the filter lists none)."""
        self._undo: list[tuple[str, int, Attribution]] = []
        """Each move's name, its statement and the attribution before it."""
        self._redo: list[tuple[str, int, Attribution]] = []

    @classmethod
    def open(cls, comparison: Comparison, store: SessionStore | None = None) -> Assignment:
        """The article with the moves saved in ``store`` (if any)."""
        return cls(comparison, store.load(comparison) if store is not None else None, store)

    # -- what is shown --------------------------------------------------------------------------

    def label(self, side: Side | str) -> str:
        """An account's label, "neither" for neither."""
        return self.attribution.label(side)

    def rows(self) -> list[int]:
        """The statements the filter lists, in reading order."""
        return [s.index for s in self.attribution.statements if self._listed(s.index)]

    def _listed(self, index: int) -> bool:
        statement = self.attribution.statements[index]
        if self.show is Show.ALL:
            return True
        if self.show is Show.BY_HAND:
            return statement.how is How.BY_HAND
        return statement.side.value == self.show.value

    def show_name(self) -> str:
        """The filter as the screen names it: the accounts by their labels."""
        if self.show in (Show.LEFT, Show.RIGHT):
            return f"{self.label(self.show.value)} only"
        return self.show.value if self.show is not Show.NEITHER else "neither only"

    def counts(self) -> Counts:
        sides = Counter(s.side for s in self.attribution.statements)
        by_hand = sum(s.how is How.BY_HAND for s in self.attribution.statements)
        repeats = sum(s.repeats is not None for s in self.attribution.statements)
        return Counts(sides[Side.LEFT], sides[Side.RIGHT], sides[Side.NEITHER], by_hand, repeats)

    def why(self, index: int) -> str:
        return self.attribution.why(index)

    def proposal_why(self, index: int) -> str:
        """Why the attribution proposed what it did for statement ``index``, moved or not."""
        return self.comparison.info.article.why(index)

    @property
    def changed(self) -> bool:
        """Whether the assignment differs from the one the open comparison was made from."""
        return self.workspace is None or self.workspace.comparison.info.article != self.attribution

    # -- the cursor -----------------------------------------------------------------------------

    def point(self, index: int | None) -> None:
        self.index = index

    def cycle_show(self) -> Show:
        self.show = self.show.next()
        return self.show

    def seek(self, direction: int, side: Side = Side.NEITHER) -> int:
        """The next (``direction`` 1) or previous (-1) statement listed on ``side`` after the
        cursor, wrapping round."""
        rows = [i for i in self.rows() if self.attribution.statements[i].side is side]
        if not rows:
            where = "neither" if side is Side.NEITHER else f"the {self.label(side)} account"
            raise Refusal(f"No statement on {where} among those listed.")
        here = -1 if self.index is None else self.index
        ahead = [i for i in rows if (i > here if direction > 0 else i < here)]
        if ahead:
            return ahead[0] if direction > 0 else ahead[-1]
        return rows[0] if direction > 0 else rows[-1]

    # -- moving ---------------------------------------------------------------------------------

    def move(self, side: Side | str) -> str:
        """Move the statement under the cursor to ``side``; returns what was done."""
        index = self._here()
        side = Side(side)
        statement = self.attribution.statements[index]
        if statement.side is side:
            raise Refusal(f"Statement {index + 1} is on {self._where(side)} already.")
        if side is statement.proposed_side:
            what = f"Statement {index + 1} back on {self._where(side)}, as proposed"
        else:
            what = f"Statement {index + 1} moved to {self._where(side)}"
        return self._change(what, index, self.attribution.moved(index, side))

    def to_proposed(self) -> str:
        """Put the statement under the cursor back where the attribution proposed it."""
        index = self._here()
        statement = self.attribution.statements[index]
        if statement.how is not How.BY_HAND:
            raise Refusal(f"Statement {index + 1} is where it was proposed.")
        return self.move(statement.proposed_side)

    def _here(self) -> int:
        if self.index is None:
            raise Refusal("No statement here.")
        return self.index

    def _where(self, side: Side) -> str:
        return "neither" if side is Side.NEITHER else f"the {self.label(side)} account"

    def _change(self, what: str, index: int, attribution: Attribution) -> str:
        self._undo.append((what, index, self.attribution))
        self._redo.clear()
        self.attribution = attribution
        return what

    def undo(self) -> str:
        """Take back the last move, the cursor on its statement; returns the move's name."""
        if not self._undo:
            raise Refusal("Nothing to undo.")
        what, self.index, before = self._undo.pop()
        self._redo.append((what, self.index, self.attribution))
        self.attribution = before
        return what

    def redo(self) -> str:
        if not self._redo:
            raise Refusal("Nothing to redo.")
        what, self.index, after = self._redo.pop()
        self._undo.append((what, self.index, self.attribution))
        self.attribution = after
        return what

    # -- keeping and comparing ------------------------------------------------------------------

    def save(self) -> None:
        """Write the moves with the session, if there is a store (raises ``OSError``)."""
        moves = self.attribution.hand_moves()
        if self.workspace is not None:
            self.workspace.assignment = moves
            self.workspace.save()
            return
        session, accounts_now = self._work
        self._work = (replace(session, assignment=moves), accounts_now)
        if self.store is not None:
            self.store.save(self._work[0], accounts_now)

    def accept(self, settings: AlignmentSettings, threshold: float | None = None) -> Workspace:
        """The comparison of the two accounts as assigned, with the work saved on them: the
        open one when nothing moved since it was made, else a new one, its decisions carried
        over by their statements' texts. Raises ``Refusal`` when an account is empty.

        Args:
            settings: The command line's settings (see ``settings_in_force``).
            threshold: The command line's threshold, if it gave one.
        """
        if not self.changed:
            return self.workspace
        try:
            comparison = with_attribution(self.comparison, self.attribution)
        except InputError:
            empty = next(side for side in (Side.LEFT, Side.RIGHT) if not self.attribution.account(side))
            raise Refusal(f"The {self.label(empty)} account has no statements: move one to it first.") from None
        if len(comparison.left) * len(comparison.right) > MAX_PAIRS:
            raise Refusal(f"Too many statements to compare: {len(comparison.left):,} x {len(comparison.right):,}.")
        if self.workspace is not None:
            session, before = self.workspace.session(), self.workspace.comparison
        else:
            session, before = self._work
        if before.left.texts == comparison.left.texts and before.right.texts == comparison.right.texts:
            restored = Restored(session)
        else:
            restored = carried_over(session, before, comparison)
        if self.workspace is None:
            # What loading the session found goes with the first comparison, which tells it
            # (the file's own problem, ``notice``, is the assignment screen's to tell).
            restored = replace(restored, carried=self.restored.carried, lost=self.restored.lost + restored.lost)
        settings = settings_in_force(settings, threshold, restored.session)
        self.workspace = Workspace(comparison, settings, restored, self.store)
        return self.workspace


def assigned(comparison: Comparison, session: Session) -> Comparison:
    """``comparison`` with an article's statements moved as ``session`` saved them (for
    ``compare``). Raises ``InputError`` when an account is empty, saying how to fill it."""
    article = comparison.info.article
    if article is None:
        return comparison
    if not session.assignment:
        try:
            return with_attribution(comparison, article)
        except InputError as exc:
            raise InputError(
                f"{exc}: the article names no source that tells it; open the article in the app"
                " (readout-tui ARTICLE) to move statements to it by hand, or give two readout files"
            ) from exc
    moves, _ = fitted_moves(session.assignment, [s.text for s in article.statements])
    try:
        return with_attribution(comparison, article.with_hand_moves(moves))
    except InputError as exc:
        raise InputError(
            f"{exc}, as the saved assignment has it: open the article in the app to move one back, or give --no-session"
        ) from exc


def _account(attribution: Attribution, side: str) -> str:
    return attribution.label(side) if side in ("left", "right") else "neither"


def _brief(text: str) -> str:
    return text if len(text) <= BRIEF else text[: BRIEF - 1] + "\u2026"
