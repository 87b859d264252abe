"""'Mentioned by one side only': names, numbers, dates and durations, with their variants."""

from __future__ import annotations

from readout_tui.core.loading import readout_from_text
from readout_tui.core.mentions import mentions, one_sided


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
