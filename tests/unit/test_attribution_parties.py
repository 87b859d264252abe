"""The call's two parties: each government's several voices, its remarks outside the call,
third parties. Countries, people and outlets are made up, so nothing is known in advance."""

from __future__ import annotations

from collections import Counter

import pytest

from readout_tui.core.engine.attribution import How
from readout_tui.core.engine.attribution.model import Side
from readout_tui.core.engine.attribution.names import Names
from readout_tui.core.engine.attribution.parties import Parties
from readout_tui.core.engine.attribution.sources import find_cues
from readout_tui.core.engine.attribution.tokens import name_key, read_tokens, same_stem
from readout_tui.core.io.article import attribute_text
from readout_tui.testing import article_sides as sides


def how(text: str, start: str) -> How:
    return next(s.how for s in attribute_text(text).statements if s.text.startswith(start))


ENGLISH = """Plekszy and Muskar meet in Klow, give different readings of talks
KLOW, March 3 - Bordurian President Kurt Plekszy met Syldavian Prime Minister Anton Muskar on Tuesday on the sidelines of a summit hosted by Zemblan President Tor Ek.
The Bordurian presidency said in a statement that the two leaders discussed the disputed border.
Plekszy told Muskar that Borduria would not accept any change to the border by force, according to the statement.
Presidential spokesman Igor Zorin later told reporters that the meeting had been "frank and constructive".
Zorin said Plekszy had also raised the fate of Bordurian fishermen detained last year.
Read more: Why the rail link matters
For his part, Muskar told reporters after the meeting that he had pressed Plekszy to withdraw troops.
The Syldavian leader added that both sides would set up a joint commission.
Syldavia's foreign ministry said the talks had focused on energy and trade.
Syldavian Foreign Minister Olga Ranek said separately that the government would present its budget next week.
Ek said the summit had shown that the region could solve its own problems.
Analysts at the Klow Institute said the meeting had eased tensions but solved little.
"""


def test_english_each_government_speaks_through_several_voices():
    attribution = attribute_text(ENGLISH)
    assert [s.side.value for s in attribution.statements] == [
        "neither",  # headline
        "neither",  # the reporter's lede
        "left",  # the Bordurian presidency: "Bordurian" is "Bordurian President Kurt Plekszy"'s
        "left",  # ", according to the statement": the cue at the end reports all of it
        "left",  # a spokesman named with no country: the side he follows
        "left",
        "neither",  # link
        "right",  # "For his part": the other side's leader
        "right",  # "The Syldavian leader": a title with the country's adjective
        "right",  # Syldavia's foreign ministry: "Syldavia" and "Syldavian" are one word's forms
        "neither",  # Syldavia's minister, "separately", on the budget: not about the talks
        "neither",  # the summit's host, a third leader
        "neither",  # analysts
    ]
    assert how(ENGLISH, "Syldavian Foreign Minister") is How.OUTSIDE_CALL


INDONESIAN = """Plekszy Telepon Muskar, Bahas Krisis Perbatasan
Jakarta - Presiden Borduria Kurt Plekszy melakukan percakapan telepon dengan Presiden Syldavia Anton Muskar, Senin (2/3).
Citadel dalam pernyataannya menyebut kedua presiden membahas krisis perbatasan selama satu jam.
Menurut Citadel, Plekszy menegaskan Borduria menginginkan penyelesaian damai.
Baca juga: Krisis Perbatasan Borduria-Syldavia Memanas
Sementara itu, pihak Syldavia menyatakan Muskar mendesak Plekszy menarik pasukannya.
Kepala Negara Syldavia itu juga mengundang Plekszy berkunjung pada musim semi, kata juru bicaranya, Lena Brok.
Brok menambahkan, Muskar menyambut baik pembebasan nelayan.
"Kami siap berdialog," ujarnya soal perundingan di Klow.
Secara terpisah, Plekszy mengatakan kepada wartawan bahwa ia tidak akan menghadiri KTT regional.
Pengamat hubungan internasional Universitas Klow, Dita Ramli, menilai percakapan itu meredakan ketegangan.
"""


def test_indonesian_each_government_speaks_through_several_voices():
    assert sides(INDONESIAN) == [
        "neither",
        "neither",
        # "Citadel" is joined to no leader: the party with no voice of its own about the call
        # (Plekszy's, whose words it reports) takes it.
        "left",
        "left",
        "neither",  # Baca juga:
        "right",  # pihak Syldavia
        "right",  # juru bicaranya, at the end, reports it all
        "right",  # Brok: the spokesman the article names with the side
        "right",  # "ujarnya": the source is in the marker, whatever follows ("soal ... di Klow")
        "neither",  # "Secara terpisah", on another matter
        "neither",  # an analyst at a university, set off by commas
    ]


RUSSIAN = """Плекши провел телефонный разговор с Мускаром
Президент Бордурии Курт Плекши во вторник провел телефонный разговор с президентом Сильдавии Антоном Мускаром.
Как сообщили в Цитадели, разговор состоялся по инициативе сильдавской стороны.
Плекши подчеркнул, что Бордурия выступает за мирное урегулирование.
Помощник президента Игорь Зорин рассказал журналистам, что беседа длилась около часа.
По словам Зорина, лидеры договорились продолжить контакты.
Читайте также: Что известно о конфликте
Сильдавский премьер, в свою очередь, заявил журналистам, что призвал Плекши отвести войска.
Согласно заявлению канцелярии Мускара, сильдавский лидер пригласил коллегу посетить страну.
Мускар также пообещал освободить рыбаков, говорится в заявлении.
Пресс-секретарь Плекши ранее заявил, что президент не планирует поездок за рубеж.
По словам сильдавского лидера, разговор был трудным.
По мнению экспертов Кловского института, разговор снизил напряженность.
"""


def test_russian_each_government_speaks_through_several_voices():
    assert sides(RUSSIAN) == [
        "neither",
        "neither",
        "left",  # "в Цитадели": first seen before Plekszy's words, so his
        "left",  # the side's leader goes on where its source spoke of the call
        "left",  # "помощник президента": the aide of the president the article was speaking of
        "left",
        "neither",
        "right",  # "Сильдавский премьер": a title after its country's adjective, not the one
        # the statement before spoke of
        "right",  # "канцелярии Мускара" (Мускара, Мускаром: one name)
        "right",
        "neither",  # "ранее": on another occasion
        "right",  # "сильдавского лидера": "Сильдавии"'s leader
        "neither",  # experts
    ]


def test_a_source_joined_to_no_one_goes_with_the_leader_it_reports_speaking():
    text = (
        "Plekszy and Muskar discuss border in phone call\n"
        "Bordurian President Kurt Plekszy and Syldavian President Anton Muskar spoke by phone on Monday.\n"
        "The Citadel said the two presidents discussed the border crisis for an hour.\n"
        "Plekszy stressed that Borduria wanted a peaceful settlement, the Citadel said.\n"
        "Meanwhile, the Blue Palace said Muskar urged Plekszy to withdraw his troops.\n"
        "It added that Muskar invited Plekszy to visit in the spring.\n"
        "Plekszy also told reporters on Tuesday that he would not attend the regional summit.\n"
    )
    attribution = attribute_text(text)
    assert [s.side.value for s in attribution.statements] == [
        "neither",
        "neither",
        "left",
        "left",  # ", the Citadel said" reports "Plekszy stressed"
        "right",  # the Blue Palace follows a statement of the left, but reports Muskar urging
        "right",
        "neither",  # the leader on another matter
    ]
    assert (attribution.left_label, attribution.right_label) == ("Citadel", "Blue Palace")


