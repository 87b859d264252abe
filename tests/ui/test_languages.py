"""The app on readouts not in English: the language in each pane's header, the notice and the
label when the model does not cover a side, and the word marks across two languages."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
from textual.content import Content

from readout_tui.core.engine.settings import AlignmentSettings
from readout_tui.core.io.loading import load_comparison
from readout_tui.screens.compare import THRESHOLD_STEP, CompareScreen
from readout_tui.testing import HashEmbedder, comparison_of, ready, summary_text

INDONESIAN = Path(__file__).resolve().parents[2] / "fixtures" / "netanyahu-putin-2023-12-10-id"


class TranslationModel:
    """Stands in for a multilingual model: a statement and its translation get one vector."""

    name = "sentence-transformers/LaBSE"

    def __init__(self, meanings: dict[str, int]) -> None:
        self.meanings = meanings

    def encode(self, texts: Sequence[str], progress=None) -> np.ndarray:
        vectors = np.eye(8, dtype=np.float32)[[self.meanings[t] for t in texts]]
        if progress:
            progress(len(texts), len(texts))
        return vectors


def title(screen: CompareScreen, side: str) -> str:
    return Content.from_markup(screen.pane(side).border_title).plain


async def test_a_language_the_model_lacks_is_said_once_and_labelled(make_app):
    model = HashEmbedder("all-MiniLM-L6-v2")  # the default model, which knows English only
    app = make_app(load_comparison([str(INDONESIAN)], "lines"), embedder=model)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert model.encoded == 0
        assert title(screen, "left").endswith(" · Indonesian")
        assert title(screen, "right") == "Kremlin · 10 Dec 2023 · Indonesian"
        summary = summary_text(app)
        assert "lexical only (model lacks Indonesian)" in summary
        # Shared words alone have their own threshold.
        assert f"threshold {AlignmentSettings().lexical_threshold:.2f}" in summary
        warnings = [n for n in app.notices if "does not cover" in n]
        assert len(warnings) == 1
        assert "--model e5" in warnings[0]
        assert not screen.workspace.alignment.semantic
        assert (3, 2) in {(p.left, p.right) for p in screen.workspace.alignment.pairs}
        await pilot.press("minus")
        lowered = round(max(AlignmentSettings().lexical_threshold - THRESHOLD_STEP, 0.0), 2)
        assert f"threshold {lowered:.2f}" in summary_text(app)
        # Only the threshold in force moved.
        assert screen.workspace.settings.lexical_threshold == lowered
        assert screen.workspace.settings.threshold == AlignmentSettings().threshold


async def test_a_pair_in_two_languages_is_shown_without_word_marks(make_app):
    russian = [
        # No names: those would be shared across the scripts (see test_transliteration).
        "Стороны обсудили гуманитарную обстановку.",
        "Лидеры договорились о продолжении контактов.",
    ]
    english = [
        "The leaders agreed to stay in contact.",
        "The sides discussed the humanitarian situation.",
    ]
    meanings = {russian[0]: 0, english[1]: 0, russian[1]: 1, english[0]: 1}
    app = make_app(comparison_of(russian, english), embedder=TranslationModel(meanings))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert screen.workspace.alignment.semantic
        assert title(screen, "left") == "Left side · Russian"
        assert title(screen, "right") == "Right side · English"
        assert screen.workspace.alignment.partners("left", 0) == [1]
        head = screen.query_one("#detail-head").render()
        assert head.plain.endswith("no words in common")  # instead of the legend
        for name in ("focus", "partner"):
            body = screen.query_one(f"#detail-{name}").render()
            assert not any("underline" in str(span.style) for span in body.body.spans)


async def test_the_model_chosen_by_language_is_named_with_its_reason(make_app):
    from readout_tui.core.engine.embedder import ByLanguage

    comparison = load_comparison([str(INDONESIAN)], "lines")
    english = HashEmbedder("all-MiniLM-L6-v2")
    choice = ByLanguage(english, lambda: HashEmbedder("multilingual-e5-small"))
    app = make_app(comparison, embedder=choice)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await ready(pilot)
        assert "multilingual-e5-small (sides in id): ready" in summary_text(app)
        assert english.encoded == 0
        assert screen.workspace.alignment.semantic
        assert not [n for n in app.notices if "does not cover" in n]
