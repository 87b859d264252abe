"""What an attribution is: the article's statements, each given to the left account, the
right one or neither, and how."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import Enum

from readout_tui.core.engine.attribution.repeats import find_repeats
from readout_tui.core.types import Readout, Statement


class Side(str, Enum):
    LEFT = "left"
    RIGHT = "right"
    NEITHER = "neither"


class How(str, Enum):
    """Why a statement went where it did."""

    CUE = "cue"
    """Its own cue names the side's source."""
    CONTINUES = "continues"
    """It carries on the side's statement before it (a pronoun, a title, the side's source)."""
    HEADLINE = "headline"
    LINK = "link"
    HEADING = "heading"
    OTHER_SOURCE = "other source"
    """Its cue names a source that is neither account."""
    NEGATED = "negated"
    """Its cue says what an account does not say."""
    OUTSIDE_CALL = "outside the call"
    """Its cue names one party's source, speaking of something else than the call (a
    minister's remarks on another matter, a leader's speech elsewhere)."""
    ACCOUNT_ONLY = "account only"
    """Its cue says only that a side gave its account, and how ("Zelensky gave his own account
    on Telegram", "В Ташкенте рассказали о беседе подробнее"): nothing the account says."""
    NO_CUE = "no cue"
    """Nothing attributes it: the reporter's own text."""
    LEARNED = "learned"
    """The model learned from the gold (``learned``) moved it from where the rules put it."""
    BY_HAND = "by hand"


@dataclass(frozen=True)
class Attributed:
    """One statement of the article and where it went."""

    index: int
    """0-based position among the article's statements."""
    text: str
    block: int
    """The line (paragraph) of the article it comes from."""
    side: Side
    how: How
    cue: tuple[int, int] | None = None
    """Where in ``text`` the words that decided it are (for highlighting), if any."""
    source: str = ""
    """The source the cue names, as the article writes it ("the Kremlin", "kantornya")."""
    continues: int | None = None
    """The statement it carries on, for ``How.CONTINUES``."""
    repeats: int | None = None
    """An earlier statement of the same side it tells again; then it is left out of the
    side's account."""
    proposed: Side | None = None
    """What the attribution proposed, when the statement was moved by hand."""
    proposed_how: How | None = None
    learned_from: tuple[Side, How] | None = None
    """Where the rules had put it and why, for ``How.LEARNED``."""
    announces: Side | None = None
    """For ``How.ACCOUNT_ONLY``: the side whose account it says was given."""

    @property
    def cue_text(self) -> str:
        return self.text[self.cue[0] : self.cue[1]] if self.cue else ""

    @property
    def in_account(self) -> bool:
        return self.side is not Side.NEITHER and self.repeats is None

    @property
    def proposed_side(self) -> Side:
        """The side the attribution proposed, whether or not it was moved since."""
        return self.proposed or self.side


