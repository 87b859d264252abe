"""The call's two leaders: how a headline names them, and two leaders who share a first name;
and the party a source with no side yet speaks for, by whose words it reports."""

from __future__ import annotations

import pytest

from readout_tui.core.io.article import attribute_text


def sides(text: str) -> list[str]:
    return [s.side.value for s in attribute_text(text).statements]


EN_BY_COUNTRY = (
        "Bordurian, Syldavian presidents talk; Plekszy urges calm with Rowan\n"
        "Borduria's President Kurt Plekszy and Syldavia's President Anton Muskar spoke by phone on Friday, two days after Zemblan President Tom Rowan called the Syldavian leader a dictator.\n"
        "Plekszy said the two leaders had a candid conversation about the war.\n"
        "Muskar said on X that he had spoken with Plekszy about the war.\n"
        "Rowan said on Friday that he would not change course.\n"
)
ID_BY_COUNTRY = (
        "Presiden Borduria dan Syldavia Bahas Perang, Plekszy Minta Tenang dengan Rowan\n"
        "Presiden Borduria Kurt Plekszy dan Presiden Syldavia Anton Muskar berbicara melalui telepon pada Jumat, dua hari setelah Presiden Zembla Tom Rowan menyebut pemimpin Syldavia itu diktator.\n"
        "Plekszy mengatakan kedua pemimpin membahas perang dengan terbuka.\n"
        "Muskar mengatakan ia berterima kasih kepada Plekszy atas dukungannya.\n"
        "Rowan mengatakan pada Jumat bahwa ia tidak akan mengubah arah.\n"
)
RU_BY_COUNTRY = (
        "Президенты Бордурии и Сильдавии обсудили войну, Плекши призвал к спокойствию с Рованом\n"
        "Президент Бордурии Курт Плекши и президент Сильдавии Антон Мускар в пятницу провели телефонный разговор, через два дня после того как президент Земблы Том Рован назвал сильдавского лидера диктатором.\n"
        "Плекши заявил, что лидеры откровенно обсудили войну.\n"
        "Мускар заявил, что поблагодарил Плекши за поддержку.\n"
        "Рован в пятницу заявил, что не изменит курс.\n"
)


@pytest.mark.parametrize("text", [EN_BY_COUNTRY, ID_BY_COUNTRY, RU_BY_COUNTRY], ids=["en", "id", "ru"])
def test_a_headline_names_a_leader_by_the_country_his_title_names(text):
    # The headline names Plekszy and Rowan, and Muskar only as "Syldavian": Muskar, whose
    # country the headline names before Rowan's name, is the other party; Rowan is neither.
    assert sides(text) == ["neither", "neither", "left", "right", "neither"]


ID_HYPHEN = (
        "Telepon Rowan-Kessel: Freedonia Setop Serang Zembla 30 Hari\n"
        "Presiden Novania Tom Rowan dan Presiden Freedonia Ida Kessel berbicara melalui telepon pada Selasa.\n"
        "Rowan mengatakan kedua pemimpin sepakat menghentikan serangan.\n"
        "Kessel mengatakan ia mendukung usulan Rowan.\n"
        "Presiden Zembla Tor Ek mengatakan negaranya menyambut kesepakatan itu.\n"
        "Ek menambahkan bahwa Zembla akan menunggu.\n"
)


def test_a_headline_joins_the_two_leaders_by_a_hyphen():
    # "Rowan-Kessel" names both; Ek, whose country the headline also names, is neither (read
    # as one word, the hyphenated pair names no one, and the countries named after it would
    # make Kessel and Ek the parties).
    assert sides(ID_HYPHEN) == ["neither", "neither", "left", "right", "neither", "neither"]


