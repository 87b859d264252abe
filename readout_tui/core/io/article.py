"""One news article that tells both governments' accounts of a call, read as a comparison.

The article (a text file, or a saved web page) is split into statements, each attributed to
the left account, the right one or neither (``core.engine.attribution``); the two accounts
are compared as two readouts, and the attribution goes with the comparison (``CaseInfo.article``)
so that the reports say how each statement was attributed. A folder holding ``article.txt``
(or ``article.html``) and a ``meta.json`` gives the title, date, sources and, if the analyst
named them, the two labels.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from readout_tui.core.engine.attribution import Attribution, AttributionError, How, Side, attribute
from readout_tui.core.engine.statements import Segmentation, statement_blocks
from readout_tui.core.io.loading import (
    Comparison,
    InputError,
    meta_side_sources,
    meta_sources,
    read_meta,
    read_page_or_text,
    text_field,
)
from readout_tui.core.types import CaseInfo


def attribute_text(text: str, mode: Segmentation | str = Segmentation.SENTENCES, learned: bool = False) -> Attribution:
    """Raises ``AttributionError`` when the text does not cite two sources. ``learned``: the
    rules corrected by the model learned from the gold (``attribute``)."""
    return attribute(statement_blocks(text, mode), learned)


def load_article(
    source: str,
    mode: Segmentation | str = Segmentation.SENTENCES,
    left_label: str | None = None,
    right_label: str | None = None,
    folder: Path | None = None,
) -> Comparison:
    """The two accounts one article tells, either of which may be empty until statements are
    moved to it by hand. ``folder``: the article's case folder, whose ``meta.json`` is read."""
    meta = read_meta(folder) if folder is not None else {}
    text, encoding, page = read_page_or_text(source)
    if page is not None:
        text = page.with_title()
    if not text.strip():
        raise InputError(f"{source}: no statements (the text is empty)")
    try:
        attribution = attribute_text(text, mode, learned=True)
    except AttributionError as exc:
        raise InputError(
            f"{source}: cannot tell two accounts in this article: {exc}; "
            "give two readout files (LEFT RIGHT) or a case folder instead"
        ) from exc
    attribution = attribution.relabelled(
        left_label or text_field(meta, "left_label") or None,
        right_label or text_field(meta, "right_label") or None,
    )
    headline = next((s.text for s in attribution.statements if s.how is How.HEADLINE), "")
    info = CaseInfo(
        title=text_field(meta, "title") or (page.title if page else "") or headline,
        date=text_field(meta, "date") or (page.date if page else ""),
        sources=meta_sources(meta) or (source,),
        side_sources=meta_side_sources(meta),
    )
    comparison = Comparison(*attribution.readouts(source, encoding), info, folder)
    # An account that got no statement is no dead end: the app opens the assignment, where
    # statements are moved to it by hand; ``compare`` refuses it (``assigned``).
    return accounts(comparison, attribution)


def with_attribution(comparison: Comparison, attribution: Attribution) -> Comparison:
    """``comparison`` with its two accounts taken from ``attribution`` (after statements were
    moved by hand, say); the source, encoding, title and date stay."""
    assigned = accounts(comparison, attribution)
    for side, readout in ((Side.LEFT, assigned.left), (Side.RIGHT, assigned.right)):
        if not len(readout):
            raise InputError(f"{comparison.left.source}: the {side.value} account ({readout.label}) has no statements")
    return assigned


def accounts(comparison: Comparison, attribution: Attribution) -> Comparison:
    """As ``with_attribution``, but an account may be empty: what the statements of a session
    refer to while an assignment is under way (nothing compares it)."""
    left, right = attribution.readouts(comparison.left.source, comparison.left.encoding)
    return replace(comparison, left=left, right=right, info=replace(comparison.info, article=attribution))