@dataclass(frozen=True)
class Attribution:
    """An article's statements, each given to the left account, the right one or neither.

    Immutable: ``moved`` returns the attribution with one statement moved by hand, so an
    assignment screen can keep each step for undo."""

    statements: tuple[Attributed, ...]
    left_label: str
    right_label: str

    def label(self, side: Side | str) -> str:
        side = Side(side)
        return {Side.LEFT: self.left_label, Side.RIGHT: self.right_label}.get(side, "neither")

    def account(self, side: Side | str) -> list[Attributed]:
        """The statements of ``side``'s account in reading order, repeats left out."""
        side = Side(side)
        return [s for s in self.statements if s.side is side and s.in_account]

    def account_index(self, index: int) -> int | None:
        """Where article statement ``index`` stands in its side's account (0-based), or None
        when it is in no account (neither, or a repeat)."""
        statement = self.statements[index]
        if not statement.in_account:
            return None
        return [s.index for s in self.account(statement.side)].index(index)

    def readouts(self, source: str = "", encoding: str = "utf-8") -> tuple[Readout, Readout]:
        """The two accounts as readouts, ready to compare."""
        return tuple(  # type: ignore[return-value]
            Readout(
                self.label(side),
                tuple(Statement(i, s.text) for i, s in enumerate(self.account(side))),
                source,
                encoding,
            )
            for side in (Side.LEFT, Side.RIGHT)
        )

    def moved(self, index: int, side: Side | str) -> Attribution:
        """This attribution with statement ``index`` moved to ``side`` by hand (moving it back
        to what was proposed undoes the move); repeats are marked afresh."""
        side = Side(side)
        current = self.statements[index]
        proposed = current.proposed or current.side
        proposed_how = current.proposed_how or current.how
        if side is proposed:
            changed = replace(current, side=side, how=proposed_how, proposed=None, proposed_how=None)
        else:
            changed = replace(current, side=side, how=How.BY_HAND, proposed=proposed, proposed_how=proposed_how)
        statements = list(self.statements)
        statements[index] = changed
        return replace(self, statements=tuple(mark_repeats(statements)))

    def relabelled(self, left: str | None = None, right: str | None = None) -> Attribution:
        return replace(self, left_label=left or self.left_label, right_label=right or self.right_label)

    def hand_moves(self) -> dict[str, str]:
        """The statements moved by hand, by text: what a session saves. ``with_hand_moves``
        applies them again to the same article (or one edited since: a statement no longer
        there is skipped)."""
        return {s.text: s.side.value for s in self.statements if s.how is How.BY_HAND}

    def with_hand_moves(self, moves: dict[str, str]) -> Attribution:
        result = self
        for statement in self.statements:
            side = moves.get(statement.text)
            if side in Side._value2member_map_:
                result = result.moved(statement.index, side)
        return result

    def why(self, index: int) -> str:
        """In a few words a person can read: how statement ``index`` was attributed."""
        s = self.statements[index]
        label = self.label(s.side)
        if s.how is How.BY_HAND:
            base = f"moved by hand (proposed: {self.label(s.proposed or Side.NEITHER)})"
        elif s.how is How.CUE:
            base = f"cue “{s.cue_text}”"
        elif s.how is How.CONTINUES:
            lead = f"“{s.cue_text}” " if s.cue else ""
            base = f"{lead}continues statement {s.continues + 1} ({label})" if s.continues is not None else "continues"
        elif s.how is How.LINK:
            base = f"link line (“{s.cue_text}”)" if s.cue else "link line"
        elif s.how is How.OTHER_SOURCE:
            base = f"cue “{s.cue_text}” names neither account"
        elif s.how is How.OUTSIDE_CALL:
            base = f"cue “{s.cue_text}”, but not about the call"
        elif s.how is How.ACCOUNT_ONLY:
            whose = f" ({self.label(s.announces)})" if s.announces else ""
            base = f"cue “{s.cue_text}” says only that an account was given{whose}"
        elif s.how is How.NEGATED:
            base = f"“{s.cue_text}” says what an account does not"
        elif s.how is How.NO_CUE:
            base = "no cue: the reporter's own text"
        elif s.how is How.LEARNED and s.learned_from is not None:
            # "(the rules: Администрация Токаева, cue)" read as a riddle: say what the rules did.
            side, how = s.learned_from
            if side is Side.NEITHER:
                rules = f"the rules left it on neither ({how.value})"
            else:
                said = f"cue “{s.cue_text}”" if how is How.CUE and s.cue else how.value
                rules = f"the rules gave it to {self.label(side)} ({said})"
            base = f"learned from annotated articles; {rules}"
        else:
            base = s.how.value
        if s.repeats is not None:
            base += f"; repeats statement {s.repeats + 1}, left out of the account"
        return base


class AttributionError(ValueError):
    """The article does not tell two accounts that its cues show."""


def mark_repeats(statements: Sequence[Attributed]) -> list[Attributed]:
    """Each side's statements with the ones that tell an earlier one of the side again marked
    (``repeats``: a model of what two statements share, learned from the gold)."""
    found = find_repeats([(s.text, s.block, s.side.value, s.cue_text) for s in statements])
    if found is None:
        return [replace(s, repeats=None) for s in statements]
    return [replace(s, repeats=None if e is None else statements[e].index) for s, e in zip(statements, found)]