def test_a_third_leaders_voices_are_neither():
    text = (
        "Rowan says call with Kessel was productive\n"
        "Zemblan President Tom Rowan spoke with Freedonian President Ida Kessel on Friday.\n"
        "Kessel said on Telegram that the two leaders discussed air defence.\n"
        "Rowan told reporters that the call was very strategic.\n"
        "A day earlier Rowan spoke with Ruritanian President Ivo Marek.\n"
        "The Citadel said on Thursday that Marek had told Rowan that Ruritania would not back down.\n"
        "Citadel aide Pavel Ush said Marek and Rowan had agreed to keep talking.\n"
    )
    assert sides(text) == ["neither", "neither", "left", "right", "neither", "neither", "neither"]


@pytest.mark.parametrize(
    "turn, side",
    [("Di sisi lain, p", "left"), ("P", "right")],
)
def test_a_source_joined_to_no_one_that_turns_to_the_other_side(turn, side):
    text = (
        "Rowan dan Kessel Bicara Lewat Telepon\n"
        "Presiden Zembla Tom Rowan berbicara dengan Presiden Freedonia Ida Kessel pada hari Jumat.\n"
        "Kessel menulis bahwa percakapan itu membahas pertahanan udara.\n"
        "Rowan mengatakan kepada wartawan bahwa percakapan itu sangat baik.\n"
        f"{turn}enasihat Citadel Pavel Ush mengatakan percakapan itu berlangsung satu jam.\n"
        "Ush menambahkan, kedua pemimpin sepakat bertemu tahun depan.\n"
    )
    # Both leaders speak for themselves, so the adviser goes with the side he follows, or,
    # "on the other hand", with the other.
    assert sides(text) == ["neither", "neither", "left", "right", side, side]


def test_a_leader_in_the_headline_is_a_party_before_one_the_article_names_more():
    text = (
        "Rowan and Kessel talk trade\n"
        "Zemblan President Tom Rowan called Freedonian President Ida Kessel on Friday.\n"
        "Rowan said the call with Kessel was productive.\n"
        "Kessel said the two leaders agreed to cut tariffs.\n"
        "Ruritanian President Ivo Marek was not told of the call, Marek said.\n"
        "Marek said Ruritania would raise its own tariffs.\n"
        "Marek added that Ruritania would appeal.\n"
    )
    assert sides(text) == ["neither", "neither", "left", "right", "neither", "neither", "neither"]


def test_told_is_followed_by_whom_a_source_told_not_the_source():
    text = (
        "Vorel and Han talk\n"
        "Zemblan President Ana Vorel met Freedonian President Han Lei on Monday.\n"
        "The Zemblan government said the two leaders discussed the strait.\n"
        "Han, according to Lumen, told Vorel that the strait was a red line.\n"
        "Lumen said Han urged Zembla to match its words with action.\n"
    )
    assert sides(text) == ["neither", "neither", "left", "right", "right"]


def test_an_acronym_glossed_in_brackets_and_a_title_before_a_demonstrative():
    text = (
        "Plekszy dan Muskar Sepakat Turunkan Tarif\n"
        "Presiden Republik Borduria (RB) Kurt Plekszy berbicara dengan Presiden Syldavia Anton Muskar.\n"
        "Muskar menulis bahwa percakapannya dengan Plekszy sangat baik.\n"
        "Plekszy menyatakan bahwa ia dan Muskar telah mencapai kesepakatan.\n"
        "Presiden RB itu menutup unggahannya dengan berterima kasih kepada rakyat Syldavia.\n"
    )
    # RB is Republik Borduria's, so Plekszy's: "Presiden RB itu" carries his account on.
    assert sides(text) == ["neither", "neither", "left", "right", "right"]


@pytest.mark.parametrize(
    "forms",
    [("Путин", "Путину", "Путиным", "Путина"), ("Кремль", "Кремля", "Кремле"), ("Хань", "Ханя", "Ханем")],
)
def test_a_russian_name_has_one_key_in_every_case(forms):
    assert len({name_key(form) for form in forms}) == 1


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("Israel", "Israeli", True),
        ("Syldavia", "Syldavian", True),
        ("Fredonia", "Fredonian", True),
        ("России", "российского", True),
        ("Турции", "турецкий", True),
        ("Fred", "Freedom", False),
        ("Ivan", "Ivory", False),
    ],
)
def test_a_country_and_its_adjective_are_one_words_forms(a, b, same):
    assert same_stem(name_key(a), name_key(b)) is same


def test_a_plural_title_names_countries_then_people():
    text = (
        "Плекши и Мускар проговорили час\n"
        "Президенты Бордурии и Сильдавии Курт Плекши и Антон Мускар в понедельник провели телефонный разговор.\n"
        "После беседы Плекши вышел к журналистам и назвал разговор полезным.\n"
        "По его словам, Мускар изложил свою позицию.\n"
        "Мускар, выступая в Клове, написал в соцсети Клик, что разговор с Бордурией прошел хорошо.\n"
        "После разговора с Мускаром Плекши заявил, что стороны договорились о новых контактах.\n"
    )
    attribution = attribute_text(text)
    # "Бордурии" is no third leader (whose naming would make a statement about another call),
    # and "Мускаром Плекши", one run of names, does not make the two leaders one party.
    assert [s.side.value for s in attribution.statements] == [
        "neither",
        "neither",
        "left",  # "После беседы Плекши вышел ... и назвал": the subject after the opening phrase
        "left",
        "right",
        "left",
    ]
    # Where he wrote is not who wrote.
    assert attribution.statements[4].source == "Мускар"


def test_a_spokesman_named_after_a_comma_and_an_agency_set_off_by_commas():
    text = (
        "Plekszy dan Muskar Bertemu di Klow\n"
        "Presiden Borduria Kurt Plekszy bertemu Presiden Syldavia Anton Muskar di Klow.\n"
        "Plekszy mengatakan pertemuan itu membahas perbatasan.\n"
        "Lena Brok, juru bicara Muskar, mengatakan pertemuan itu berlangsung hangat.\n"
        "Plekszy menambahkan bahwa pertemuan berikutnya digelar tahun depan.\n"
        "Kantor berita pemerintah Syldavia, SNA, menyebut pertemuan itu bersejarah.\n"
    )
    assert sides(text) == ["neither", "neither", "left", "right", "left", "right"]


def test_the_cue_that_ends_a_statement_reports_what_comes_before_it():
    text = (
        "Vorel and Brask talk\n"
        "Zemblan President Ana Vorel spoke with Freedonian President Ivo Brask on Monday.\n"
        "The Zemblan government said the call lasted an hour.\n"
        "The Freedonian readout said Brask raised the border.\n"
        "Brask told Vorel to withdraw troops from the border, the Zemblan government said.\n"
        "The Zemblan government said Brask told Vorel that the border was closed.\n"
        "Both leaders agreed to meet again, the readout said.\n"
    )
    # "the readout" is the last source named outside what another reports: the Zemblan
    # government, not Brask.
    assert sides(text) == ["neither", "neither", "left", "right", "left", "left", "left"]


def test_told_is_followed_by_whom_a_source_told():
    text = (
        "Vorel and Han talk\n"
        "Zemblan President Ana Vorel met Freedonian President Han Lei on Monday.\n"
        "The Zemblan government said the two leaders discussed the strait.\n"
        "Han, speaking in Klow, told Vorel that the strait was a red line.\n"
    )
    assert sides(text) == ["neither", "neither", "left", "right"]


def test_a_leaders_call_with_a_third_leader_is_not_this_call():
    text = (
        "Rowan and Kessel talk\n"
        "Zemblan President Tom Rowan spoke with Freedonian President Ida Kessel on Friday.\n"
        "Kessel said the two leaders discussed air defence.\n"
        "Rowan told reporters he was disappointed by his call with Ruritanian President Ivo Marek.\n"
    )
    assert sides(text) == ["neither", "neither", "left", "neither"]


