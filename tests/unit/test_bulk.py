"""The garbage collector is paused while many small objects are made, and left as it was found."""

from __future__ import annotations

import gc

import pytest

from readout_tui.core.bulk import collector_paused
from readout_tui.core.engine import decision
from readout_tui.core.engine.evidence import gather_evidence
from readout_tui.core.io import export, report
from readout_tui.core.work import mentions


@collector_paused()
def _state() -> bool:
    return gc.isenabled()


def test_paused_inside_restored_after_also_nested_and_on_error():
    assert gc.isenabled()
    assert _state() is False
    assert gc.isenabled()
    with collector_paused():
        assert _state() is False
        assert not gc.isenabled()  # the inner use leaves it off for the outer
    assert gc.isenabled()
    with pytest.raises(ZeroDivisionError), collector_paused():
        raise ZeroDivisionError
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # off before: off after
    finally:
        gc.enable()


def test_decide_mentions_and_every_report_run_with_the_collector_paused(monkeypatch, example):
    seen = []

    def spy(real):
        def wrapper(*args, **kwargs):
            seen.append(gc.isenabled())
            return real(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(decision, "_alignment", spy(decision._alignment))
    monkeypatch.setattr(mentions, "mentions", spy(mentions.mentions))
    monkeypatch.setattr(report, "lexical_fallback", spy(report.lexical_fallback))
    monkeypatch.setattr(export, "_ref", spy(export._ref))
    monkeypatch.setattr(export, "_length", spy(export._length))
    alignment = decision.decide(gather_evidence(example.left, example.right, None))
    calls = {"decide": lambda: None, **{fmt: (lambda f=fmt: export.render(f, alignment)) for fmt in export.FORMATS},
             "report json": lambda: report.to_json(alignment)}
    for name, call in calls.items():
        call()
        assert seen and not any(seen), name
        seen.clear()
    assert gc.isenabled()


def test_the_word_table_and_the_name_free_texts_are_made_with_the_collector_paused(monkeypatch):
    from readout_tui.core.engine import names, words

    seen = []
    real_words, real_names = words.words, names._words
    monkeypatch.setattr(words, "words", lambda *a: seen.append(gc.isenabled()) or real_words(*a))
    monkeypatch.setattr(names, "_words", lambda *a: seen.append(gc.isenabled()) or real_names(*a))
    words.TermTable.build(["Putin spoke with Xi."], ["Xi spoke with Putin."])
    names.without_shared_names(["Putin spoke with Xi.", "Xi spoke with Putin."])
    assert len(seen) >= 3 and not any(seen) and gc.isenabled()
