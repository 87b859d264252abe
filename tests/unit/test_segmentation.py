"""Splitting readout prose into statements."""

from __future__ import annotations

import pytest

from readout_tui.core.engine.statements import Segmentation, normalise, split_statements


def sentences(text: str) -> list[str]:
    return split_statements(text, Segmentation.SENTENCES)


# --- English readout prose -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The U.S. President spoke with Mr. Smith on Dec. 10. They agreed on item No. 2 of the plan.",
            ["The U.S. President spoke with Mr. Smith on Dec. 10.", "They agreed on item No. 2 of the plan."],
        ),
        (
            "Biden said the U.S. would help. Xi said no.",
            ["Biden said the U.S. would help.", "Xi said no."],
        ),
        (
            "Mr. Netanyahu thanked Mr. Putin. He asked for help with the hostages.",
            ["Mr. Netanyahu thanked Mr. Putin.", "He asked for help with the hostages."],
        ),
        (
            "Item No. 2 was discussed. Then item No. 3.",
            ["Item No. 2 was discussed.", "Then item No. 3."],
        ),
        (
            "The Sept. 11 attacks were mentioned. So was the U.N. Security Council.",
            ["The Sept. 11 attacks were mentioned.", "So was the U.N. Security Council."],
        ),
        (
            "He spoke with J. Biden and K. Harris. They agreed.",
            ["He spoke with J. Biden and K. Harris.", "They agreed."],
        ),
    ],
)
def test_titles_and_abbreviations_do_not_end_a_sentence(text, expected):
    assert sentences(text) == expected


def test_decimals_do_not_end_a_sentence():
    assert sentences("Prices rose 3.5 percent. The talks lasted 1.5 hours.") == [
        "Prices rose 3.5 percent.",
        "The talks lasted 1.5 hours.",
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ('He said: "We will not stop." Then he left.', ['He said: "We will not stop."', "Then he left."]),
        ('"We will not stop," he said. The talks continued.', ['"We will not stop," he said.', "The talks continued."]),
        ("Mr. Putin said “Russia is ready.” The PM replied.", ["Mr. Putin said “Russia is ready.”", "The PM replied."]),
        ("Netanyahu said: 'Israel will win.' Putin answered.", ["Netanyahu said: 'Israel will win.'", "Putin answered."]),
    ],
)
def test_quotes_stay_with_their_sentence(text, expected):
    assert sentences(text) == expected


# --- Other languages -------------------------------------------------------------------------


def test_russian_initials_do_not_end_a_sentence():
    text = (
        "Президент России В.В. Путин провёл телефонный разговор с Премьер-министром Израиля "
        "Б. Нетаньяху. Обсуждалась ситуация в секторе Газа."
    )
    assert sentences(text) == [
        "Президент России В.В. Путин провёл телефонный разговор с Премьер-министром Израиля Б. Нетаньяху.",
        "Обсуждалась ситуация в секторе Газа.",
    ]


def test_russian_initials_without_space_are_kept_as_written():
    # A repair that joins pieces must not change the text (no space inserted after "Б.").
    text = "Премьер-министр Б.Нетаньяху поблагодарил В.Путина. Он попросил о помощи."
    assert sentences(text) == [
        "Премьер-министр Б.Нетаньяху поблагодарил В.Путина.",
        "Он попросил о помощи.",
    ]


def test_russian_dates_and_quotes():
    assert sentences("Разговор состоялся 10 дек. 2023 г. по инициативе израильской стороны. Обсуждалась Газа.") == [
        "Разговор состоялся 10 дек. 2023 г. по инициативе израильской стороны.",
        "Обсуждалась Газа.",
    ]
    assert sentences("«Мы победим», — сказал он. Затем он ушёл.") == ["«Мы победим», — сказал он.", "Затем он ушёл."]


def test_indonesian():
    text = (
        "Presiden Joko Widodo menerima kunjungan Dr. Retno di Istana. "
        "Mereka membahas situasi di Gaza, Palestina. Pertemuan berlangsung hangat."
    )
    assert sentences(text) == [
        "Presiden Joko Widodo menerima kunjungan Dr. Retno di Istana.",
        "Mereka membahas situasi di Gaza, Palestina.",
        "Pertemuan berlangsung hangat.",
    ]


