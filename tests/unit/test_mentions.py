"""'Mentioned by one side only': names, numbers, dates and durations, with their variants."""

from __future__ import annotations

import pytest

from readout_tui.core.io.loading import readout_from_text
from readout_tui.core.work.mentions import mentions, one_sided


def sides(left: list[str], right: list[str]):
    result = one_sided(
        readout_from_text("\n".join(left), "L", "lines"), readout_from_text("\n".join(right), "R", "lines")
    )
    return [m.text for m in result.left], [m.text for m in result.right], result


def test_names_numbers_and_durations_one_side_only():
    left, right, result = sides(
        [
            "Prime Minister Netanyahu spoke with President Putin for fifty minutes.",
            "He criticised the stance at the United Nations and thanked the Red Cross.",
            "The attack by Hamas took 240 hostages on 7 October.",
        ],
        [
            "Vladimir Putin and Benjamin Netanyahu talked about Gaza.",
            "The talks took place on October 7.",
        ],
    )
    assert left == ["fifty minutes", "United Nations", "Red Cross", "240", "Hamas"]
    assert right == ["Gaza"]
    assert result.left[0].kind == "duration" and result.left[3].kind == "number"
    assert result.left[1].statements == (1,)


def test_variants_count_as_the_same_mention():
    left, right, _ = sides(
        [
            "The UN and the IAEA were mentioned.",
            "A 50-minute call on 2023-12-10 about 1,000 tonnes.",
            "Russia's position was noted.",
        ],
        [
            "The United Nations and the International Atomic Energy Agency were mentioned.",
            "The call lasted 50 minutes on 10 December, about 1000 tonnes of grain.",
            "The Russian side noted it.",
        ],
    )
    assert left == [] and right == []


def test_a_number_differing_between_sides_is_reported_on_both():
    left, right, _ = sides(["The call lasted 50 minutes."], ["The call lasted 45 minutes."])
    assert (left, right) == (["50 minutes"], ["45 minutes"])


def test_sentence_opening_words_are_not_names_but_names_opening_sentences_are():
    left, right, _ = sides(
        ["Both leaders spoke.", "Putin said so.", "Kyiv was not mentioned by Putin."],
        ["Both sides spoke."],
    )
    # "Putin" is written capitalised inside a sentence too; "Kyiv" and "Both" only open one.
    assert left == ["Putin"] and right == []


def test_russian_inflections_and_durations():
    left, right, _ = sides(
        [
            "Владимир Путин провёл телефонный разговор с Премьер-министром Израиля Биньямином Нетаньяху.",
            "Разговор длился 50 минут.",
        ],
        [
            "Нетаньяху поблагодарил Путина и Израиль за помощь.",
            "Обсуждалась ситуация в секторе Газа 10 декабря.",
        ],
    )
    assert left == ["50 минут"]
    assert right == ["10 декабря", "Газа"]


def test_indonesian_names_and_durations():
    left, right, _ = sides(
        [
            "Perdana Menteri Israel Benjamin Netanyahu berbicara dengan Presiden Rusia Vladimir Putin.",
            "Percakapan berlangsung selama 50 menit dan membahas PBB.",
        ],
        ["Kremlin mengatakan percakapan antara Putin dan Netanyahu berfokus pada Jalur Gaza."],
    )
    # Titles before a name the other side gives bare do not make it one-sided.
    assert left == ["50 menit", "PBB"]
    # "Kremlin" only ever opens a sentence, where a capital says nothing: not taken for a name.
    assert right == ["Jalur Gaza"]


def test_scripts_without_letter_case_yield_numbers_and_dates_only():
    left, right, result = sides(
        ["נתניהו שוחח עם פוטין במשך 50 דקות ב-10.12.2023"], ["普京与内塔尼亚胡通话，讨论了加沙局势。"]
    )
    assert left == ["10.12.2023", "50"]
    assert right == []
    assert result.names == {"left": False, "right": False}


def test_a_mention_lists_every_statement_that_makes_it():
    readout = readout_from_text("Gaza was discussed.\nThe sides spoke.\nAid to Gaza was raised.", "L", "lines")
    (gaza,) = [m for m in mentions(readout) if m.kind == "name"]
    assert gaza.statements == (0, 2)


