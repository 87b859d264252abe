"""How the two sides are labelled: the government or office the article names, in the form a
label takes (the nominative), not a spokesman's own name nor an oblique case."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from readout_tui.core.engine import cues
from readout_tui.core.engine.attribution import _ru_nominative
from readout_tui.core.engine.attribution.model import Side
from readout_tui.core.io.article import attribute_text

RUSSIAN = """Путин и Мускар обсудили ситуацию в регионе
Президент России Владимир Путин провел телефонный разговор с президентом Бордурии Ханом Мускаром.
В Кремле заявили, что лидеры обсудили поставки зерна.
Путин также подчеркнул важность диалога, говорится в сообщении Кремля.
Пресс-секретарь президента Бордурии Денис Пеков сказал, что Мускар пригласил Путина посетить Бордурию.
По словам Пекова, стороны договорились о новой встрече.
"""

ENGLISH = """Vorel and Brask talk by phone
President Ana Vorel of Zembla spoke with Freedonian Prime Minister Otto Brask on Monday.
Mr Vorel said the two leaders discussed grain exports.
He also urged Brask to reopen the border crossings.
Freedonian spokesman Ivo Lund said Brask raised the fate of detained fishermen in the call.
Lund added that the call was warm.
"""


def test_a_name_the_article_gives_only_in_oblique_cases_is_labelled_in_the_nominative():
    # "В Кремле заявили", "в сообщении Кремля": never "Кремль" in the article.
    assert attribute_text(RUSSIAN).left_label == "Кремль"


def test_a_spokesman_is_labelled_by_whose_spokesman_he_is():
    # "Пресс-секретарь президента Бордурии Денис Пеков": Бордурия, not "Пеков".
    assert attribute_text(RUSSIAN).right_label == "Бордурия"
    assert attribute_text(ENGLISH).right_label == "Freedonian side"


def test_an_honorific_is_left_out_of_a_label():
    assert attribute_text(ENGLISH).left_label == "Vorel"


def test_an_office_in_an_oblique_case_is_labelled_in_the_nominative():
    text = RUSSIAN.replace("В Кремле заявили, что", "Как говорится в сообщении пресс-службы Кремля,")
    assert attribute_text(text).left_label == "пресс-служба Кремля"


def test_a_side_without_a_named_source_is_labelled_by_its_leader():
    text = """Vorel and Brask talk by phone
President Ana Vorel of Zembla spoke with Freedonian Prime Minister Otto Brask on Monday.
The Zemblan government said in a statement that the two leaders discussed grain exports.
The government added that talks would resume in spring.
Brask raised the fate of detained fishermen, his office said.
"""
    # "his office" names no one: the side is its leader's, not "Right".
    attribution = attribute_text(text)
    assert (attribution.left_label, attribution.right_label) == ("Zemblan government", "Brask")


def test_a_spokesman_after_a_place_speaks_there_and_labels_it():
    text = """Kessel and Rowan talk by phone