def test_a_post_with_a_speech_act_is_the_posters_and_a_country_adjective_its_party():
    text = (
        "Rowan and Kessel talk\n"
        "Novan President Tom Rowan spoke with Ostian President Ida Kessel on Friday.\n"
        "Kessel said the two leaders discussed air defence.\n"
        "In a post on Klik, Rowan called it a very good call.\n"
        "The Novan readout said Rowan thanked Kessel.\n"
        "Nova and Ostia have disputed their border for years, Ostia says.\n"
    )
    assert sides(text) == ["neither", "neither", "left", "right", "right", "neither"]


def test_a_party_with_no_voice_of_its_own_takes_the_source_joined_to_no_one():
    text = (
        "Plekszy and Muskar talk\n"
        "Bordurian President Kurt Plekszy spoke with Syldavian President Anton Muskar on Saturday.\n"
        "The Citadel said the call was held at the Syldavian side's request.\n"
        "Plekszy informed Muskar about the situation, the Citadel said.\n"
        "According to the Citadel, Muskar expressed full support.\n"
        "According to the Syldavian statement, the leaders discussed the latest events.\n"
    )
    # The Citadel reports both leaders speaking alike; only Plekszy's account has no voice.
    assert sides(text) == ["neither", "neither", "left", "left", "left", "right"]


def test_a_voice_the_article_says_is_a_professors_is_a_third_party():
    text = (
        "Vorel and Brask talk\n"
        "Zemblan President Ana Vorel spoke with Freedonian President Ivo Brask on Monday.\n"
        "Vorel said the call with Brask had been useful.\n"
        "According to Dita Ramli, a professor at Klow University, the call eased tensions.\n"
    )
    assert sides(text) == ["neither", "neither", "left", "neither"]


def test_a_country_named_in_another_form_than_its_leaders_adjective():
    text = (
        "Rowan and Kessel talk\n"
        "Novan President Tom Rowan spoke with Ostian President Ida Kessel on Friday.\n"
        "Kessel said the talks were frank.\n"
        "Rowan said the call was very good.\n"
        "Ostia's foreign ministry said the call lasted an hour.\n"
    )
    assert sides(text) == ["neither", "neither", "left", "right", "left"]


def test_a_spokesman_speaks_for_the_country_named_between_his_role_and_his_name():
    text = (
        "Plekszy dan Muskar Bertemu\n"
        "Presiden Borduria Kurt Plekszy bertemu Presiden Syldavia Anton Muskar di Klow.\n"
        "Muskar mengatakan pertemuan itu membahas perbatasan.\n"
        "Plekszy mengatakan pertemuan itu sangat baik.\n"
        "Juru bicara Kementerian Luar Negeri Syldavia Lena Brok mengatakan pertemuan itu berlangsung dua jam.\n"
    )
    assert sides(text) == ["neither", "neither", "left", "right", "left"]


@pytest.mark.parametrize("text, acronym", [("Presiden Aurelia Selatan (AS) itu", "AS"), ("MOSCOW, Dec 10", "MOSCOW")])
def test_an_acronym_is_a_name_though_a_word_of_the_lists_is_spelt_alike(text, acronym):
    assert next(t for t in read_tokens(text, set()) if t.text == acronym).name


def test_whom_a_spokesman_speaks_for_is_no_spokesman():
    text = (
        "Plekszy dan Muskar Bertemu\n"
        "Presiden Borduria Kurt Plekszy bertemu Presiden Muskar di Klow.\n"
        "Plekszy mengatakan pertemuan itu sangat baik.\n"
        "Lena Brok, juru bicara Muskar, mengatakan pertemuan itu berlangsung dua jam.\n"
        "Menurut pengamat Dita Ramli, pertemuan itu penting.\n"
        "Ramli menambahkan, pertemuan itu meredakan ketegangan.\n"
    )
    # "Presiden Muskar" is a leader, though "juru bicara Muskar" stands before his name.
    assert sides(text) == ["neither", "neither", "left", "right", "neither", "neither"]


def test_an_office_is_the_country_its_name_has():
    text = (
        "Rowan and Kessel talk\n"
        "Zemblan President Tom Rowan spoke with Freedonian President Ida Kessel on Friday.\n"
        "Kessel said the talks were frank.\n"
        "The Zemblan Presidential Office said the call lasted an hour.\n"
        "Rowan said the call was useful.\n"
    )
    assert sides(text) == ["neither", "neither", "left", "right", "right"]


def test_a_quotation_without_a_cue_carries_on_and_more_verbs_of_saying():
    text = (
        "Plekszy dan Muskar Bicara\n"
        "Presiden Borduria Kurt Plekszy berbicara dengan Presiden Syldavia Anton Muskar, Senin.\n"
        '"Pembicaraan kami sangat terbuka," tegas Muskar.\n'
        '"Perbatasan harus dibuka kembali."\n'
        "Kedua pemimpin juga membahas perdagangan, ungkapnya.\n"
    )
    assert sides(text) == ["neither", "neither", "left", "left", "left"]
    russian = (
        "Плекши и Мускар поговорили\n"
        "Президент Бордурии Курт Плекши поговорил с президентом Сильдавии Антоном Мускаром.\n"
        "Мускар напомнил, что разговор был договорен заранее.\n"
    )
    assert sides(russian) == ["neither", "neither", "left"]


ENGLISH_OPENING = (
    "Plekszy and Muskar talk\n"
    "Bordurian President Kurt Plekszy spoke with Syldavian President Anton Muskar.\n"
    "Plekszy said the call was useful.\n"
)
INDONESIAN_OPENING = (
    "Plekszy dan Muskar Bicara\n"
    "Presiden Borduria Kurt Plekszy berbicara dengan Presiden Syldavia Anton Muskar.\n"
    "Plekszy mengatakan pembicaraan itu berguna.\n"
)
RUSSIAN_OPENING = (
    "Плекши и Мускар поговорили\n"
    "Президент Бордурии Курт Плекши провел телефонный разговор с президентом Сильдавии Антоном Мускаром.\n"
    "Плекши заявил, что разговор был полезным.\n"
)


def test_a_source_after_the_verb_when_only_a_phrase_of_no_source_stands_before_it():
    text = (
        "Плекши и Мускар поговорили\n"
        "Президент Бордурии Курт Плекши провел телефонный разговор с президентом Сильдавии Антоном Мускаром.\n"
        "Мускар заявил, что разговор был полезным.\n"
        "Об этом сообщила пресс-служба Цитадели, добавив, что Плекши призвал к перемирию.\n"
    )
    statement = attribute_text(text).statements[3]
    assert statement.how is How.CUE and statement.source == "пресс-служба Цитадели"


def test_what_an_opening_marker_reports_holds_the_named_cue_after_it():
    text = (
        "Плекши и Мускар поговорили\n"
        "Президент Бордурии Курт Плекши провел телефонный разговор с президентом Сильдавии Антоном Мускаром.\n"
        "Плекши назвал разговор полезным.\n"
        "По словам бордурского лидера, Мускар изложил свою позицию по границе.\n"
    )
    # Мускар's words as Плекши tells them: Плекши's account.
    assert sides(text) == ["neither", "neither", "left", "left"]