def test_a_preposition_joins_no_names():
    left, right, _ = sides(
        ["Премьер-министр резко раскритиковал сотрудничество России с Ираном."],
        ["Путин подтвердил позицию России."],
    )
    # "с" is "with": Iran is a second name, not part of Russia's.
    assert left == ["Ираном"] and right == []


def test_a_particle_joins_a_name_that_its_last_part_tells_apart():
    left, right, _ = sides(
        ["He met the Governor of the Bank of England.", "Biden told Xi the United States would act."],
        ["He met the Governor of the Bank of Japan.", "Xi spoke."],
    )
    # "the" alone is no particle: "Xi" and "United States" are two names.
    assert left == ["Governor of the Bank of England", "United States"]
    assert right == ["Governor of the Bank of Japan"]


def test_acronyms_match_a_part_of_a_longer_name_and_skip_only_particles():
    left, right, _ = sides(
        ["The UN and the ICRC were asked.", "The NPT was cited."],
        [
            "The Secretary-General of the United Nations was asked.",
            "So was the International Committee of the Red Cross.",
            "The Non-Proliferation Treaty was cited.",
        ],
    )
    assert left == [] and right == []


def test_punctuation_ends_a_name_but_not_an_initial_or_jr():
    left, right, _ = sides(
        ["President Joseph R. Biden, Jr. raised Xinjiang, Tibet and Hong Kong."],
        ["President Biden raised Tibet and Hong Kong."],
    )
    assert left == ["Xinjiang"] and right == []


def test_a_russian_name_capitalised_on_its_first_word_only_is_one_name():
    left, right, _ = sides(
        ["Он попросил добиться от Международного комитета Красного Креста посещения."],
        ["Сегодня Российская сторона поблагодарила Нетаньяху."],
    )
    assert left == ["Международного комитета Красного Креста"]
    assert right == ["Российская", "Нетаньяху"]  # a verb between two capitals joins nothing
    left, right, _ = sides(
        ["Он попросил добиться от Международного комитета Красного Креста посещения."],
        ["Он обратился к Красному Кресту."],
    )
    assert left == [] and right == []  # the head, "Красного Креста", is on both sides


def test_russian_and_indonesian_number_words_make_durations():
    left, right, _ = sides(["Разговор продолжался около пятидесяти минут."], ["Разговор длился 50 минут."])
    assert left == [] and right == []
    left, right, _ = sides(["Разговор продолжался около пятидесяти минут."], ["Разговор длился 45 минут."])
    assert left == ["пятидесяти минут"] and right == ["45 минут"]
    left, right, _ = sides(["Percakapan berlangsung selama lima puluh menit."], ["The call lasted fifty minutes."])
    assert left == [] and right == []


def values(text: str) -> list[tuple]:
    return [m.key[1:] for m in mentions(readout_from_text(text, "L", "lines"))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("пять минут", [(5.0, "minute")]),
        ("с пятью странами", [(5.0,)]),
        ("сто двадцать пять", [(125.0,)]),
        ("двухсот", [(200.0,)]),
        ("две тысячи", [(2000.0,)]),
        ("seratus lima puluh", [(150.0,)]),
        ("dua belas jam", [(12.0, "hour")]),
        ("two hundred fifty thousand", [(250000.0,)]),
        ("около часа", [(1.0, "hour")]),
        ("два часа", [(2.0, "hour")]),
        ("полчаса", [(30.0, "minute")]),
        ("half an hour", [(30.0, "minute")]),
        ("два-три дня", []),  # a range, not five days
        ("тысячи людей", []),  # "thousands of people"
        ("одна из стран", []),  # "one of", a pronoun
        ("salah satu negara", []),
    ],
)
def test_number_words(text, expected):
    assert values(text) == expected


def test_a_roman_numeral_after_a_name_is_part_of_it():
    left, right, _ = sides(
        ["They recalled how they fought together in World War II.", "Queen Elizabeth II was named.", "The IAEA met."],
        ["They recalled the Second World War.", "The agency met."],
    )
    assert left == ["Elizabeth II", "IAEA"] and right == []  # "Queen" only opens a sentence