British Prime Minister Tom Rowan spoke with Japanese Prime Minister Taro Kessel on Friday, Downing Street said.
Rowan raised trade and the two leaders agreed to meet soon, Downing Street added.
In Tokyo, government spokesman Ken Sato said Kessel had asked for closer defence ties.
Sato said the call was warm.
"""
    # "In Tokyo, government spokesman Ken Sato": the place is no one's aide, the spokesman
    # speaks in Tokyo, and the side is not labelled by his own name.
    attribution = attribute_text(text)
    assert (attribution.left_label, attribution.right_label) == ("Downing Street", "Tokyo")
    assert [s.side.value for s in attribution.statements] == ["neither", "left", "left", "right", "right"]


def test_a_possessive_stays_before_its_office():
    text = ENGLISH.replace("Mr Vorel said", "Zembla's government said")
    assert attribute_text(text).left_label == "Zembla's government"


@pytest.mark.parametrize(
    ("word", "nominative"),
    [
        ("России", "Россия"),
        ("Германией", "Германия"),
        ("Китая", "Китай"),
        ("Китае", "Китай"),
        ("Кремля", "Кремль"),
        ("Израиле", "Израиль"),
        ("Кыргызстана", "Кыргызстан"),
        ("Узбекистане", "Узбекистан"),
        ("Корея", "Корея"),  # a nominative in "-ея"
        ("Российская", "Российская"),  # an adjective
        ("Египта", "Египта"),  # a hard stem: its nominative is not certain
    ],
)
def test_russian_names_nominative_by_the_endings_whose_nominative_is_certain(word, nominative):
    assert _ru_nominative(word) == nominative


@pytest.mark.parametrize(
    ("word", "nominative"),
    [("пресс-службы", "пресс-служба"), ("пресс-службе", "пресс-служба"), ("Администрации", "Администрация"),
     ("правительства", "правительство"), ("правительственный", ""), ("Кремля", "")],
)
def test_russian_office_nouns_nominative(word, nominative):
    assert cues.office_nominative(word) == nominative


def test_words_that_name_nobody():
    assert all(cues.names_nobody(w) for w in ("Mr", "Pak", "We", "Kami", "X", "the"))
    assert not any(cues.names_nobody(w) for w in ("Kremlin", "AS", "Vorel"))


@pytest.mark.parametrize(
    "later",
    [
        "Позднее Мускар написал в соцсети, что разговор был тёплым.",
        "Впоследствии Мускар написал в соцсети, что разговор был тёплым.",
    ],
)
def test_an_adverb_opening_the_sentence_is_no_part_of_the_name_after_it(later):
    # Capitalised only because it opens the sentence: the label is the leader's name alone.
    # The right side's only source is the leader after the adverb.
    text = RUSSIAN.replace(
        "Пресс-секретарь президента Бордурии Денис Пеков сказал, что Мускар пригласил Путина посетить Бордурию.\n"
        "По словам Пекова, стороны договорились о новой встрече.",
        later,
    )
    attribution = attribute_text(text)
    assert [s.text for s in attribution.statements if s.side is Side.RIGHT] == [later]
    assert attribution.right_label == "Мускар"


def test_an_office_named_by_a_title_keeps_the_title_in_its_label():
    text = (
        "Vask and Rowan discuss trade\n"
        "Syldavian Prime Minister Anna Vask spoke by phone with Bordurian President Tom Rowan on Monday.\n"
        "Vask pressed Rowan on tariffs, the Prime Minister's Office said.\n"
        "Rowan said the call had been useful.\n"
    )
    attribution = attribute_text(text)
    assert attribution.label(Side.LEFT) == "Prime Minister's Office"


def test_a_russian_country_adjective_heading_a_label_stays_in_the_nominative():
    # "Сильдавская сторона" is nominative already; the clause form of its country's name
    # ("Сильдавией") is another word.
    text = (
        "Плекши и Мускар провели телефонный разговор\n"
        "Президент Бордурии Курт Плекши провел телефонный разговор с президентом Сильдавии Антоном Мускаром.\n"
        "Как сообщила пресс-служба Цитадели, лидеры обсудили торговлю.\n"
        "Сильдавская сторона рассказала о разговоре подробнее.\n"
        "Сильдавией было предложено продолжить контакты, говорится в ее сообщении.\n"
    )
    attribution = attribute_text(text)
    assert "Сильдавская сторона" in (attribution.label(Side.LEFT), attribution.label(Side.RIGHT))


def test_a_leader_the_article_mostly_writes_in_an_oblique_case_labels_his_side_in_the_nominative():
    # "с Мускаром" three times, "Мускар" once: the side has no named source, so its leader
    # labels it, and a label is in the nominative.
    text = """Путин обсудил с Мускаром поставки зерна
