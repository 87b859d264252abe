"""One news article, two accounts: which statements tell which government's account of a call.

An article that reports a call often tells both governments' accounts in one text ("Israel
said ...; the Kremlin said ..."), among its headline, links to other articles, the reporter's
context and other people's remarks. Each statement is given to the left account, the right
account or neither, from the article's own cues:

1. **What a statement is.** The first line is the headline; a line that opens with a link
   marker ("Baca juga:", "Read more:", "Читайте также:") is a link; a short line without final
   punctuation is a heading. All three are neither.
2. **Cues.** A reporting verb and its source ("the Kremlin said", "Kremlin mengatakan",
   "в Кремле заявили", "kata sebuah pernyataan Israel"), or a marker with the source after it
   ("according to the Israeli statement", "menurut ...", "по данным Кремля"). The source is
   the noun phrase next to the verb, without prepositional phrases ("Trump melalui unggahan di
   Truth Social menyatakan": Trump). A cue in a time clause ("after Trump announced") dates
   the statement rather than attributing it; a negated one ("did not mention", "не
   говорится") says what an account lacks: neither.
3. **Sources.** A source with names is the entity its last name run heads ("National Security
   Council spokesman John Kirby": Kirby). Names are linked by how the article writes them:
   every word of a multi-word name votes for the name's last word, so "Israel" in "Perdana
   Menteri Israel Benjamin Netanyahu" and "Amerika Serikat" (and "AS") in "Presiden Amerika
   Serikat Donald Trump" lead to the person; a spokesman or an aide speaks for the
   organisation the article names with them ("Kremlin aide Yuri Ushakov", "juru bicara
   Kremlin Dmitry Peskov"). A possessive source ("his office",
   "kantornya") is the sentence's subject's; a bare one ("the readout said", "говорится в
   сообщении") is the last source named.
4. **Sides.** The two sources the article cites most (a cue that names a statement or an
   office counts double) are the two accounts, the one cited first on the left; they are
   labelled as the article names them ("Israeli government", "Kremlin"). Other sources
   (another minister, another newspaper) are neither.
5. **Carrying on.** A statement with a pronoun for its source ("Dia menambahkan", "He also
   told", "по его словам"), or with no cue whose subject is a pronoun, a title ("Kepala
   Negara", "the prime minister") or the side's own source doing what is done in a call
   ("Netanyahu juga menyampaikan apresiasinya"), carries on the account of the statement
   before it (links skipped). Anything else without a cue is the reporter's: neither.
6. **Told twice.** A statement most of whose words an earlier statement of the same side
   already has is marked as repeating it, and left out of that side's account (it stays in
   the attribution, marked).

Nothing here knows any country, leader or outlet: the word lists (``cues``) are each
language's reporting verbs, pronouns and function words.

The pieces: ``tokens`` (words and names), ``names`` (how names lead to one another),
``sources`` (a statement's cues and subject), ``model`` (what an attribution is); this module
reads the article through them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from readout_tui.core.engine import cues
from readout_tui.core.engine.attribution.model import (
    Attributed,
    Attribution,
    AttributionError,
    How,
    Side,
    mark_repeats,
)
from readout_tui.core.engine.attribution.names import Names
from readout_tui.core.engine.attribution.sources import Cue, Kind, Subject, find_cues, find_subject
from readout_tui.core.engine.attribution.tokens import Token, name_runs, read_tokens
from readout_tui.core.engine.names import capitalised_inside

__all__ = ["Attributed", "Attribution", "AttributionError", "How", "Side", "attribute"]

_HEADLINE_WORDS = 40
_HEADING_WORDS = 10
_ENDS_SENTENCE = tuple(".!?…\"'”»)。！？")
_WORD = re.compile(r"\w+")


@dataclass
class _Body:
    """What is read from one statement of the article's body."""

    tokens: list[Token]
    cues: list[Cue]
    subject: Subject