def test_one_day_written_apart_is_no_duration_but_one_day_hyphenated_is():
    left, right, _ = sides(
        ["Cooperation will one day bring peace.", "One year later they met.", "A one-day visit was agreed."],
        ["They spoke of peace.", "They met.", "A visit was agreed for 2 days."],
    )
    assert left == ["one-day"] and right == ["2 days"]


def test_a_title_or_a_role_alone_names_nobody():
    left, right, _ = sides(
        ["The Ambassador conveyed the message of the Prime Minister.", "Ambassador Antonov attended."],
        ["The message was conveyed."],
    )
    assert left == ["Ambassador Antonov"] and right == []


def test_a_country_named_in_other_forms_is_shared():
    left, right, _ = sides(
        [
            "They discussed the American position.",
            "The U.S. delegation came, and Chinese officials.",
            "Talks with the DPRK were raised, and with Moldova.",
        ],
        ["The United States and America spoke.", "The People's Republic of China replied.", "North Korea was named."],
    )
    assert left == ["Moldova"] and right == []


def test_a_country_is_not_shared_with_another_one_of_a_similar_name():
    left, right, _ = sides(["They spoke of Austria and of Iran."], ["They spoke of Australia and of Iraq."])
    assert left == ["Austria", "Iran"] and right == ["Australia", "Iraq"]


def test_what_terminal_codes_hide_is_no_mention():
    # A terminal shows neither a hyperlink's address (OSC 8), nor a window title (OSC 0), nor
    # the parameters of a colour code (CSI, also the one-byte C1 form): none is a mention,
    # nor makes one shared. What the link and the coloured words show are mentions.
    left, right, _ = sides(
        [
            "See \x1b]8;;http://Evil.Example/Moscow\x1b\\the Kremlin site\x1b]8;;\x1b\\ for more.",
            "\x1b]0;Window Title 2024\x07They met in \x1b[1;31mParis\x1b[0m and \x1b[4mBerlin\x1b[24m.",
            "The talks \x9b38;5;208mlasted 40 minutes\x9b0m.",
        ],
        ["\x1b]8;;https://example.org/Paris/1999\x1b\\A statement.\x1b]8;;\x1b\\"],
    )
    assert left == ["Kremlin", "Paris", "Berlin", "40 minutes"]
    assert right == []


def test_a_name_of_the_side_itself_is_no_one_sided_mention():
    result = one_sided(
        readout_from_text(
            "The Kremlin said Putin spoke of Gaza and of Russian diplomats.\nHe invited him to the Kremlin Armoury.",
            "Kremlin",
            "lines",
        ),
        readout_from_text(
            "Israel said Netanyahu raised the Red Cross.\nThe Israeli side asked for Putin's help.",
            "Israeli PMO",
            "lines",
        ),
    )
    # Its label's words up to an ending, or only the country its label names; a name that
    # holds other words than the label's is something else ("Kremlin Armoury").
    assert [m.text for m in result.left] == ["Gaza", "Russian", "Kremlin Armoury"]
    assert [m.text for m in result.right] == ["Netanyahu", "Red Cross"]


def test_a_short_word_of_the_label_in_another_case_is_the_side_itself():
    result = one_sided(
        readout_from_text("Как сообщил Пул Первого, звонок длился долго.", "Пула Первого", "lines"),
        readout_from_text("The call was long.", "White House", "lines"),
    )
    assert [m.text for m in result.left] == []


def test_a_name_in_another_script_is_shared_in_latin_letters():
    # The Kremlin's Russian against the White House's English listed Putin as the White House's
    # alone, and "Путина" as the Kremlin's. "Байден" stays apart from "Biden": spelt apart.
    left, right, _ = sides(
        ["President Biden spoke with Russian President Vladimir Putin about Ukraine."],
        ["Состоялся телефонный разговор Владимира Путина с Джозефом Байденом.", "Обсудили Украину."],
    )
    assert "Vladimir Putin" not in " ".join(left) and not any("Путин" in name for name in right)
    assert "President Biden" in left and any("Байден" in name for name in right)


