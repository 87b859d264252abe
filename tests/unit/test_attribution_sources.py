"""Sources the article names in ways that hold across the world's governments: names with
particles, a leader's initials, Russian word order and markers, a country's press. Countries,
people and outlets are made up, so nothing is known in advance."""

from __future__ import annotations

import pytest

from readout_tui.core.engine import cues
from readout_tui.core.engine.attribution import sources
from readout_tui.core.engine.attribution.tokens import name_runs, read_tokens
from readout_tui.core.io.article import attribute_text
from readout_tui.testing import article_sides as sides


@pytest.mark.parametrize(
    "text, name",
    [
        ("Crown Prince Ahmed bin Rashid Al Qasr said the talks went well.", "Ahmed bin Rashid Al Qasr"),
        ("Putra Mahkota Qumran Ahmed bin Rashid Al Qasr mengatakan pembicaraan berjalan baik.", "Ahmed bin Rashid Al Qasr"),
        ("Наследный принц Ахмед бин Рашид аль Каср заявил, что переговоры прошли хорошо.", "Ахмед бин Рашид аль Каср"),
    ],
    ids=["en", "id", "ru"],
)
def test_a_particle_inside_a_name_does_not_end_it(text, name):
    runs = [" ".join(t.text for t in run) for run in name_runs(read_tokens(text, set()))]
    assert any(run.endswith(name) for run in runs)


def test_a_particle_joined_to_a_name_is_a_name():
    tokens = read_tokens("Президент Египта ас-Каср заявил, что разговор был полезным.", set())
    assert next(t for t in tokens if t.text == "ас-Каср").name


@pytest.mark.parametrize(
    "text",
    [
        "Plekszy and ABR discuss the border after Vask visit\n"
        "Bordurian President Kurt Plekszy spoke with Qumrani Crown Prince Ahmed bin Rashid by phone.\n"
        "Zemblan President Ivo Vask visited Borduria on Monday.\n"
        "The Bordurian presidency said Plekszy raised the border.\n"
        "Ahmed bin Rashid said the call had been warm.\n"
        "Vask said the region needed calm.\n",
        "Plekszy dan ABR Bahas Perbatasan Usai Kunjungan Vask\n"
        "Presiden Borduria Kurt Plekszy berbicara dengan Putra Mahkota Qumran Ahmed bin Rashid lewat telepon.\n"
        "Presiden Zembla Ivo Vask mengunjungi Borduria pada Senin.\n"
        "Kepresidenan Borduria menyatakan Plekszy mengangkat soal perbatasan.\n"
        "Ahmed bin Rashid mengatakan pembicaraan berlangsung hangat.\n"
        "Vask mengatakan kawasan itu membutuhkan ketenangan.\n",
    ],
    ids=["en", "id"],
)
def test_a_headline_writes_a_leader_with_a_particle_by_his_initials(text):
    # "ABR" is Ahmed bin Rashid, the call's other leader; Vask, titled and named more often,
    # is a third leader.
    assert sides(text)[3:] == ["left", "right", "neither"]


@pytest.mark.parametrize(
    "line",
    [
        "По оценке бордурского лидера, разговор вышел содержательным.\n",
        "В изложении бордурского агентства, Мускар пообещал приехать.\n",
    ],
)
def test_russian_markers_of_an_assessment_and_a_rendering(line):
    text = (
        "Плекши и Мускар поговорили\n"
        "Президент Бордурии Курт Плекши провел телефонный разговор с президентом Сильдавии Антоном Мускаром.\n"
        "Мускар заявил, что разговор был полезным.\n" + line
    )
    assert sides(text)[3] == "right"


def test_a_russian_source_after_its_verb_past_a_phrase_without_a_name():
    text = (
        "Плекши и Мускар поговорили\n"
        "Президент Бордурии Курт Плекши провел телефонный разговор с президентом Сильдавии Антоном Мускаром.\n"
        "Первой о беседе сообщила пресс-служба Кремника, уточнив, что звонок поступил от Мускара.\n"
        "Плекши заявил, что разговор был полезным.\n"
    )
    # Not "Центральное" read as a think tank's "центр" either: the press service is a source.
    statement = attribute_text(text).statements[2]
    assert statement.side.value != "neither" and "Кремника" in statement.source


def test_a_central_broadcaster_is_no_think_tank():
    text = (
        "Плекши и Мускар поговорили\n"
        "Президент Бордурии Курт Плекши провел телефонный разговор с президентом Сильдавии Антоном Мускаром.\n"
        "Первым о беседе сообщило Центральное телевидение Сильдавии, уточнив, что звонок поступил от Плекши.\n"
        "По данным телеканала, Мускар заявил, что приветствует контакты.\n"
        "Плекши заявил, что разговор был полезным.\n"
    )
    # The broadcaster tells Мускар's account first (on the left), Плекши's follows.
    assert sides(text)[2:] == ["left", "left", "right"]


