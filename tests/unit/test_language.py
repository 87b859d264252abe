"""Readouts not in English: identifying each side's language, splitting and matching words in
Russian, Indonesian, Hebrew and Chinese, and leaning on shared words when the model does not
cover a side's language (said once, labelled everywhere)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from readout_tui import cli
from readout_tui.core.engine.explain import shares_words, word_spans
from readout_tui.core.engine.language import UNDETERMINED, Language, detect, sample
from readout_tui.core.engine.pipeline import compare
from readout_tui.core.engine.settings import AlignmentSettings
from readout_tui.core.engine.statements import _language, split_statements
from readout_tui.core.engine.words import TermTable, stems, words
from readout_tui.core.io import export, report
from readout_tui.core.io.loading import load_case
from readout_tui.testing import FakeEmbedder

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
ENGLISH = FIXTURES / "netanyahu-putin-2023-12-10"
INDONESIAN = FIXTURES / "netanyahu-putin-2023-12-10-id"
RUSSIAN = FIXTURES / "netanyahu-putin-2023-12-10-ru"

HEBREW = (
    "ראש הממשלה בנימין נתניהו שוחח היום עם נשיא רוסיה ולדימיר פוטין על המלחמה בחמאס. "
    "השיחה נמשכה כחמישים דקות. ראש הממשלה הודה לרוסיה על שחרור החטוף בעל האזרחות הרוסית."
)
CHINESE = "习近平应约同美国总统拜登通电话。两国元首就中美关系以及双方关心的问题坦诚沟通和交流。"


# --- identification ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("case", "side", "code"),
    [(ENGLISH, "left", "en"), (ENGLISH, "right", "en"), (INDONESIAN, "left", "id"),
     (INDONESIAN, "right", "id"), (RUSSIAN, "left", "ru"), (RUSSIAN, "right", "ru")],
)
def test_each_fixture_side_is_identified(case, side, code):
    readout = getattr(load_case(case, "lines"), side)
    language = detect(sample(readout.texts))
    assert language.code == code
    assert 0.5 <= language.confidence <= 1.0


def test_hebrew_and_chinese_are_identified():
    assert detect(HEBREW).code == "he"
    # Short Mandarin is often labelled Wu by the identifier; models treat both as Chinese.
    chinese = detect(CHINESE)
    assert chinese.code == "zh" and chinese.name == "Chinese"


@pytest.mark.parametrize("text", ["", "Putin.", "Netanyahu Putin", "12345 67890 12345 67890 12345"])
def test_too_little_text_is_undetermined_not_guessed(text):
    language = detect(text)
    assert language.code == UNDETERMINED and not language.known
    assert "undetermined" in language.describe()


def test_an_unsure_guess_is_undetermined_but_keeps_its_confidence():
    # Names and numbers only: enough letters, but no language to speak of.
    language = detect("Netanyahu Putin Netanyahu Putin Netanyahu Putin Lavrov Hamas Gaza")
    assert language.code == UNDETERMINED
    assert 0.0 < language.confidence < 0.5


# --- segmentation per language ----------------------------------------------------------------


def test_russian_sentences():
    text = (
        "10 дек. 2023 г. состоялся телефонный разговор. Президент России В.В. Путин подчеркнул "
        "позицию России. Стороны договорились о контактах."
    )
    assert _language(text) == "ru"
    assert split_statements(text) == [
        "10 дек. 2023 г. состоялся телефонный разговор.",
        "Президент России В.В. Путин подчеркнул позицию России.",
        "Стороны договорились о контактах.",
    ]


def test_indonesian_sentences():
    text = (
        "Netanyahu berbicara dengan Presiden Rusia Vladimir Putin pada hari Minggu (10/12/2023). "
        "Percakapan itu berlangsung selama 50 menit. Kremlin menambahkan pernyataannya."
    )
    assert _language(text) == "id"  # pysbd has no Indonesian rules: English's, with Indonesian abbreviations
    assert split_statements(text) == [
        "Netanyahu berbicara dengan Presiden Rusia Vladimir Putin pada hari Minggu (10/12/2023).",
        "Percakapan itu berlangsung selama 50 menit.",
        "Kremlin menambahkan pernyataannya.",
    ]


def test_hebrew_sentences_and_a_heading_without_letter_case():
    text = "הודעת לשכת ראש הממשלה\n" + HEBREW
    assert split_statements(text) == [
        "הודעת לשכת ראש הממשלה",
        "ראש הממשלה בנימין נתניהו שוחח היום עם נשיא רוסיה ולדימיר פוטין על המלחמה בחמאס.",
        "השיחה נמשכה כחמישים דקות.",
        "ראש הממשלה הודה לרוסיה על שחרור החטוף בעל האזרחות הרוסית.",
    ]


def test_chinese_sentences_across_lines():
    text = "习近平应约同美国总统拜登通电话。\n两国元首就中美关系以及双方关心的问题坦诚沟通和交流。"
    assert _language(text) == "zh"
    assert split_statements(text) == [
        "习近平应约同美国总统拜登通电话。",
        "两国元首就中美关系以及双方关心的问题坦诚沟通和交流。",
    ]


def test_the_identified_language_picks_pysbds_rules():
    # English rules end a sentence at the German ordinal "15."; German rules do not.
    text = "Bundeskanzler Scholz hat am 15. November mit Präsident Putin telefoniert. Das Gespräch dauerte eine Stunde."
    assert _language(text) == "de"
    assert split_statements(text) == [
        "Bundeskanzler Scholz hat am 15. November mit Präsident Putin telefoniert.",
        "Das Gespräch dauerte eine Stunde.",
    ]


# --- lexical matching per language ------------------------------------------------------------


def shared_keys(a: str, b: str) -> set[str]:
    return {k for w in words(a) for k in stems(w)} & {k for w in words(b) for k in stems(w)}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Путин", "Путина"),  # genitive
        ("Россия", "России"),
        ("заложник", "заложников"),
        ("ירושלים", "ובירושלים"),  # "and in Jerusalem"
        ("רוסיה", "לרוסיה"),  # "to Russia"
        ("חטוף", "החטופים"),  # "the hostages"
        ("ממשלה", "הממשלה"),
        ("serangan", "serangan"),
    ],
)
def test_inflected_and_prefixed_forms_share_a_key(a, b):
    assert shared_keys(a, b)


def test_chinese_is_matched_by_character_bigrams():
    assert {"拜登", "通电", "电话"} <= shared_keys("习近平同拜登通电话", "拜登与习近平通电话")
    assert not shared_keys("中美关系", "人道主义")


def test_words_need_no_capital_letters_or_stopword_lists():
    # Caseless scripts keep every word; case only folds, and short function words stay
    # (their weight, not a list, makes them count for little).
    assert words("ראש הממשלה") == ["ראש", "הממשלה"]
    assert words("ДЛЯ мирного") == ["для", "мирного"]
    assert words("di Gaza") == ["di", "gaza"]


@pytest.mark.parametrize(
    ("left", "right"),
    [
        (
            ["Путин и Нетаньяху обсудили освобождение заложников.", "Разговор длился час."],
            ["Стороны договорились о контактах.", "Обсуждено освобождение заложника с гражданством России."],
        ),
        (
            ["Netanyahu meminta pembebasan sandera di Gaza.", "Percakapan berlangsung 50 menit."],
            ["Kedua pemimpin sepakat tetap berhubungan.", "Putin membahas sandera di Gaza."],
        ),
        (
            ["נתניהו ביקש לשחרר את החטופים בעזה.", "השיחה נמשכה שעה."],
            ["המנהיגים סיכמו להמשיך בקשר.", "פוטין דן בשחרור חטופים מעזה."],
        ),
        (
            ["两国元首就中美关系交换了意见。", "通话持续了一个小时。"],
            ["双方同意保持联系。", "拜登表示中美关系十分重要。"],
        ),
    ],
    ids=["ru", "id", "he", "zh"],
)
def test_lexical_overlap_finds_the_partner_in_each_language(left, right):
    overlap = TermTable.build(left, right).overlap()
    assert overlap[0].argmax() == 1
    assert overlap[0, 1] > 0.05 and overlap[1].max() < overlap[0, 1]


# --- the model's coverage decides whether meaning is used --------------------------------------


def test_a_language_the_model_does_not_cover_is_compared_by_shared_words_only():
    case = load_case(INDONESIAN, "lines")
    english_model = FakeEmbedder(name="all-MiniLM-L6-v2")
    alignment = compare(case.left, case.right, english_model, None)
    assert english_model.calls == []  # its scores would be noise: never asked
    assert alignment.semantic is False and alignment.model == "lexical only"
    assert alignment.settings["lexical_threshold"] == AlignmentSettings().lexical_threshold
    assert alignment.languages.uncovered == ["left", "right"]
    assert report.lexical_fallback(alignment) == "all-MiniLM-L6-v2 does not cover Indonesian (id)"
    assert all(p.cosine == 0.0 for p in alignment.pairs)


def test_text_of_no_language_does_not_turn_the_model_off():
    """The identifier labels some text "zxx", no linguistic content (a list of codes, a long
    run of one letter): that is no language a model fails to cover, but one it cannot tell."""
    from readout_tui.core.io.loading import readout_from_text

    codes = readout_from_text(" ".join(f"word{n}" for n in range(400)) + ".\nShort second statement.", "codes")
    english = load_case(ENGLISH, "lines")
    assert detect(sample(codes.texts)).code == UNDETERMINED
    model = FakeEmbedder(name="all-MiniLM-L6-v2")
    alignment = compare(codes, english.right, model, None)
    assert model.calls and alignment.semantic is True and report.lexical_fallback(alignment) == ""


def test_a_model_that_covers_the_language_is_used():
    case = load_case(RUSSIAN, "lines")
    multilingual = FakeEmbedder(name="sentence-transformers/paraphrase-multilingual-MiniLM-L12-v2")
    alignment = compare(case.left, case.right, multilingual, None)
    assert multilingual.calls
    assert alignment.semantic is True and alignment.languages.semantic_ok
    assert report.lexical_fallback(alignment) == ""


def test_a_model_of_unknown_coverage_is_trusted_and_no_model_means_no_warning():
    case = load_case(RUSSIAN, "lines")
    assert compare(case.left, case.right, FakeEmbedder(name="my-model"), None).semantic is True
    lexical = compare(case.left, case.right, None, None)
    assert lexical.languages.left.code == "ru" and lexical.languages.warning() == ""


def test_reports_carry_the_languages_and_the_fallback():
    case = load_case(INDONESIAN, "lines")
    alignment = compare(case.left, case.right, FakeEmbedder(name="all-MiniLM-L6-v2"), None)
    document = json.loads(report.to_json(alignment, case.info))
    assert document["left"]["language"] == "id" and document["right"]["language"] == "id"
    assert 0.5 <= document["left"]["language_confidence"] <= 1
    assert document["semantic"] is False
    assert document["lexical_fallback"] == "all-MiniLM-L6-v2 does not cover Indonesian (id)"
    text = report.to_text(alignment, case.info)
    assert text.splitlines()[2] == (
        "Shared words only, not meaning: all-MiniLM-L6-v2 does not cover Indonesian (id)"
    )
    assert "Kantor PM Israel (6 statements) · Indonesian (id, " in text
    assert "model: lexical only (all-MiniLM-L6-v2 does not cover Indonesian (id))" in text
    markdown = export.render("markdown", alignment, case.info)
    assert "- Languages: Kantor PM Israel: Indonesian \\(id, " in markdown


def test_english_reports_have_languages_and_no_fallback():
    case = load_case(ENGLISH, "lines")
    alignment = compare(case.left, case.right, FakeEmbedder(name="all-MiniLM-L6-v2"), None)
    document = json.loads(report.to_json(alignment, case.info))
    assert document["left"]["language"] == "en" and document["lexical_fallback"] is None
    assert "Shared words only" not in report.to_text(alignment, case.info)


def test_swapping_sides_swaps_their_languages():
    case = load_case(INDONESIAN, "lines")
    check = compare(case.right, case.left, None, None).languages
    assert check.swapped().left == detect(sample(case.left.texts))


# --- the CLI's one line ------------------------------------------------------------------------


def test_the_cli_warns_once_and_names_the_model_to_use(capsys):
    # Named explicitly: with no --model, the languages would choose e5, which covers Indonesian.
    code = cli.main(["compare", str(INDONESIAN), "--segment", "lines", "--format", "json", "--model", "all-MiniLM-L6-v2"])
    out, err = capsys.readouterr()
    assert code == 0
    assert err.count("\n") == 1 and err.startswith("readout-tui: warning: ")
    assert "Indonesian" in err and "--model e5" in err
    assert json.loads(out)["lexical_fallback"]


def test_the_cli_is_silent_when_the_model_covers_both_sides(capsys):
    code = cli.main(["compare", str(ENGLISH), "--segment", "lines", "--format", "json", "--lexical-only"])
    out, err = capsys.readouterr()
    assert code == 0 and err == ""
    assert json.loads(out)["left"]["language"] == "en"


def test_a_users_threshold_holds_for_lexical_evidence_too(capsys):
    # Shared words alone, as when no model covers a side (Indonesian now has e5 by default).
    args = ["compare", str(INDONESIAN), "--segment", "lines", "--format", "json", "--lexical-only"]
    cli.main(args)
    assert json.loads(capsys.readouterr().out)["pairs"], "shared words pair some statements of this case"
    cli.main([*args, "--threshold", "0.9"])
    document = json.loads(capsys.readouterr().out)
    assert document["pairs"] == [] and document["settings"]["lexical_threshold"] == 0.9


# --- word-level highlighting across languages -----------------------------------------------


def test_highlighting_leaves_texts_without_common_words_unmarked():
    # No name: "Путин" and "Putin" are shared across the scripts (test_transliteration).
    russian = "Президент подчеркнул необходимость освобождения заложников."
    english = "The president stressed the need to free the hostages."
    weights = TermTable.build([russian], [english]).weight
    assert not shares_words(russian, english)
    assert word_spans(russian, english, weights) == ()


def test_highlighting_still_marks_shared_words_within_one_language():
    a, b = "Путин подчеркнул освобождение заложников.", "Нетаньяху просил об освобождении заложника."
    weights = TermTable.build([a], [b]).weight
    assert shares_words(a, b)
    assert word_spans(a, b, weights)


def test_a_language_without_a_name_here_is_told_by_its_code_once():
    # Moroccan Arabic (the identifier's "ary") was "ary (ary)" and "ary (ary, 0.88)".
    assert Language("ary", 0.88).describe_short() == "ary"
    assert Language("ary", 0.88).describe() == "language ary (0.88)"
    assert Language("id", 0.59).describe_short() == "Indonesian (id)"
    assert Language("id", 0.59).describe() == "Indonesian (id, 0.59)"
    assert Language(UNDETERMINED, 0.21).describe() == "language undetermined (0.21)"


def test_a_side_of_an_article_too_short_to_tell_is_in_the_article_s_language(tmp_path):
    # Both accounts come from one Russian article; the Kremlin's is one short sentence, which
    # alone was "language undetermined".
    from readout_tui.core.engine.pipeline import check_languages
    from readout_tui.core.io.article import load_article

    article = tmp_path / "article.txt"
    article.write_text(
        "Плекши и Мускар обсудили торговлю\n"
        "Президент Бордурии Курт Плекши провел телефонный разговор с президентом Сильдавии Антоном Мускаром, "
        "сообщила пресс-служба Кремля Бордурии. Стороны обсудили поставки зерна и транспортные коридоры, "
        "говорится в сообщении. Президенты договорились продолжить контакты на высшем уровне, добавили в Кремле Бордурии.\n"
        "В Сильдавии разговор подтвердили.\n",
        encoding="utf-8",
    )
    comparison = load_article(str(article))
    languages = check_languages(comparison.left, comparison.right, None)
    assert (languages.left.code, languages.right.code) == ("ru", "ru")