def attribute(blocks: Sequence[Sequence[str]]) -> Attribution:
    """Attribute an article's statements, given grouped by line (``statement_blocks``).
    Raises ``AttributionError`` when fewer than two sources are cited."""
    flat = [(b, text) for b, block in enumerate(blocks) for text in block]
    structure = _structure(blocks)
    body_texts = [text for (b, text) in flat if structure[b][0] is None]
    inside = capitalised_inside(body_texts) | {w.casefold() for w in _always_names(body_texts)}
    bodies: dict[int, _Body] = {}
    names = Names()
    for index, (b, text) in enumerate(flat):
        if structure[b][0] is not None:
            continue
        tokens = read_tokens(text, inside)
        for run in name_runs(tokens):
            names.add(run)
        names.add_roles(tokens)
        bodies[index] = _Body(tokens, find_cues(tokens, text), find_subject(tokens, text))
    resolved = _resolve_sources(flat, bodies, names)
    left, right = _sides(resolved, bodies)
    statements = _assign(flat, structure, bodies, resolved, names, (left, right))
    labels = _labels(resolved, bodies, names, (left, right))
    return Attribution(tuple(mark_repeats(statements)), *labels)


def _always_names(texts: Iterable[str]) -> set[str]:
    """Acronyms are names wherever they stand."""
    return {w for text in texts for w in _WORD.findall(text) if len(w) > 1 and w.isupper()}


def _structure(blocks: Sequence[Sequence[str]]) -> list[tuple[How | None, str]]:
    """Each block's kind: headline, link or heading (with the link's marker), or None for
    body text."""
    kinds: list[tuple[How | None, str]] = []
    for b, block in enumerate(blocks):
        joined = " ".join(block)
        marker = cues.link_marker(joined)
        words = len(joined.split())
        if b == 0 and len(blocks) > 1 and words <= _HEADLINE_WORDS:
            kinds.append((How.HEADLINE, ""))
        elif marker:
            kinds.append((How.LINK, marker))
        elif len(block) == 1 and words <= _HEADING_WORDS and not joined.endswith(_ENDS_SENTENCE):
            kinds.append((How.HEADING, ""))
        else:
            kinds.append((None, ""))
    return kinds


@dataclass(frozen=True)
class _Resolved:
    """A cue with the entity it stands for ("" for none), or a pronoun that carries on (with
    the entity of the statement before, which counts it for choosing the sides)."""

    cue: Cue
    entity: str
    carries_on: bool = False


def _resolve_sources(flat, bodies: dict[int, _Body], names: Names) -> dict[int, list[_Resolved]]:
    """Each body statement's usable cues (not in a time clause), with their entities."""
    resolved: dict[int, list[_Resolved]] = {}
    last_entity = ""
    before = ""
    """The entity of the body statement before, for a pronoun."""
    for index in sorted(bodies):
        body = bodies[index]
        subject = names.resolve(body.subject.key) if body.subject.kind == "named" else ""
        found = []
        for cue in body.cues:
            if cue.subordinate:
                continue
            if cue.kind is Kind.NAMED:
                found.append(_Resolved(cue, names.resolve(cue.key)))
            elif cue.kind in (Kind.POSSESSIVE, Kind.SUBJECT) and subject:
                found.append(_Resolved(cue, subject))
            elif cue.kind is Kind.GENERIC or (cue.kind is Kind.POSSESSIVE and body.subject.kind != "pronoun"):
                if last_entity:
                    found.append(_Resolved(cue, last_entity))
            else:
                found.append(_Resolved(cue, before, carries_on=True))
            if found and found[-1].entity and not found[-1].cue.negated:
                last_entity = found[-1].entity
        resolved[index] = found
        before = next((r.entity for r in found if r.entity and not r.cue.negated), "")
    return resolved


def _sides(resolved: dict[int, list[_Resolved]], bodies: dict[int, _Body]) -> tuple[str, str]:
    """The two entities cited most (a documented cue counts double); the first cited left."""
    score: Counter = Counter()
    first: dict[str, int] = {}
    for index, found in resolved.items():
        weights: dict[str, int] = {}
        for r in found:
            if r.entity and not r.cue.negated:
                weights[r.entity] = max(weights.get(r.entity, 0), 2 if r.cue.documented else 1)
        for entity, weight in weights.items():
            score[entity] += weight
            first.setdefault(entity, index)
    ranked = sorted(score, key=lambda e: (-score[e], first[e]))
    if len(ranked) < 2:
        if not ranked:
            raise AttributionError("the article cites no source (no 'X said', 'according to X')")
        raise AttributionError("the article cites only one source, so it tells one account, not two")
    two = sorted(ranked[:2], key=lambda e: first[e])
    return two[0], two[1]