def test_a_partys_official_earlier_on_other_talks_is_neither():
    text = (
        "Плекши и Мускар поговорили\n"
        "Президент Бордурии Курт Плекши провел телефонный разговор с президентом Сильдавии Антоном Мускаром.\n"
        "Плекши заявил, что разговор был полезным.\n"
        "Министр иностранных дел Бордурии Олег Лавин заявил, что переговоры с соседями зашли в тупик.\n"
        "Ранее министр иностранных дел Бордурии Олег Лавин заявил, что переговоры с соседями зашли в тупик.\n"
    )
    # Talks are call words; "ранее" puts them before the call. "Бордурии", named twice with
    # the minister and once with Плекши, is still Плекши's country (else the minister would
    # be the voice of the side that has none of its own).
    assert sides(text)[3:] == ["left", "neither"]


@pytest.mark.parametrize(
    "line",
    [
        "По мнению аналитиков, встреча лидеров укрепит позиции обеих стран.\n",
        "Эксперты считают, что разговор лидеров снизил напряженность.\n",
        "Menurut para pengamat, pembicaraan kedua pemimpin meredakan ketegangan.\n",
    ],
)
def test_an_unnamed_third_party_is_a_source_of_its_own(line):
    text = (
        "Plekszy and Muskar talk\n"
        "Bordurian President Kurt Plekszy spoke with Syldavian President Anton Muskar.\n"
        "Plekszy said the call was useful.\n" + line
    )
    assert sides(text)[3] == "neither"


def test_whom_a_leader_spoke_to_is_no_third_party():
    text = (
        "Плекши и Мускар поговорили\n"
        "Президент Бордурии Курт Плекши провел телефонный разговор с президентом Сильдавии Антоном Мускаром.\n"
        "Плекши заявил, что разговор был полезным.\n"
        "Сильдавский лидер, в свою очередь, заявил журналистам, что призвал Плекши отвести войска.\n"
    )
    assert sides(text)[3] == "right"


@pytest.mark.parametrize(
    "opening, line",
    [
        (ENGLISH_OPENING, "Plekszy also congratulated Muskar on the anniversary.\n"),
        (RUSSIAN_OPENING, "Плекши также поздравил Мускара с годовщиной.\n"),
        (RUSSIAN_OPENING, "Плекши договорился с Мускаром продолжить контакты.\n"),
        (RUSSIAN_OPENING, "Плекши также затронул тему рыбаков.\n"),
    ],
)
def test_what_is_done_in_a_call_carries_on(opening, line):
    assert sides(opening + line)[3] == "left"


@pytest.mark.parametrize(
    "opening, line, source",
    [
        (
            INDONESIAN_OPENING,
            "Menteri Luar Negeri Borduria Olga Ranek yang mendampingi Presiden mengatakan pembicaraan itu hangat.\n",
            "Menteri Luar Negeri Borduria Olga Ranek",
        ),
        (
            ENGLISH_OPENING,
            "In Klow, Bordurian Foreign Minister Olga Ranek, who was on the call, said the talks were warm.\n",
            "Bordurian Foreign Minister Olga Ranek",
        ),
        (
            INDONESIAN_OPENING,
            "Juru bicara Kementerian Luar Negeri Borduria Olga Ranek dalam jumpa pers, Senin (9/11/2024), "
            "menyatakan pembicaraan itu hangat.\n",
            "Luar Negeri Borduria Olga Ranek",  # as far as a source phrase reaches
        ),
    ],
)
def test_a_relative_clause_or_a_day_between_a_source_and_its_verb(opening, line, source):
    statement = attribute_text(opening + line).statements[3]
    assert statement.side.value == "left" and statement.source.endswith(source)


def test_an_official_without_a_name_is_the_source_last_named():
    text = ENGLISH_OPENING + (
        "Muskar said the call was frank.\n"
        "A Bordurian government official said Plekszy raised the border.\n"
        "The official, who spoke on condition of anonymity, said the leaders agreed to meet.\n"
    )
    statement = attribute_text(text).statements[5]
    assert statement.how is How.CUE and statement.side.value == "left"


def test_a_spokesman_of_a_country_named_by_its_adjective_speaks_for_it():
    text = RUSSIAN_OPENING + (
        "Мускар заявил, что разговор был откровенным.\n"
        "Пресс-секретарь бордурского президента Денис Пеков заявил, что разговор длился час.\n"
        "Известный бордурский эксперт Иван Петров заявил, что разговор был важным.\n"
    )
    assert sides(text)[3:] == ["right", "left", "neither"]  # an analyst speaks for no one


def test_indonesian_role_abbreviations_and_an_adverb_between_a_source_and_its_verb():
    text = INDONESIAN_OPENING + (
        "Muskar mengatakan pembicaraan itu terbuka.\n"
        "Menlu Borduria Olga Ranek mengatakan pembicaraan itu hangat.\n"
        "Dubes Syldavia, Ivan Dorov, secara terpisah mengatakan pembicaraan itu penting.\n"
    )
    statements = attribute_text(text).statements
    assert [s.side.value for s in statements[3:]] == ["right", "left", "right"]
    assert statements[5].source == "Ivan Dorov"


def test_the_headline_names_the_calls_parties_first_though_another_leader_is_named_more():
    text = (
        "Rowan and Vask discuss air defence a day after Rowan's call with Kessel\n"
        "Novan President Tom Rowan spoke with Ruritanian President Jan Vask on Friday, a day after his call "
        "with Ostian President Ida Kessel.\n"
        "Vask said the conversation with Rowan was productive.\n"
        "Vask added that Kessel wanted to go all the way.\n"
        "Kessel's aide Pavel Orlov said Kessel had told Rowan that Ostia would pursue its goals.\n"
        "Orlov said Kessel and Rowan had agreed to keep talking.\n"
        "Kessel has rejected a ceasefire, Orlov said.\n"
        "Vask's office said the leaders agreed to work on air defence.\n"
    )
    # Vask goes on, but about Kessel: the other call's.
    assert sides(text)[2:] == ["left", "neither", "neither", "neither", "neither", "left"]


def test_an_outlet_cited_for_what_it_relays_speaks_for_no_one():
    text = INDONESIAN_OPENING + (
        "Dilansir dari Reuters, kantor Muskar menyebut pembicaraan berlangsung produktif.\n"
        "Plekszy menekankan pentingnya gencatan senjata, ujar juru bicara Plekszy seperti dikutip AFP.\n"
        "Menurut Reuters, kedua negara telah bersengketa selama bertahun-tahun.\n"
        "Reuters melaporkan pasar saham Borduria menguat setelah pembicaraan itu.\n"
    )
    statements = attribute_text(text).statements
    assert [s.side.value for s in statements[3:]] == ["right", "left", "neither", "neither"]
    assert statements[3].source == "kantor Muskar"


def test_it_is_no_speaker_unless_it_says_something():
    text = ENGLISH_OPENING + (
        "It was the first call between the two leaders since March.\n"
        "The Bordurian presidency said the call was long.\n"
        "It called the conversation warm.\n"
        "It is unclear whether the leaders will meet.\n"
    )
    assert sides(text)[3:] == ["neither", "left", "left", "neither"]


@pytest.mark.parametrize(
    "opening, line, source",
    [
        (RUSSIAN_OPENING, "Мускар, в свою очередь, подтвердил позицию Сильдавии в разговоре.\n", "Мускар"),
        (ENGLISH_OPENING, "Muskar, for his part, said the call was frank.\n", "Muskar"),
        (ENGLISH_OPENING, "Muskar, by contrast, said Plekszy had raised the border.\n", "Muskar"),
    ],
)
def test_a_turn_set_off_by_commas_between_a_source_and_its_verb(opening, line, source):
    # Not "позицию Сильдавии" after the verb: a source stands after it only when nothing but
    # a phrase of no source opens the statement.
    statement = attribute_text(opening + line).statements[3]
    assert statement.side.value == "right" and statement.source == source