def test_indonesian_dates_and_initials():
    assert sentences("Presiden dan PM Netanyahu bertemu pd. tgl. 10 Des. 2023. Mereka membahas Gaza.") == [
        "Presiden dan PM Netanyahu bertemu pd. tgl. 10 Des. 2023.",
        "Mereka membahas Gaza.",
    ]
    assert sentences("Menlu Retno L.P. Marsudi hadir. Acara selesai pukul 10.30 WIB.") == [
        "Menlu Retno L.P. Marsudi hadir.",
        "Acara selesai pukul 10.30 WIB.",
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Presiden menerima tamu di Jl. Medan Merdeka Utara dan membahas kerja sama yang baik. "
            "Acara itu juga dihadiri oleh Kol. Inf. Budi Santoso dari Kodam.",
            [
                "Presiden menerima tamu di Jl. Medan Merdeka Utara dan membahas kerja sama yang baik.",
                "Acara itu juga dihadiri oleh Kol. Inf. Budi Santoso dari Kodam.",
            ],
        ),
        (
            "Bantuan senilai Rp. 10.000.000 diserahkan kepada Hj. Siti dan Ny. Ani di Kab. Bogor. "
            "Penyerahan itu dilakukan pada hari Minggu (10/12/2023) di kantor yang baru.",
            [
                "Bantuan senilai Rp. 10.000.000 diserahkan kepada Hj. Siti dan Ny. Ani di Kab. Bogor.",
                "Penyerahan itu dilakukan pada hari Minggu (10/12/2023) di kantor yang baru.",
            ],
        ),
        (
            # Not ASCII throughout (curly quotes): told Indonesian by the language identifier.
            "Menurut Prof. Dr. Ir. Hasan, “ekonomi tumbuh” dan itu baik untuk kita. Ia hadir di sana.",
            ["Menurut Prof. Dr. Ir. Hasan, “ekonomi tumbuh” dan itu baik untuk kita.", "Ia hadir di sana."],
        ),
    ],
)
def test_indonesian_titles_ranks_and_addresses_end_no_sentence(text, expected):
    assert sentences(text) == expected


def test_english_keeps_its_own_rules_for_indonesian_abbreviations():
    # "Kol." is no English abbreviation: an English text is not given Indonesian rules.
    assert sentences("The rally was led by Kol. Then the crowd went home.") == [
        "The rally was led by Kol.",
        "Then the crowd went home.",
    ]


def test_chinese_punctuation():
    assert sentences("中国国家主席习近平同美国总统拜登通电话。双方就中美关系交换了意见！你好吗？好的。") == [
        "中国国家主席习近平同美国总统拜登通电话。",
        "双方就中美关系交换了意见！",
        "你好吗？",
        "好的。",
    ]


def test_chinese_closing_quote_stays_with_the_sentence_it_closes():
    assert sentences("习近平指出：“中美关系不能搞零和博弈。”拜登表示同意。") == [
        "习近平指出：“中美关系不能搞零和博弈。”",
        "拜登表示同意。",
    ]


# --- Modes -----------------------------------------------------------------------------------


def test_lines_gives_exactly_one_statement_per_non_empty_line():
    lines = [
        "The U.S. President spoke with Mr. Smith on Dec. 10. They agreed.",  # two sentences, one line
        "continues in lower case",
        "В.В.",
        "No. 2",
        "习近平同拜登通电话。双方交换了意见。",
        "   indented   with   spaces   ",
    ]
    text = "\n".join(lines[:3]) + "\n\n   \n" + "\n".join(lines[3:]) + "\n\n"
    assert split_statements(text, "lines") == [" ".join(line.split()) for line in lines]


def test_lines_counts_lines_as_python_does():
    # The evaluation script counts str.splitlines(); every boundary it knows is one here too.
    text = "a\r\nb\rc\nd\u2028e\u2029f\x85g\x0bh\x0ci\x1cj"
    assert split_statements(text, "lines") == [s for s in text.splitlines() if s.strip()]


def test_paragraphs_join_wrapped_lines_and_split_on_blank_lines():
    text = "First paragraph,\nwrapped here. Second sentence.\n\n \n\nSecond paragraph.\r\n\r\nThird."
    assert split_statements(text, "paragraphs") == [
        "First paragraph, wrapped here. Second sentence.",
        "Second paragraph.",
        "Third.",
    ]


def test_sentences_join_hard_wrapped_lines():
    text = "Prime Minister Netanyahu held a telephone conversation today with Russian\nPresident Vladimir Putin on the war. The call lasted fifty minutes."
    assert sentences(text) == [
        "Prime Minister Netanyahu held a telephone conversation today with Russian President Vladimir Putin on the war.",
        "The call lasted fifty minutes.",
    ]


