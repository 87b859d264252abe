"""Rendering: the JSON contract, and text/Markdown that no statement can subvert."""

from __future__ import annotations

import json
import re

import pytest
from rich.cells import cell_len

from readout_tui.cli import EXAMPLE
from readout_tui.core.engine.pipeline import compare
from readout_tui.core.io import export, report
from readout_tui.core.io.loading import load_comparison
from readout_tui.core.types import Alignment, CaseInfo, Counterpart, Kind, Readout, Statement
from readout_tui.testing import FakeEmbedder

RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

ESC = "\x1b"
NASTY = [
    f"{ESC}[2J{ESC}[31mScreen cleared and red{ESC}[0m",  # CSI
    f"{ESC}]0;pwned title\x07 set by OSC",  # OSC terminated by BEL
    f"{ESC}]8;;http://evil.example\x1b\\link{ESC}]8;;{ESC}\\",  # OSC 8 hyperlink, ST terminated
    "bell \x07 and backspace \x08 and carriage\rreturn",
    "8-bit CSI \x9b31m and DEL \x7f",
    "direction override \u202egnp.exe",
]


def readout(label: str, texts: list[str], source: str = "") -> Readout:
    return Readout(label, tuple(Statement(i, t) for i, t in enumerate(texts)), source)


def hand_made(left_texts, right_texts, pairs, left_label="Kremlin", right_label="Israeli PMO", model="fake-model"):
    return Alignment(
        left=readout(left_label, left_texts),
        right=readout(right_label, right_texts),
        pairs=tuple(
            Counterpart(i, j, score, Kind(kind), cosine=score, lexical=0.5, shared_terms=("gaza",), reason="meaning")
            for i, j, score, kind in pairs
        ),
        model=model,
    )


@pytest.fixture
def example_alignment():
    comparison = load_comparison([str(EXAMPLE)], "lines")
    return compare(comparison.left, comparison.right, FakeEmbedder(dim=384)), comparison.info


# --- JSON contract ---------------------------------------------------------------------------


def check_contract(document: dict, left: Readout, right: Readout) -> None:
    for side, readout_ in (("left", left), ("right", right)):
        assert isinstance(document[side]["label"], str)
        assert document[side]["label"] == readout_.label
        statements = document[side]["statements"]
        assert [s["index"] for s in statements] == list(range(len(readout_)))  # 0-based, reading order
        assert [s["text"] for s in statements] == readout_.texts
        assert all(isinstance(s["index"], int) and isinstance(s["text"], str) for s in statements)
    assert isinstance(document["model"], str) and document["model"]
    for pair in document["pairs"]:
        assert set(pair) >= {"left", "right", "score", "kind"}
        assert isinstance(pair["left"], int) and 0 <= pair["left"] < len(left)
        assert isinstance(pair["right"], int) and 0 <= pair["right"] < len(right)
        assert isinstance(pair["score"], float)
        assert pair["kind"] in ("match", "related")


def test_json_contract_on_a_hand_made_alignment():
    alignment = hand_made(
        ["Putin called.", "Gaza was discussed.", "Only the Kremlin says this."],
        ["Netanyahu called.", "They talked about Gaza.", "And about the hostages."],
        [(0, 0, 0.9, "match"), (1, 1, 0.45, "related"), (1, 2, 0.41, "related")],
    )
    document = json.loads(report.to_json(alignment))
    check_contract(document, alignment.left, alignment.right)
    assert document["model"] == "fake-model"
    assert [(p["left"], p["right"], p["kind"]) for p in document["pairs"]] == [
        (0, 0, "match"),
        (1, 1, "related"),
        (1, 2, "related"),  # one statement in several pairs
    ]
    assert [p["score"] for p in document["pairs"]] == [0.9, 0.45, 0.41]
    # A statement in no pair is unique to its side.
    assert document["left"]["unique"] == [2]
    assert document["right"]["unique"] == []
    assert [s["status"] for s in document["left"]["statements"]] == ["match", "related", "unique"]