def test_another_governments_office_tells_the_side_that_has_no_office_yet():
    text = (
        "Leaders of Zembla and Ostia speak by phone\n"
        "The Zemblan government said President Vorel spoke with President Brask on Monday.\n"
        "The Ostian presidential office said the two leaders discussed energy supplies.\n"
        "It added that the talks were frank.\n"
    )
    # Nothing joins "Ostian" to Brask, but one side already speaks through the Zemblan
    # government: a second government's office is the other side's.
    assert sides(text) == ["neither", "left", "right", "right"]


@pytest.mark.parametrize(
    "opening, line",
    [
        (ENGLISH_OPENING, "Ahead of the call, Plekszy said Borduria would not give up the border.\n"),
        (INDONESIAN_OPENING, "Sehari sebelum percakapan, Plekszy mengatakan Borduria tidak akan menyerah.\n"),
        (RUSSIAN_OPENING, "Плекши заявил еще до разговора, что Бордурия не уступит.\n"),
    ],
    ids=["en", "id", "ru"],
)
def test_a_statement_made_before_the_call_is_no_account_of_it(opening, line):
    # The side's own leader, right after his account: but before the call, not about it.
    statement = attribute_text(opening + line).statements[3]
    assert statement.side.value == "neither" and statement.how is How.OUTSIDE_CALL


@pytest.mark.parametrize(
    "opening, lines",
    [
        (
            ENGLISH_OPENING,
            "Muskar's aide Pavel Orlov said the call lasted an hour.\n"
            "Energy\n"
            "Fuel prices would stay stable for a year, Orlov said.\n",
        ),
        (
            INDONESIAN_OPENING,
            "Penasihat Muskar, Pavel Orlov, mengatakan percakapan berlangsung satu jam.\n"
            "Energi\n"
            "Harga bahan bakar akan tetap stabil selama setahun, kata Orlov.\n",
        ),
        (
            RUSSIAN_OPENING,
            "Помощник Мускара Павел Орлов сообщил, что разговор длился час.\n"
            "Энергетика\n"
            "Цены на топливо останутся стабильными еще год, сказал Орлов.\n",
        ),
    ],
    ids=["en", "id", "ru"],
)
def test_a_source_that_told_a_sides_account_goes_on_telling_it_past_a_heading(opening, lines):
    # Nothing in the last line names the call: its source, who told the account before, does.
    assert sides(opening + lines)[3:] == ["right", "neither", "right"]


def test_an_aide_of_a_title_is_the_aide_not_the_leader():
    text = RUSSIAN_OPENING + (
        "Помощник Мускара Павел Орлов сообщил, что разговор длился час.\n"
        "Энергетика\n"
        "Основное внимание, по словам помощника президента, уделили энергетике.\n"
    )
    statement = attribute_text(text).statements[5]
    # "помощника президента" is the aide, the source last named, not "президента" carrying on
    # (after a heading there is nothing to carry on).
    assert statement.side.value == "right" and statement.source == "помощника президента"


@pytest.mark.parametrize(
    "text",
    [
        "Plekszy and Muskar talk\n"
        "Bordurian President Kurt Plekszy spoke with Syldavian President Anton Muskar on Monday.\n"
        "In the call, Muskar thanked Plekszy for the grain deal.\n"
        "Muskar welcomed the Bordurian delegation before the call began.\n",
        "Plekszy dan Muskar Bicara\n"
        "Presiden Borduria Kurt Plekszy berbicara dengan Presiden Syldavia Anton Muskar, Senin.\n"
        "Dalam pertemuan itu, Muskar berterima kasih kepada Plekszy atas kesepakatan gandum.\n"
        "Muskar menyambut delegasi Borduria sebelum pertemuan dimulai.\n",
        "Плекши и Мускар поговорили\n"
        "Президент Бордурии Курт Плекши провел телефонный разговор с президентом Сильдавии Антоном Мускаром.\n"
        "Мускар поблагодарил Плекши за сделку по зерну.\n"
        "Мускар приветствовал делегацию Бордурии перед встречей.\n",
    ],
    ids=["en", "id", "ru"],
)
def test_a_leader_doing_what_is_done_in_the_call_after_the_reporters_text_is_his_account(text):
    # No verb of saying: the leader thanking the other one is his side's account; the same
    # leader before the call is the reporter's.
    statements = attribute_text(text).statements
    assert [s.side.value for s in statements[1:]] == ["neither", "left", "neither"]
    assert statements[2].how is How.CUE


@pytest.mark.parametrize(
    "text",
    [
        "Vorel presses Brask on fishing rights\n"
        "KLOW - Anton Vorel told Ivo Brask on Monday that the fishing dispute had to end.\n"
        "According to a Castle Hill readout, Vorel also raised the detained fishermen.\n"
        "Brask, for his part, told Vorel that trade could grow, according to Ostian state media.\n"
        "Vorel proposed a meeting with Premier Jan Ruud and President Tor Ek of Zembla.\n",
        "Vorel Desak Brask soal Hak Tangkap Ikan\n"
        "KLOW - Anton Vorel mengatakan kepada Ivo Brask, Senin, bahwa sengketa perikanan harus diakhiri.\n"
        "Menurut keterangan Istana Kastil, Vorel juga mengangkat soal nelayan yang ditahan.\n"
        "Sementara itu, Brask mengatakan kepada Vorel bahwa perdagangan bisa tumbuh.\n"
        "Vorel mengusulkan pertemuan dengan Perdana Menteri Jan Ruud dan Presiden Zembla Tor Ek.\n",
        "Ворел надавил на Браска в вопросе рыболовства\n"
        "КЛОВ - Антон Ворел заявил Иво Браску в понедельник, что спор о рыболовстве должен закончиться.\n"
        "По данным Замкового холма, Ворел также поднял вопрос о задержанных рыбаках.\n"
        "Браск, в свою очередь, сказал Ворелу, что торговля может расти.\n"
        "Ворел предложил встречу с премьером Яном Руудом и президентом Земблы Тором Эком.\n",
    ],
    ids=["en", "id", "ru"],
)
def test_the_headlines_two_speakers_are_the_parties_though_the_article_never_titles_them(text):
    # Two others are named with a title: the headline's people, who speak in the article by
    # name alone, are the call's parties, and "Castle Hill" (an institution named for a
    # place) is the side it follows.
    attribution = attribute_text(text)
    assert [s.side.value for s in attribution.statements[:4]] == ["neither", "left", "left", "right"]


@pytest.mark.parametrize(
    "opening, line",
    [
        (INDONESIAN_OPENING, "Kantor kepresidenan Syldavia mengulangi bahwa energi menjadi topik utama percakapan.\n"),
        (RUSSIAN_OPENING, "В сильдавской канцелярии повторили, что главной темой разговора была энергетика.\n"),
    ],
    ids=["id", "ru"],
)
def test_repeating_is_a_verb_of_saying(opening, line):
    # As "reiterated" is in English.
    statement = attribute_text(opening + line).statements[3]
    assert statement.side.value == "right" and statement.how is How.CUE


def test_a_title_word_is_not_among_a_leaders_countries():
    # "US President Donald Trump": "President" is not Trump's country, or "Presidential
    # Spokesperson Harry Roque", the other leader's man, shares its key and takes his side.
    # Only English writes the title capitalised inside the name ("Presiden", "Президент" are
    # titles that are not names), so only English had it.
    text = "On Sunday, Zemblan President Tom Rowan spoke with Freedonian Prime Minister Ida Kessel."
    names = Names()
    names.read(0, read_tokens(text, set()))
    assert dict(names.countries[frozenset({"tom", "rowan"})]) == {"zembla": 1}
    assert set(names.countries[frozenset({"ida", "kessel"})]) == {"freedo"}


