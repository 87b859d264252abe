"""Exports parsed back: HTML with html.parser, CSV with csv, JSON against the report contract."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser

import pytest

from readout_tui.core.engine.decision import decide
from readout_tui.core.engine.pipeline import collect
from readout_tui.core.engine.settings import AlignmentSettings
from readout_tui.core.io import report
from readout_tui.core.io.export import CSV_COLUMNS, format_of, render
from readout_tui.core.io.loading import readout_from_text
from readout_tui.core.types import CaseInfo, Kind, Readout, Statement
from readout_tui.core.work.decisions import Decisions, pair_note_key
from readout_tui.testing import FakeEmbedder

HOSTILE = '<script>alert("x")</script> & \'quotes\' "too"'
LEFT = readout_from_text(
    "\n".join(
        [
            "The leaders discussed the grain corridor through Black Sea ports.",
            "=HYPERLINK(\"http://evil\") said the United Nations.",
            HOSTILE,
            "The call lasted fifty minutes.",
        ]
    ),
    "Left <b>PMO</b>",
    "lines",
)
RIGHT = readout_from_text(
    "\n".join(
        [
            "The grain corridor through Black Sea ports was discussed.",
            "+1 for the sanctions relief in Moscow.",
            "-Nothing else.",
        ]
    ),
    "Kremlin",
    "lines",
)
INFO = CaseInfo(title="A <call>", date="2023-12-10", sources=("https://example.org/?a=1&b=2",))


def published(fmt: str) -> tuple[str, Decisions]:
    evidence = collect(LEFT, RIGHT, FakeEmbedder())
    decisions = (
        Decisions()
        .link(2, 2, Kind.RELATED)
        .mark_unique("left", 3)
        .note(pair_note_key(2, 2), "@SUM(A1) <i>odd</i>")
        .note(("right", 1), "Moscow's own wording")
    )
    alignment = decisions.apply(decide(evidence, AlignmentSettings()), evidence)
    return render(fmt, alignment, INFO, decisions), decisions


class Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if "href" in attrs:
            self.hrefs.append(attrs["href"])

    def handle_data(self, data):
        self.text.append(data)


def test_html_is_one_self_contained_file_with_everything_escaped():
    page, _ = published("html")
    parser = Collector()
    parser.feed(page)
    assert "script" not in parser.tags and "b" not in parser.tags and "i" not in parser.tags
    text = "".join(parser.text)
    assert HOSTILE in text  # shown as it was written, not run
    assert "Left <b>PMO</b>" in text and "@SUM(A1) <i>odd</i>" in text
    assert "link" not in parser.tags and "img" not in parser.tags  # nothing fetched
    inside = [href for href in parser.hrefs if href.startswith("#")]
    assert [href for href in parser.hrefs if not href.startswith("#")] == list(INFO.sources)
    assert {href[1:] for href in inside} <= parser.ids  # every link lands
    assert {"L1", "L4", "R1", "R3"} <= parser.ids
    assert "Mentioned by one side only" in text and "fifty minutes" in text
    assert "✎ by hand" in text
    assert "Coverage" in text and "ratio" in text and "Threshold" in text


SOURCED = CaseInfo(
    title="t",
    sources=("https://pmo.example/r?pm_campaign=a_b", "javascript:alert(1)", "https://news.example/x"),
    side_sources=(("https://pmo.example/r?pm_campaign=a_b",), ("https://kremlin.example/a_b|c",)),
)


def test_sources_are_links_each_under_its_side():
    evidence = collect(LEFT, RIGHT, FakeEmbedder())
    alignment = decide(evidence)
    parser = Collector()
    parser.feed(render("html", alignment, SOURCED))
    external = [href for href in parser.hrefs if not href.startswith("#")]
    assert external == ["https://pmo.example/r?pm_campaign=a_b", "https://kremlin.example/a_b|c", "https://news.example/x"]
    text = "".join(parser.text)
    assert "Source, Left <b>PMO</b>" in text and "Source, Kremlin" in text
    assert "javascript:alert(1)" in text  # shown, never a link
    page = render("markdown", alignment, SOURCED)
    assert "- Source, Kremlin: <https://kremlin.example/a_b%7Cc>" in page
    assert "<https://pmo.example/r?pm_campaign=a_b>" in page and "pm\\_campaign" not in page
    assert "- Source: javascript:alert\\(1\\)" in page
    case = json.loads(render("json", alignment, SOURCED))["case"]
    assert case["sources_by_side"] == {"left": list(SOURCED.side_sources[0]), "right": list(SOURCED.side_sources[1])}


def test_markdown_keeps_addresses_in_text_whole():
    assert report.markdown_escape("see https://x.org/?pm_campaign=a_b. Then _this_") == (
        "see <https://x.org/?pm_campaign=a_b>. Then \\_this\\_"
    )


def test_csv_parses_back_with_formula_cells_neutralised():
    table, _ = published("csv")
    rows = list(csv.DictReader(io.StringIO(table)))
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    cells = [value for row in rows for value in row.values()]
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
    texts = {row["left_statement"] for row in rows} | {row["right_statement"] for row in rows}
    assert "'=HYPERLINK(\"http://evil\") said the United Nations." in texts
    assert "'+1 for the sanctions relief in Moscow." in texts and HOSTILE in texts
    manual = next(r for r in rows if r["left_ref"] == "L3" and r["right_ref"] == "R3")
    assert (manual["section"], manual["relation"], manual["by_hand"]) == ("pair", "told differently", "yes")
    assert manual["note"] == "'@SUM(A1) <i>odd</i>"
    unique = next(r for r in rows if r["section"] == "unique" and r["left_ref"] == "L4")
    assert unique["by_hand"] == "yes"
    about = {r["relation"]: r["note"] for r in rows if r["section"] == "about"}
    assert about["Date"] == "2023-12-10" and about["Left account"] == "Left <b>PMO</b>"
    assert about["Decided by hand"] == "pairs linked or re-kinded: 1, statements marked unique: 1, notes: 2"
    assert any(r["section"] == "mention" and r["left_statement"] == "fifty minutes" for r in rows)


@pytest.mark.parametrize("lead", ["\t", "\r", " ", "\n ", "\u2028"])
def test_a_formula_after_white_space_is_neutralised_too(lead):
    # Built directly, as a library user or a later loader might: no segmenter trims the text.
    left = Readout("Left", (Statement(0, f"{lead}=1+1 said the minister."), Statement(1, "The call lasted.")))
    evidence = collect(left, RIGHT, FakeEmbedder())
    rows = list(csv.DictReader(io.StringIO(render("csv", decide(evidence), INFO))))
    cells = [value for row in rows for value in row.values()]
    assert not any(cell.lstrip().startswith(("=", "+", "-", "@")) for cell in cells)
    assert any(cell.startswith("'") and cell[1:].lstrip().startswith("=1+1") for cell in cells)


def test_json_keeps_the_report_contract_and_adds_the_work():
    document = json.loads(published("json")[0])
    evidence = collect(LEFT, RIGHT, FakeEmbedder())
    plain = json.loads(report.to_json(decide(evidence), INFO))
    assert set(plain) <= set(document)
    for side in ("left", "right"):
        assert len(document[side]["statements"]) == len(plain[side]["statements"])
        assert set(plain[side]["statements"][0]) <= set(document[side]["statements"][0])
    assert {(p["left"], p["right"]) for p in document["pairs"]} >= {(2, 2)}
    manual = next(p for p in document["pairs"] if (p["left"], p["right"]) == (2, 2))
    assert manual["manual"] is True and manual["kind"] == "related"
    assert document["left"]["statements"][3]["status"] == "unique"
    assert document["decisions"]["unique"] == [{"side": "left", "index": 3}]
    assert {"on": "right", "index": 1, "text": "Moscow's own wording"} in document["notes"]
    assert any(m["text"] == "fifty minutes" for m in document["mentions"]["left"])
    assert document["left"]["statements"][2]["text"] == HOSTILE


def test_markdown_table_marks_hand_decisions_and_escapes():
    text, _ = published("markdown")
    table = [line for line in text.splitlines() if line.startswith("| L")]
    assert any("told differently ✎ by hand" in line for line in table)
    assert all(line.count(" | ") == 4 for line in table)  # no cell broke the table
    assert "\\<script\\>" in text and "<script>" not in text
    assert "## Mentioned by one side only" in text


@pytest.mark.parametrize(
    ("name", "fmt"), [("a.md", "markdown"), ("b.HTML", "html"), ("c.csv", "csv"), ("d.json", "json"), ("e.txt", "text"), ("f.docx", None)]
)
def test_format_from_the_file_name(name, fmt):
    assert format_of(name) == fmt


def test_header_names_the_languages_and_the_threshold_in_force():
    settings = AlignmentSettings(threshold=0.3, lexical_threshold=0.07)
    semantic = collect(LEFT, RIGHT, FakeEmbedder())
    lexical = collect(LEFT, RIGHT, None)
    with_model = render("markdown", decide(semantic, settings), INFO)
    words_only = render("markdown", decide(lexical, settings), INFO)
    assert "- Threshold: 0.30" in with_model
    assert "- Threshold: 0.07" in words_only
    assert "- Languages: Left <b>PMO</b>: English" not in with_model  # escaped, not raw
    assert "- Languages: Left \\<b\\>PMO\\</b\\>: English" in with_model


def test_a_mention_lists_its_statements_with_commas_in_html_and_markdown():
    left = readout_from_text("Aid to Gaza was raised.\nThe sides spoke.\nGaza again.\nTalks on Hamas too.", "PMO", "lines")
    right = readout_from_text("The sides spoke.", "Kremlin", "lines")
    alignment = decide(collect(left, right, FakeEmbedder()))
    parser = Collector()
    parser.feed(render("html", alignment))
    html_text = "".join(parser.text)
    assert "Gaza (name: L1, L3); Hamas (name: L4)" in html_text
    assert "Gaza (name, L1, L3); Hamas (name, L4)" in render("markdown", alignment)


def test_header_says_why_only_shared_words_decided():
    russian = readout_from_text(
        "Владимир Путин провёл телефонный разговор с премьер-министром Израиля.\n"
        "Стороны обсудили гуманитарную ситуацию в секторе Газа.",
        "Кремль",
        "lines",
    )
    other = readout_from_text(
        "Путин и Нетаньяху обсудили ситуацию в секторе Газа.\nРазговор длился пятьдесят минут.",
        "Канцелярия",
        "lines",
    )
    evidence = collect(russian, other, FakeEmbedder(name="all-MiniLM-L6-v2"))
    alignment = decide(evidence, AlignmentSettings())
    assert not alignment.semantic
    for fmt in ("markdown", "html", "csv"):
        assert "lexical only (all-MiniLM-L6-v2 does not cover Russian" in render(fmt, alignment, INFO).replace("\\", "")


class Rows(HTMLParser):
    """The rows of the aligned accounts table: per row its class and, per cell, its class,
    its text and the marked words in it."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[str, list[dict]]] = []
        self.legend = ""
        self._in_table = self._in_legend = False
        self._cell: dict | None = None
        self._mark: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("class") == "accounts":
            self._in_table = True
        elif tag == "p" and attrs.get("class") == "legend":
            self._in_legend = True
        elif self._in_table and tag == "tr" and attrs.get("class"):
            self.rows.append((attrs["class"], []))
        elif self._in_table and tag == "td" and self.rows:
            self._cell = {"class": attrs.get("class", ""), "text": "", "shared": [], "differs": []}
            self.rows[-1][1].append(self._cell)
        elif self._cell is not None and tag in ("u", "mark"):
            self._mark = attrs.get("class")

    def handle_endtag(self, tag):
        if tag == "table":
            self._in_table = False
        elif tag == "p":
            self._in_legend = False
        elif tag in ("u", "mark"):
            self._mark = None

    def handle_data(self, data):
        if self._in_legend:
            self.legend += data
        if self._cell is not None:
            self._cell["text"] += data
            if self._mark:
                self._cell[self._mark].append(data)