def test_a_heading_line_is_its_own_statement():
    assert sentences("Readout\nThe first sentence is here. And the second.") == [
        "Readout",
        "The first sentence is here.",
        "And the second.",
    ]


def test_a_line_without_final_punctuation_ends_its_paragraph_when_lines_are_paragraphs():
    # One paragraph to a line, as articles are saved: the unpunctuated lines are a link, a
    # paragraph missing its full stop and a heading, not hard wraps.
    text = (
        "Prime Minister Netanyahu spoke with President Putin on Sunday.\n"
        "Read more: What the judicial overhaul would change\n"
        "The Israeli statement said the call lasted fifty minutes.\n"
        "Foreign Minister Lavrov also said on Sunday that the strikes could not be justified\n"
        "Relations strained\n"
        "The two leaders gave different accounts of the call.\n"
    )
    assert sentences(text) == [
        "Prime Minister Netanyahu spoke with President Putin on Sunday.",
        "Read more: What the judicial overhaul would change",
        "The Israeli statement said the call lasted fifty minutes.",
        "Foreign Minister Lavrov also said on Sunday that the strikes could not be justified",
        "Relations strained",
        "The two leaders gave different accounts of the call.",
    ]


def test_a_line_ending_in_a_comma_carries_on_when_lines_are_paragraphs():
    text = (
        "The call took place on Sunday.\n"
        "In the conversation between the two leaders,\n"
        "Netanyahu objected to Russia's stance at the UN.\n"
        "The Kremlin gave another account.\n"
    )
    assert sentences(text)[1] == "In the conversation between the two leaders, Netanyahu objected to Russia's stance at the UN."


def test_a_line_without_final_punctuation_ends_its_statement_before_a_blank_line():
    text = "Lavrov also said on Sunday that the strikes could not be justified in any way\n\nThe Kremlin said more."
    assert sentences(text) == [
        "Lavrov also said on Sunday that the strikes could not be justified in any way",
        "The Kremlin said more.",
    ]


def test_a_headline_over_the_first_paragraph_ends_when_the_text_is_one_paragraph_to_a_line():
    # Blank lines between the other paragraphs, none under the headline: the layout is the
    # text's, so the headline (longer than a heading) is not a hard wrap of the dateline.
    text = (
        "Rowan and Kessel hold first call, pledge to keep channels open\n"
        "WASHINGTON, May 4 - Novan President Tom Rowan spoke with Ostian President Ida Kessel.\n"
        "\n"
        "Rowan congratulated Kessel, the White House said.\n"
        "He also raised missile tests, the readout said.\n"
        "\n"
        "Kessel said the two countries should respect each other.\n"
    )
    assert sentences(text)[:2] == [
        "Rowan and Kessel hold first call, pledge to keep channels open",
        "WASHINGTON, May 4 - Novan President Tom Rowan spoke with Ostian President Ida Kessel.",
    ]


def test_hard_wrapped_prose_is_still_joined_across_capitalised_lines():
    text = (
        "Prime Minister Benjamin Netanyahu held a telephone conversation today with\n"
        "Russian President Vladimir Putin on the war against Hamas and the regional\n"
        "situation. The Prime Minister voiced his dissatisfaction with the stance of\n"
        "Russia's envoys at the United Nations and in other international bodies and\n"
        "Israel's position was made clear.\n"
    )
    assert sentences(text) == [
        "Prime Minister Benjamin Netanyahu held a telephone conversation today with Russian President Vladimir Putin on the war against Hamas and the regional situation.",
        "The Prime Minister voiced his dissatisfaction with the stance of Russia's envoys at the United Nations and in other international bodies and Israel's position was made clear.",
    ]


def test_unknown_mode_is_refused():
    with pytest.raises(ValueError):
        split_statements("a", "words")


@pytest.mark.parametrize("mode", list(Segmentation))
@pytest.mark.parametrize("text", ["", "   ", "\n\n\r\n", "\u200b\u00ad\ufeff"])
def test_empty_text_has_no_statements(text, mode):
    assert split_statements(text, mode) == []


# --- Normalisation ---------------------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_endings_are_unified(newline):
    text = newline.join(["One.", "Two.", "", "Three."])
    assert split_statements(text, "lines") == ["One.", "Two.", "Three."]
    assert split_statements(text, "paragraphs") == ["One. Two.", "Three."]
    assert sentences(text) == ["One.", "Two.", "Three."]