Президент России Владимир Путин провел телефонный разговор с президентом Бордурии Ханом Мускаром.
В Кремле заявили, что лидеры обсудили поставки зерна.
Путин также пригласил Мускара в Москву, говорится в сообщении Кремля.
По данным его канцелярии, Мускар поблагодарил Путина за звонок.
В разговоре с Мускаром затрагивалась и тема энергетики.
"""
    assert attribute_text(text).right_label == "Мускар"


def test_a_day_set_off_before_a_source_is_not_whose_source_it_is():
    # "on Friday, Mr Lund": a capitalised day names no one who speaks.
    text = ENGLISH.replace(
        "Freedonian spokesman Ivo Lund said", "At a press conference on Friday, Mr Lund said"
    )
    attribution = attribute_text(text)
    assert (attribution.left_label, attribution.right_label) == ("Vorel", "Lund")


OFFICES = """Vorel and Brask talk by phone
President Ana Vorel of Zembla spoke with Freedonian Prime Minister Otto Brask on Monday.
The two leaders discussed grain exports, Zembla's Ministry of External Affairs said in a statement.
They agreed to meet again in the spring, the Freedonian Foreign Ministry said.
"""


def test_an_office_is_labelled_by_its_whole_name():
    # Not "Zembla's Ministry" (the source's phrase stops at "of"), nor "Freedonian" (the
    # office's modifier is capitalised).
    attribution = attribute_text(OFFICES)
    labels = {attribution.left_label, attribution.right_label}
    assert labels == {"Zembla's Ministry of External Affairs", "Freedonian Foreign Ministry"}


def test_a_leader_named_as_the_subject_of_a_cue_keeps_that_form_over_an_oblique_one_opening_a_clause():
    # "Мускару в этот день исполнилось 60 лет" opens a clause with a dative: the label is the
    # subject's "Мускар", as the cue writes it, not "Мускару".
    text = RUSSIAN.replace(
        "Пресс-секретарь президента Бордурии Денис Пеков сказал, что Мускар пригласил Путина посетить Бордурию.\n"
        "По словам Пекова, стороны договорились о новой встрече.\n",
        "Мускару в этот день исполнилось 60 лет.\nМускар сказал, что пригласил Путина посетить Бордурию.\n",
    )
    assert attribute_text(text).right_label == "Мускар"


def test_a_country_s_adjective_alone_labels_its_side_not_the_bare_adjective():
    # "the Uzbek leader's press service reported" names the side by "Uzbek" only: "Uzbek side",
    # as the table of places knows it for Uzbekistan's adjective.
    text = """Mirzo and Vorel talk by phone
Uzbek President Shavkat Mirzo spoke with President Ana Vorel of Zembla on Monday.
The two leaders discussed cotton exports, the Uzbek leader's press service reported.
Mr Vorel said the call was warm and that he had invited Mirzo to visit.
"""
    assert attribute_text(text).left_label == "Uzbek side"


@pytest.mark.parametrize("word", ["German", "Uzbek", "Israeli", "Pakistani", "Czech"])
def test_the_table_of_places_tells_a_country_s_adjective(word):
    from readout_tui.core.engine.attribution import places

    assert places.is_adjective(word)


@pytest.mark.parametrize("word", ["Germany", "Uzbekistan", "Israel", "Japan", "Oman", "Kremlin", "Freedonia"])
def test_a_country_or_seat_is_no_adjective(word):
    from readout_tui.core.engine.attribution import places

    assert not places.is_adjective(word)


def test_a_leader_is_labelled_by_his_name_not_the_title_and_country_before_it():
    text = """Trump and Brask talk by phone
US President Donald Trump spoke with Freedonian Prime Minister Otto Brask on Monday.
US President Donald Trump said the two leaders discussed grain exports.
Brask raised the fate of detained fishermen, the Freedonian government said.
"""
    # Not "President Donald Trump" ("US" is left out as the pronoun "us" would be).
    assert attribute_text(text).left_label == "Donald Trump"


def test_a_news_agency_that_relays_a_side_does_not_label_it():
    # "the state Fredpress news agency reported", "Fredpress said": the side is Brask's.
    text = """Vorel and Brask talk by phone
President Ana Vorel of Zembla spoke with Freedonian Prime Minister Otto Brask on Monday.
The Zemblan government said in a statement that the two leaders discussed grain exports.
Brask raised the fate of detained fishermen, the state Fredpress news agency reported.
Fredpress said Brask had also invited Vorel to visit in the spring.
"""
    assert attribute_text(text).right_label == "Brask"


def test_a_name_that_also_ends_a_country_s_name_is_no_agency():
    # "Kantor Berita Saudi" is the agency; "Arab Saudi" the country, which labels the side.
    text = """Prabowo dan Salman berbicara lewat telepon
