"""A correction learned from the attribution gold, on top of the rules.

The rules give each statement a side and a reason (``How``). For each body statement a
logistic model reads the rules' decision, where the statement stands (after the headline, how
far from the last statement the rules gave a side, in the same paragraph or not), its quotation
marks and its words (hashed word and character n-grams, so "reporters", "wartawan" or
"журналистам" are weighed from the gold rather than listed), and says which of three it is:

- ``neither``;
- ``ref``: the reference side: the rules' side, or for a statement the rules left on neither,
  the side of the last statement they gave one;
- ``other``: the other side.

A statement moves only where the model is sure enough (``margin``). Headlines, links and
headings stay as the rules put them. The weights (``learned.json``) are fitted by
``bench/attribution_learn.py``; only numpy is needed here.
"""

from __future__ import annotations

import json
import math
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from readout_tui.core.engine.attribution.model import Attributed, How, Side
from readout_tui.core.engine.attribution.tokens import QUOTES

WEIGHTS = Path(__file__).with_name("learned.json")
CLASSES = ("neither", "ref", "other")
_STRUCTURE = (How.HEADLINE, How.LINK, How.HEADING)
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Options:
    """Which feature groups are read; the weights file records the ones it was fitted with."""

    dims: int = 1 << 14
    words: bool = True
    bigrams: bool = True
    chars: bool = True
    crossed: bool = False
    """Word features crossed with the rules' decision (side or neither)."""
    context: bool = True
    """The words of the statement before, prefixed."""
    swap: bool = True
    """Whether a statement the rules gave a side may be moved to the other side (else only to
    neither); the rules' side comes from a named source, which the words rarely overturn."""


_SETTLED = {"position": True, "place": True, "shape": False}
"""Options tried and settled (docs/attribution.md, the screening table): how far into the body
and which fifth of the article a statement stands are always read, the shape of the rules' cue
never. Weights fitted while they were options record them; only these values can be read."""


def _bucket(feature: str, dims: int) -> int:
    return zlib.crc32(feature.encode("utf-8")) % dims


def _how(statement: Attributed) -> str:
    return statement.how.value.replace(" ", "_")


def reference(statements: Sequence[Attributed]) -> list[Side | None]:
    """Each statement's reference side: its own, or the last one the rules gave before it."""
    refs: list[Side | None] = []
    last: Side | None = None
    for s in statements:
        if s.side is not Side.NEITHER:
            last = s.side
            refs.append(s.side)
        else:
            refs.append(last)
    return refs