def test_json_contract_from_the_engine(example_alignment):
    alignment, info = example_alignment
    document = json.loads(report.to_json(alignment, info))
    check_contract(document, alignment.left, alignment.right)
    assert document["left"]["label"] == "Israeli PMO" and document["right"]["label"] == "Kremlin"
    assert document["model"] == "fake-model"
    assert document["case"]["date"] == "2023-12-10"
    linked = {p["left"] for p in document["pairs"]}
    assert document["left"]["unique"] == [i for i in range(len(alignment.left)) if i not in linked]


def test_json_lexical_only_names_no_model():
    comparison = load_comparison([str(EXAMPLE)], "lines")
    document = json.loads(report.to_json(compare(comparison.left, comparison.right, None)))
    check_contract(document, comparison.left, comparison.right)
    assert document["model"] == "lexical only"
    assert document["semantic"] is False


def test_json_keeps_text_exact_but_escapes_controls():
    alignment = hand_made(NASTY, ["Ünïcödé «кириллица» 中文 “quotes”"], [(0, 0, 0.7, "match")])
    text = report.to_json(alignment)
    assert not RAW_CONTROL.search(text)
    document = json.loads(text)
    assert [s["text"] for s in document["left"]["statements"]] == NASTY  # the data round-trips
    assert "«кириллица» 中文" in text  # not \u-escaped: readable


def test_json_of_empty_pairs():
    alignment = hand_made(["A."], ["B."], [])
    document = json.loads(report.to_json(alignment))
    assert document["pairs"] == []
    assert document["left"]["unique"] == [0] and document["right"]["unique"] == [0]


# --- Text ------------------------------------------------------------------------------------


def test_text_report_lists_statements_partners_and_summary():
    alignment = hand_made(
        ["Putin called.", "Only the Kremlin says this."],
        ["Netanyahu called."],
        [(0, 0, 0.9, "match")],
    )
    text = report.to_text(alignment, CaseInfo(title="A call", date="2023-12-10"))
    assert text.startswith("A call (2023-12-10)")
    assert "Kremlin (2 statements)" in text and "Israeli PMO (1 statement)" in text
    assert "→ R1 same 0.90" in text and "→ L1 same 0.90" in text
    assert "coverage: Kremlin 50%, Israeli PMO 100%" in text
    assert "only in Kremlin (1):" in text and "L2  Only the Kremlin says this." in text


def test_text_report_aligns_the_only_in_list_past_nine_statements():
    # "R10" is a character wider than "R9": its text stood a column to the right.
    texts = [f"Statement number {i + 1}, long enough to wrap at this width." for i in range(11)]
    text = report.to_text(hand_made(["A."], texts, []), width=40)
    listed = text.split("only in Israeli PMO (11):\n")[1].splitlines()
    starts = {line.index("Statement") for line in listed if "Statement" in line}
    assert len(starts) == 1, listed
    assert "     R9  Statement number 9," in listed[16] and "    R10  Statement number 10," in listed[18]
    # A wrapped line goes on under its text, as for R1-R9.
    follows = [line for line in listed if not line.lstrip().startswith("R")]
    assert follows and {len(line) - len(line.lstrip()) for line in follows} == starts
    assert "    L1  A." in text.split("Summary")[1]  # up to nine, as it was


def test_text_report_gives_a_date_without_a_title():
    # left.txt against a saved page: the page has a date and no title; the Markdown export
    # showed it, the text report did not.
    alignment = hand_made(["Putin called."], ["Netanyahu called."], [(0, 0, 0.9, "match")])
    assert report.to_text(alignment, CaseInfo(date="2023-12-10")).startswith("2023-12-10\n")