Presiden Prabowo Subianto berbicara dengan Putra Mahkota Arab Saudi Mohammed bin Salman pada Senin.
Prabowo mengatakan kedua pemimpin membahas kerja sama energi.
Arab Saudi menyatakan kedua negara sepakat memperluas investasi.
Menurut Kantor Berita Saudi, kedua pemimpin juga membahas situasi di Gaza.
"""
    assert attribute_text(text).right_label == "Arab Saudi"


@pytest.mark.parametrize(
    ("word", "nominative"),
    [("Египта", "Египет"), ("Египте", "Египет"), ("Минска", "Минск"), ("Акорды", "Акорда"), ("Канберре", "Канберра")],
)
def test_a_place_in_an_oblique_case_is_found_in_the_nominative(word, nominative):
    from readout_tui.core.engine.attribution import places

    assert places.russian_nominative(word) == nominative


def test_a_spokesman_of_a_country_whose_cases_drop_a_vowel_labels_it_in_the_nominative():
    # "Официальный представитель президента Египта ..." labelled the side "Египта".
    text = RUSSIAN.replace("президентом Бордурии Ханом Мускаром", "президентом Египта Ханом Мускаром").replace(
        "Пресс-секретарь президента Бордурии Денис Пеков", "Пресс-секретарь президента Египта Денис Пеков"
    )
    assert attribute_text(text).right_label == "Египет"


def test_a_source_of_several_words_the_article_names_only_in_an_oblique_case_is_labelled_in_the_nominative():
    # "По данным Пула Первого" (the Belarusian president's press pool, in the table of places):
    # "Пул Первого", not "Пула Первого".
    text = """Лукашенко и Мускар обсудили ситуацию в регионе
Президент Белоруссии Александр Лукашенко провел телефонный разговор с президентом Бордурии Ханом Мускаром.
По данным Пула Первого, лидеры обсудили поставки зерна.
Пресс-секретарь президента Бордурии Денис Пеков сказал, что Мускар пригласил Лукашенко посетить Бордурию.
"""
    assert attribute_text(text).left_label == "Пул Первого"


def test_a_seat_the_article_names_by_its_adjective_alone_is_labelled_by_the_tables_whole_name():
    # "в Белом доме": Russian writes "доме" in lower case, so the article's name is "Белом";
    # the label was "Белый" (and "Елисейского" for "Елисейского дворца").
    text = """Трамп и Мускар обсудили ситуацию в регионе
Президент США Дональд Трамп провел телефонный разговор с президентом Бордурии Ханом Мускаром.
Как сообщили в Белом доме, лидеры обсудили поставки зерна.
Пресс-секретарь президента Бордурии Денис Пеков сказал, что Мускар пригласил Трампа посетить Бордурию.
"""
    assert attribute_text(text).left_label == "Белый дом"


def test_an_office_named_with_of_after_a_statement_from_is_labelled_whole():
    # "according to a statement from Zembla's Directorate of Communications" was labelled
    # "Communications".
    text = """Vorel and Brask talk by phone
President Ana Vorel of Zembla spoke with Freedonian Prime Minister Otto Brask on Monday.
The two leaders discussed grain exports, according to a statement from Zembla's Directorate of Communications.
Brask raised the fate of detained fishermen, the Freedonian government said.
"""
    assert attribute_text(text).left_label == "Zembla's Directorate of Communications"


def test_an_office_named_with_of_as_the_subject_of_a_cue_is_labelled_whole():
    # "Turkey's Directorate of Communications said ..." was labelled "Turkey's Directorate".
    text = """Vorel and Brask talk by phone
President Ana Vorel of Zembla spoke with Freedonian Prime Minister Otto Brask on Monday.
Zembla's Directorate of Communications said the two leaders discussed grain exports.
Brask raised the fate of detained fishermen, the Freedonian government said.
"""
    assert attribute_text(text).left_label == "Zembla's Directorate of Communications"


def test_a_prime_ministers_office_is_labelled_whole_not_cut_as_an_aides_name():
    # "a press statement from the Israeli Prime Minister's Office" was labelled "Israeli Prime":
    # its last two words taken for an aide's own name.
    text = """Vorel, Brask hold first call
