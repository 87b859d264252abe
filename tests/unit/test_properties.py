"""Property-based: arbitrary Unicode, control characters and markup-like brackets go through
decoding, segmentation, alignment and every renderer without an exception, and no renderer
meant for a terminal lets a control character through."""

from __future__ import annotations

import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readout_tui.core.engine.pipeline import compare
from readout_tui.core.engine.settings import AlignmentSettings
from readout_tui.core.engine.statements import Segmentation, split_statements
from readout_tui.core.io import export, report
from readout_tui.core.io.display import printable
from readout_tui.core.io.loading import InputError, decode, readout_from_text
from readout_tui.core.types import CaseInfo
from readout_tui.testing import FakeEmbedder

TERMINAL_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
"""What must never reach a terminal from a text or Markdown report: every C0 control but the
newline the report itself puts between lines, DEL, C1, bidi controls, lone surrogates."""

HOSTILE_PIECES = [
    "[", "]", "[/]", "[bold]", "[@click=app.quit]", "[link=https://x]", "\\[", "\x1b[31m",
    "\x1b]0;title\x07", "\x1b]8;;http://x\x1b\\", "\x9b", "\x85", "\x00", "\x7f", "\u202e",
    "\u2066", "\r\n", "\r", "\n", "\n\n", "\t", "\u00a0", "\u200b", "\u200d", "\u00ad", "\ufeff",
    "e\u0301", "中文", "שלום", "👩\u200d👩\u200d👧", ". ", "? ", "“", "»", "Mr. ", "В.В. ", "\udcff",
]
WORDS = ["Putin", "Netanyahu", "discussed", "hostages", "Gaza", "the", "call", "Путин", "加沙"]

fragments = st.one_of(
    st.text(st.characters(blacklist_categories=()), max_size=12),  # any code point, surrogates too
    st.sampled_from(HOSTILE_PIECES),
    st.sampled_from(WORDS).map(lambda w: w + " "),
)
texts = st.lists(fragments, max_size=40).map("".join)
modes = st.sampled_from(list(Segmentation))

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(texts, modes)
def test_segmentation_never_fails_and_gives_clean_statements(text, mode):
    statements = split_statements(text, mode)
    for statement in statements:
        assert statement and statement == statement.strip()
        assert "\n" not in statement and "\r" not in statement
        statement.encode("utf-8")  # valid Unicode, for the tokenizer and the cache keys


@FAST
@given(st.binary(max_size=400))
def test_any_bytes_decode_or_are_refused_in_one_line(data):
    try:
        text, encoding = decode(data, "input.txt")
    except InputError as error:
        assert "\n" not in str(error) and str(error).startswith("input.txt: ")
    else:
        assert isinstance(text, str) and encoding


@FAST
@given(texts)
def test_printable_leaves_nothing_that_acts(text):
    shown = printable(text)
    assert not TERMINAL_UNSAFE.search(shown) and "\n" not in shown
    assert printable(shown) == shown
    if not TERMINAL_UNSAFE.search(text) and not set(text) & set("\n\r\t\u2028\u2029"):
        assert shown == text  # ordinary text is never touched


@FAST
@given(texts, texts, modes, st.booleans(), texts, st.floats(0, 1))
def test_alignment_and_every_renderer(left_text, right_text, mode, semantic, label, threshold):
    try:
        left = readout_from_text(left_text, label or "left", mode)
        right = readout_from_text(right_text, "right" + label, mode)
    except InputError:
        return  # an empty side: refused, which is right
    embedder = FakeEmbedder() if semantic else None
    settings = AlignmentSettings(threshold=threshold, lexical_threshold=threshold)
    alignment = compare(left, right, embedder, None, settings)
    for pair in alignment.pairs:
        assert 0 <= pair.left < len(left) and 0 <= pair.right < len(right)
        assert pair.score >= settings.in_force(alignment.semantic) - 1e-6
    info = CaseInfo(title=label, date=label[:10], sources=(label,))

    # What `compare` prints: the text report, and the exports (Markdown, HTML, CSV).
    printed = [report.to_text(alignment, info, width=40)]
    printed += [export.render(fmt, alignment, info) for fmt in ("markdown", "html", "csv")]
    for rendered in printed:
        assert not TERMINAL_UNSAFE.search(rendered.replace("\r\n", "\n"))  # CSV ends rows in CRLF

    document = json.loads(report.to_json(alignment, info))
    assert json.loads(export.render("json", alignment, info))["left"] == document["left"]
    assert [s["text"] for s in document["left"]["statements"]] == left.texts
    assert [s["text"] for s in document["right"]["statements"]] == right.texts
    assert document["left"]["label"] == left.label and document["case"]["title"] == label
    assert len(document["pairs"]) == len(alignment.pairs)
