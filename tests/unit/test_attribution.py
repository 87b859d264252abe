"""Attributing an article's statements to its two accounts, in English, Indonesian and Russian.

The articles here are made up, with made-up countries and people where it matters that
nothing is known in advance: sides are found from the article's own cues."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from readout_tui.core.engine.attribution import AttributionError, How, Side
from readout_tui.core.io.article import attribute_text

ROOT = Path(__file__).resolve().parents[2]


def sides(text: str) -> list[tuple[str, str]]:
    attribution = attribute_text(text)
    return [(s.side.value, s.text) for s in attribution.statements]


def side_of(attribution, start: str) -> Side:
    return next(s.side for s in attribution.statements if s.text.startswith(start))


ENGLISH = """Zembla and Freedonia leaders talk by phone
President Ana Vorel of Zembla spoke with Freedonian Prime Minister Otto Brask on Monday.
The Zemblan government said in a statement that the two leaders discussed grain exports.
Vorel also urged Brask to reopen the border crossings, the statement said.
Read more: Why the border matters
He also told Brask that talks should resume in spring.
Freedonia's foreign ministry said the call focused on energy prices.
According to the Freedonian readout, Brask raised the fate of detained fishermen.
Zembla's finance minister Ivo Strand separately said the budget was on track.
The Freedonian statement did not mention the border.
Relations have been strained since the summer.
"""


def test_english_cues_sources_and_continuations():
    attribution = attribute_text(ENGLISH)
    got = {s.text.split()[0] + " " + s.text.split()[1]: s.side for s in attribution.statements}
    assert got == {
        "Zembla and": Side.NEITHER,  # headline
        "President Ana": Side.NEITHER,  # the reporter's lede
        "The Zemblan": Side.LEFT,  # "The Zemblan government said"
        "Vorel also": Side.LEFT,  # "the statement said": the last source named
        "Read more:": Side.NEITHER,  # link
        "He also": Side.LEFT,  # a pronoun carries on, past the link
        "Freedonia's foreign": Side.RIGHT,
        "According to": Side.RIGHT,
        "Zembla's finance": Side.NEITHER,  # another official, another matter
        "The Freedonian": Side.NEITHER,  # says what an account does not say
        "Relations have": Side.NEITHER,
    }
    # Named as the article names them, not from a list of countries.
    assert attribution.left_label == "Zemblan government"
    assert attribution.right_label == "Freedonia's foreign ministry"
    statements = {s.text[:12]: s for s in attribution.statements}
    assert statements["The Zemblan "].how is How.CUE
    assert statements["The Zemblan "].cue_text == "The Zemblan government said"
    assert statements["He also told"].how is How.CONTINUES
    assert statements["Read more: W"].how is How.LINK
    # Zembla's own minister, speaking of something else than the call.
    assert statements["Zembla's fin"].how is How.OUTSIDE_CALL
    assert statements["The Freedoni"].how is How.NEGATED


INDONESIAN = """Netanyahu dan Putin Bicara Lewat Telepon
Pemerintah Israel mengkonfirmasi bahwa Perdana Menteri Israel Benjamin Netanyahu berbicara dengan Presiden Rusia Vladimir Putin pada hari Minggu (10/12/2023).
Dalam percakapan dengan Putin, Netanyahu menyatakan penolakan kerasnya terhadap kerja sama antara Rusia dan Iran, menurut pernyataan yang dikeluarkan oleh kantornya.
Baca juga: Pembelaan Israel saat Diprotes Internasional
Netanyahu juga menyampaikan apresiasinya kepada Putin atas upaya Rusia membebaskan sandera.
Di sisi lain, Kremlin mengatakan bahwa percakapan itu berfokus pada situasi kemanusiaan di Jalur Gaza.
Dia menambahkan dalam pernyataannya: “Pihak Rusia siap memberikan semua bantuan.”
Menteri Luar Negeri Rusia Sergei Lavrov juga mengatakan pada hari Minggu bahwa serangan itu tidak dapat dibenarkan
Hubungan retak
Kremlin mengatakan Putin menggambarkan serangan Hamas sebagai tindakan teroris.
"""


def test_indonesian_cues_sources_and_continuations():
    attribution = attribute_text(INDONESIAN)
    assert [s.side.value for s in attribution.statements] == [
        "neither",  # headline
        "left",  # Pemerintah Israel mengkonfirmasi
        "left",  # menurut pernyataan yang dikeluarkan oleh kantornya (his office: Netanyahu's)
        "neither",  # Baca juga:
        "left",  # Netanyahu juga menyampaikan: Netanyahu is Israel's ("Perdana Menteri Israel ...")
        "right",  # Kremlin mengatakan
        "right",  # Dia menambahkan
        "neither",  # Lavrov: a line without a full stop ends before the heading
        "neither",  # heading
        "right",
    ]
    assert (attribution.left_label, attribution.right_label) == ("Pemerintah Israel", "Kremlin")
    added = attribution.statements[6]
    assert added.how is How.CONTINUES and added.cue_text == "Dia menambahkan"
    assert attribution.statements[3].cue_text == "Baca juga:"


RUSSIAN = """Эрдоган позвонил Путину: в Кремле и в Анкаре рассказали о разговоре по-разному
Президент России Владимир Путин провел телефонный разговор с президентом Турции Реджепом Тайипом Эрдоганом.
Как сообщила пресс-служба Кремля, разговор состоялся по инициативе турецкой стороны.
Путин проинформировал турецкого коллегу об обстановке в стране, говорится в сообщении.
Читайте также: Песков опроверг слухи
Согласно заявлению администрации президента Турции, лидеры обсудили последние события.
Эрдоган подчеркнул, что важно действовать со здравым смыслом.
Турция, по его словам, готова внести свой вклад.
Он также отметил, что внешние игроки не должны извлекать выгоду.
В Кремле заявили, что стороны договорились поддерживать контакт.
О полной поддержке в турецком сообщении не говорится.
"""


def test_russian_cues_sources_and_continuations():
    attribution = attribute_text(RUSSIAN)
    assert [s.side.value for s in attribution.statements] == [
        "neither",  # headline
        "neither",  # the reporter's lede
        "left",  # Как сообщила пресс-служба Кремля
        "left",  # говорится в сообщении: the last source named
        "neither",  # Читайте также:
        "right",  # Согласно заявлению администрации президента Турции (Турции -> Эрдоган)
        "right",  # Эрдоган подчеркнул
        "right",  # по его словам
        "right",  # Он также отметил
        "left",  # В Кремле заявили
        "neither",  # не говорится
    ]
    # Labels in the form the subject takes, not the oblique "Кремля" of "по данным Кремля".
    assert (attribution.left_label, attribution.right_label) == ("пресс-служба Кремля", "Эрдоган")
    assert attribution.statements[7].how is How.CONTINUES
    assert attribution.statements[10].how is How.NEGATED


def test_a_cue_in_a_time_clause_dates_the_statement_and_attributes_nothing():
    text = (
        "Leaders agree on tariffs\n"
        "Rowan wrote that the talks with Kessel had been very good.\n"
        "Kessel said Rowan had agreed to cut tariffs.\n"
        "Rowan shared photos of the call hours after Kessel announced the deal.\n"
        "Kessel also said the deal was historic.\n"
    )
    attribution = attribute_text(text)
    photos = attribution.statements[3]
    assert photos.side is Side.NEITHER and photos.how is How.NO_CUE


def test_a_leader_doing_something_outside_the_call_does_not_carry_on():
    text = (
        "Call on trade\n"
        "Rowan wrote that the talks with Kessel had been very good.\n"
        "Rowan shared a photo of himself on the phone.\n"
        "Rowan also thanked Kessel for his time.\n"
        "Kessel said the deal was historic.\n"
        "Kessel added that more would follow.\n"
    )
    got = [s.side.value for s in attribute_text(text).statements]
    # "shared a photo": the reporter's narrative; "thanked": what is done in a call.
    assert got == ["neither", "left", "neither", "neither", "right", "right"]


def test_a_statement_told_again_is_marked_and_left_out_of_its_account():
    text = (
        "Leaders talk\n"
        "Zemblan President Ana Vorel spoke with Freedonian Prime Minister Otto Brask.\n"
        "Vorel voiced objection to the envoys' stance at the United Nations during the call, the Zemblan statement said.\n"
        "The Freedonian readout said Brask spoke about energy prices.\n"
        "Read more: Another story\n"
        "Vorel voiced objection to the envoys' stance at the United Nations during the heated call, his office said.\n"
    )
    attribution = attribute_text(text)
    again = attribution.statements[5]
    assert again.side is Side.LEFT and again.repeats == 2
    assert not again.in_account
    left, right = attribution.readouts()
    assert left.texts == [attribution.statements[2].text]
    assert right.texts == [attribution.statements[3].text]
    assert "repeats statement 3" in attribution.why(5)


GRAIN = (
    "Vorel and Brask discuss the grain corridor\n"
    "Zemblan President Ana Vorel told Freedonian Prime Minister Otto Brask that the grain corridor across the "
    "Black Lake must reopen before the harvest, the Zemblan presidency said on Tuesday.\n"
    "The two leaders spoke by phone for an hour.\n"
    "The Freedonian readout said Brask raised the price of fertiliser and the debt talks.\n"
    "Brask also invited Vorel to visit Port Lina in the spring, the readout said.\n"
    "Vorel also spoke of the drought in the southern provinces and asked for help with water pumps, the presidency said.\n"
    "Vorel stressed again that the Black Lake grain corridor had to be reopened before the harvest begins, "
    "according to the Zemblan statement.\n"
)


def test_a_lede_told_again_in_other_words_in_the_body_is_marked():
    # About half the words of the last statement are the lede's: a retelling, not a copy.
    attribution = attribute_text(GRAIN)
    again = attribution.statements[6]
    assert again.side is Side.LEFT and again.repeats == 1
    assert [s.index for s in attribution.account(Side.LEFT)] == [1, 5]


def test_two_points_of_one_side_that_share_names_are_not_marked():
    attribution = attribute_text(GRAIN)
    # The drought and the grain corridor, both Vorel's and both "the presidency said"; the
    # readout's fertiliser and its invitation, both Brask's.
    assert [attribution.statements[k].repeats for k in (3, 4, 5)] == [None, None, None]
    assert [attribution.statements[k].side for k in (3, 4, 5)] == [Side.RIGHT, Side.RIGHT, Side.LEFT]


def test_a_russian_lede_told_again_in_other_words_is_marked():
    text = (
        "Ворель и Браск обсудили зерновой коридор\n"
        "Президент Зембли Анна Ворель в телефонном разговоре с премьер-министром Фредонии Отто Браском заявила, что "
        "зерновой коридор через Черное озеро должен быть вновь открыт до начала уборки урожая, сообщила "
        "пресс-служба президента Зембли.\n"
        "Разговор длился около часа.\n"
        "Как говорится в сообщении фредонийского правительства, Браск поднял вопрос о ценах на удобрения.\n"
        "Ворель вновь подчеркнула, что зерновой коридор через Черное озеро нужно открыть еще до уборки урожая, "
        "говорится в сообщении пресс-службы Зембли.\n"
    )
    attribution = attribute_text(text)
    again = attribution.statements[4]
    assert again.side is Side.LEFT and again.repeats == 1 and not again.in_account


def test_moving_statements_by_hand_and_back():
    attribution = attribute_text(ENGLISH)
    lede = 1
    moved = attribution.moved(lede, "left")
    assert moved.statements[lede].side is Side.LEFT
    assert moved.statements[lede].how is How.BY_HAND
    assert moved.statements[lede].proposed is Side.NEITHER
    assert moved.readouts()[0].texts[0] == attribution.statements[lede].text
    assert moved.account_index(lede) == 0
    assert "moved by hand (proposed: neither)" in moved.why(lede)
    # Moving it back to what was proposed undoes the move.
    back = moved.moved(lede, "neither")
    assert back == attribution
    # A move survives as text, for a session.
    saved = json.loads(json.dumps(moved.hand_moves()))
    assert attribution.with_hand_moves(saved) == moved
    assert attribution.with_hand_moves({"a statement no longer there": "left"}) == attribution


@pytest.mark.parametrize(
    "text, message",
    [
        ("A headline\nThe leaders spoke on Monday.\nThey discussed trade.\n", "no source"),
        ("A headline\nThe Kremlin said the leaders spoke.\nThe Kremlin said they discussed trade.\n", "only one source"),
        # Analysts are no second account: they once were its source, and the right pane's label.
        (
            "President Plekshi and President Muskar spoke by phone on Monday.\n"
            "The Kremlin said the two leaders discussed trade.\nAnalysts said the call was routine.\n",
            "only one source",
        ),
    ],
)
def test_an_article_without_two_sources_is_refused(text, message):
    with pytest.raises(AttributionError, match=message):
        attribute_text(text)


def test_the_seed_article_gives_every_statement_of_its_hand_cut_case_to_its_side():
    article = (ROOT / "fixtures/articles/netanyahu-putin-2023-12-10-id-article/article.txt").read_text(encoding="utf-8")
    attribution = attribute_text(article)
    case = ROOT / "fixtures/netanyahu-putin-2023-12-10-id"
    for side in ("left", "right"):
        for line in (case / f"{side}.txt").read_text(encoding="utf-8").splitlines():
            # The case's lines are the article's sentences, a lead-in trimmed or "Dia" named.
            words = set(line.split()[2:-2])
            found = max(attribution.statements, key=lambda s: len(words & set(s.text.split())))
            assert found.side.value == side and found.in_account, line
    links = [s for s in attribution.statements if s.text.startswith("Baca juga:")]
    assert len(links) == 3 and all(s.side is Side.NEITHER for s in links)


@pytest.mark.parametrize(
    "aide",
    [
        "Citadel aide Tomas Berg told reporters that Marek had raised the dam project.",
        "Citadel foreign policy aide Tomas Berg told reporters that Marek had raised the dam project.",
    ],
)
def test_an_aide_speaks_for_the_organisation_named_with_them(aide):
    text = (
        "Sylvania and Ruritania describe call\n"
        "Sylvanian President Ivo Marek spoke with Ruritanian Chancellor Lena Holm on Tuesday.\n"
        "The Citadel said the two discussed water rights.\n"
        f"{aide}\n"
        "Berg said the leaders agreed to meet in June.\n"
        "Ruritania's government said Holm stressed the need for a joint commission.\n"
        "According to the Ruritanian statement, Holm invited Marek to visit.\n"
    )
    attribution = attribute_text(text)
    assert [s.side.value for s in attribution.statements] == ["neither", "neither", "left", "left", "left", "right", "right"]
    assert (attribution.left_label, attribution.right_label) == ("Citadel", "Ruritania's government")


def test_an_indonesian_spokesman_speaks_for_the_organisation_before_his_name():
    text = (
        "Sylvania dan Ruritania Bicara Lewat Telepon\n"
        "Presiden Sylvania Ivo Marek berbicara dengan Kanselir Ruritania Lena Holm pada hari Selasa.\n"
        "Citadel mengatakan kedua pemimpin membahas hak atas air.\n"
        "Juru bicara Citadel Tomas Berg mengatakan kepada wartawan bahwa Marek mengangkat proyek bendungan.\n"
        "Berg menambahkan, kedua pemimpin sepakat bertemu pada bulan Juni.\n"
        "Pemerintah Ruritania mengatakan Holm menekankan perlunya komisi bersama.\n"
        "Menurut pernyataan Ruritania, Holm mengundang Marek berkunjung.\n"
    )
    attribution = attribute_text(text)
    assert [s.side.value for s in attribution.statements] == ["neither", "neither", "left", "left", "left", "right", "right"]


@pytest.mark.parametrize(
    ("text", "joint", "met"),
    [
        (
            "Zembla and Freedonia leaders talk by phone\n"
            "President Ana Vorel of Zembla spoke with Freedonian Prime Minister Otto Brask on Monday.\n"
            "The Zemblan government said in a statement that Vorel thanked Brask for the grain deal.\n"
            "The two leaders also talked about the border crossings and fishing rights.\n"
            "The two leaders met for an hour at a hotel in the capital.\n"
            "Freedonia's foreign ministry said Brask raised the fate of detained fishermen.\n",
            "The two leaders also talked",
            "The two leaders met",
        ),
        (
            "Presiden Zembla dan Perdana Menteri Freedonia bertelepon\n"
            "Presiden Zembla Ana Vorel berbicara dengan Perdana Menteri Freedonia Otto Brask pada Senin.\n"
            "Menurut pernyataan pemerintah Zembla, Vorel berterima kasih kepada Brask atas kesepakatan gandum.\n"
            "Keduanya juga membahas perlintasan perbatasan dan hak penangkapan ikan.\n"
            "Kedua pemimpin bertemu selama satu jam di sebuah hotel di ibu kota.\n"
            "Kementerian luar negeri Freedonia mengatakan Brask mengangkat nasib nelayan yang ditahan.\n",
            "Keduanya juga membahas",
            "Kedua pemimpin bertemu",
        ),
        (
            "Президент Зембли и премьер Фридонии провели телефонный разговор\n"
            "Президент Зембли Ана Ворел провела разговор с премьер-министром Фридонии Отто Браском.\n"
            "Как сообщила пресс-служба правительства Зембли, Ворел поблагодарила Браска за зерновую сделку.\n"
            "Условились продолжать контакты на разных уровнях.\n"
            "Созвонились и министры обороны двух стран.\n"
            "В МИД Фридонии заявили, что Браск поднял вопрос о задержанных рыбаках.\n",
            "Условились продолжать",
            "Созвонились и министры",
        ),
    ],
    ids=["en", "id", "ru"],
)
def test_the_two_leaders_together_doing_what_is_done_in_a_call_carry_on_the_account(text, joint, met):
    # Not having the call or the meeting itself: the reporter's.
    attribution = attribute_text(text)
    assert side_of(attribution, joint) is Side.LEFT
    assert side_of(attribution, met) is Side.NEITHER


def test_a_dash_inside_a_sentence_is_no_dateline():
    # "Лидеры ... проектов — строительства": the subject is the leaders, not what the dash
    # leads to.
    text = (
        "Президент Зембли и премьер Фридонии провели телефонный разговор\n"
        "Президент Зембли Ана Ворел провела разговор с премьер-министром Фридонии Отто Браском.\n"
        "Как сообщила пресс-служба правительства Зембли, Ворел поблагодарила Браска за зерновую сделку.\n"
        "Лидеры также рассмотрели ход крупных совместных проектов — строительства порта и моста.\n"
        "В МИД Фридонии заявили, что Браск поднял вопрос о задержанных рыбаках.\n"
    )
    assert side_of(attribute_text(text), "Лидеры также") is Side.LEFT


def test_an_office_named_by_its_capitalised_noun_alone_is_a_source_of_its_own():
    # "Istana" is no one's name, but capitalised inside the sentence it names an office: its
    # statement is placed with the parties' sources, not left to the reporter for want of a
    # source named before it.
    text = (
        "Marek Telepon Holm, Bahas Kerja Sama Air\n"
        "Jakarta - Presiden Sylvania Ivo Marek menelepon Kanselir Ruritania Lena Holm pada Minggu.\n"
        "Menurut keterangan tertulis Istana, Marek membuka percakapan dengan mengucapkan selamat kepada Holm.\n"
        '"Kami siap bekerja sama," kata Marek.\n'
        "Pemerintah Ruritania menyebut Holm berterima kasih atas telepon dari Marek.\n"
        "Kedua pemimpin, menurut pemerintah itu, sepakat untuk bertemu bulan depan.\n"
    )
    attribution = attribute_text(text)
    assert [s.side.value for s in attribution.statements] == ["neither", "neither", "left", "left", "right", "right"]
    palace = attribution.statements[2]
    assert palace.how is How.CUE and palace.cue_text == "Menurut keterangan tertulis Istana"
    assert (attribution.left_label, attribution.right_label) == ("Istana", "Pemerintah Ruritania")


def test_an_office_named_after_a_preposition_is_not_named_by_its_noun():
    from readout_tui.core.engine.attribution.sources import _office_by_name
    from readout_tui.core.engine.attribution.tokens import read_tokens

    tokens = read_tokens("Relations would improve, the Ministry of External Affairs said.", set())
    words = [t for t in tokens if t.word]
    assert _office_by_name(tokens, words) == []
    tokens = read_tokens("Relations would improve, according to the Palace.", set())
    assert [t.text for t in _office_by_name(tokens, [t for t in tokens if t.word])] == ["Palace"]


def test_a_pronoun_after_the_reporters_text_about_a_leader_is_that_leaders_account():
    # "Holm later visited a school" is the reporter's; "She said she had discussed the dam
    # with Marek" is Holm's account of the call. Not when it says it came before the call.
    text = (
        "Sylvania and Ruritania describe call\n"
        "Sylvanian President Ivo Marek spoke with Ruritanian Chancellor Lena Holm on Tuesday.\n"
        "The Sylvanian government said the two discussed water rights.\n"
        "Holm later visited a school in the capital.\n"
        "She said she had discussed the dam with Marek.\n"
        "Holm then visited a hospital.\n"
        "Earlier, she said the call with Marek would be about the dam.\n"
    )
    attribution = attribute_text(text)
    assert [s.side.value for s in attribution.statements] == [
        "neither", "neither", "left", "neither", "right", "neither", "neither"
    ]
    assert attribution.statements[4].how is How.CUE and attribution.statements[4].cue_text == "She said"
    assert attribution.right_label == "Holm"


def test_whom_a_statement_was_said_to_is_not_its_source():
    # "kata Holm kepada Marek": Holm said it, to Marek.
    text = (
        "Marek dan Holm Bicara Lewat Telepon\n"
        "Presiden Sylvania Ivo Marek berbicara dengan Kanselir Ruritania Lena Holm pada hari Selasa.\n"
        "Pemerintah Sylvania menyatakan kedua pemimpin membahas hak atas air.\n"
        "Pemerintah Ruritania menyebut Holm berterima kasih atas telepon dari Marek.\n"
        '"Kita harus bertemu bulan depan," kata Holm kepada Marek.\n'
    )
    attribution = attribute_text(text)
    assert [s.side.value for s in attribution.statements] == ["neither", "neither", "left", "right", "right"]
    assert attribution.statements[4].cue_text == "kata Holm"


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        (
            "Plekszy and Muskar talk by phone\n"
            "Bordurian President Kurt Plekszy spoke by phone with Syldavian President Anton Muskar on Friday.\n"
            "\x1b[31mThe Bordurian presidency\x1b[0m said in a statement that Plekszy urged Muskar to reopen the border.\n"
            "Syldavia's government said Muskar invited Plekszy to Klow.\n",
            ("The Bordurian presidency", "The Bordurian presidency\x1b[0m said"),
        ),
        (
            "Plekszy dan Muskar berbicara lewat telepon\n"
            "Presiden Borduria Kurt Plekszy berbicara lewat telepon dengan Presiden Syldavia Anton Muskar, Jumat.\n"
            "Menurut pernyataan \x1b[1mkepresidenan Borduria\x1b[0m, Plekszy mendesak Muskar membuka perbatasan.\n"
            "Pemerintah Syldavia mengatakan Muskar mengundang Plekszy ke Klow.\n",
            ("pernyataan kepresidenan Borduria", "Menurut pernyataan \x1b[1mkepresidenan Borduria"),
        ),
        (
            "Плекши и Мускар поговорили по телефону\n"
            "Президент Бордурии Курт Плекши провел телефонный разговор с президентом Сильдавии Антоном Мускаром.\n"
            "Как сообщила \x1b]8;;https://example.org\x07пресс-служба Бордурии\x1b]8;;\x07, Плекши призвал Мускара открыть границу.\n"
            "Правительство Сильдавии сообщило, что Мускар пригласил Плекши в Клов.\n",
            ("пресс-служба Бордурии", "Как сообщила \x1b]8;;https://example.org\x07пресс-служба Бордурии"),
        ),
    ],
    ids=["en", "id", "ru"],
)
def test_cues_are_read_as_a_terminal_shows_the_text(text, cue):
    # A coloured or linked source is still the source (read in the visible text); the
    # statement keeps its text as written, its cue pointing at the same words in it.
    attribution = attribute_text(text)
    statement = attribution.statements[2]
    assert [s.side for s in attribution.statements] == [Side.NEITHER, Side.NEITHER, Side.LEFT, Side.RIGHT]
    assert statement.text == text.split("\n")[2]
    assert (statement.source, statement.text[slice(*statement.cue)]) == cue


def test_a_pronoun_after_the_reporters_text_about_a_partys_source_is_that_partys_account():
    # "Ruritania's government offered a shorter summary" names no cue; "it said" is the
    # Ruritanian government's, so its account. A pronoun after the reporter's text in which
    # no one says anything ("Relations between the two ...") stays the reporter's.
    text = (
        "Sylvania and Ruritania describe call\n"
        "Sylvanian President Ivo Marek spoke with Ruritanian Chancellor Lena Holm on Tuesday.\n"
        "The Sylvanian government said the two discussed water rights.\n"
        "Ruritania's government offered a shorter summary.\n"
        "In a post on social media, it said Holm and Marek had agreed to keep talking about the call's topics.\n"
    )
    attribution = attribute_text(text)
    assert [s.side.value for s in attribution.statements] == ["neither", "neither", "left", "neither", "right"]
    assert attribution.statements[4].cue_text == "it said"
    quiet = text.replace("Ruritania's government offered a shorter summary.", "Ruritania's economy grew last year.")
    assert attribute_text(quiet).statements[4].side is Side.NEITHER


def test_an_office_abbreviated_with_its_titles_initials_is_the_same_source():
    # "the PMO" is the "Prime Minister's Office" already placed on the left, not a new source
    # for the side not heard yet.
    text = (
        "Marek and Holm speak by phone\n"
        "Prime Minister Ivo Marek of Sylvania spoke to Ruritanian President Lena Holm on Tuesday.\n"
        "Marek said Sylvania was following events closely, according to a statement issued by the Prime Minister's Office.\n"
        "President Holm thanked the prime minister for the call, the PMO said.\n"
        "According to the Ruritanian presidency, Holm praised Sylvania's support.\n"
    )
    attribution = attribute_text(text)
    assert [s.side.value for s in attribution.statements] == ["neither", "neither", "left", "left", "right"]


SYLVANIAN_ACCOUNT = (
    "Marek and Holm speak by phone\n"
    "Sylvanian President Ivo Marek spoke with Ruritanian Chancellor Lena Holm on Sunday, the Sylvanian government said.\n"
    "The two discussed water rights, according to the statement.\n"
)
"""A headline and the Sylvanian side's account: the fourth statement is the one a test reads."""