@pytest.mark.parametrize(
    "line",
    [
        "Syldavian analysts said the call had changed little.\n",
        "Сильдавская пресса отмечает, что звонок пришелся на разгар торгового спора.\n",
    ],
    ids=["en", "ru"],
)
def test_a_countrys_press_or_analysts_are_a_third_party(line):
    opening = (
        "Plekszy and Muskar talk\n"
        "Bordurian President Kurt Plekszy spoke with Syldavian President Anton Muskar.\n"
        "Muskar said the call was useful.\n"
        if line.isascii()
        else "Плекши и Мускар поговорили\n"
        "Президент Бордурии Курт Плекши провел телефонный разговор с президентом Сильдавии Антоном Мускаром.\n"
        "Мускар заявил, что разговор был полезным.\n"
    )
    assert sides(opening + line)[3] == "neither"


def test_sources_an_office_qualifies_speak_for_its_government_and_again_as_the_sources():
    text = (
        "Plekszy and Muskar talk\n"
        "Syldavian presidential sources said Bordurian President Kurt Plekszy and Syldavian "
        "President Anton Muskar spoke by phone on Monday.\n"
        "The two leaders agreed to expand trade, according to the sources.\n"
        "They also discussed the border, the sources added.\n"
        "A source with knowledge of the talks said a visit was likely.\n"
        "Plekszy said the call was useful.\n"
    )
    assert sides(text)[2:] == ["left", "left", "neither", "right"]
    assert [cues.is_office_source(w.split(), 1) for w in ("government sources", "the sources", "a source")] == [
        True,
        True,
        False,
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Plekszy and Muskar talk\n"
        "Bordurian President Kurt Plekszy spoke with Syldavian President Anton Muskar.\n"
        "Plekszy said the call was useful.\n"
        "The weather in Klow was cold.\n"
        "According to the Vardan Court, the call lasted an hour.\n"
        "Fuel prices rose on Monday.\n"
        "Muskar said the talks had been frank.\n",
        "Plekszy dan Muskar Bicara\n"
        "Presiden Borduria Kurt Plekszy berbicara dengan Presiden Syldavia Anton Muskar.\n"
        "Plekszy mengatakan pembicaraan itu berguna.\n"
        "Cuaca di Klow dingin.\n"
        "Menurut Balai Vardan, percakapan itu berlangsung satu jam.\n"
        "Harga bahan bakar naik pada Senin.\n"
        "Muskar mengatakan pembicaraan itu terbuka.\n",
        "Плекши и Мускар поговорили\n"
        "Президент Бордурии Курт Плекши провел телефонный разговор с президентом Сильдавии Антоном Мускаром.\n"
        "Плекши заявил, что разговор был полезным.\n"
        "В Клове было холодно.\n"
        "Как сообщило агентство Вардан, разговор длился час.\n"
        "Цены на топливо выросли в понедельник.\n"
        "Мускар заявил, что переговоры были откровенными.\n",
    ],
    ids=["en", "id", "ru"],
)
def test_a_source_of_no_party_yet_on_the_call_is_the_voice_of_the_side_not_heard_yet(text):
    # Nothing near the unknown source says whose it is; Plekszy's side has spoken already (and
    # Muskar's speaks later, so it is not the only voice a silent side could have).
    assert sides(text)[2:] == ["left", "neither", "right", "neither", "right"]


@pytest.mark.parametrize(
    "headline",
    ["Putin And Xi Discuss Trade In Phone Call", "Later Trump Says The Call Was Good", "Prabowo Dan Albanese Bahas Perdagangan"],
)
def test_a_title_cased_headline_does_not_join_its_function_words_to_names(headline):
    # "the United States" joins a capitalised word the lists know to the name before it; a
    # headline that capitalises every word says nothing of names by it.
    joined = [t.text for t in read_tokens(headline, set()) if t.name and cues.is_function_word(t.text)]
    assert joined == []


def test_a_capitalised_word_the_lists_know_still_joins_a_name_in_a_sentence():
    tokens = read_tokens("Trump spoke with the United States envoy on Tuesday.", set())
    assert [t.text for t in tokens if t.name][:2] == ["United", "States"]


@pytest.mark.parametrize(
    "sentence, joint",
    [
        ("Оба лидера обсудили торговлю.", True),
        ("Лидеры обсудили торговлю.", True),
        ("Лидера Сильдавии поддержали в парламенте.", False),  # one leader's, in the genitive
    ],
)
def test_a_russian_singular_leader_is_both_parties_only_after_both(sentence, joint):
    tokens = read_tokens(sentence, set())
    assert (sources._joint(tokens, 0) is not None) is joint