President Ana Vorel of Zembla and her Freedonian counterpart Otto Brask spoke by telephone on Monday, according to a press statement from the Freedonian Prime Minister's Office.
Brask invited Vorel to visit at a convenient date, the office added.
Vorel raised grain exports, the Zemblan presidency said.
"""
    attribution = attribute_text(text)
    assert "Freedonian Prime Minister's Office" in (attribution.left_label, attribution.right_label)


def test_a_leader_titled_prime_minister_is_labelled_by_his_name_without_minister():
    # "Israeli Prime Minister Benjamin Netanyahu said" was labelled "Minister Benjamin Netanyahu".
    text = """Vorel and Brask talk by phone
President Ana Vorel of Zembla spoke with Norwegian Prime Minister Otto Brask on Monday.
Norwegian Prime Minister Otto Brask said the two discussed the fate of detained fishermen.
Vorel raised grain exports, the Zemblan presidency said.
"""
    attribution = attribute_text(text)
    labels = (attribution.left_label, attribution.right_label)
    assert "Otto Brask" in labels and not any(label.startswith("Minister") for label in labels)


def test_a_russian_surname_declined_as_an_adjective_is_labelled_in_the_articles_nominative():
    # "По словам Зеленского" was labelled "Зеленского": its "-ого" read as an adjective's.
    text = """Мускар и Вишневский обсудили ситуацию в регионе
Президент Бордурии Хан Мускар провел телефонный разговор с президентом Сильдавии Яном Вишневским.
В Кремле Бордурии заявили, что лидеры обсудили поставки зерна.
По словам Вишневского, стороны договорились о новой встрече.
Президент Сильдавии Ян Вишневский ранее посетил Бордурию.
"""
    attribution = attribute_text(text)
    labels = (attribution.left_label, attribution.right_label)
    assert "Вишневского" not in labels
    assert "Вишневский" in labels


def test_an_outlet_named_by_its_web_address_labels_a_side_only_when_nothing_else_does():
    # "..., пишет Panorama.am" labelled the French side by the outlet (now: "Франция").
    text = """Vorel and Brask talk by phone
President Ana Vorel of Zembla spoke with Freedonian Prime Minister Otto Brask on Monday.
Vorel urged an end to the blockade of the port, Zembla.info reported.
Vorel said grain exports must resume soon.
Brask raised the fate of detained fishermen, the Freedonian government said.
"""
    assert attribute_text(text).left_label == "Vorel"


def test_the_two_leaders_as_a_source_name_neither_side():
    # "Keduanya juga menekankan ..." (the two of them) labelled a side "Keduanya".
    text = """Vorel dan Brask bahas ekspor gandum
Presiden Zembla Ana Vorel berbicara melalui telepon dengan Perdana Menteri Freedonia Otto Brask pada Senin.
Menurut pernyataan kepresidenan Zembla, Vorel membahas ekspor gandum.
Keduanya juga menekankan perlunya dialog untuk mencegah krisis kemanusiaan.
Brask mengatakan nasib nelayan yang ditahan harus diselesaikan.
"""
    attribution = attribute_text(text)
    assert "Keduanya" not in (attribution.left_label, attribution.right_label)
    assert attribution.right_label == "Brask"


def test_a_leader_named_only_in_oblique_cases_is_labelled_by_the_stem_of_his_instrumental():
    # "с президентом ... Мускаром", "поздравил Мускара": never "Мускар" in the article.
    text = """Плекши поздравил Мускара по телефону