def _tokens(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def _text_features(prefix: str, text: str, options: Options) -> dict[str, float]:
    words = _tokens(text)
    grams: dict[str, float] = {}
    if options.words:
        for w in words:
            grams[f"{prefix}w={w}"] = 1.0
    if options.bigrams:
        for a, b in zip(["<s>", *words], [*words, "</s>"]):
            grams[f"{prefix}b={a} {b}"] = 1.0
    if options.chars:
        for w in words:
            padded = f"<{w}>"
            for n in (3, 4):
                for k in range(len(padded) - n + 1):
                    grams[f"{prefix}c={padded[k : k + n]}"] = 1.0
    if grams:
        norm = 1.0 / math.sqrt(len(grams))
        grams = {k: v * norm for k, v in grams.items()}
    return grams


def features(statements: Sequence[Attributed], options: Options) -> list[dict[str, float] | None]:
    """Each statement's named features, or None for the statements the model leaves alone."""
    refs = reference(statements)
    out: list[dict[str, float] | None] = []
    last_attributed: int | None = None
    body_seen = 0
    for k, s in enumerate(statements):
        if s.how in _STRUCTURE:
            out.append(None)
            continue
        f: dict[str, float] = {"bias": 1.0}
        ruled = "side" if s.side is not Side.NEITHER else "neither"
        f[f"how={_how(s)}"] = 1.0
        f[f"rules={ruled}"] = 1.0
        f[f"ref={'yes' if refs[k] is not None else 'no'}"] = 1.0
        prev = statements[k - 1] if k else None
        nxt = statements[k + 1] if k + 1 < len(statements) else None
        for name, other in (("prev", prev), ("next", nxt)):
            if other is None:
                f[f"{name}=none"] = 1.0
                continue
            f[f"{name}_how={_how(other)}"] = 1.0
            if other.side is Side.NEITHER:
                f[f"{name}_side=neither"] = 1.0
            else:
                f[f"{name}_side={'ref' if other.side is refs[k] else 'other'}"] = 1.0
            f[f"{name}_block={'same' if other.block == s.block else 'other'}"] = 1.0
        if prev is not None and prev.how in _STRUCTURE:
            f[f"after_{_how(prev)}"] = 1.0
        # Where it stands: the gold's articles put background last, which "place" learns.
        f[f"body={min(body_seen, 3)}"] = 1.0
        f[f"place={min(4, int(5 * k / max(1, len(statements))))}"] = 1.0
        body_seen += 1
        if last_attributed is None:
            f["since=none"] = 1.0
        else:
            f[f"since={min(k - last_attributed, 4)}"] = 1.0
            if statements[last_attributed].block == s.block:
                f["since_block=same"] = 1.0
        text = s.text.strip()
        if text[:1] in QUOTES:
            f["quote_open"] = 1.0
        if text[-1:] in QUOTES or text[-2:-1] in QUOTES:
            f["quote_close"] = 1.0
        if any(c in QUOTES for c in text):
            f["quote_any"] = 1.0
        f.update(_text_features("", text, options))
        if options.crossed:
            f.update(_text_features(f"{ruled}|", text, options))
        if options.context and prev is not None and prev.how not in _STRUCTURE:
            f.update(_text_features("prev|", prev.text, replace(options, chars=False, bigrams=False)))
        out.append(f)
        if s.side is not Side.NEITHER:
            last_attributed = k
    return out


def hashed(named: dict[str, float], dims: int) -> dict[int, float]:
    out: dict[int, float] = {}
    for name, value in named.items():
        b = _bucket(name, dims)
        out[b] = out.get(b, 0.0) + value
    return out


@dataclass(frozen=True)
class Model:
    options: Options
    rows: dict[int, np.ndarray]
    """Each hashed feature's weight for each class (the features never seen are zero)."""
    intercept: np.ndarray
    margin: float
    """How much more likely than the rules' own class a class must be to move a statement."""
    margin_off: float = 0.0
    """How much more again to move a statement the rules gave a side to neither: the rules'
    side comes from a cue, which a few of the gold's words should not overturn lightly."""

    def probabilities(self, named: dict[str, float]) -> np.ndarray:
        score = self.intercept.copy()
        for b, v in hashed(named, self.options.dims).items():
            row = self.rows.get(b)
            if row is not None:
                score += v * row
        score -= score.max()
        e = np.exp(score)
        return e / e.sum()

    def to_json(self) -> dict:
        return {
            "options": self.options.__dict__,
            "classes": list(CLASSES),
            "margin": self.margin,
            "margin_off": self.margin_off,
            "intercept": [round(float(x), 5) for x in self.intercept],
            "rows": {str(b): [round(float(x), 5) for x in row] for b, row in sorted(self.rows.items())},
        }

    @classmethod
    def from_json(cls, data: dict) -> Model:
        options = dict(data["options"])
        for name, value in _SETTLED.items():
            if options.pop(name, value) != value:
                raise ValueError(f"the weights were fitted with {name} other than {value}, which is no longer read")
        return cls(
            Options(**options),
            {int(b): np.array(row, dtype=float) for b, row in data["rows"].items()},
            np.array(data["intercept"], dtype=float),
            float(data["margin"]),
            float(data.get("margin_off", 0.0)),
        )


@lru_cache(maxsize=1)
def shipped() -> Model | None:
    if not WEIGHTS.is_file():
        return None
    return Model.from_json(json.loads(WEIGHTS.read_text(encoding="utf-8")))


def rules_class(statement: Attributed) -> str:
    return "neither" if statement.side is Side.NEITHER else "ref"


def apply(statements: Sequence[Attributed], model: Model | None) -> list[Attributed]:
    """The rules' statements with the ones the model is sure of moved (``How.LEARNED``)."""
    if model is None:
        return list(statements)
    named = features(statements, model.options)
    probabilities = [None if f is None else model.probabilities(f) for f in named]
    corrected = moved(statements, probabilities, model.margin, swap=model.options.swap, margin_off=model.margin_off)
    return _both_accounts_kept(statements, corrected, probabilities)


def _both_accounts_kept(
    rules: Sequence[Attributed], corrected: list[Attributed], probabilities: Sequence[np.ndarray | None]
) -> list[Attributed]:
    """``corrected``, except that an account the rules found and the correction emptied gets
    back the one statement of it the model moved least surely: the correction refines an
    account, and an article one of whose accounts is empty cannot be compared at all."""
    out = list(corrected)
    for side in (Side.LEFT, Side.RIGHT):
        if any(s.side is side for s in corrected):
            continue
        moved_away = [k for k, s in enumerate(rules) if s.side is side and probabilities[k] is not None]
        if moved_away:
            k = min(moved_away, key=lambda k: _sureness(probabilities[k], rules[k]))
            out[k] = rules[k]
    return out


def _sureness(p: np.ndarray, statement: Attributed) -> float:
    """How much likelier the model finds its best class than the rules' own."""
    return float(p.max() - p[CLASSES.index(rules_class(statement))])


def moved(
    statements: Sequence[Attributed],
    probabilities: Sequence[np.ndarray | None],
    margin: float,
    swap: bool = True,
    margin_off: float = 0.0,
) -> list[Attributed]:
    """``statements`` with each moved to the class the model finds likelier than the rules' own
    by ``margin`` (None: left alone; ``swap`` False: a side's statement never goes to the other;
    ``margin_off``: more again for a side's statement to go to neither)."""
    refs = reference(statements)
    out = []
    other = CLASSES.index("other")
    for s, ref, p in zip(statements, refs, probabilities):
        if p is None:
            out.append(s)
            continue
        own = CLASSES.index(rules_class(s))
        if not swap and s.side is not Side.NEITHER:
            p = p.copy()
            p[other] = -1.0
        best = int(np.argmax(p))
        needed = margin + (margin_off if s.side is not Side.NEITHER and CLASSES[best] == "neither" else 0.0)
        if best == own or p[best] - p[own] < needed:
            out.append(s)
            continue
        target = CLASSES[best]
        if target == "neither":
            side = Side.NEITHER
        else:
            ref_side = ref or Side.LEFT
            side = ref_side if target == "ref" else (Side.RIGHT if ref_side is Side.LEFT else Side.LEFT)
        out.append(replace(s, side=side, how=How.LEARNED, continues=None, learned_from=(s.side, s.how)))
    return out