EN_FIRST_NAME = (
        "Plekszy and Muskar hold phone call\n"
        "Bordurian President Mohammed Plekszy spoke by phone with Syldavian President Anton Muskar on Tuesday, a day after he met Zemblan President Mohammed Rowan.\n"
        "Plekszy said the two leaders discussed trade.\n"
        "Muskar said the call was useful.\n"
        "Rowan said Zembla supported the talks.\n"
)
ID_FIRST_NAME = (
        "Plekszy dan Muskar Bicara via Telepon\n"
        "Presiden Borduria Mohammed Plekszy berbicara melalui telepon dengan Presiden Syldavia Anton Muskar pada Selasa.\n"
        "Plekszy mengatakan kedua pemimpin membahas perdagangan.\n"
        "Muskar mengatakan percakapan itu bermanfaat.\n"
        "Presiden Zembla Mohammed Rowan, menurut kantornya, telah diberi tahu sebelumnya tentang percakapan itu.\n"
        "Rowan mengatakan Zembla mendukung perundingan.\n"
)
RU_FIRST_NAME = (
        "Плекши и Мускар провели телефонный разговор\n"
        "Президент Бордурии Владимир Плекши провел телефонный разговор с президентом Сильдавии Антоном Мускаром.\n"
        "Плекши заявил, что лидеры обсудили торговлю.\n"
        "Мускар заявил, что разговор был полезным.\n"
        "Президент Земблы Владимир Рован, как сообщила его канцелярия, был заранее проинформирован о разговоре.\n"
        "Рован заявил, что Зембла поддерживает переговоры.\n"
)


@pytest.mark.parametrize(
    "text, expected",
    [
        (EN_FIRST_NAME, ["neither", "neither", "left", "right", "neither"]),
        (ID_FIRST_NAME, ["neither", "neither", "left", "right", "neither", "neither"]),
        (RU_FIRST_NAME, ["neither", "neither", "left", "right", "neither", "neither"]),
    ],
    ids=["en", "id", "ru"],
)
def test_a_third_leader_who_shares_a_leaders_first_name_is_neither(text, expected):
    # "Mohammed Plekszy" and "Mohammed Rowan", "Владимир Плекши" and "Владимир Рован": two
    # people, so Rowan's words are not Plekszy's account.
    assert sides(text) == expected


EN_VOICE = (
        "Plekszy and Muskar talk\n"
        "Bordurian President Kurt Plekszy spoke with Syldavian President Anton Muskar on Saturday.\n"
        "Plekszy said the call with Muskar had been long and useful.\n"
        "The Citadel said Plekszy backed a pause in the strikes.\n"
        "Plekszy also warned of the risks of a full ceasefire, the Citadel said.\n"
        "According to the Citadel, Plekszy ordered the army to stop at once.\n"
)
ID_VOICE = (
        "Plekszy dan Muskar Bicara\n"
        "Presiden Borduria Kurt Plekszy berbicara dengan Presiden Syldavia Anton Muskar pada Sabtu.\n"
        "Plekszy mengatakan percakapan dengan Muskar berlangsung lama dan bermanfaat.\n"
        "Benteng menyebut Plekszy mendukung penghentian serangan.\n"
        "Plekszy juga memperingatkan risiko gencatan senjata penuh, kata Benteng.\n"
        "Menurut Benteng, Plekszy memerintahkan tentara untuk segera berhenti.\n"
)
RU_VOICE = (
        "Плекши и Мускар провели разговор\n"
        "Президент Бордурии Курт Плекши провел в субботу телефонный разговор с президентом Сильдавии Антоном Мускаром.\n"
        "Плекши заявил, что разговор с Мускаром был долгим и полезным.\n"
        "В Цитадели сообщили, что Плекши поддержал паузу в ударах.\n"
        "Плекши также предупредил о рисках полного прекращения огня, заявили в Цитадели.\n"
        "По данным Цитадели, Плекши приказал армии немедленно остановиться.\n"
)


@pytest.mark.parametrize("text", [EN_VOICE, ID_VOICE, RU_VOICE], ids=["en", "id", "ru"])
def test_a_source_that_reports_the_voiced_leader_speaking_is_his_sides_not_the_silent_ones(text):
    # Muskar's side has no voice; the Citadel, placed by no name, reports Plekszy's words:
    # Plekszy's government, not Muskar's.
    found = sides(text)
    assert "right" not in found
    assert found[-2:] == ["left", "left"]