def test_html_accounts_sit_pair_by_pair_on_one_row_with_a_legend_and_marked_words():
    evidence = collect(LEFT, RIGHT, FakeEmbedder())
    alignment = decide(evidence)
    parser = Rows()
    parser.feed(render("html", alignment))
    for word in ("same", "told differently", "only one side", "word both tell", "the other lacks", "by hand"):
        assert word in parser.legend
    pairs = {(p.left, p.right) for p in alignment.pairs}
    assert pairs, "the fixture must pair something"
    on_rows = set()
    for css, cells in parser.rows:
        left, relation, right = cells
        if css == "row-unique":
            assert "gap" in (left["class"], right["class"]) and relation["text"].startswith("∅")
            continue
        l_ref, r_ref = left["text"].split()[0], right["text"].split()[0]
        on_rows.add((int(l_ref[1:]) - 1, int(r_ref[1:]) - 1))
    assert on_rows == pairs
    # Every statement is shown once with its text, and a silent side is a gap, never text.
    shown = [c["text"].split()[0] for _, cells in parser.rows for c in cells if c["class"] == "text"]
    assert sorted(shown) == sorted([f"L{i + 1}" for i in range(len(LEFT))] + [f"R{j + 1}" for j in range(len(RIGHT))])
    # The grain-corridor pair: its words both tell are underlined on both sides.
    grain = next(cells for _, cells in parser.rows if "grain corridor" in cells[0]["text"])
    assert "corridor" in grain[0]["shared"] and "corridor" in grain[2]["shared"]


