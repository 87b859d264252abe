"""Saved web pages: their main text, title, site and date, as readouts and as articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from readout_tui.core.io.loading import InputError, load_comparison, load_readout
from readout_tui.core.io.webpage import PageError, read_page

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "fixtures" / "pages"
KREMLIN = PAGES / "netanyahu-putin-2023-12-10.kremlin.html"
ARTICLE = PAGES / "netanyahu-putin-2023-12-10.article.html"
NOISE = ("Subscribe", "cookies", "Print version", "analytics", "Advertisement", "Most read", "All rights reserved", "Other news")


def test_a_readout_page_gives_its_main_text_without_menus_footers_or_scripts():
    page = read_page(KREMLIN.read_text(encoding="utf-8"))
    assert page.text.splitlines()[0] == "Vladimir Putin held a telephone conversation with Prime Minister of Israel Benjamin Netanyahu."
    assert page.text.splitlines()[-1] == "The leaders agreed to stay in contact."
    for noise in NOISE:
        assert noise not in page.text
    assert page.title == "Telephone conversation with Prime Minister of Israel Benjamin Netanyahu"
    assert page.site == "President of Russia"
    assert page.date == "2023-12-10"


def test_an_article_page_keeps_its_headline_and_its_links_in_place():
    page = read_page(ARTICLE.read_text(encoding="utf-8"))
    lines = page.text.splitlines()
    assert lines[0] == "Netanyahu and Putin give two accounts of a tense call"
    assert "Read more: Russia's balancing act in the Middle East" in lines
    for noise in NOISE:
        assert noise not in page.text
    assert (page.site, page.date) == ("The Daily Ledger", "2023-12-11")


def test_a_readout_page_is_a_readout_named_after_its_site_without_the_page_heading():
    readout = load_readout(str(KREMLIN))
    assert readout.label == "President of Russia"
    assert readout.texts[0] == "Vladimir Putin held a telephone conversation with Prime Minister of Israel Benjamin Netanyahu."
    assert len(readout) == 7


@pytest.mark.parametrize("dateline", ["March 1, 2024", "Moscow, 1 March 2024, 18:05", "1 марта 2024 года"])
def test_a_readout_pages_date_line_is_no_statement(tmp_path, dateline):
    page = tmp_path / "readout.html"
    page.write_text(
        "<html><head><title>Readout of the call</title><meta property='og:site_name' content='The White House'>"
        "<meta name='date' content='2024-03-01'></head><body><main><article><h1>Readout of the call</h1>"
        f"<p class='date'>{dateline}</p><p>The President spoke today with the Chancellor of Germany.</p>"
        "<p>The leaders discussed continued support for Ukraine in 2024 and beyond.</p>"
        "<p>They agreed to stay in close touch.</p></article></main></body></html>",
        encoding="utf-8",
    )
    readout = load_readout(str(page))
    assert readout.texts[0] == "The President spoke today with the Chancellor of Germany."
    assert len(readout) == 3


def test_a_page_against_a_text_file_takes_the_pages_date():
    comparison = load_comparison([str(ROOT / "fixtures/netanyahu-putin-2023-12-10/left.txt"), str(KREMLIN)])
    assert comparison.right.label == "President of Russia"
    assert comparison.info.date == "2023-12-10"


def test_a_case_folder_may_hold_pages_whose_date_fills_in_for_meta(tmp_path):
    (tmp_path / "left.txt").write_text("Netanyahu spoke with Putin.\nThey discussed Gaza.\n", encoding="utf-8")
    (tmp_path / "right.html").write_bytes(KREMLIN.read_bytes())
    (tmp_path / "meta.json").write_text('{"left_label": "PMO"}', encoding="utf-8")
    comparison = load_comparison([str(tmp_path)])
    assert (comparison.left.label, comparison.right.label) == ("PMO", "President of Russia")
    assert comparison.info.date == "2023-12-10"
    (tmp_path / "meta.json").write_text('{"date": "10 December 2023", "right_label": "Kremlin"}', encoding="utf-8")
    comparison = load_comparison([str(tmp_path)])
    assert comparison.info.date == "10 December 2023" and comparison.right.label == "Kremlin"


def test_an_article_page_alone_is_attributed_and_dated():
    comparison = load_comparison([str(ARTICLE)])
    article = comparison.info.article
    assert article is not None
    assert comparison.info.title == "Netanyahu and Putin give two accounts of a tense call"
    assert comparison.info.date == "2023-12-11"
    assert (comparison.left.label, comparison.right.label) == ("Israeli prime minister's office", "Kremlin")
    assert comparison.right.texts[0] == "The Kremlin said the conversation focused on the catastrophic humanitarian situation in the Gaza Strip."
    link = next(s for s in article.statements if s.text.startswith("Read more:"))
    assert link.side.value == "neither"


@pytest.mark.parametrize(
    "html",
    [
        "",
        "<html><head><title>Empty</title></head><body></body></html>",
        "<html><body><script>document.write('Loading the readout...')</script></body></html>",
    ],
)
def test_a_page_without_main_text_is_refused(tmp_path, html):
    with pytest.raises(PageError):
        read_page(html)
    page = tmp_path / "page.html"
    page.write_text(html, encoding="utf-8")
    with pytest.raises(InputError, match="page.html"):
        load_readout(str(page))