def test_text_report_lets_no_control_character_reach_the_terminal():
    alignment = hand_made(
        NASTY,
        NASTY[::-1],
        [(0, 0, 0.9, "match"), (1, 1, 0.5, "related")],
        left_label=f"Kreml{ESC}]0;x\x07in",
        right_label="P\x9bMO",
        model=f"model{ESC}[5m",
    )
    alignment = Alignment(
        alignment.left,
        alignment.right,
        tuple(
            Counterpart(p.left, p.right, p.score, p.kind, p.cosine, p.lexical, (f"gaza{ESC}[1m",), f"why{ESC}[8m")
            for p in alignment.pairs
        ),
        alignment.model,
    )
    info = CaseInfo(title=f"Call{ESC}]2;title\x07", date=f"2023{ESC}]0;pwned\x07", sources=(f"http://x{ESC}[1m",))
    text = report.to_text(alignment, info, width=60)
    assert not RAW_CONTROL.search(text)
    assert "\\x1b]0;pwned\\x07" in text  # the date too
    assert "\\x1b[2J\\x1b[31mScreen cleared" in text
    assert "\\x9b31m" in text and "\\x7f" in text and "\\u202egnp.exe" in text


def test_text_wraps_long_statements_to_the_width():
    long = " ".join(f"word{i}" for i in range(80))
    text = report.to_text(hand_made([long], ["B."], []), width=50)
    statements_part = text.split("Summary")[0]
    wrapped = [line for line in statements_part.splitlines() if "word" in line]
    assert len(wrapped) > 3
    assert all(len(line) <= 50 for line in wrapped)
    assert " ".join(line.split("L1  ")[-1].strip() for line in wrapped) == long


def test_text_wraps_chinese_by_terminal_cells():
    # Chinese writes no spaces and takes two cells a character: 40 characters are 80 cells.
    chinese = "习近平同美国总统拜登通电话双方进行了坦诚深入广泛的战略性沟通交流" * 2
    text = report.to_text(hand_made([chinese], ["B."], []), width=50)
    lines = [line for line in text.split("Summary")[0].splitlines() if re.search("[\u4e00-\u9fff]", line)]
    assert len(lines) > 1
    assert all(cell_len(line) <= 50 for line in lines)
    assert "".join(line.split("L1  ")[-1].strip() for line in lines) == chinese


def test_wrapped_keeps_every_character_and_cuts_only_words_wider_than_a_line():
    assert report.wrapped("one two three", 7) == ["one two", "three"]
    assert report.wrapped("abcdefghij", 4) == ["abcd", "efgh", "ij"]
    assert report.wrapped("", 10) == [""]
    assert cell_len("日本e\u0301") == 5  # two wide, a letter, a combining mark


def test_text_report_carries_the_analysts_notes_and_hand_marks():
    from readout_tui.core.work.decisions import Decisions, pair_note_key

    alignment = hand_made(["Putin called.", "Only the Kremlin says this."], ["Netanyahu called."], [(0, 0, 0.9, "match")])
    decisions = (
        Decisions()
        .mark_unique("left", 1)
        .note(pair_note_key(0, 0), "both say who called")
        .note(("left", 1), "check [bold]the source[/bold]")
    )
    text = report.to_text(alignment, decisions=decisions)
    assert "→ R1 same 0.90 (" in text and "— note: both say who called" in text
    assert "L2  Only the Kremlin says this. (unique by hand)" in text
    assert "note: check [bold]the source[/bold]" in text
    assert "only in Israeli PMO: 0" in text and "only in Israeli PMO (0):" not in text


# --- Markdown --------------------------------------------------------------------------------


def unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line))