Президент Бордурии Курт Плекши провел телефонный разговор с президентом Сильдавии Антоном Мускаром, сообщила пресс-служба бордурского лидера.
Плекши пожелал соседней стране процветания, говорится в сообщении.
По сообщению сильдавской стороны, бордурский президент поздравил Мускара с юбилеем независимости.
Стороны обсудили выполнение соглашений, достигнутых во время визита Плекши.
"""
    assert attribute_text(text).right_label == "Мускар"


@pytest.mark.parametrize(
    "relayed",
    [
        # A name in guillemets is a publication's ("По данным «Азатутюн»"): a government is
        # not written in them.
        "По данным «Глашатая», Мускар пригласил Путина посетить Бордурию.",
        # A medium named after its noun ("в соцсети Truth Social", "онлайн-радио «Голос СНГ»").
        "Как сообщило онлайн-радио Глашатай, Мускар пригласил Путина посетить Бордурию.",
    ],
)
def test_an_outlet_that_relays_a_side_does_not_label_it(relayed):
    text = f"""Путин и Мускар обсудили ситуацию в регионе
Президент России Владимир Путин провел телефонный разговор с президентом Бордурии Ханом Мускаром.
В Кремле заявили, что лидеры обсудили поставки зерна.
{relayed}
"""
    assert attribute_text(text).right_label == "Бордурия"


def test_a_press_pool_in_the_table_of_places_labels_its_side_in_guillemets_too():
    # "Telegram-канал «Пул Первого»", the Belarusian president's press pool: not an outlet.
    text = """Лукашенко и Мускар обсудили ситуацию в регионе
Президент Белоруссии Александр Лукашенко провел телефонный разговор с президентом Бордурии Ханом Мускаром.
По данным «Пула Первого», лидеры обсудили поставки зерна.
Пресс-секретарь президента Бордурии Денис Пеков сказал, что Мускар пригласил Лукашенко посетить Бордурию.
"""
    assert attribute_text(text).left_label == "Пул Первого"


def test_a_word_capitalised_only_where_it_opens_a_sentence_labels_no_side():
    # "Там же подчеркнули" was taken for a source named "Там" ("There"), and labelled a side.
    text = """Путин и Мускар обсудили ситуацию в регионе
Президент России Владимир Путин провел телефонный разговор с президентом Бордурии Ханом Мускаром.
В Кремле заявили, что лидеры обсудили поставки зерна.
В Бордурии о содержании беседы рассказали подробнее. Там же подчеркнули, что разговор касался прежде всего торговли.
"""
    assert attribute_text(text).right_label == "Бордурия"


def test_an_office_with_no_name_labels_no_side():
    # "Juru bicara kepresidenan Budi Santoso": whose presidency the article does not say, so
    # "kepresidenan" alone named the side; its leader does.
    text = """Prabowo dan Muskar berbicara lewat telepon
Presiden Prabowo Subianto berbicara dengan Presiden Borduria Han Muskar pada Senin.
Juru bicara kepresidenan Budi Santoso mengatakan kedua pemimpin membahas kerja sama energi.
Menurut juru bicara kepresidenan Borduria Denis Pekov, Muskar mengundang Prabowo berkunjung.
"""
    attribution = attribute_text(text)
    assert (attribution.left_label, attribution.right_label) == ("Prabowo", "kepresidenan Borduria")


def test_a_seat_after_a_spokesman_is_no_spokesman_s_name():
    # "seorang juru bicara Downing Street" (a Downing Street spokesman): the seat, in the
    # table of places, labels the side; it was taken for the spokesman's own name.
    text = """Johnson dan Muskar berbicara lewat telepon
Perdana Menteri Inggris Boris Johnson berbicara dengan Presiden Borduria Han Muskar pada Senin.
Menurut seorang juru bicara Downing Street, kedua pemimpin membahas kerja sama energi.
Downing Street menambahkan bahwa Johnson mengundang Muskar ke London.
Menurut juru bicara kepresidenan Borduria Denis Pekov, Muskar mengundang Johnson berkunjung.
"""
    assert attribute_text(text).left_label == "Downing Street"


_COUNTRY_LABEL = """
import sys
from readout_tui.core.io.article import attribute_text
text = '''Lee dan Trump bicara lewat telepon
Presiden Korea Selatan Lee Jae-myung berbicara dengan Presiden Amerika Serikat Donald Trump pada Jumat malam.
Juru bicara kepresidenan Kang Yu-jung mengatakan keduanya membahas tarif dan kerja sama Korea Selatan-AS.
Kang mengatakan Lee juga mengundang Trump ke Korea.
Trump menulis di Truth Social bahwa percakapan itu sangat baik.
'''
print(attribute_text(text).left_label)
"""


def test_a_label_is_the_same_whatever_the_hash_seed():
    # A leader's title names "Korea" and "Selatan" once each: the label took whichever the
    # set of the two happened to give first, which changed from one run of the program to
    # the next.
    labels = {
        subprocess.run(
            [sys.executable, "-c", _COUNTRY_LABEL],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
        ).stdout.strip()
        for seed in range(8)
    }
    assert labels == {"Korea"}, labels


def test_a_dateline_in_capitals_does_not_label_in_capitals():
    # "ЦИТАДЕЛЬ — 14 сентября ...": the only form that opens a clause is the dateline's.
    text = """Плекши и Мускар обсудили торговлю
