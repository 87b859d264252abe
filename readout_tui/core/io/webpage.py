"""Reading a web page saved from a browser (or fetched by the user) for its main text.

Government readouts and news articles are web pages; saved with Ctrl+S they carry menus,
cookie banners, footers, related-story lists and scripts around the text. The main text is
found by trafilatura, a maintained extractor that scores a page's blocks by their text and
link density and keeps the article's: it works on the saved file alone (nothing is fetched;
its date finding reads the page's own metadata and text). The page's title, site name and
date come with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

SUFFIXES = (".html", ".htm", ".xhtml")


class PageError(ValueError):
    """The page has no main text to read."""


@dataclass(frozen=True)
class Page:
    text: str
    """The main text, one paragraph to a line; the page's own heading first when it has one."""
    title: str = ""
    date: str = ""
    """As the page states it, ISO (YYYY-MM-DD); "" when it states none."""
    site: str = ""
    """The site's name as the page declares it ("The White House"), or ""."""

    @property
    def label(self) -> str:
        """What to call the account the page tells: its site, else its title."""
        return self.site or self.title

    def without_title(self) -> str:
        """The text without the page's heading line and the date lines under it ("March 1,
        2024", "Moscow, 1 March 2024"): for a readout they are the page's, not statements of
        the account (the date is the page's ``date``)."""
        lines = self.text.split("\n")
        if lines and self.title and " ".join(lines[0].split()).casefold() == " ".join(self.title.split()).casefold():
            lines = lines[1:]
        while lines and _date_line(lines[0]):
            lines = lines[1:]
        return "\n".join(lines)

    def with_title(self) -> str:
        """The text with the page's title as its first line: an article's headline, where
        the extractor left it out."""
        first = self.text.partition("\n")[0]
        if not self.title or " ".join(first.split()).casefold() == " ".join(self.title.split()).casefold():
            return self.text
        return f"{self.title}\n{self.text}"


def is_web_page(source: str) -> bool:
    return Path(source).suffix.lower() in SUFFIXES


def read_page(html: str) -> Page:
    """The main text and metadata of a page's HTML. Raises ``PageError`` when there is no
    main text (an empty page, a page of links only)."""
    import trafilatura  # only pages need it

    document = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        # Not deduplicate: its memory spans documents, and two accounts of one call may
        # well share a paragraph.
        deduplicate=False,
    )
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise PageError("no main text found in the page")
    return Page(
        text=text,
        title=_one_line(getattr(document, "title", None)),
        date=_one_line(getattr(document, "date", None)),
        site=_one_line(getattr(document, "sitename", None)),
    )


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_DATE_LINE_WORDS = 6


def _date_line(line: str) -> bool:
    """A short line that names a year and ends no sentence: a page's date or dateline."""
    short = 0 < len(line.split()) <= _DATE_LINE_WORDS
    return short and bool(_YEAR.search(line)) and not line.rstrip().endswith((".", "!", "?"))


def _one_line(value: object) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""