def test_markdown_escapes_table_breakers_and_links():
    alignment = hand_made(
        ["Left | with pipe and [link](http://evil.example) and <script>x</script>", "Only *here* _now_"],
        ["Right `code` # not a heading | another pipe", "![img](http://evil.example/i.png)"],
        [(0, 0, 0.8, "match"), (0, 1, 0.4, "related")],
        left_label="Krem|lin",
        right_label="PMO [official]",
    )
    md = export.render("markdown", alignment, CaseInfo(title="Call | [x](y)", date="2023-12-10", sources=("https://a.example/|",)))
    assert not RAW_CONTROL.search(md)
    lines = md.splitlines()
    table = [line for line in lines if line.startswith("|")]
    assert len(table) == 2 + 2  # header, rule, two pairs
    assert all(unescaped_pipes(row) == 6 for row in table)  # five cells, no more
    # The address stays whole, as an autolink: no link text of the readout's choosing.
    assert "[link](" not in md and "\\[link\\]\\(<http://evil.example>\\)" in md
    assert "<script>" not in md and "\\<script\\>" in md
    assert "!\\[img\\]" in md or "\\!\\[img\\]" in md
    assert "\\*here\\*" in md and "\\_now\\_" in md
    assert lines[0] == "# Call \\| \\[x\\]\\(y\\)"


def test_a_web_address_in_square_brackets_ends_at_the_bracket():
    md = report.markdown_escape("The [link=http://evil.example]call[/link] ended (see [http://a.example/x]).")
    # The address alone is the autolink; the bracketed markup around it stays escaped text.
    assert "<http://evil.example>\\]call\\[/link\\]" in md
    assert "\\[<http://a.example/x>\\]" in md


def test_markdown_escapes_controls_and_newlines():
    alignment = hand_made(NASTY, ["line\nbreak"], [(0, 0, 0.9, "match")], left_label="Krem\nlin")
    md = export.render("markdown", alignment)
    assert not RAW_CONTROL.search(md)
    table = [line for line in md.splitlines() if line.startswith("|")]
    assert len(table) == 3 and all(unescaped_pipes(row) == 6 for row in table)


def test_markdown_summary_and_unique_sections():
    alignment = hand_made(["A one.", "A two."], ["B one."], [(0, 0, 0.9, "match")])
    md = export.render("markdown", alignment)
    assert "- Pairs: 1 same, 0 told differently" in md
    assert "## Only in Kremlin\n\n- L2: A two." in md
    assert "## Only in Israeli PMO\n\n- (none)" in md


# -- the JSON report built in bulk equals the per-pair, per-statement definition -------------


def _random_alignment(seed: int) -> Alignment:
    import random

    rng = random.Random(seed)
    n, m = rng.randint(1, 30), rng.randint(1, 30)
    codes = rng.sample(range(n * m), rng.randint(0, min(n * m, 60)))
    pairs = tuple(
        Counterpart(
            c // m, c % m, rng.choice([0.1, 1 / 3, round(rng.random(), 4), 1e-05, 0.0]),
            rng.choice([Kind.MATCH, Kind.RELATED]), cosine=rng.random(), lexical=rng.random(),
            shared_terms=tuple(rng.sample(["gaza", "мир", "ç", "x"], rng.randint(0, 3))),
            reason=rng.choice(["", "meaning · 0.2", "told differently: ‘x’"]),
            manual=rng.random() < 0.2, confidence=rng.choice([None, 0.5, round(rng.random(), 4)]),
        )
        for c in codes
    )
    return Alignment(
        readout("L", [f"l{i}" for i in range(n)]), readout("R", [f"r{j}" for j in range(m)]), pairs, "fake-model"
    )


def _pair_reference(pair: Counterpart, manual: bool) -> dict:
    entry = {
        "left": pair.left, "right": pair.right, "score": pair.score, "confidence": pair.confidence,
        "kind": pair.kind.value, "semantic": pair.cosine, "lexical": pair.lexical,
        "shared_terms": list(pair.shared_terms), "reason": pair.reason,
    }
    return {**entry, "manual": pair.manual} if manual else entry


