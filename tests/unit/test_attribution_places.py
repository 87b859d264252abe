"""A government named by its capital, its seat or its news agency: the places table
(``attribution.places``) and the parties it places. Real countries on purpose: this is the
one piece of the attribution that knows the world."""

from __future__ import annotations

import pytest

from readout_tui.core.engine.attribution import places
from readout_tui.core.engine.attribution.tokens import name_key
from readout_tui.core.io.article import attribute_text


@pytest.mark.parametrize(
    ("word", "country"),
    [
        ("Ottawa", "CA"),
        ("Ташкенте", "UZ"),  # the locative: keyed as the article's names are
        ("Баку", "AZ"),
        ("Diwan", "QA"),
        ("VNA", "VN"),
        ("Синьхуа", "CN"),
        ("Amerika", "US"),  # also in territories' names ("Samoa Amerika"): the country's
        ("США", "US"),
        ("Chinese", "CN"),  # also Hong Kong's and Macao's demonym: the country's
        ("French", "FR"),  # also in territories' names ("French Polynesia")
        ("House", None),  # the White House, the Blue House, State House: no one's
        ("White", "US"),  # so the White House by its first word
        ("Белом", "US"),  # "в Белом доме": the capitalised word of "Белый дом"
        ("Istana", None),  # Istana Merdeka, Singapore's Istana
        ("Korea", None),
    ],
)
def test_a_place_is_the_one_country_whose_names_have_it(word, country):
    assert places.country_of(name_key(word)) == country


ENGLISH = """Carney and Xi discuss trade in phone call
Canadian Prime Minister Mark Carney spoke with Chinese President Xi Jinping by phone on Friday.
Xi told Carney that China was ready to expand cooperation in energy and agriculture, the Xinhua news agency reported.
Carney accepted Xi's invitation to visit China at a mutually convenient time, Ottawa said.
"""

RUSSIAN = """Алиев и Пезешкиан обсудили ситуацию в регионе
Президент Азербайджана Ильхам Алиев провел телефонный разговор с президентом Ирана Масудом Пезешкианом.
Как сообщила пресс-служба президента Ирана, Пезешкиан выразил надежду на развитие связей.
Как сообщили в Баку, Пезешкиан поблагодарил Алиева за соболезнования.
"""


@pytest.mark.parametrize("text", [ENGLISH, RUSSIAN], ids=["Ottawa said", "как сообщили в Баку"])
def test_a_capital_speaks_for_its_country_not_for_the_side_told_before_it(text):
    # Without the table the capital, cited right after the other government's statement,
    # would join that government's account.
    attribution = attribute_text(text)
    other, capital = attribution.statements[2:]
    assert {other.side.value, capital.side.value} == {"left", "right"}
    labels = {"left": attribution.left_label, "right": attribution.right_label}
    assert labels[capital.side.value] in ("Ottawa", "Баку")


@pytest.mark.parametrize(
    ("word", "nominative"),
    [
        ("Берлине", "Берлин"),  # the locative of "в Берлине"
        ("Ташкенте", "Ташкент"),  # not a shorter name the table also keys so ("Ташкен")
        ("Москве", "Москва"),  # an ending the word does not begin with
        ("Азербайджанский", "Азербайджан"),  # the adjective's place
        ("Пескова", ""),  # no place
        ("Мускара", ""),  # a name in the genitive, not the case of a place "Мускав"
        ("Мускар", ""),  # a consonant ending: a nominative already
    ],
)
def test_a_russian_place_in_any_case_is_found_in_the_nominative(word, nominative):
    assert places.russian_nominative(word) == nominative


def test_a_side_named_only_by_a_place_in_an_oblique_case_is_labelled_in_the_nominative():
    text = """Путин и Шольц обсудили ситуацию на Украине
Президент России Владимир Путин провел телефонный разговор с канцлером Германии Олафом Шольцем.
В Кремле заявили, что Путин изложил свою позицию по Украине.
Как сообщили в Берлине, Шольц призвал Путина к переговорам.
"""
    attribution = attribute_text(text)
    assert (attribution.left_label, attribution.right_label) == ("Кремль", "Берлин")


def test_a_capital_after_where_a_role_serves_is_not_the_role_holder():
    # "China's ambassador in Ottawa" once made Ottawa a member of China, so "Ottawa said"
    # went to China's side.
    text = ENGLISH + "China's ambassador in Ottawa said recently that tariffs could be lifted.\n"
    attribution = attribute_text(text)
    xinhua, ottawa = attribution.statements[2:4]
    assert {xinhua.side.value, ottawa.side.value} == {"left", "right"}


CLAUSE_BEFORE_OFFICE = """Rowan, Vask agree to build closer ties in first phone call
President Ana Rowan spoke by phone with Freedonian Prime Minister Olaf Vask on Monday, their first conversation since Rowan took office last week.
"Our relations are becoming more important," Rowan told Vask, according to her spokeswoman Lena Brok.
Vask congratulated Rowan on taking office and said he hoped ties built up by both governments would grow, Freedonia's Foreign Ministry said in a statement.
Vask told Rowan he wanted to work closely with her, the ministry said.
"""


def test_a_clause_ending_on_a_comma_does_not_name_the_office_after_it():
    # "... Rowan on taking office and said ..., Freedonia's Foreign Ministry said": "office" in
    # the clause once made Freedonia the name of an office of Rowan's, and her side's source.
    attribution = attribute_text(CLAUSE_BEFORE_OFFICE)
    brok, ministry, ministry_again = (s.side.value for s in attribution.statements[2:])
    assert brok != ministry == ministry_again
    labels = {"left": attribution.left_label, "right": attribution.right_label}
    assert labels[ministry] == "Freedonia's Foreign Ministry"


def test_a_leaders_country_by_the_adjective_before_his_title_places_its_statements():
    text = (
        "Трамп позвонил Эрдогану\n"
        "Президент США Дональд Трамп провел телефонный разговор с турецким лидером Реджепом Тайипом "
        "Эрдоганом, говорится в заявлении Белого дома.\n"
        "Администрация президента Турции сообщила, что лидеры обсудили Сирию.\n"
    )
    # "турецким" is no name of the article's, but the table has it: Erdogan is Turkey's party,
    # so what Turkey's presidency says is his account.
    assert [s.side.value for s in attribute_text(text).statements][1:] == ["left", "right"]