RU_IMPERSONAL = (
        "Плекши и Мускар провели телефонный разговор\n"
        "Президент Бордурии Курт Плекши провел телефонный разговор с президентом Сильдавии Антоном Мускаром.\n"
        "Как сообщила пресс-служба Цитадели, Плекши выразил поддержку Сильдавии.\n"
        "Разговор прошел по инициативе сильдавской стороны, уточняется в сообщении.\n"
        "Президенты условились продолжить контакты, уточнялось в сообщении.\n"
        "О санкциях в сообщении не говорилось.\n"
)


def test_russian_impersonal_passives_of_saying_report_the_last_source():
    # "уточняется в сообщении", "уточнялось в сообщении" as "говорится в сообщении"; "не
    # говорилось" says what the statement lacks.
    sides = [s.side.value for s in attribute_text(RU_IMPERSONAL).statements]
    assert sides == ["neither", "neither", "left", "left", "left", "neither"]


ID_AGENTLESS = (
        "Plekszy dan Muskar Bicara via Telepon\n"
        "Presiden Borduria Kurt Plekszy berbicara melalui telepon dengan Presiden Syldavia Anton Muskar pada Selasa.\n"
        "Menurut pernyataan Istana Borduria, Plekszy mengucapkan terima kasih kepada Muskar.\n"
        "Kedua pemimpin disebut mengenang pertemuan mereka di Klow.\n"
        "Dalam pernyataan itu disebutkan pula bahwa Borduria akan mengirim bantuan.\n"
        "Nama Ek tidak disebut dalam pernyataan itu.\n"
        "Muskar menyebut Plekszy sebagai sahabat lama.\n"
)


def test_indonesian_agentless_passives_of_saying_report_the_last_source():
    # "disebut mengenang", "disebutkan pula bahwa": what the Palace's statement says; "tidak
    # disebut" what it lacks; "menyebut ... sebagai" names, it reports nothing.
    sides = [s.side.value for s in attribute_text(ID_AGENTLESS).statements]
    assert sides == ["neither", "neither", "left", "left", "left", "neither", "right"]


@pytest.mark.parametrize(
    "line, source",
    [
        ("Как сообщила в Telegram пресс-служба сильдавского лидера, президенты обменялись мнениями.", "пресс-служба"),
        ("Как отметил в ходе разговора глава государства, Сильдавия готова к диалогу.", "глава"),
        ("Сильдавия готова к диалогу, подчеркнул в ходе беседы сильдавский президент.", "сильдавский"),
    ],
    ids=["office", "title", "adjective"],
)
def test_a_russian_subject_after_its_verb_past_a_phrase_of_place_or_occasion(line, source):
    # The verb's source is the title, role or office in the nominative after the phrase, not
    # the sentence's subject ("написал в соцсети" keeps that reading: no such word follows).
    tokens = read_tokens(line, set())
    (cue,) = sources.find_cues(tokens, line)
    assert cue.kind is not sources.Kind.SUBJECT
    words = line[cue.span[0] : cue.span[1]].split()
    assert source in words


RU_OFFICE_OF_COUNTRY = (
        "Плекши и Мускар обсудили по телефону торговлю\n"
        "Президенты Бордурии и Сильдавии Курт Плекши и Антон Мускар во вторник провели телефонный разговор.\n"
        "Как сообщила в Telegram пресс-служба сильдавского лидера, президенты обстоятельно обменялись мнениями по торговле.\n"
        "Мускар подтвердил приверженность Сильдавии договоренностям, говорится в сообщении Цитадели.\n"
        "Плекши заявил, что разговор был полезным.\n"
)


def test_an_office_named_by_a_country_of_no_party_yet_is_placed_as_a_source():
    # "Президенты Бордурии и Сильдавии Курт Плекши и Антон Мускар" gives neither leader his
    # country, so "пресс-служба сильдавского лидера" named no party and was dropped; it is
    # Syldavia's source now, placed by the statements around it (Muskar's account after it).
    assert sides(RU_OFFICE_OF_COUNTRY) == ["neither", "neither", "left", "left", "right"]


@pytest.mark.parametrize(
    "text",
    ["Shortly after the call, Mr Muskar gave his own account.", "However, Mr Muskar gave his own account."],
)
def test_an_opening_adverb_or_connective_stands_before_the_subject(text):
    subject = sources.find_subject(read_tokens(text, set()), text)
    assert (subject.kind, subject.form) == ("named", "Mr Muskar")
