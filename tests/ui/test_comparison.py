"""The comparison itself: the worker, the model's states, the threshold, swapping sides."""

from __future__ import annotations

from textual.content import Content

from readout_tui.core.engine.cache import EmbeddingCache
from readout_tui.core.engine.embedder import embed
from readout_tui.core.engine.evidence import embedded_texts, statement_vectors
from readout_tui.core.engine.settings import AlignmentSettings
from readout_tui.core.types import Status
from readout_tui.testing import BrokenEmbedder, GatedEmbedder, HashEmbedder, ready, summary_text
from readout_tui.widgets.statement_list import GLYPHS


def glyphs(pane) -> list[str]:
    """The status glyph of each listed statement, as drawn."""
    return [pane.row(i).gutter.plain.split()[1] for i in pane.shown]


async def test_texts_paint_before_embedding_and_marks_follow(make_app, example):
    embedder = GatedEmbedder()
    app = make_app(example, embedder=embedder)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert len(screen.pane("left").shown) == len(example.left)
        assert len(screen.pane("right").shown) == len(example.right)
        assert set(glyphs(screen.pane("left"))) == {GLYPHS[None]}
        assert "hash-test: loading" in summary_text(app)
        # The model's own threshold comes with its evidence: none is claimed before.
        assert "threshold" not in summary_text(app)
        assert screen.workspace.alignment is None
        await pilot.press("j", "u")  # keys work meanwhile; seeking says it must wait
        assert screen.pane("left").current == 1
        assert any("not ready" in notice for notice in app.notices)
        embedder.gate.set()
        await ready(pilot)
        assert "hash-test: ready" in summary_text(app)
        assert "threshold 0.26" in summary_text(app)
        assert GLYPHS[None] not in glyphs(screen.pane("left"))
        assert screen.pane("left").current == 1


async def test_progress_is_shown_while_embedding(make_app, example):
    embedder = GatedEmbedder()
    app = make_app(example, embedder=embedder)
    async with app.run_test(size=(120, 40)) as pilot:
        seen: list[str] = []
        app.screen.query_one("SummaryBar").watch(
            app.screen.query_one("SummaryBar"), "model", lambda state: seen.append(state.text)
        )
        embedder.gate.set()
        await ready(pilot)
        # Each statement is embedded as written and without the names shared across statements.
        texts = [*example.left.texts, *example.right.texts]
        total = len(set(embedded_texts(texts)))
        assert total > len(texts)
        assert any(text.startswith("hash-test: embedding") and text.endswith(f"/{total}") for text in seen)
        assert seen[-1] == "hash-test: ready"


async def test_a_model_that_fails_falls_back_to_lexical_matching(make_app, example):
    app = make_app(example, embedder=BrokenEmbedder())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert app.is_running
        assert screen.workspace.alignment is not None and not screen.workspace.alignment.semantic
        summary = summary_text(app)
        assert "lexical only (model failed: cannot load model 'broken-model': no such folder)" in summary
        assert app.notices == ["Lexical matching only: cannot load model 'broken-model': no such folder"]
        await pilot.press("u")  # and the app is fully usable
        assert screen.workspace.alignment.status(screen.side, screen.pane(screen.side).current).value == "unique"


async def test_an_unexpected_error_in_the_worker_is_survived(make_app, example):
    class Crashing(HashEmbedder):
        def encode(self, texts, progress=None):
            raise RuntimeError("out of memory")

    app = make_app(example, embedder=Crashing())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        await ready(pilot)  # the lexical retry
        assert app.is_running and screen.workspace.alignment is not None
        assert "lexical only (error: RuntimeError: out of memory)" in summary_text(app)


async def test_without_a_model_the_app_says_lexical_only(make_app, example):
    app = make_app(example)
    app.embedder = None
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert "lexical only (no model)" in summary_text(app)
        assert screen.workspace.alignment is not None and not screen.workspace.alignment.semantic


async def test_a_warm_cache_spares_the_model(make_app, example, tmp_path):
    path = tmp_path / "vectors.sqlite3"
    warm = EmbeddingCache(path)
    statement_vectors([*example.left.texts, *example.right.texts], lambda texts: embed(texts, HashEmbedder(), warm))
    embedder = HashEmbedder()
    app = make_app(example, embedder=embedder, cache=EmbeddingCache(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert embedder.encoded == 0
        assert "hash-test: ready" in summary_text(app)


async def test_threshold_keys_redecide_live(make_app, newsroom):
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        start = screen.workspace.threshold
        pairs = len(screen.workspace.alignment.pairs)
        await pilot.press("minus")
        assert screen.workspace.settings.threshold == screen.workspace.threshold == round(start - 0.05, 2)
        assert screen.workspace.alignment.settings["threshold"] == screen.workspace.threshold
        assert f"threshold {start - 0.05:.2f}" in summary_text(app)
        assert len(screen.workspace.alignment.pairs) > pairs  # hockey now meets sanctions relief
        await pilot.press("plus", "right_square_bracket")
        assert screen.workspace.settings.threshold == round(start + 0.05, 2)
        assert len(screen.workspace.alignment.pairs) <= pairs
        await pilot.press("left_square_bracket")
        assert screen.workspace.settings.threshold == start
        assert len(screen.workspace.alignment.pairs) == pairs


async def test_threshold_stays_within_zero_and_one(make_app, newsroom):
    app = make_app(newsroom, settings=AlignmentSettings(threshold=0.97))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        await pilot.press("plus")
        assert screen.workspace.settings.threshold == 1.0
        assert set(glyphs(screen.pane("left"))) == {GLYPHS[Status.UNIQUE]}
        screen.workspace.settings = AlignmentSettings(threshold=0.02)
        await pilot.press("minus")
        assert screen.workspace.settings.threshold == 0.0
        assert "threshold 0.00" in summary_text(app)


async def test_swap_exchanges_the_sides_and_keeps_the_statement(make_app, newsroom):
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        before = {(p.left, p.right) for p in screen.workspace.alignment.pairs}
        screen.pane("left").move_to(3)
        await pilot.press("s")
        assert screen.workspace.swapped
        assert screen.side == "right" and screen.pane("right").current == 3
        assert Content.from_markup(screen.pane("left").border_title).plain == "Right side · English"
        assert screen.pane("left").statements[0].text.startswith("Energy facilities")
        after = {(p.right, p.left) for p in screen.workspace.alignment.pairs}
        assert after == before
        await pilot.press("s")
        assert not screen.workspace.swapped and screen.side == "left"
        assert screen.pane("left").current == 3


async def test_swap_before_the_evidence_arrives(make_app, newsroom):
    embedder = GatedEmbedder()
    app = make_app(newsroom, embedder=embedder)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s")
        embedder.gate.set()
        screen = await ready(pilot)
        assert screen.workspace.alignment.left.label == "Right side"
        assert screen.workspace.alignment.partners("right", 0) == [1]  # the grain corridor, seen from the right
