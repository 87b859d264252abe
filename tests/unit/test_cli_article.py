"""`readout-tui compare ARTICLE` and `compare PAGE.html`: one article, two accounts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from readout_tui import cli

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "fixtures" / "articles" / "netanyahu-putin-2023-12-10-id-article"
PAGE = ROOT / "fixtures" / "pages" / "netanyahu-putin-2023-12-10.article.html"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(["compare", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_compare_an_article_reports_both_accounts_and_how_each_statement_was_attributed(capsys):
    code, out, err = run(capsys, str(SEED / "article.txt"), "--lexical-only", "--no-session", "--format", "json")
    assert code == 0, err
    report = json.loads(out)
    assert (report["left"]["label"], report["right"]["label"]) == ("Pemerintah Israel", "Kremlin")
    attribution = report["attribution"]
    statements = attribution["statements"]
    assert len(statements) == 34
    kremlin = [s for s in statements if s["side"] == "right"]
    assert [s["account_index"] for s in kremlin] == [0, 1, 2]
    assert [s["text"] for s in kremlin] == [s["text"] for s in report["right"]["statements"]]
    first = kremlin[0]
    assert first["how"] == "cue" and first["cue"] == "Kremlin mengatakan"
    assert first["text"][first["cue_span"][0] : first["cue_span"][1]] == "Kremlin mengatakan"
    links = [s for s in statements if s["text"].startswith("Baca juga:")]
    assert [s["side"] for s in links] == ["neither"] * 3
    assert all(s["why"] == "link line (“Baca juga:”)" for s in links)
    repeat = next(s for s in statements if s["repeats"] is not None)
    assert repeat["account_index"] is None and "left out of the account" in repeat["why"]
    assert report["case"]["title"].startswith("TRIBUNNEWSMAKER.COM")


def test_compare_an_article_folder_takes_its_meta_and_labels(capsys):
    code, out, err = run(capsys, str(SEED), "--lexical-only", "--no-session", "--format", "json", "--left-label", "Israel")
    assert code == 0, err
    report = json.loads(out)
    assert report["left"]["label"] == "Israel" and report["attribution"]["left_label"] == "Israel"
    assert report["case"]["date"] == "2023-12-10"


def test_compare_a_saved_article_page(capsys):
    code, out, err = run(capsys, str(PAGE), "--lexical-only", "--no-session", "--format", "text")
    assert code == 0, err
    assert out.startswith("Netanyahu and Putin give two accounts of a tense call (2023-12-11)\n")
    assert "Israeli prime minister's office (3 statements" in out
    assert "How the article was attributed (11 statements: Israeli prime minister's office 3, Kremlin 3, neither 5)" in out
    assert "(cue “The Kremlin said”)" in out
    assert "Subscribe" not in out and "cookies" not in out


@pytest.mark.parametrize("source", [PAGE, SEED / "article.txt"])
def test_reports_leave_each_sides_own_name_out_of_its_one_sided_mentions(capsys, source):
    code, out, err = run(capsys, str(source), "--lexical-only", "--no-session", "--format", "json")
    assert code == 0, err
    mentions = json.loads(out)["mentions"]
    assert mentions["right"] == []  # "The Kremlin said", "Kremlin mengatakan": the account's own name
    assert not {"Israeli", "Israel"} & {m["text"] for m in mentions["left"]}
    code, out, err = run(capsys, str(source), "--lexical-only", "--no-session", "--format", "markdown")
    assert "- Only Kremlin: (none)" in out


def test_exports_of_an_article_carry_the_attribution(capsys, tmp_path):
    for suffix, marker in ((".md", "## How the article was attributed"), (".html", "<h2>How the article was attributed</h2>"), (".csv", "attribution,")):
        target = tmp_path / f"report{suffix}"
        code, _, err = run(capsys, str(PAGE), "--lexical-only", "--no-session", "--output", str(target))
        assert code == 0, err
        assert marker in target.read_text(encoding="utf-8")


def test_a_file_that_tells_no_two_accounts_is_refused_in_one_line(capsys, tmp_path):
    readout = tmp_path / "readout.txt"
    readout.write_text("The leaders discussed trade.\nThey agreed to stay in contact.\n", encoding="utf-8")
    code, out, err = run(capsys, str(readout), "--lexical-only", "--no-session")
    assert code == 2 and out == ""
    assert err.count("\n") == 1
    assert "cannot tell two accounts in this article" in err and "give two readout files" in err


def test_a_comparison_follows_statements_moved_by_hand():
    from readout_tui.core.io.article import with_attribution
    from readout_tui.core.io.loading import InputError, load_comparison

    comparison = load_comparison([str(PAGE)])
    article = comparison.info.article
    lede = 1
    assert article.statements[lede].proposed_side.value == "neither"
    moved = with_attribution(comparison, article.moved(lede, "right"))
    assert moved.right.texts[0] == article.statements[lede].text
    assert moved.info.article.statements[lede].proposed_side.value == "neither"
    assert (moved.info.title, moved.info.date, moved.right.source) == (comparison.info.title, comparison.info.date, str(PAGE))
    emptied = article
    for statement in article.account("left"):
        emptied = emptied.moved(statement.index, "neither")
    with pytest.raises(InputError, match="left account"):
        with_attribution(comparison, emptied)


def test_an_article_with_an_empty_account_is_refused_in_one_line_that_says_what_to_do(capsys, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(
        "Vorel and Brask meet in Klow\n"
        "Bordurian President Anton Vorel met Syldavian President Ivo Brask in Klow on Monday.\n"
        "The Bordurian presidency said the two leaders discussed the border.\n"
        "The talks lasted an hour.\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, str(article), "--lexical-only", "--no-session")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "the right account (Brask) has no statements" in err
    assert "open the article in the app (readout-tui ARTICLE) to move statements to it by hand" in err