@pytest.mark.parametrize(
    "text",
    [
        "Plekszy and Muskar talk by phone\n"
        "Bordurian President Kurt Plekszy spoke with Syldavian President Anton Muskar on Monday.\n"
        "Plekszy told Muskar that the border would stay closed, a Castle Hill readout said.\n"
        "Muskar said in the call that trade could grow.\n"
        "The Korvo news agency's account quoted Plekszy as saying that the border would stay closed.\n",
        "Plekszy dan Muskar Bicara lewat Telepon\n"
        "Presiden Borduria Kurt Plekszy berbicara dengan Presiden Syldavia Anton Muskar, Senin.\n"
        "Plekszy mengatakan kepada Muskar bahwa perbatasan tetap ditutup, menurut keterangan pers Istana Kastil.\n"
        "Muskar mengatakan dalam percakapan itu bahwa perdagangan bisa tumbuh.\n"
        "Kantor berita Korvo melaporkan Plekszy juga mengatakan kepada Muskar bahwa perikanan menjadi prioritas.\n",
        "Плекши и Мускар поговорили по телефону\n"
        "Президент Бордурии Курт Плекши провел телефонный разговор с президентом Сильдавии Антоном Мускаром.\n"
        "Плекши заявил Мускару, что граница останется закрытой, сообщила пресс-служба Замкового холма.\n"
        "Мускар заявил в ходе разговора, что торговля может расти.\n"
        "Агентство Корво сообщило, что Плекши также заявил Мускару, что рыболовство в приоритете.\n",
    ],
    ids=["en", "id", "ru"],
)
def test_an_outlet_that_tells_the_other_leaders_words_is_its_own_governments_account(text):
    # Plekszy's side speaks through its own office (Castle Hill) already: an agency new to the
    # article telling Plekszy's words is the other government's voice, not his.
    assert sides(text) == ["neither", "neither", "left", "right", "right"]


@pytest.mark.parametrize(
    "opening, lines",
    [
        (
            ENGLISH_OPENING,
            "The Korvo news agency (KNA) gave a fuller picture.\n"
            "According to the agency, Muskar invited Plekszy to visit Syldavia.\n",
        ),
        (
            ENGLISH_OPENING,
            "The Korvo news agency gave a fuller picture.\n"
            "According to the agency, Muskar invited Plekszy to visit Syldavia.\n",
        ),
        (
            INDONESIAN_OPENING,
            "Kantor berita Korvo (KNA) memberikan gambaran yang lebih lengkap.\n"
            "Menurut kantor berita itu, Muskar mengundang Plekszy berkunjung ke Syldavia.\n",
        ),
        (
            RUSSIAN_OPENING,
            "Сильдавское информационное агентство (СИА) дополнило картину.\n"
            "По данным агентства, Мускар пригласил Плекши посетить Сильдавию.\n",
        ),
    ],
    ids=["en", "en, named before the noun alone", "id", "ru"],
)
def test_the_agency_alone_is_the_last_agency_named_not_the_last_source(opening, lines):
    # "По данным агентства" refers back to the agency named a line before (as no source),
    # not to Plekszy, the last source cited; the agency tells Muskar's side.
    statement = attribute_text(opening + lines).statements[-1]
    assert sides(opening + lines)[3:] == ["neither", "right"] and statement.how is How.CUE


@pytest.mark.parametrize(
    "opening, line",
    [
        (ENGLISH_OPENING, "Trade should grow faster, Muskar told his guest.\n"),
        (INDONESIAN_OPENING, "Perdagangan harus tumbuh lebih cepat, kata Muskar kepada tamunya.\n"),
        (RUSSIAN_OPENING, "Торговля должна расти быстрее, сказал Мускар своему гостю.\n"),
    ],
    ids=["en", "id", "ru"],
)
def test_the_leaders_guest_is_the_counterpart(opening, line):
    # Told to the guest, as to the counterpart: said in the talks, though nothing else names them.
    statement = attribute_text(opening + line).statements[-1]
    assert statement.side.value == "right" and statement.how is How.CUE


@pytest.mark.parametrize(
    "text, name",
    [
        ("Mexico and the United States pulled back from a trade war.", "United States"),
        ("Prabowo menerima Muskar di Wisma Negara, Jakarta.", "Wisma Negara"),
        ("Глава МИД КНР Ван И заявил, что разговор был полезным.", "Ван И"),
    ],
    ids=["en", "id", "ru"],
)
def test_a_name_goes_on_through_a_word_the_lists_know_lowercase(text, name):
    # "States" (says), "Negara" (an office's modifier), "И" (and): inside a sentence, right
    # after a name, one more word of it; "the United States" is not the source "United".
    tokens = read_tokens(text, set())
    words = name.split()
    k = next(k for k, t in enumerate(tokens) if t.text == words[0])
    assert all(t.name for t in tokens[k : k + len(words)])
    assert not [c for c in find_cues(tokens, text) if c.source.endswith(words[0])]


@pytest.mark.parametrize(
    "text, side",
    [
        (
            "Plekszy and Muskar talk\n"
            "President Kurt Plekszy spoke with President Anton Muskar on Monday.\n"
            "Plekszy said the call was useful.\n"
            "Muskar said the call was warm.\n"
            "When Plekszy raised the border, the Syldavian president said the matter was closed.\n",
            "right",
        ),
        (
            "Plekszy dan Muskar Bicara\n"
            "Presiden Kurt Plekszy berbicara dengan Presiden Anton Muskar, Senin.\n"
            "Plekszy mengatakan pembicaraan itu berguna.\n"
            "Muskar mengatakan pembicaraan itu hangat.\n"
            "Menurut Tim Media Presiden, Muskar menyinggung soal perbatasan dalam percakapan itu.\n",
            "left",
        ),
        (
            "Плекши и Мускар поговорили\n"
            "Президент Курт Плекши провел телефонный разговор с президентом Антоном Мускаром.\n"
            "Плекши заявил, что разговор был полезным.\n"
            "Мускар заявил, что разговор был теплым.\n"
            "Когда Плекши поднял вопрос о границе, Сильдавский президент заявил, что вопрос закрыт.\n",
            "right",
        ),
    ],
    ids=["en", "id", "ru"],
)
def test_a_title_without_a_name_is_not_the_leader_the_statement_names(text, side):
    # "the Syldavian president", "Tim Media Presiden": a leader's title (or his team) with no
    # name, telling what the named leader did, speaks for the other one.
    assert sides(text)[-1] == side


def test_a_leaders_country_is_not_claimed_through_a_first_name_alone():
    # Two titled people who share a first name: the Emirati president's country is not the
    # Saudi crown prince's because both are called Mohammed.
    names = Names()
    names.countries[frozenset({"mohammed", "salman"})] = Counter({"saudi": 1})
    names.countries[frozenset({"mohammed", "zayed"})] = Counter({"emirates": 1})
    parties = Parties.of_leaders(names, [frozenset({"mohammed", "salman"}), frozenset({"erdogan"})])
    assert parties.sides.get("saudi") is Side.LEFT
    assert "emirates" not in parties.sides