def test_a_participle_of_saying_takes_the_sentences_subject_for_its_source():
    # ", saying Marek had briefed Holm": what was said, not who said it; the Ruritanian
    # government did.
    text = (
        SYLVANIAN_ACCOUNT
        + "The Ruritanian government gave its own account of the call, saying Marek had briefed Holm on the summit.\n"
    )
    statements = attribute_text(text).statements
    assert statements[3].side is Side.RIGHT and "Marek" not in statements[3].source


@pytest.mark.parametrize(
    "opening, side",
    [
        ("In the Ruritanian government's version, Marek thanked Holm for the call.", "right"),
        ("In the Ruritanian statement, Marek thanked Holm for the call.", "right"),
        # where it was posted, or an account it does not name: the verb's cue says whose
        ("In a post on social media, the Ruritanian government said Marek thanked Holm.", "right"),
        ("In that statement, the Sylvanian government said Marek thanked Holm.", "left"),
    ],
)
def test_a_statement_opened_by_the_account_it_comes_from_is_that_accounts(opening, side):
    assert attribute_text(f"{SYLVANIAN_ACCOUNT}{opening}\n").statements[3].side.value == side


def test_a_long_article_compares_each_statement_with_a_few_earlier_ones_that_share_most():
    # Every pair of a 40-statement side would be 780 comparisons; the few that share most of
    # a statement's rarer words are enough to find its first telling.
    from readout_tui.core.engine.attribution.repeats import CANDIDATES, Article

    filler = [f"Plekszy said topic {k} number {k * 7} was raised in passing." for k in range(38)]
    first = "Plekszy said the border crossing at Korvo would reopen for grain convoys."
    again = "Plekszy repeated that the Korvo border crossing would reopen for grain convoys."
    texts = [first, *filler, again]
    article = Article([(text, k, "left", "Plekszy said") for k, text in enumerate(texts)])
    chosen = article.candidates(len(texts) - 1)
    assert len(chosen) == CANDIDATES < len(texts) - 1
    assert 0 in chosen


