"""What the engine tells a reader about one decision: the nearest miss of a unique statement,
and which words two statements share (spans over the text, for any front end to style)."""

from __future__ import annotations

import numpy as np
import pytest

from readout_tui.core.engine.evidence import gather_evidence, presence_scores
from readout_tui.core.engine.explain import WordSpan, nearest_miss, shares_words, word_spans
from readout_tui.core.engine.settings import AlignmentSettings
from readout_tui.core.engine.words import TermTable
from readout_tui.core.io.loading import readout_from_text
from readout_tui.core.types import Readout
from readout_tui.testing import FakeEmbedder

LEFT = [
    "Netanyahu asked Putin to help free the Israeli hostages held by Hamas in Gaza.",
    "The call lasted about fifty minutes.",
    "Netanyahu sharply criticised the cooperation between Russia and Iran.",
]
RIGHT = [
    "Putin stressed the catastrophic humanitarian situation of civilians in Gaza.",
    "The release of hostages held in Gaza was discussed.",
]


def readout(label: str, texts: list[str]) -> Readout:
    return readout_from_text("\n".join(texts), label, "lines")


@pytest.mark.parametrize("embed", [True, False], ids=["meaning", "shared words only"])
@pytest.mark.parametrize("order_weight", [0.0, 0.05])
def test_the_nearest_miss_is_the_best_presence_score_on_the_other_side(embed, order_weight):
    embedder = FakeEmbedder()
    left, right = readout("L", LEFT), readout("R", RIGHT)
    evidence = gather_evidence(left, right, embedder.encode if embed else None)
    settings = AlignmentSettings(order_weight=order_weight)
    scores = presence_scores(evidence.signals(), settings)
    for index in range(len(LEFT)):
        miss = nearest_miss(evidence, settings, "left", index)
        assert miss.partner == int(np.argmax(scores[index]))
        assert miss.score == pytest.approx(float(scores[index].max()), abs=1e-6)
    for index in range(len(RIGHT)):
        miss = nearest_miss(evidence, settings, "right", index)
        assert miss.partner == int(np.argmax(scores[:, index]))
        assert miss.score == pytest.approx(float(scores[:, index].max()), abs=1e-6)


def test_no_nearest_miss_when_the_other_side_is_empty():
    evidence = gather_evidence(readout("L", LEFT), Readout("R", ()), None)
    assert nearest_miss(evidence, AlignmentSettings(), "left", 0) is None


def spans_of(text: str, other: str, weights) -> dict[str, str]:
    return {text[s.start : s.end]: s.kind for s in word_spans(text, other, weights)}


def test_shared_and_missing_words_are_spans_of_the_text():
    a = "The release of the Israeli hostages held in Gaza was discussed at length."
    b = "Putin stressed the humanitarian situation of civilians in Gaza and the hostages."
    weights = TermTable.build([a], [b]).weight
    found = spans_of(a, b, weights)
    assert found["hostages"] == "shared" and found["Gaza"] == "shared"  # by stem: "hostages"
    assert found["release"] == "differs" and found["Israeli"] == "differs"
    assert "the" not in found and "of" not in found  # grammar is never marked
    assert all(isinstance(span, WordSpan) for span in word_spans(a, b, weights))


def test_the_words_an_explanation_names_as_shared_are_marked_however_short():
    a = "Netanyahu held a telephone call with Putin on the war."
    b = "Putin held a telephone conversation with Netanyahu."
    others = ["The sides discussed Gaza.", "They agreed to stay in contact.", "Iran was raised."]
    table = TermTable.build([a, *others], [b, *others])
    listed = table.shared(0, 0)
    assert "held" in listed
    marked = {a[s.start : s.end] for s in word_spans(a, b, table.weight, listed) if s.kind == "shared"}
    assert {"held", "telephone"} <= marked
    assert "held" not in {a[s.start : s.end] for s in word_spans(a, b, table.weight)}  # too short by itself


def test_a_number_the_other_side_lacks_differs():
    a, b = "The call lasted 50 minutes.", "The call lasted an hour."
    weights = TermTable.build([a], [b]).weight
    assert spans_of(a, b, weights).get("50") == "differs"


def test_words_are_compared_by_stem():
    a, b = "Terrorism was condemned.", "The terrorist attack was condemned."
    weights = TermTable.build([a], [b]).weight
    assert spans_of(a, b, weights)["Terrorism"] == "shared"  # "terror" both


def test_texts_without_a_word_in_common_get_no_spans():
    # (A name would be shared across the scripts: see test_transliteration.)
    a, b = "Президент подчеркнул необходимость.", "The president stressed the need."
    weights = TermTable.build([a], [b]).weight
    assert not shares_words(a, b)
    assert word_spans(a, b, weights) == ()


def test_spans_of_chinese_cover_the_shared_characters():
    a, b = "两国元首通电话。", "元首讨论了问题。"
    weights = TermTable.build([a], [b]).weight
    assert shares_words(a, b)
    assert any(a[s.start : s.end] == "元首" and s.kind == "shared" for s in word_spans(a, b, weights))