@pytest.mark.parametrize(
    "text",
    [
        "Plekszy and Muskar talk by phone\n"
        "Bordurian President Kurt Plekszy spoke by phone with Syldavian President Anton Muskar on Friday.\n"
        "The Bordurian presidency said in a statement that the two sides discussed trade.\n"
        "Plekszy and Muskar stressed the importance of an open border.\n"
        "Syldavia's government said Muskar invited Plekszy to Klow.\n"
        "Plekszy and Muskar last spoke by phone in March.\n",
        "Plekszy dan Muskar berbicara lewat telepon\n"
        "Presiden Borduria Kurt Plekszy berbicara lewat telepon dengan Presiden Syldavia Anton Muskar, Jumat.\n"
        "Menurut pernyataan kepresidenan Borduria, kedua pihak membahas perdagangan.\n"
        "Plekszy dan Muskar menegaskan pentingnya perbatasan yang terbuka.\n"
        "Pemerintah Syldavia mengatakan Muskar mengundang Plekszy ke Klow.\n"
        "Plekszy dan Muskar terakhir kali berbicara lewat telepon pada Maret.\n",
        "Плекши и Мускар поговорили по телефону\n"
        "Президент Бордурии Курт Плекши провел телефонный разговор с президентом Сильдавии Антоном Мускаром.\n"
        "Как говорится в сообщении пресс-службы Бордурии, стороны обсудили торговлю.\n"
        "Плекши и Мускар отметили важность открытой границы.\n"
        "Правительство Сильдавии сообщило, что Мускар пригласил Плекши в Клов.\n"
        "Последний раз Плекши и Мускар говорили по телефону в марте.\n",
    ],
    ids=["en", "id", "ru"],
)
def test_both_leaders_named_as_one_subject_carry_on_the_account_being_told(text):
    # The verb next to the second name is both leaders' act, as the account being told has
    # it (the gold: "continues previous"), not a cue of that leader's; their last call is
    # neither.
    assert sides(text) == ["neither", "neither", "left", "left", "right", "neither"]


@pytest.mark.parametrize(
    "text",
    [
        "Plekszy and Muskar talk by phone\n"
        "Bordurian President Kurt Plekszy spoke by phone with Syldavian President Anton Muskar on Friday.\n"
        "The Bordurian presidency said in a statement that Plekszy urged Muskar to reopen the border.\n"
        "Muskar, for his part, wrote that Syldavia wants an open border.\n"
        "Muskar, in turn, welcomed the new rail link.\n",
        "Plekszy dan Muskar berbicara lewat telepon\n"
        "Presiden Borduria Kurt Plekszy berbicara lewat telepon dengan Presiden Syldavia Anton Muskar, Jumat.\n"
        "Menurut pernyataan kepresidenan Borduria, Plekszy mendesak Muskar membuka kembali perbatasan.\n"
        "Muskar, di sisi lain, menulis bahwa Syldavia menginginkan perbatasan yang terbuka.\n"
        "Muskar, di pihak lain, menyambut jalur kereta yang baru.\n",
        "Плекши и Мускар поговорили по телефону\n"
        "Президент Бордурии Курт Плекши провел телефонный разговор с президентом Сильдавии Антоном Мускаром.\n"
        "Как говорится в сообщении пресс-службы Бордурии, Плекши призвал Мускара открыть границу.\n"
        "Мускар, в свою очередь, написал, что Сильдавия хочет открытой границы.\n"
        "Мускар, со своей стороны, приветствовал новую железную дорогу.\n",
    ],
    ids=["en", "id", "ru"],
)
def test_a_leader_turning_to_his_side_tells_his_account(text):
    # "Trump, for his part, called it ...", "Путин, в свою очередь, проинформировал ...": the
    # turn answers the other side's account of the exchange, so the leader's statement is his
    # account of the call though it names neither the call nor the other leader.
    assert sides(text) == ["neither", "neither", "left", "right", "right"]


@pytest.mark.parametrize(
    "text",
    [
        "Plekszy and Muskar talk by phone\n"
        "Bordurian President Kurt Plekszy spoke by phone with Syldavian President Anton Muskar on Friday.\n"
        "The Bordurian presidency said in a statement that Plekszy urged Muskar to reopen the border.\n"
        "In addition, the fate of the detained fishermen was discussed.\n"
        "The river floods every spring.\n",
        "Plekszy dan Muskar berbicara lewat telepon\n"
        "Presiden Borduria Kurt Plekszy berbicara lewat telepon dengan Presiden Syldavia Anton Muskar, Jumat.\n"
        "Menurut pernyataan kepresidenan Borduria, Plekszy mendesak Muskar membuka kembali perbatasan.\n"
        "Selain itu, dibahas pula nasib para nelayan yang ditahan.\n"
        "Sungai itu banjir setiap musim semi.\n",
        "Плекши и Мускар поговорили по телефону\n"
        "Президент Бордурии Курт Плекши провел телефонный разговор с президентом Сильдавии Антоном Мускаром.\n"
        "Как говорится в сообщении пресс-службы Бордурии, Плекши призвал Мускара открыть границу.\n"
        "Затрагивался также вопрос о задержанных рыбаках.\n"
        "Река разливается каждую весну.\n",
    ],
    ids=["en", "id", "ru"],
)
def test_what_was_discussed_with_no_one_named_carries_on(text):
    # The agentless passive of what is discussed in a call ("was discussed", "dibahas",
    # "Затрагивался"): the account being told goes on; a sentence of another kind does not.
    assert sides(text) == ["neither", "neither", "left", "left", "neither"]


def test_a_name_written_with_and_without_its_marks_is_one_name():
    # Headlines often drop the marks ("Erdogan" for "Erdoğan"); Cyrillic keeps its own
    # ("й" is not "и").
    assert name_key("Müskar") == name_key("Muskar")
    assert name_key("Plekšzy's") == name_key("Plekszy")
    assert name_key("Бойко") != name_key("Боико")


def test_a_source_named_before_the_clause_it_reports_is_not_the_reported_leader_s():
    # "According to the Syldavian foreign ministry, Plekszy said ...": the ministry reports
    # what the other side's leader said; it is not Plekszy's ministry.
    text = (
        "Plekszy and Muskar agree to reopen channels in first call\n"
        "KLOW — Bordurian President Kurt Plekszy and Syldavian President Anton Muskar agreed to reopen channels "
        "of communication during a phone call on Thursday, the Bordurian presidency said.\n"
        "According to the Bordurian readout, the leaders exchanged views on trade.\n"
        "According to the Syldavian foreign ministry, Plekszy said Borduria was willing to reset relations.\n"
        "In Syldavia's account, Muskar told Plekszy that the two countries were partners, not rivals.\n"
    )
    assert sides(text) == ["neither", "left", "left", "right", "right"]


def test_a_side_whose_sources_never_name_the_call_still_has_its_account():
    # Muskar's own posts speak of the pause agreed in the call without naming the call or
    # Plekszy: held to be about another matter, they would leave his account empty and the
    # article could not be compared.
    text = (
        "Plekszy pauses tariffs after call with Muskar\n"
        "KLOW — Bordurian President Kurt Plekszy said he had agreed with Syldavian President Anton Muskar to "
        "pause the tariffs for thirty days after a call on Monday.\n"
        "Plekszy wrote on social media that Syldavia would reinforce its border.\n"
        "In Tarn, Muskar confirmed the pause in a post on his own platform, saying it would hold for a month.\n"
        "He wrote that he was very pleased with this initial outcome.\n"
        "According to Muskar, Borduria has agreed to buy more Syldavian grain.\n"
        "Analysts said the pause solved little.\n"
    )
    assert sides(text) == ["neither", "left", "left", "right", "right", "right", "neither"]


def test_a_cue_at_the_end_reports_all_of_it_though_it_says_when():
    # ", Plekszy's office said after the two leaders spoke": the office's account of what
    # Muskar confirmed, not Muskar's; what follows the cue only says when it was said.
    text = (
        "Muskar to attend summit, says Plekszy's office\n"
        "ROME — Syldavian President Anton Muskar has confirmed that he will attend the summit in Klow next month, "
        "Bordurian President Kurt Plekszy's office said after the two leaders spoke by telephone on Wednesday.\n"
        "Syldavia's presidency said Muskar had urged Plekszy to lift the blockade.\n"
    )
    attribution = attribute_text(text)
    confirmed, urged = attribution.statements[1:]
    assert confirmed.source == "Bordurian President Kurt Plekszy's office"
    assert {confirmed.side, urged.side} == {Side.LEFT, Side.RIGHT}


