"""`compare ARTICLE` follows the assignment saved in the app, and says which moves were by hand."""

from __future__ import annotations

import csv
import io
import json
from types import MappingProxyType

import pytest

from readout_tui import cli
from readout_tui.core.io.loading import load_comparison
from readout_tui.core.work.session import Session, SessionStore, as_assigned

ARTICLE = """Leaders of Freedonia and Sylvania speak by phone
The Freedonian government said President Rowan spoke with President Adler on Monday.
Rowan raised the question of tariffs on steel, the statement said.
Read more: Freedonia opens a new port
The Sylvanian presidential office said the two leaders discussed energy supplies.
It added that the talks were frank and constructive.
Analysts expect a summit later this year.
"""
REPORTER = "Analysts expect a summit later this year."


@pytest.fixture
def source(tmp_path) -> str:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return str(path)


def save_moves(source: str, moves: dict[str, str]) -> None:
    comparison = load_comparison([source])
    session = Session(assignment=MappingProxyType(moves))
    SessionStore.of(comparison).save(session, as_assigned(comparison, moves))


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(["compare", *argv, "--lexical-only"])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_statement_moved_by_hand_is_compared_and_reported_as_moved_by_hand(capsys, source):
    proposed = load_comparison([source]).info.article
    reporter = next(s for s in proposed.statements if s.text == REPORTER)
    assert reporter.side.value == "neither"
    save_moves(source, {REPORTER: "right"})
    code, out, err = run(capsys, source, "--format", "json")
    assert code == 0, err
    report = json.loads(out)
    assert report["right"]["statements"][-1]["text"] == REPORTER
    (moved,) = [s for s in report["attribution"]["statements"] if s["how"] == "by hand"]
    assert (moved["text"], moved["side"], moved["proposed"]) == (REPORTER, "right", "neither")
    assert moved["why"] == "moved by hand (proposed: neither)"
    code, out, _ = run(capsys, source, "--format", "csv")
    rows = [row for row in csv.DictReader(io.StringIO(out)) if row["section"] == "attribution"]
    assert [row["right_statement"] for row in rows if row["by_hand"] == "yes"] == [REPORTER]
    code, out, _ = run(capsys, source, "--format", "text")
    assert "(moved by hand (proposed: neither))" in out


def test_no_session_compares_the_article_as_proposed(capsys, source):
    save_moves(source, {REPORTER: "right"})
    code, out, err = run(capsys, source, "--format", "json", "--no-session")
    assert code == 0, err
    assert all(s["how"] != "by hand" for s in json.loads(out)["attribution"]["statements"])


def test_an_assignment_that_empties_an_account_is_refused_in_one_line(capsys, source):
    proposed = load_comparison([source]).info.article
    save_moves(source, {s.text: "neither" for s in proposed.account("left")})
    code, out, err = run(capsys, source)
    assert code == 2 and out == ""
    assert err.count("\n") == 1
    assert "has no statements, as the saved assignment has it" in err and "--no-session" in err


def test_a_move_whose_statement_left_the_edited_article_is_noted(capsys, source, tmp_path):
    # The app says so on opening the article; compare said nothing and compared without it.
    save_moves(source, {REPORTER: "right"})
    (tmp_path / "article.txt").write_text(ARTICLE.replace(REPORTER, "Analysts see no summit soon."), encoding="utf-8")
    code, out, err = run(capsys, source, "--format", "json")
    assert code == 0 and json.loads(out)["right"]["statements"]
    assert err == (
        "readout-tui: note: a statement moved by hand is no longer in the article, and is left out:"
        f" “{REPORTER}”\n"
    )


def test_a_move_whose_statement_was_edited_a_little_is_made_and_not_noted_as_gone(capsys, source, tmp_path):
    # The move follows its statement (fitted_moves): the note said it was left out while the
    # report showed it moved.
    save_moves(source, {REPORTER: "right"})
    edited = REPORTER.replace(".", " soon.") if REPORTER.endswith(".") else REPORTER + " soon"
    (tmp_path / "article.txt").write_text(ARTICLE.replace(REPORTER, edited), encoding="utf-8")
    code, out, err = run(capsys, source, "--format", "json")
    assert code == 0 and err == ""
    assert edited in [s["text"] for s in json.loads(out)["right"]["statements"]]