class Directions(HTMLParser):
    """For each run of text, the nearest element around it with a dir attribute: (dir, lang)."""

    VOID = {"meta", "br", "img", "hr", "input", "link"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[dict] = []
        self.runs: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append({"tag": tag, **dict(attrs)})

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()["tag"] != tag:
            pass

    def handle_data(self, data):
        around = next((e for e in reversed(self.stack) if "dir" in e), {})
        lang = next((e["lang"] for e in reversed(self.stack) if "lang" in e), "")
        self.runs.append((data.strip(), around.get("dir", ""), lang))


def test_html_lays_out_right_to_left_statements_by_their_own_direction():
    # An Arabic or Hebrew statement in a cell laid out left to right was aligned left, and its
    # final full stop and the reference after it stood on the wrong side of the text. Each
    # statement's element takes its direction from its text (dir="auto"; the references in
    # it have their own, so only the statement decides) and says its language.
    arabic = readout_from_text("تلقى الرئيس اتصالا هاتفيا من الرئيس الأمريكي.\nبحث الجانبان الوضع في غزة.", "الرئاسة", "lines")
    evidence = collect(arabic, RIGHT, FakeEmbedder())
    html = render("html", decide(evidence, AlignmentSettings()), INFO)
    parser = Directions()
    parser.feed(html)
    for text in arabic.texts:
        runs = [run for run in parser.runs if run[0] == text]
        assert len(runs) >= 2 and set(runs) == {(text, "auto", "ar")}  # in the accounts and in the unique list
    assert ("L1", "ltr", "ar") in parser.runs  # a reference beside an Arabic statement is not part of it
    assert all(direction == "auto" for text, direction, _ in parser.runs if text in RIGHT.texts)
    assert '<html lang="en">' in html  # the page's own words
    assert "text-align: left" not in html and "text-align: start" in html


@pytest.mark.parametrize(
    ("fmt", "none"), [("markdown", "## Divergence table\n\n- (none)\n"), ("html", "<h2>Divergence table</h2>\n<p>(none)</p>")]
)
def test_no_pairs_is_said_as_no_unique_statement_is(fmt, none):
    # It was the table's headings over no rows.
    unpaired = readout_from_text("Wheat exports were expected to grow.", "Kremlin", "lines")
    alignment = decide(collect(LEFT, unpaired, FakeEmbedder()), AlignmentSettings(threshold=1.0))
    assert not alignment.pairs
    text = render(fmt, alignment, INFO, Decisions())
    assert none in text and "| relation |" not in text


def test_a_note_on_a_pair_that_is_no_pair_now_is_in_every_format():
    # Unlinked (or under the threshold since), the pair keeps its note, and the app's strip
    # says it with each statement; the JSON had it, the other exports dropped it.
    evidence = collect(LEFT, RIGHT, FakeEmbedder())
    model = decide(evidence, AlignmentSettings())
    assert (0, 0) in {(p.left, p.right) for p in model.pairs}, "the fixture must pair the grain corridor"
    decisions = Decisions().note(pair_note_key(0, 0), "=same call? <b>check</b>").unlink(0, 0)
    alignment = decisions.apply(model, evidence)
    assert (0, 0) not in {(p.left, p.right) for p in alignment.pairs}
    on_left = "note on the pair with R1 (no pair now): =same call? <b>check</b>"
    on_right = "note on the pair with L1 (no pair now): =same call? <b>check</b>"
    text = render("text", alignment, INFO, decisions)
    assert f"{on_left}\n" in text and f"{on_right}\n" in text
    markdown = render("markdown", alignment, INFO, decisions)
    escaped = report.markdown_escape
    assert escaped(on_left) in markdown and escaped(on_right) in markdown
    parser = Collector()
    parser.feed(render("html", alignment, INFO, decisions))
    page = "".join(parser.text)
    assert page.count(on_left) >= 2 and page.count(on_right) >= 2  # in the lists and the accounts
    rows = list(csv.DictReader(io.StringIO(render("csv", alignment, INFO, decisions))))
    notes = [row for row in rows if row["section"] == "note"]
    assert [(r["left_ref"], r["right_ref"], r["relation"], r["note"]) for r in notes] == [
        ("L1", "R1", "no pair now", "'=same call? <b>check</b>")
    ]
    assert notes[0]["left_statement"] == LEFT.texts[0] and notes[0]["right_statement"] == RIGHT.texts[0]
    assert not any("no pair now" in row["note"] for row in rows if row["section"] != "note")  # said once
    # Linked again, the note is the pair's own again, and said as such.
    relinked = decisions.link(0, 0, Kind.MATCH)
    again = render("markdown", relinked.apply(model, evidence), INFO, relinked)
    assert "no pair now" not in again and escaped("=same call? <b>check</b>") in again