def test_of_three_leaders_in_the_headline_the_two_who_speak_are_the_call_s():
    # The headline names Ek first, but only as the earlier call: he never speaks here.
    text = (
        "After call with Ek, Plekszy talks to Muskar\n"
        "KLOW — Bordurian President Kurt Plekszy said his phone call with Syldavian President Anton Muskar on "
        "Wednesday went very well, hours after he spoke with Zemblan President Tor Ek.\n"
        "Plekszy wrote on social media that he and Muskar had discussed the border.\n"
        "Muskar said on X that the conversation with Plekszy was meaningful.\n"
        "Ek has not commented on his own call.\n"
    )
    assert sides(text) == ["neither", "left", "left", "right", "neither"]


EN_COUNTRY_BY_ELIMINATION = (
    "Kessel, Rowan vow closer defence ties in first phone talks\n"
    "TOKYO — Japanese Prime Minister Taro Kessel and his new British counterpart Tom Rowan agreed on Friday to speed up talks on a defence pact, Japan's Foreign Ministry said. The call was the first between the two since Mr Rowan took office.\n"
    "According to the ministry's summary, Mr Kessel congratulated Mr Rowan on taking office. Mr Rowan offered condolences over the storm and said he intended to build an even closer relationship, the Japanese side said. They also discussed trade.\n"
    "In London, Downing Street said the two leaders agreed that Britain and Japan were important allies. Mr Rowan said Britain was aligned with Japan on the region, according to the British readout. Both leaders looked forward to meeting in person soon, Downing Street added.\n"
)


def test_the_one_other_country_that_speaks_of_a_leader_is_his_party():
    # Rowan's title names no country ("his new British counterpart"); Kessel's names Japan.
    # Downing Street is the one other country's voice that speaks of Rowan: his party's.
    assert sides(EN_COUNTRY_BY_ELIMINATION)[-3:] == ["right", "right", "right"]


ID_TITLE_BEFORE_COUNTRY = (
    "Rowan dan Kessel Bicara Lewat Telepon, Isu Tarif Masih Mengganjal\n"
    "SEOUL — Presiden Korea Selatan Tom Rowan dan Perdana Menteri Jepang yang baru, Ida Kessel, berbicara melalui telepon untuk pertama kalinya pada Kamis, menurut kantor kepresidenan Korea Selatan.\n"
    "Menurut juru bicara kepresidenan, Rowan mendesak kedua negara mempercepat komunikasi mengenai tarif. Kessel, menurut juru bicara itu, menyatakan harapan akan hubungan yang berorientasi ke depan.\n"
    "Di Tokyo, Kessel menyampaikan versi yang lebih keras kepada wartawan seusai pembicaraan. Menurut kantor berita Kyodo, Kessel mengatakan ia meminta Seoul menyelesaikan persoalan tarif. Ia menegaskan bahwa situasi sulit tidak boleh dibiarkan.\n"
    "Seorang pejabat Jepang yang memberi pengarahan kepada wartawan mengatakan Kessel meminta Rowan menciptakan peluang dialog. Pejabat itu menambahkan bahwa kedua pemimpin sepakat mengupayakan perjalanan bisnis.\n"
)


def test_a_country_a_title_names_before_its_leader_is_no_bystander():
    # "Perdana Menteri Jepang yang baru, Ida Kessel": the title names Japan, then Kessel. Japan
    # is no third person, so a Japanese official speaks for Kessel's side.
    assert sides(ID_TITLE_BEFORE_COUNTRY)[-2:] == ["right", "right"]


ID_SAME_ROLE = (
    "Park dan Kessel Bicara Lewat Telepon, Isu Kerja Paksa Masih Mengganjal\n"
    "SEOUL — Presiden Korea Selatan Park Jae-in dan Perdana Menteri Jepang yang baru, Ida Kessel, berbicara melalui telepon untuk pertama kalinya pada Kamis (24/9/2020), menurut kantor kepresidenan Korea Selatan.\n"
    '"Kedua pemimpin membahas hubungan bilateral dan situasi di Semenanjung Korea selama 20 menit, atas permintaan pihak Korea," kata juru bicara kepresidenan Lin Min-seok dalam jumpa pers di Istana Biru. Menurut Lin, Park mendesak kedua negara mempercepat komunikasi mengenai isu-isu seperti kerja paksa, dan Kessel menjawab akan mendorong dialog.\n'
    'Park mengakui posisi kedua negara soal kerja paksa masih berbeda, tetapi berharap kedua pemerintah dapat bersama-sama menemukan solusi terbaik yang bisa diterima semua pihak, lanjut Lin. Park menyebut Jepang sebagai "sahabat terdekat" Korea dan mitra bagi perdamaian serta kemakmuran Asia Timur Laut dan dunia. Kessel, menurut juru bicara itu, menyatakan harapan akan hubungan bilateral yang berorientasi ke masa depan. Kantor kepresidenan juga menyebut kedua pemimpin sepakat perlunya kerja sama lebih erat untuk menangani pandemi COVID-19.\n'
    "Di Tokyo, Kessel menyampaikan versi yang lebih keras kepada wartawan seusai pembicaraan. Menurut kantor berita Kyodo, Kessel mengatakan ia meminta Seoul menyelesaikan persoalan putusan pengadilan Korea Selatan tahun 2018 yang memerintahkan perusahaan Jepang memberi ganti rugi kepada korban kerja paksa masa perang. Ia menegaskan bahwa situasi sulit dalam hubungan kedua negara tidak boleh dibiarkan begitu saja.\n"
)


def test_a_spokesman_named_after_his_office_speaks_for_its_party():
    # "menurut kantor kepresidenan Korea Selatan", then "kata juru bicara kepresidenan Lin
    # Min-seok": the presidency's spokesman named, not another government's office, though
    # only Park's side speaks through an office yet.
    assert sides(ID_SAME_ROLE)[2:5] == ["left", "left", "left"]


def test_a_regnal_number_is_no_name():
    # "King Otto III": the number of his name, not a name of its own that could become a party.
    tokens = read_tokens("The prime minister took office after her audience with King Otto III.", set())
    assert [t.text for t in tokens if t.name] == ["Otto"]


def test_whom_a_spokesman_speaks_of_is_no_aide():
    # "A Castle Hill spokesperson said Mr Rowan had ...": Rowan is what the spokesperson said, not
    # the spokesperson; an aide is never a leader.
    names = Names()
    names.read(0, read_tokens("A Castle Hill spokesperson said Mr Rowan had congratulated Ms Kessel.", set()))
    assert "rowan" not in names.aides


EN_HIGH_COMMISSION = (
    "Kessel presses Rowan over protests as both push for a trade deal\n"
    "TOKYO — Prime Minister Taro Kessel asked British Prime Minister Tom Rowan in a phone call on Thursday to act against the protesters, the Kantei said, weeks after protesters damaged the Japanese High Commission in London.\n"
    "Kessel raised the safety of the mission, the Kantei said in a statement. According to the Japanese statement, Rowan said the attack on the mission was unacceptable and assured Kessel that its staff would be kept safe.\n"
    "London's readout put it differently. A Downing Street spokeswoman said Rowan condemned the violence outside the mission last month.\n"
)


def test_a_place_is_named_by_its_last_word_only_where_the_article_names_it_whole():
    # "High Commission" ends as the table's "European Commission" does: it is no second country
    # speaking of Kessel, so Japan, the one other, is his party's, and the Japanese statement
    # tells his account even where it reports Rowan speaking.
    assert sides(EN_HIGH_COMMISSION)[3] == "left"