ACCOUNT_GIVEN = """Vorel and Brask talk by phone
President Ana Vorel of Zembla spoke with Freedonian Prime Minister Otto Brask on Monday.
The Zemblan government said the two leaders discussed grain exports.
Brask gave his own account on Telegram.
He wrote that he had raised the fate of detained fishermen.
"""

ACCOUNT_GIVEN_RU = """Плекши и Мускар обсудили торговлю
Президент Бордурии Курт Плекши провел телефонный разговор с президентом Сильдавии Антоном Мускаром.
В Бордурии сообщили, что лидеры обсудили поставки зерна.
В Сильдавии рассказали о беседе подробнее.
По данным сильдавской стороны, Мускар пригласил Плекши посетить Сильдавию.
"""


@pytest.mark.parametrize(("text", "announced"), [(ACCOUNT_GIVEN, 3), (ACCOUNT_GIVEN_RU, 3)])
def test_a_statement_that_only_says_an_account_was_given_tells_no_side_and_what_follows_tells_it(text, announced):
    statements = attribute_text(text).statements
    assert statements[announced].side is Side.NEITHER
    assert statements[announced].how is How.ACCOUNT_ONLY
    assert statements[announced + 1].side is Side.RIGHT


def test_a_side_before_a_comma_is_no_office_whose_name_follows():
    # "the Ukrainian side, Turkey's Directorate of Communications said": the directorate is not
    # the Ukrainian side's name, so Ukraine is not joined to Turkey's party.
    text = """Vorel offers to host talks in call with Brask
Turkish President Ana Vorel told Otto Brask in a phone call on Tuesday that Turkey was ready to host talks, the Turkish presidency said.
The conversation took place at the request of the Ukrainian side, Turkey's Directorate of Communications said in a statement.
Vorel noted the progress made in the talks, the directorate said.
"We always have friendly conversations," the Ukrainian president wrote.
According to the Ukrainian president, Vorel confirmed her readiness to host a meeting.
"""
    statements = attribute_text(text).statements
    assert [s.side for s in statements[4:]] == [Side.RIGHT, Side.RIGHT]