def test_a_text_read_once_for_both_accounts_gives_each_its_own_mentions():
    """``one_sided`` reads a statement both accounts word alike once: each side's mentions,
    statements and order are those found reading each side alone."""
    left = readout_from_text(
        "Putin met Netanyahu on 10 December.\nThe sides discussed Gaza for 50 minutes.\nPutin met Netanyahu on 10 December.",
        "left", "lines",
    )
    right = readout_from_text(
        "The sides discussed Gaza for 50 minutes.\nNetanyahu thanked the Red Cross and the UN.", "right", "lines"
    )
    read: dict = {}
    shared = [mentions(side, {"putin", "netanyahu", "gaza", "red", "cross"}, read) for side in (left, right)]
    alone = [mentions(side, {"putin", "netanyahu", "gaza", "red", "cross"}) for side in (left, right)]
    assert shared == alone
    assert len(read) == 3  # three distinct texts
    assert [m.statements for m in shared[0] if m.kind == "name"][:1] == [(0, 2)]


def test_names_are_not_listed_against_a_script_without_capitals():
    # A Ukrainian account against a Japanese one: the names, found by their capitals, had
    # nothing to be found in on the Japanese side, and every one was listed as one-sided.
    left = readout_from_text("Зеленський подякував Ісібі за підтримку. Сторони обговорили 500 мільйонів доларів.", "Left")
    right = readout_from_text("ゼレンスキー大統領は石破総理に謝意を表明した。", "Right")
    found = one_sided(left, right)
    assert not [m for m in found.left if m.kind == "name"]
    assert [m.kind for m in found.left] == ["number"]  # what is not a name is still compared
    assert found.names == {"left": False, "right": False}


def test_case_forms_of_one_name_are_listed_once():
    # Russian declines names: "Грозного" and "Грозный" are one city, as they would be one
    # name on the other side (matched up to an ending).
    left, right, result = sides(
        ["Лайнер пытался сесть в аэропорту Грозного.", "В это время беспилотники атаковали Грозный и Моздок."],
        ["The call took place."],
    )
    assert left == ["Грозного", "Моздок"]
    assert result.left[0].statements == (0, 1)
    # Different names that only begin alike stay apart.
    left, _, _ = sides(["It was signed by Austria and Australia."], ["The call took place."])
    assert left == ["Austria", "Australia"]


def test_an_acronym_given_in_parentheses_is_the_names_in_any_language():
    indonesian = [
        "Mereka sepakat bertemu di sela KTT Organisasi Kerja Sama Shanghai (SCO) di Tianjin.",
        "Pertemuan SCO dijadwalkan berlangsung pada akhir Agustus.",
    ]
    # Listed once, as written first, with every statement that names it either way.
    left, _, result = sides(indonesian, ["The call took place."])
    assert "Organisasi Kerja Sama Shanghai (SCO)" in left and "SCO" not in left
    assert next(m for m in result.left if m.text.endswith("(SCO)")).statements == (0, 1)
    # The other side naming it either way shares both.
    for other in ("They will meet at the Shanghai Cooperation Organisation summit.", "They will meet at the SCO summit."):
        left, right, _ = sides(indonesian, [other])
        assert not any("SCO" in m or "Organisasi" in m for m in left) and not any("S" in m for m in right), (left, right)
    # One word in parentheses after a place is more often something else (a state, a unit).
    left, _, _ = sides(["The summit was held in Manaus (AM) and Brasilia."], ["The call took place."])
    assert left == ["Manaus", "AM", "Brasilia"]


def test_the_first_word_of_a_markdown_like_line_opens_it():
    # "# Not a heading" made "Not" a capitalised word inside a sentence: a name, there and
    # wherever a sentence opened with it.
    left, _, _ = sides(["# Not a heading", "> Both sides agreed.", "Not all of it was said by Putin."], ["Putin spoke."])
    assert left == []
    left, _, _ = sides(["# Netanyahu called", "- Gaza was discussed with Netanyahu."], ["The call took place."])
    assert left == ["Netanyahu"]  # a name opening such a line is one still, as it is used inside a sentence too