ЦИТАДЕЛЬ — 14 сентября состоялся телефонный разговор президента Бордурии Курта Плекши с президентом Сильдавии Антоном Мускаром.
Президенты также рассмотрели график предстоящих встреч, уточнили в Цитадели.
Лидеры обсудили поставки зерна, добавили в Цитадели.
Как сообщила пресс-служба президента Сильдавии, Мускар пригласил Плекши посетить Сильдавию.
"""
    assert attribute_text(text).left_label == "Цитадель"


def test_an_office_capitalised_where_it_opens_a_sentence_is_labelled_as_inside_one():
    # "Пресс-служба Кремля сообщила": "пресс-служба Кремля", as every other article's label.
    text = """Путин и Мускар обсудили ситуацию в регионе
Президент России Владимир Путин провел телефонный разговор с президентом Бордурии Ханом Мускаром.
Пресс-служба Кремля сообщила, что лидеры обсудили поставки зерна.
Пресс-секретарь президента Бордурии Денис Пеков сказал, что Мускар пригласил Путина посетить Бордурию.
"""
    assert attribute_text(text).left_label == "пресс-служба Кремля"


def test_a_platform_a_leader_posts_on_labels_no_side():
    # "In a Facebook post, Wong said": the side was labelled "Facebook".
    text = """Vorel and Brask talk by phone
Zemblan Prime Minister Ana Vorel spoke with Freedonian President Otto Brask on Monday.
In a Facebook post, Vorel said the two leaders discussed grain exports.
The Freedonian embassy said Brask had invited Vorel to visit.
"""
    assert attribute_text(text).left_label == "Vorel"


def test_a_medium_named_after_the_indonesian_noun_labels_no_side():
    # "Laporan media Ibrani menyebut ..." (Hebrew media reported): the side was labelled
    # "Ibrani", an adjective for the outlets that relayed it, as "the newspaper Haaretz" is.
    text = """Rowan minta Adler lindungi warga sipil
WASHINGTON - Presiden Freedonia Otto Rowan berbicara melalui telepon dengan Perdana Menteri Sylvania Ana Adler pada Sabtu.
Laporan media Zemblan menyebut panggilan itu berlangsung sekitar 45 menit.
Kantor Adler mengatakan kedua pemimpin membahas bantuan kemanusiaan ke Gaza.
"""
    assert attribute_text(text).left_label == "Rowan"
    # A name with "Media" in it is no medium: the division labels its side.
    named = text.replace("Laporan media Zemblan menyebut", "Divisi Media Presiden mengatakan")
    assert attribute_text(named).left_label == "Divisi Media Presiden"


def test_a_spokesman_named_in_full_then_by_his_surname_alone_labels_no_side():
    # "presidential spokesperson Kang Yu-jung said", then "Kang told reporters": lee-xi's
    # Korean side was labelled "Kang", the spokesperson, not the president.
    text = """Vorel and Brask discuss trade by phone
Zemblan President Ana Vorel spoke by phone with Freedonian President Otto Brask on Tuesday.
Presidential spokesperson Han Mi-rae said Vorel asked for closer trade ties.
Han said the two leaders agreed to meet in the autumn.
Han added that Vorel had invited Brask to visit.
The Freedonian presidency said Brask welcomed the invitation.
"""
    assert attribute_text(text).left_label == "Vorel"
