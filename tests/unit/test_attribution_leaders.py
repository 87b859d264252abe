"""The call's two leaders: how a headline names them, and two leaders who share a first name;
and the party a source with no side yet speaks for, by whose words it reports."""

from __future__ import annotations

import pytest

from readout_tui.testing import article_sides as sides

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


EN_TITLES_OFFICE = (
        "Vask and Rowan discuss trade\n"
        "Syldavian Prime Minister Anna Vask spoke by phone with Bordurian President Tom Rowan on Monday.\n"
        "Vask pressed Rowan on tariffs, the Prime Minister's Office said.\n"
        "The two leaders agreed to meet in the spring, the office added.\n"
        "Rowan said the call had been useful.\n"
)
def test_an_office_named_by_a_title_is_an_office_not_a_person():
    # "the Prime Minister's Office": a leader's office, a source for the parties to place, not
    # a third person titled prime minister named "Minister's Office" (whose words are neither).
    assert sides(EN_TITLES_OFFICE) == ["neither", "neither", "left", "left", "right"]


ID_TITLE_COUNTRY = (
        "Ditelepon PM Syldavia Anna Vask, Rowan Berterima Kasih\n"
        "Presiden terpilih Tom Rowan menerima telepon dari Perdana Menteri Syldavia Anna Vask pada Senin.\n"
        "Rowan mengatakan kedua pemimpin membahas perdagangan.\n"
        "Vask mengatakan percakapan itu bermanfaat bagi Strategi Indo-Pasifik Syldavia.\n"
        "Ayah Vask pernah menjabat Perdana Menteri Syldavia.\n"
)


def test_a_title_before_a_leaders_country_alone_names_no_one():
    # "Perdana Menteri Syldavia" with no name is the office Vask holds, not a person named
    # Syldavia, who, named first in the headline, would take Rowan's place as a party.
    assert sides(ID_TITLE_COUNTRY) == ["neither", "neither", "left", "right", "neither"]


RU_SPLIT_TITLE = (
        "Плекши впервые поговорил с Антоном Мускаром\n"
        "Президент Бордурии Курт Плекши провел телефонный разговор с президентом Сильдавии на переходный период Антоном Мускаром, сообщила пресс-служба Цитадели.\n"
        "Это первый контакт после того, как в декабре свергнутый президент Иван Дорн бежал из страны.\n"
        "Согласно заявлению администрации президента Сильдавии, Плекши поздравил Мускара со вступлением в должность.\n"
        "Мускар, в свою очередь, подчеркнул прочные отношения двух стран.\n"
        "Дорн заявил, что не признает новую власть.\n"
)
ID_SPLIT_TITLE = (
        "Ditelepon Rowan, Vask: Terima Kasih\n"
        "Presiden terpilih Syldavia Anna Vask menerima telepon dari Presiden Borduria Tom Rowan.\n"
        "Presiden terpilih Anna Vask mengatakan percakapan itu hangat.\n"
        "Rowan mengatakan kedua pemimpin membahas perdagangan.\n"
        "Presiden Syldavia Ivan Dorn mengatakan ia akan menyerahkan jabatan pada Oktober.\n"
        "Dorn menambahkan bahwa transisi berjalan lancar.\n"
)


@pytest.mark.parametrize(
    "text, expected",
    [
        (RU_SPLIT_TITLE, ["neither", "left", "neither", "right", "right", "neither"]),
        (ID_SPLIT_TITLE, ["neither", "neither", "left", "right", "neither", "neither"]),
    ],
    ids=["ru", "id"],
)
def test_a_title_parted_from_its_name_by_a_modifier_names_the_leader(text, expected):
    # "президентом Сильдавии на переходный период Антоном Мускаром", "Presiden terpilih Anna
    # Vask": the leader is the person after the modifier, not the outgoing president the
    # article titles next to his name; and "администрации президента Сильдавии, Плекши
    # поздравил" is Syldavia's office telling what Plekszy said, not Plekszy speaking for it.
    assert sides(text) == expected


ID_SPOKESMAN_THEN_LEADER = (
        "Rowan dan Vask Bicara via Telepon\n"
        "Presiden Borduria Tom Rowan melakukan pembicaraan telepon dengan Presiden Syldavia Anna Vask pada Jumat.\n"
        "Menurut juru bicara kepresidenan Lin Dao-ming, Vask membuka percakapan dengan mengucapkan selamat kepada Rowan.\n"
        "Rowan berterima kasih dan menegaskan pentingnya hubungan kedua negara, kata Lin.\n"
        "Di Syldavia, seorang pejabat Istana Putih mengatakan bahwa Vask mengundang Rowan berkunjung.\n"
)


def test_a_spokesman_named_before_a_comma_does_not_take_the_leader_after_it():
    # "juru bicara kepresidenan Lin Dao-ming, Vask membuka ...": Vask opens the clause; he is
    # not Lin's (as "Dubes Syldavia, Ivan Dorov" is Syldavia's). Joined to Lin, Vask's side
    # was the spokesman's, and the Syldavian official had no side left to speak for.
    assert sides(ID_SPOKESMAN_THEN_LEADER) == ["neither", "neither", "left", "left", "right"]


EN_TITLE_HOLDER = (
        "Vask and Rowan hail a turning point\n"
        "Prime Minister Anna Vask met President Tom Rowan on Friday.\n"
        "The two leaders agreed that the meeting marked a turning point, the Prime Minister's Office said.\n"
        "Rowan said the talks had been candid.\n"
)
ID_TITLE_HOLDER = (
        "Vask dan Rowan Sepakati Titik Balik\n"
        "Perdana Menteri Anna Vask bertemu Presiden Tom Rowan pada Jumat.\n"
        "Rowan mengatakan pembicaraan berlangsung terbuka.\n"
        "Kantor Perdana Menteri menyebut kedua pemimpin sepakat pertemuan itu menjadi titik balik.\n"
)