def _assign(flat, structure, bodies, resolved, names: Names, sides: tuple[str, str]) -> list[Attributed]:
    side_of = {sides[0]: Side.LEFT, sides[1]: Side.RIGHT}
    statements: list[Attributed] = []
    previous: Attributed | None = None
    """The last body statement: what a pronoun carries on."""
    for index, (b, text) in enumerate(flat):
        kind, marker = structure[b]
        if kind is not None:
            cue = (0, len(marker)) if marker else None
            statement = Attributed(index, text, b, Side.NEITHER, kind, cue)
            statements.append(statement)
            if kind is not How.LINK:
                previous = None
            continue
        statement = _decide(index, text, b, bodies[index], resolved[index], names, side_of, previous)
        statements.append(statement)
        previous = statement
    return statements


def _decide(index, text, block, body: _Body, found: list[_Resolved], names, side_of, previous) -> Attributed:
    carried = previous.side if previous is not None else Side.NEITHER

    def continuing(cue: Cue | None) -> Attributed:
        span = cue.span if cue else None
        return Attributed(index, text, block, carried, How.CONTINUES, span, cue.source if cue else "", previous.index)

    usable = [r for r in found if not r.cue.negated]
    named = [r for r in usable if r.entity in side_of and not r.carries_on]
    if named:
        # Of two cues for the side, the one that names a statement or an office shows best why.
        best = max(named, key=lambda r: (r.entity == named[0].entity, _documented(r.cue)))
        return Attributed(index, text, block, side_of[best.entity], How.CUE, best.cue.span, best.cue.source)
    pronouns = [r for r in usable if r.carries_on]
    if pronouns and carried is not Side.NEITHER:
        return continuing(pronouns[0].cue)
    others = [r for r in usable if r.entity and not r.carries_on]
    if others:
        cue = others[0].cue
        return Attributed(index, text, block, Side.NEITHER, How.OTHER_SOURCE, cue.span, cue.source)
    negated = [r for r in found if r.cue.negated]
    if negated:
        cue = negated[0].cue
        return Attributed(index, text, block, Side.NEITHER, How.NEGATED, cue.span, cue.source)
    if carried is not Side.NEITHER and _carries_on(body, names, side_of, carried):
        return continuing(None)
    return Attributed(index, text, block, Side.NEITHER, How.NO_CUE)


def _documented(cue: Cue) -> bool:
    return cue.kind in (Kind.POSSESSIVE, Kind.GENERIC) or " " in cue.form


def _carries_on(body: _Body, names: Names, side_of: dict[str, Side], carried: Side) -> bool:
    """A statement without a cue carries on the account before it when its subject is a
    pronoun or a title alone, or the side's own source doing what is done in a call."""
    subject = body.subject
    if subject.kind == "pronoun":
        return True
    if subject.kind != "named" or side_of.get(names.resolve(subject.key)) is not carried:
        return False
    return cues.is_speech_act(subject.verb) or cues.is_reporting_verb(subject.verb)


def _labels(resolved, bodies, names: Names, sides: tuple[str, str]) -> tuple[str, str]:
    """Each side named as the article names its source: a name with its office ("Israeli
    government") before a bare name, the most frequent form, the subject's form before an
    oblique one ("пресс-служба Кремля" before "Кремля")."""
    labels = []
    for entity in sides:
        forms: Counter = Counter()
        order: dict[str, tuple] = {}
        for found in resolved.values():
            for r in found:
                if r.entity != entity or r.cue.kind is not Kind.NAMED or not r.cue.form or r.cue.negated:
                    continue
                office = any(cues.is_office_noun(w) for w in r.cue.form.split())
                rank = (not r.cue.oblique, office)
                forms[r.cue.form] += 1
                order[r.cue.form] = max(order.get(r.cue.form, rank), rank)
        if forms:
            best = max(forms, key=lambda f: (order[f], forms[f]))
            labels.append(best)
        else:
            labels.append(entity.capitalize())
    if labels[0].casefold() == labels[1].casefold():
        labels[1] = f"{labels[1]} (2)"
    return labels[0], labels[1]