@pytest.mark.parametrize("seed", range(40))
def test_json_rows_equal_their_definition(seed):
    alignment = _random_alignment(seed)
    for manual in (False, True):
        document = report.json_document(alignment, manual=manual)
        assert document["pairs"] == [_pair_reference(p, manual) for p in alignment.pairs]
        # Key order is part of the output.
        assert [list(e) for e in document["pairs"]] == [list(_pair_reference(p, manual)) for p in alignment.pairs]
    for side in ("left", "right"):
        readout_ = getattr(alignment, side)
        assert alignment.standing(side) == [
            (alignment.status(side, s.index), alignment.partners(side, s.index)) for s in readout_.statements
        ]
        assert [(e["status"], e["counterparts"]) for e in document[side]["statements"]] == [
            (alignment.status(side, s.index).value, alignment.partners(side, s.index)) for s in readout_.statements
        ]


@pytest.mark.parametrize(
    "text",
    [
        "plain ascii", "del \x7f here", "8-bit \x9b", "мир", "override \u202e", "lone \ud800", "", "\x7f",
        # Latin-1 beyond ASCII (quick scans), with and without what is escaped.
        "café · 12", "café \x85", "café \x9f", "café \xa0", "café \u202e", "café \ud800",
    ],
)
def test_dump_json_escapes_as_the_pattern_does(text):
    for pretty in (True, False):
        raw = json.dumps({"t": text}, ensure_ascii=False, indent=2 if pretty else None,
                         separators=None if pretty else (",", ":"))
        expected = report._JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", raw)
        assert report.dump_json({"t": text}, pretty) == expected


def test_each_statements_pairs_are_best_first_ties_in_the_pairs_order():
    import random

    rng = random.Random(3)
    pairs = [(rng.randrange(6), rng.randrange(5), rng.choice([0.5, 0.7, 0.9]), "match") for _ in range(40)]
    alignment = hand_made([f"l{k}" for k in range(6)], [f"r{k}" for k in range(5)], pairs)
    best_first = sorted(alignment.pairs, key=lambda p: -p.score)  # stable: ties in the pairs' order
    for side, count in (("left", 6), ("right", 5)):
        for k in range(count):
            want = [p for p in best_first if getattr(p, side) == k]
            assert alignment.counterparts(side, k) == want
        assert alignment.unique(side) == [k for k in range(count) if not alignment.counterparts(side, k)]


def _random_pair(rng, texts: list[str], figures: list[object]) -> Counterpart:
    pick = rng.choice
    return Counterpart.made(
        rng.randrange(50), rng.randrange(50), pick(figures), pick(list(Kind)), pick(figures), pick(figures),
        tuple(rng.sample(texts, rng.randrange(4))), pick(texts), pick([False, True]), pick([None, *figures]),
    )


@pytest.mark.parametrize("seed", range(30))
def test_pairs_text_is_the_encoders_json(seed):
    """``pairs_text`` writes plain pairs as text itself, others through ``json``: the same
    characters either way."""
    import random

    rng = random.Random(seed)
    texts = ["", "Putin", "café · 12", "мир", "far apart in order -0.12", "del \x7f", "override \u202e", "中"]
    figures = [0.0, -0.0, 1.0, 0.1 + 0.2, 1e-17, 123456789.125, 2.5e300, 5e-324, rng.random()]
    if seed % 3 == 1:  # what only ``json`` writes: escapes, non-finite figures, other types
        texts += ['a "quote"', "back \\ slash", "tab \t", "line\nbreak", "\x00"]
        figures += [float("nan"), float("inf"), -float("inf"), 3, True]
    pairs = [_random_pair(rng, texts, figures) for _ in range(rng.randrange(60))]
    for manual in (False, True):
        expected = report.dump_json(report._pairs_json(pairs, manual), pretty=False)
        assert report.pairs_text(pairs, manual) == expected
    plain = [p for p in pairs if p.reason.isprintable() and all(map(str.isprintable, p.shared_terms))]
    if seed % 3 != 1:
        assert report._plain_pairs_text(plain, True) is not None  # the text path was taken