@pytest.mark.parametrize(
    "text, expected",
    [
        (EN_TITLE_HOLDER, ["neither", "neither", "left", "right"]),
        (ID_TITLE_HOLDER, ["neither", "neither", "left", "right"]),
    ],
    ids=["en", "id"],
)
def test_an_office_named_by_a_title_is_the_side_of_the_leader_who_holds_it(text, expected):
    # A prime minister and a president: "the Prime Minister's Office", "Kantor Perdana Menteri"
    # is the prime minister's side, whatever statement stands next to it.
    assert sides(text) == expected


ID_COMMON_NOUN_TITLE = (
        "Rowan dan Vask Bicara via Telepon\n"
        "Presiden Borduria Tom Rowan berbicara melalui telepon dengan Presiden Syldavia Anna Vask pada Jumat.\n"
        "Kantor Rowan menyebut kedua pemimpin membahas pengakuan Syldavia sebagai negara penerus Uni Zembla.\n"
        "Vask mengatakan percakapan itu bermanfaat.\n"
)


def test_a_lowercase_title_word_with_a_modifier_names_no_person():
    # "negara penerus Uni Zembla" (the successor state of the Zemblan Union): "negara" is a
    # common noun here, so "Uni Zembla" is no third leader whose mention would put the
    # statement outside the call.
    assert sides(ID_COMMON_NOUN_TITLE) == ["neither", "neither", "left", "right"]


def test_a_headline_leader_the_article_never_titles_but_calls_mr_is_a_party_before_a_titled_stranger():
    # "Mr Vorel": a person the headline names; "President Kaz Muskar", titled, is another call's.
    from readout_tui.core.io.article import attribute_text

    text = (
        "Brask praises Vorel after call on air defence\n"
        "Freedonian Prime Minister Otto Brask has praised Ana Vorel after a phone call with the Zemblan chancellor.\n"
        "\"I had a great call with the chancellor,\" Mr Brask told reporters on Friday.\n"
        "Government spokesman Ivo Lund said Mr Vorel had pushed hard for air defences in the call.\n"
        "Lund added that Mr Vorel wanted the talks to go on.\n"
        "Mr Brask also spoke to President Kaz Muskar on Thursday.\n"
    )
    attribution = attribute_text(text)
    assert (attribution.left_label, attribution.right_label) == ("Brask", "Vorel")
    assert sides(text) == ["neither", "neither", "left", "right", "right", "neither"]


EN_POSSESSIVE_TITLE = (
        "Rowan congratulates Kessel on 'a fine victory' in first call\n"
        "Tom Rowan congratulated Lady Ida Kessel on her election win when the two spoke by phone on the new Prime Minister's first afternoon in office, Downing Street said. Lady Ida thanked the President for his kind words, according to No 10.\n"
        "A Downing Street spokesman said the two leaders talked about their shared commitment to trade.\n"
        "Mr Rowan congratulated Lady Ida on becoming Prime Minister when they spoke, the White House said. In its statement, the White House said the leaders reaffirmed the special relationship between the two nations.\n"
)


def test_a_possessive_title_names_no_leader():
    # "the new Prime Minister's first afternoon" is a title, not a leader called "Minister"
    # who would take a party of his own and leave the White House's statements to No 10's.
    assert sides(EN_POSSESSIVE_TITLE)[-2:] == ["right", "right"]


ID_NICKNAME = (
        "Bimasa Terima Telepon Rowan, Bahas Kerja Sama Dagang\n"
        "JAKARTA - Presiden Bima Santoso mengaku telah berbicara melalui telepon dengan Presiden Zembla Tom Rowan pada Senin malam.\n"
        "\"Kami membahas kerja sama dagang kedua negara,\" kata Bimasa kepada wartawan di Istana.\n"
        "Menurut kantor berita Zembla, Rowan mengatakan negaranya siap membuka pasar bagi produk Indonesia.\n"
        "Bimasa menambahkan bahwa kedua pemimpin sepakat bertemu tahun depan.\n"
)


def test_a_leader_nicknamed_by_his_first_name_and_the_start_of_his_surname_is_one_person():
    # "Bimasa" is "Bima Santoso", as "Jokowi" is "Joko Widodo": the lead names the leader in
    # full, so it is his account, not a bystander's.
    assert sides(ID_NICKNAME) == ["neither", "left", "left", "right", "left"]


EN_SURNAME_FIRST = (
        "PM Tan calls Rowan after quick counts show clear lead\n"
        "ZEMBLA CITY — Prime Minister Tan Wei Ming has spoken by phone with Bordurian Defence Minister Rowan Tomsk and congratulated him on his strong showing in the election, his press secretary said on Thursday.\n"
        "In Bordur, Mr Rowan confirmed the call. He wrote on social media that he had received calls from five foreign leaders, among them Mr Tan.\n"
        "Mr Tan also called President Ivo Lund to congratulate him on the smooth conduct of the elections, Ms Lim said.\n"
)


def test_a_leader_the_headline_names_by_his_surname_written_first_is_one_leader_not_two():
    # "PM Tan" is "Prime Minister Tan Wei Ming", titled by his last two names: not a second
    # leader beside him. Rowan is the other party, and Tan's call to a third leader is neither.
    assert sides(EN_SURNAME_FIRST) == ["neither", "left", "right", "right", "neither"]
