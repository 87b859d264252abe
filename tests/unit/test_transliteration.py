"""Names and numbers bridge scripts: a word in Cyrillic (or Greek, Hebrew, Arabic...) is also
matched by its Latin transliteration, in the scores and in the strip's word marks."""

from __future__ import annotations

from readout_tui.core.engine.explain import shares_words, word_spans
from readout_tui.core.engine.words import TermTable, stems, transliterated

RUSSIAN = "Владимир Путин обсудил с Нетаньяху положение в секторе Газа и судьбу 50 заложников."
ENGLISH = "Netanyahu and Putin discussed the situation in the Gaza Strip and the 50 hostages."
UNRELATED = "Wheat exports were expected to grow next year."


def test_transliteration_is_lower_case_latin_without_soft_signs():
    assert transliterated("Нетаньяху") == "netanyakhu"
    assert transliterated("Зеленського") == "zelenskogo"


def test_cyrillic_names_share_a_key_with_their_english_spelling():
    for russian, english in (("путин", "putin"), ("путина", "putin"), ("нетаньяху", "netanyahu"),
                             ("зеленского", "zelensky"), ("газа", "gaza"), ("іран", "iran")):
        assert set(stems(russian)) & set(stems(english)), (russian, english)


def test_latin_and_cjk_words_keep_their_keys():
    # English scores must not move: a Latin word is matched by its stem alone, as before.
    assert stems("hostages") == ("hostag",)
    assert stems("café") == ("café",)
    assert stems("加沙") == ("加沙",)
    # Hebrew and Arabic write few vowels: their transliterations would match nothing.
    assert all(key.isascii() is False for key in stems("נתניהו") + stems("بوتين"))


def test_shared_names_and_numbers_score_across_scripts():
    table = TermTable.build([RUSSIAN], [ENGLISH, UNRELATED])
    overlap = table.overlap()
    assert overlap[0, 0] > 0 and overlap[0, 1] == 0.0
    without_the_number = TermTable.build([RUSSIAN.replace("50", "")], [ENGLISH, UNRELATED])
    assert without_the_number.overlap()[0, 0] > 0  # the names alone
    shared = set(table.shared(0, 0))
    assert "50" in shared and {"нетаньяху", "netanyahu"} & shared and {"газа", "gaza"} & shared


def test_a_shared_cyrillic_word_is_listed_once():
    # Each Cyrillic word is keyed by its own stem and two of its transliteration's: the pair's
    # shared words (JSON, reasons, the strip) once listed "разговор" three times.
    left = ["Путин провел телефонный разговор, сказал Песков.", "Другое предложение здесь."]
    right = ["Разговор состоялся, сказал Сийярто.", "Москва и Будапешт."]
    shared = TermTable.build(left, right).shared(0, 0)
    assert shared.count("разговор") == 1 and shared.count("сказал") == 1
    assert len(shared) == len(set(shared))


def test_the_strip_marks_transliterated_names_as_shared():
    assert shares_words(RUSSIAN, ENGLISH)
    weights = TermTable.build([RUSSIAN], [ENGLISH, UNRELATED]).weight
    shared = {RUSSIAN[s.start : s.end] for s in word_spans(RUSSIAN, ENGLISH, weights) if s.kind == "shared"}
    assert {"Нетаньяху", "Газа", "50"} <= shared
    marked = {ENGLISH[s.start : s.end] for s in word_spans(ENGLISH, RUSSIAN, weights) if s.kind == "shared"}
    assert {"Putin", "Gaza"} <= marked