def test_zero_width_characters_and_soft_hyphens_are_removed():
    text = "\ufeffThe nego\u00adtiations\u200b were long and\u2060 hard."
    assert split_statements(text, "lines") == ["The negotiations were long and hard."]
    assert normalise("a\u00adb\u200bc") == "abc"


def test_joiners_that_are_part_of_the_writing_are_kept():
    family, persian = "👩\u200d👩\u200d👧", "می\u200cخواهم"
    assert split_statements(f"A family {family} said {persian}.", "lines") == [
        f"A family {family} said {persian}."
    ]


def test_spaces_are_collapsed_but_words_untouched():
    assert normalise("Putin\t\u00a0 said:  «Да»") == "Putin said: «Да»"
    assert sentences("  Putin   said   no.  ") == ["Putin said no."]


def test_statements_are_never_empty_or_padded():
    text = "One.  \n\n  Two!   Three?\n\n\n"
    for mode in Segmentation:
        for statement in split_statements(text, mode):
            assert statement and statement == statement.strip()


# --- Bounded cost on pathological input ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        ("lorem ipsum dolor sit amet " * 80_000)[:2_000_000],  # lower case: the "continues" repair
        "x" * 2_000_000,  # no space to cut at
    ],
    ids=["words", "one-word"],
)
def test_two_megabytes_without_punctuation_is_cut_into_bounded_pieces(text):
    pieces = sentences(text)
    assert len(pieces) > 1
    assert max(len(p) for p in pieces) <= 20_000
    # Nothing invented or lost: only the spaces at the cuts are gone.
    assert "".join(pieces).replace(" ", "") == text.replace(" ", "")


def test_long_prose_is_segmented_in_windows_without_cutting_a_sentence(monkeypatch):
    from readout_tui.core.engine import statements as segmentation

    prose = (
        "The talks went on for an hour. Mr. Putin said the situation in Gaza was grave. "
        "В.В. Путин провёл разговор с Б. Нетаньяху. 两国元首就加沙局势深入交换了意见。"
        "Both sides agreed, on Dec. 10 2023, to stay in touch! Was it enough? "
    ) * 60  # 15,000 characters, under the longest window
    windowed = sentences(prose)
    monkeypatch.setattr(segmentation, "_SEGMENTER_WINDOW", 10**9)  # all of it in one pysbd call
    assert windowed == sentences(prose)
    assert len(windowed) == 6 * 60


def test_an_agency_tag_between_slashes_ends_the_dateline():
    # TASS and RIA put the agency after the dateline: "/ТАСС/." is no statement of its own.
    text = "МОСКВА, 17 октября. /ТАСС/. Президент России провел телефонный разговор."
    assert split_statements(text) == ["МОСКВА, 17 октября. /ТАСС/.", "Президент России провел телефонный разговор."]


def test_a_dateline_of_place_and_date_each_closed_by_a_full_stop_opens_the_sentence_after_it():
    # Interfax's "Москва. 15 ноября. INTERFAX.RU - ...": neither the place nor the date is a statement.
    text = "Москва. 15 ноября. INTERFAX.RU - Путин провел телефонный разговор с Шольцем. Разговор длился час."
    assert split_statements(text) == [
        "Москва. 15 ноября. INTERFAX.RU - Путин провел телефонный разговор с Шольцем.",
        "Разговор длился час.",
    ]


def test_a_word_alone_opening_a_paragraph_is_no_dateline_without_its_date():
    assert split_statements("Great. He said the call went well.") == ["Great.", "He said the call went well."]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Macron gave his account of the call on X. The French President said it went well.",
            ["Macron gave his account of the call on X.", "The French President said it went well."],
        ),
        ("Prabowo menulis di X. Ia menyebut hal itu.", ["Prabowo menulis di X.", "Ia menyebut hal itu."]),
        ("Он написал в соцсети X. Он ответил.", ["Он написал в соцсети X.", "Он ответил."]),
    ],
)
def test_a_lone_capital_after_a_lowercase_word_ends_a_sentence_before_a_function_word(text, expected):
    # pysbd takes "X." for an initial and keeps the next sentence with it.
    assert sentences(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The minister spoke to J. Smith about the plan.",
        "President George W. Bush spoke. Then it ended.",
    ],
)
def test_an_initial_before_a_name_does_not_end_a_sentence(text):
    pieces = sentences(text)
    assert not any(piece.endswith((" J.", " W.", " X.")) for piece in pieces)
