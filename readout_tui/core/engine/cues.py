"""The words an article attributes its statements with, in English, Indonesian and Russian.

These are each language's own function words: reporting verbs ("said", "mengatakan",
"заявил"), the markers that put the source after them ("according to", "menurut", "по данным"),
pronouns, the nouns of a statement ("readout", "pernyataan", "сообщение") and of an office
("government", "kantor", "пресс-служба"), titles, prepositions and conjunctions. No names are
here: which sources an article cites is read from the article (see ``attribution``).

The three languages' lists are used together: an article in one of them is matched against
all, which costs nothing (the scripts differ, and Indonesian and English share hardly a
function word) and lets an article quote a source in another language. Russian words are
listed by stem where their endings vary by case, gender or number (``_russian``).
"""

from __future__ import annotations

import re

# -- English --------------------------------------------------------------------------------

_EN_VERBS = """
say says said saying state states stated stating tell tells told telling add adds added adding
note notes noted noting stress stresses stressed stressing emphasize emphasizes emphasized
emphasise emphasises emphasised underline underlined underscore underscored announce announces
announced confirm confirms confirmed report reports reported write writes wrote writing post
posted explain explains explained declare declared insist insisted claim claims claimed assert
asserted acknowledge acknowledged mention mentions mentioned repeat repeated reiterate
reiterates reiterated recount recounted quote quoted argue argued recall recalled reveal
revealed admit admitted concede conceded reply replied remark remarked tweet tweeted highlight
highlights highlighted deny denies denied suggest suggested indicate indicated signal signaled
signalled characterize characterized characterise characterised predict predicted relay relayed
outline outlined affirm affirmed disclose disclosed pointed believe believes believed
"""
_EN_ADDRESSEE_VERBS = "tell tells told telling"
"""Their object is whom a source spoke to ("told Trump"), never the source."""
_EN_INVERTED = "according"
"""Put the source after them ("according to the Kremlin"); "to" is skipped."""
_EN_ACTS = """
express expressed voice voiced urge urged call called condemn condemned criticize criticized
criticise criticised thank thanked ask asked request requested invite invited propose proposed
agree agreed discuss discussed raise raised convey conveyed reaffirm reaffirmed welcome welcomed
praise praised warn warned demand demanded press pressed brief briefed inform informed update
updated assure assured pledge pledged promise promised offer offered object objected reject
rejected protest protested appreciate appreciated describe described hope hoped hopes
congratulate congratulated vow vowed exchange exchanged reassure reassured encourage encouraged
talk talked
"""
"""What is done in a call. "talked" is here and "spoke" is contact (``is_contact``): readouts
write "talked about ..." for what was said and "spoke by phone" for the call itself."""
_EN_PRONOUNS = "he she it they"
_EN_JOINT = "leaders sides presidents"
"""Plural nouns for the call's two parties together as a subject ("The two leaders agreed")."""
_EN_POSSESSIVES = "his her its their"
_EN_DETERMINERS = "the a an that this these those both"
_EN_ADVERBS = """
also later subsequently afterwards separately then again further earlier repeatedly previously has had have was were
would will is are did does do just already reportedly
"""
_EN_NEGATIONS = "not n't never no"
_EN_BOUNDARIES = """
that and but which who while as when after before because since although though if whereas
or nor so whom whose where
"""
_EN_TIME_CLAUSES = "after before since when until once"
_EN_PREPOSITIONS = """
in on at by for from with to of about over under during via through into onto against between
among after before since following
"""
_EN_OPENERS = "however meanwhile separately but and also yet still instead moreover"
_EN_SUBORDINATORS = "although though while whereas if because since as when"
_EN_ACCOUNT_NOUNS = """
statement statements readout read-out summary release communique communiqué transcript post
tweet account
"""
_EN_OFFICE_NOUNS = """
government office ministry presidency administration cabinet embassy palace secretariat agency
side
"""
_EN_OFFICE_ADJECTIVES = "presidential governmental ministerial official"
"""Who sources are when an office qualifies them ("Turkish presidential sources")."""
_EN_SOURCE_NOUNS = "source sources"
_ID_SOURCE_NOUNS = "sumber"
_EN_ROLES = """
spokesman spokeswoman spokesperson aide aides adviser advisor secretary minister official
officials envoy ambassador press counsellor diplomat
"""
_EN_TITLES = """
president prime premier chancellor king queen emir sultan crown prince pm leader
"""
_EN_MINISTERS = "minister"
_EN_PRIME = "prime"
_EN_CALL = """
call calls phone telephone conversation conversations spoke speak talk talks talked meeting met
meet discussed discussion discussions leaders presidents both counterpart counterparts guest guests
"""
_EN_THIRD_PARTIES = """
analyst analysts expert experts observer observers commentator commentators researcher
researchers scholar scholars professor economist economists columnist columnists newspaper
newspapers magazine journal think-tank institute institution foundation center centre university
source sources critic critics
"""
_EN_AND = "and &"
_EN_OFFICE_MODIFIERS = """
foreign defence defense interior finance treasury commerce trade economy justice security affairs
"""
"""What an office or a minister is of ("Foreign Ministry", "Treasury Secretary"): not a name."""
_EN_APART = "separately earlier previously"
_EN_RELATIVES = "who which"
_EN_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday"
_EN_EARLIER = "earlier previously"
_EN_BEFORE = "before ahead prior"
_EN_SWITCHES = (
    "on the other hand", "for its part", "for his part", "for her part", "for their part", "in turn", "by contrast",
    "in contrast",
)
_EN_LINKS = ("read more", "read also", "also read", "see also", "related", "more", "recommended", "watch")

# -- Indonesian ------------------------------------------------------------------------------

_ID_VERBS = """
mengatakan menyatakan menyebut menyebutkan menambahkan menegaskan menjelaskan mengungkapkan
mengungkap mengkonfirmasi mengonfirmasi mengumumkan menulis menuliskan menyampaikan melaporkan
memberitakan berkata mengklaim menekankan menggarisbawahi mengutarakan menuturkan membenarkan
memaparkan menerangkan mengutip mengaku menilai mencatat memastikan mengakui mengingatkan
berpendapat mengemukakan membantah menepis menyoroti mengisyaratkan memberitahu memberitahukan
mewartakan mengabarkan menjawab bersikeras memandang meyakini mengulang mengulangi
"""
_ID_INVERTED = """
kata katanya ujar ujarnya tutur tuturnya ucap ucapnya tulis tulisnya imbuh imbuhnya sebut
sebutnya lanjut lanjutnya ungkap ungkapnya tegas tegasnya jelas jelasnya tambah tambahnya terang
terangnya papar paparnya pungkas pungkasnya tandas tandasnya sambung sambungnya menurut menurutnya
dilansir dikutip mengutip dikatakan disampaikan diumumkan dilaporkan ditulis
"""
_ID_RELAY = "dilansir dikutip mengutip"
"""Markers that cite a news outlet for what it relays ("Dilansir dari Reuters", "seperti dikutip
AFP")."""
_ID_ACTS = """
menyuarakan mendesak meminta mengecam mengkritik berterima kasih mengucapkan mengundang
mengusulkan sepakat menyepakati membahas membicarakan mengangkat menyambut memuji
memperingatkan menuntut menolak memprotes mengapresiasi menginformasikan menjanjikan
menawarkan menyerukan menggambarkan mengajak mendorong menyesalkan menanyakan berharap menyinggung
berjanji menjamin menyetujui bersepakat bertukar berbincang berdiskusi
"""
_ID_PRONOUNS = "dia ia beliau mereka"
_ID_JOINT = "keduanya"
_ID_JOINT_AFTER_PAIR = "pemimpin pihak negara kepala"
"""Nouns of no number, the pair only after "kedua" or "para" ("kedua pemimpin", "kedua kepala
negara"); alone, "Kepala Negara" is one leader."""
_ID_DETERMINERS = "sebuah seorang para itu tersebut pihak sang"
_ID_DEMONSTRATIVES = "itu tersebut ini"
"""After a noun: "Presiden AS itu" (that US president) is a title for someone named before."""
_ID_ADVERBS = """
juga pun telah sudah kemudian belakangan lalu sebelumnya kembali pernah hanya lantas bahkan turut
sempat akan sedang masih secara terpisah
"""
_ID_NEGATIONS = "tidak tak belum bukan"
_ID_BOUNDARIES = """
bahwa dan tetapi namun yang sedangkan ketika saat setelah sebelum sejak karena sambil meskipun
walaupun jika sementara serta atau usai hingga agar supaya seperti
"""
_ID_TIME_CLAUSES = "setelah sebelum sejak ketika saat usai sesudah selepas"
_ID_PREPOSITIONS = """
di dalam pada dari ke kepada dengan melalui lewat oleh untuk tentang terhadap atas bagi
antara mengenai soal menjelang setibanya seusai sebelum setelah selama sebagai
"""
_ID_OPENERS = "namun sedangkan sementara itu selain lalu kemudian adapun di sisi lain"
_ID_SUBORDINATORS = "meskipun walaupun meski jika karena ketika saat sementara sambil"
_ID_ACCOUNT_NOUNS = "pernyataan siaran rilis keterangan unggahan cuitan komunike"
_ID_OFFICE_NOUNS = "pemerintah kantor kementerian istana kepresidenan kedutaan sekretariat"
_ID_ROLES = """
juru bicara jubir penasihat ajudan menteri pejabat utusan duta besar sekretaris wakil menlu
wamenlu mensesneg seskab dubes menhan mendag menkeu
"""
_ID_TITLES = """
presiden perdana pm kanselir raja ratu emir sultan putra mahkota pemimpin kepala negara
"""
_ID_MINISTERS = "menteri"
_ID_PRIME = "perdana"
_ID_CALL = """
telepon percakapan panggilan pembicaraan perbincangan berbicara bicara bertelepon menelepon
pertemuan bertemu membahas membicarakan dibahas dibicarakan kedua keduanya mitranya tamunya
"""
_ID_THIRD_PARTIES = """
pengamat analis pakar ahli peneliti akademisi profesor ekonom kolumnis surat kabar harian majalah
lembaga universitas institut yayasan sumber kritikus
"""
_ID_AND = "dan"
_ID_OFFICE_MODIFIERS = "luar negeri keuangan pertahanan perdagangan perekonomian"
_ID_APART = "terpisah sebelumnya"
_ID_RELATIVES = "yang"
_ID_WEEKDAYS = "senin selasa rabu kamis jumat sabtu minggu"
_ID_EARLIER = "sebelumnya"
_ID_BEFORE = "sebelum menjelang jelang"
_ID_SWITCHES = ("di sisi lain", "sementara itu", "adapun", "di pihak lain")
_ID_LINKS = (
    "baca juga", "baca", "berita terkait", "simak juga", "lihat juga", "artikel terkait", "simak", "tonton juga",
)

# -- Russian ----------------------------------------------------------------------------------


def _russian(stems: str, endings: str = "л|ла|ло|ли") -> re.Pattern:
    """Russian verb forms: each stem with each ending ("заяви" + "л", "ла", "ло", "ли")."""
    return re.compile(rf"(?:{'|'.join(stems.split())})(?:{endings})")


_RU_VERBS = re.compile(
    "|".join(
        p.pattern
        for p in (
            _russian(
                "заяви сообщи отмети подчеркну подчёркну добави сказа указа рассказа уточни "
                "поясни написа объяви констатирова назва напомни призна ответи охарактеризова "
                "прокомментирова замети изложи обозначи допусти переда процитирова подтверди "
                "настаива заявля сообща отмеча подчеркива подчёркива говори рассказыва указыва называ повтори"
            ),
            _russian("опроверг", "|ла|ли"),
            _russian(
                "заявля сообща отмеча подчеркива подчёркива говор пиш утвержда переда указыва "
                "уточня поясня называ счита полага",
                "ет|ют|ит|ят|ёт",
            ),
            _russian("заяви сообщи отмети подчеркну добави сказа указа рассказа", "в|вши"),
        )
    )
)
_RU_VERB_WORDS = " ".join(
    # The impersonal passive of the verbs of saying, present and past ("говорится",
    # "говорилось", "уточняется", "уточнялось в сообщении").
    stem + ending
    for stems, endings in (
        ("говор", ("ится", "илось")),
        ("сообща отмеча подчеркива подчёркива указыва уточня поясня", ("ется", "лось")),
    )
    for stem in stems.split()
    for ending in endings
)
_RU_ACTS = re.compile(
    "|".join(
        p.pattern
        for p in (
            _russian(
                "вырази призва осуди раскритикова поблагодари попроси пригласи предложи обсуди подня "
                "проинформирова завери пообеща предупреди потребова отверг приветствова оцени обрати "
                "высказа поздрави поддержа затрону рассмотре"
            ),
            # Reflexive: "договорились", "согласился", "обменялись (мнениями)".
            _russian("договори согласи обменя услови созвони косну", "лся|лась|лось|лись"),
        )
    )
)
_RU_INVERTED = "согласно"
_RU_ACCORDING = (
    "по данным", "по словам", "по информации", "со слов", "по сведениям", "по мнению", "по оценке",
    "по заявлению", "по сообщению", "по версии", "в изложении", "в интерпретации", "в трактовке", "в пересказе",
)
_RU_PRONOUNS = "он она оно они"
_RU_JOINT = "лидеры стороны президенты"
_RU_JOINT_AFTER_PAIR = "лидера президента"  # singular after "оба": alone, one leader
_RU_POSSESSIVES = "его её ее их"
_RU_ADVERBS = """
также тоже ранее позже позднее впоследствии потом затем еще ещё уже дополнительно отдельно вновь
снова же
"""
_RU_NEGATIONS = "не ни"
_RU_BOUNDARIES = "что и а но как который которая которое которые когда поскольку хотя если чтобы или где"
_RU_TIME_CLAUSES = "после до когда прежде перед"
_RU_PREPOSITIONS = "в во на из с со к ко по о об от для при за через между у под над после до перед"
_RU_OPENERS = "однако между тем кроме того а но и при этом также"
_RU_SUBORDINATORS = "хотя если поскольку когда пока несмотря"
_RU_ACCOUNT_STEMS = ("заявлени", "сообщени", "релиз", "коммюнике", "стенограмм", "публикаци", "пресс-релиз")
_RU_OFFICES = {
    "пресс-служб": "пресс-служба", "администраци": "администрация", "правительств": "правительство",
    "офис": "офис", "канцеляри": "канцелярия", "ведомств": "ведомство", "министерств": "министерство",
    "посольств": "посольство", "аппарат": "аппарат", "агентств": "агентство", "мид": "МИД", "сторон": "сторона",
}
"""The office nouns by their stems, each with its nominative, as a label names the office
("пресс-службы Кремля" -> "пресс-служба Кремля")."""
_RU_OFFICE_STEMS = tuple(_RU_OFFICES)
_RU_ROLE_STEMS = ("пресс-секретар", "помощник", "советник", "министр", "представител", "посол", "чиновник", "спикер")
_RU_TITLE_STEMS = (
    "президент", "премьер", "канцлер", "корол", "эмир", "султан", "лидер", "глава", "главы", "председател",
)
_RU_CALL_STEMS = (
    "разговор", "бесед", "телефон", "созвон", "позвон", "встреч", "переговор", "обсуди", "обсужд",
    "лидер", "президенты", "оба", "обе", "собеседник", "коллег", "сторон", "гост",
)
_RU_THIRD_PARTY_STEMS = (
    "эксперт", "аналитик", "политолог", "наблюдател", "исследовател", "профессор", "экономист",
    "колумнист", "обозревател", "критик", "газет", "журнал", "институт", "центр", "фонд", "университет", "источник",
)
_RU_AND = "и"
_RU_APART = "отдельно ранее накануне"
_RU_RELATIVES = "который которая которое которые"
_RU_EARLIER = "ранее накануне"
_RU_BEFORE = "до перед"
_RU_SWITCHES = ("в свою очередь", "с другой стороны", "со своей стороны", "напротив")
_RU_LINKS = ("читайте также", "читайте", "смотрите также", "по теме", "см. также", "также читайте")


def _words(*lists: str) -> frozenset[str]:
    return frozenset(word for words in lists for word in words.split())


REPORTING_VERBS = _words(_EN_VERBS, _ID_VERBS, _RU_VERB_WORDS)
"""Verbs whose subject (or, after them, object of the marker) is a source."""
INVERTED = _words(_EN_INVERTED, _ID_INVERTED, _RU_INVERTED)
"""Words after which the source comes ("according to X", "kata X", "согласно X")."""
SPEECH_ACTS = _words(_EN_ACTS, _ID_ACTS)
"""What a leader does in a call by speaking (urged, thanked, condemned): no source of their
own, but a statement whose subject is the side's leader and that does one of these carries
on that side's account."""
PRONOUNS = _words(_EN_PRONOUNS, _ID_PRONOUNS, _RU_PRONOUNS)
JOINT = _words(_EN_JOINT, _ID_JOINT, _RU_JOINT)
"""The two parties together as a subject ("the two leaders", "kedua pemimpin", "стороны"):
what they did in the call is told by the account being told."""
JOINT_AFTER_PAIR = _words(_ID_JOINT_AFTER_PAIR, _RU_JOINT_AFTER_PAIR)
PAIR = frozenset({"two", "kedua", "para", "оба", "обе"})
"""Before a plural noun, the pair ("the two sides", "kedua pihak", "обе стороны")."""
POSSESSIVES = _words(_EN_POSSESSIVES, _RU_POSSESSIVES)
DETERMINERS = _words(_EN_DETERMINERS, _ID_DETERMINERS)
DEMONSTRATIVES = _words(_ID_DEMONSTRATIVES)
ADVERBS = _words(_EN_ADVERBS, _ID_ADVERBS, _RU_ADVERBS)
NEGATIONS = _words(_EN_NEGATIONS, _ID_NEGATIONS, _RU_NEGATIONS)
BOUNDARIES = _words(_EN_BOUNDARIES, _ID_BOUNDARIES, _RU_BOUNDARIES)
TIME_CLAUSES = _words(_EN_TIME_CLAUSES, _ID_TIME_CLAUSES, _RU_TIME_CLAUSES)
PREPOSITIONS = _words(_EN_PREPOSITIONS, _ID_PREPOSITIONS, _RU_PREPOSITIONS)
OPENERS = _words(_EN_OPENERS, _ID_OPENERS, _RU_OPENERS)
SUBORDINATORS = _words(_EN_SUBORDINATORS, _ID_SUBORDINATORS, _RU_SUBORDINATORS)
ACCOUNT_NOUNS = _words(_EN_ACCOUNT_NOUNS, _ID_ACCOUNT_NOUNS)
OFFICE_NOUNS = _words(_EN_OFFICE_NOUNS, _ID_OFFICE_NOUNS)
HONORIFICS = _words("mr mrs ms dr sir madam", "pak bapak bu ibu", "г-н г-жа господин госпожа")
FIRST_PERSON = _words("i we me us", "saya aku kami kita", "я мы сам сама сами")
"""A speaker's own words about himself: no source's name, though capitalised ("We", "Kami")."""
ROLES = _words(_EN_ROLES, _ID_ROLES, _EN_MINISTERS, _ID_MINISTERS)
MINISTERS = _words(_EN_MINISTERS, _ID_MINISTERS)
"""A minister is a role; after "prime" ("perdana") a leader's title."""
PRIME = _words(_EN_PRIME, _ID_PRIME)
ADDRESSEE_VERBS = _words(_EN_ADDRESSEE_VERBS)
IMPERSONAL_VERBS = _words(_RU_VERB_WORDS)
"""Verbs without a subject, whose source follows in a prepositional phrase ("говорится в
сообщении Кремля")."""
CALL_WORDS = _words(_EN_CALL, _ID_CALL)
"""What shows a statement is about the call: the call or meeting itself, the two leaders,
the counterpart."""
THIRD_PARTIES = _words(_EN_THIRD_PARTIES, _ID_THIRD_PARTIES)
"""Who comments on a call but speaks for neither government: analysts, newspapers, think
tanks, unnamed sources."""
CONJUNCTIONS = _words(_EN_AND, _ID_AND, _RU_AND)
"""What joins two names ("России и США", "Putin and Trump")."""
_OFFICE_ADJECTIVES = _words(_EN_OFFICE_ADJECTIVES)
_SOURCE_NOUNS = _words(_EN_SOURCE_NOUNS, _ID_SOURCE_NOUNS)
_DEFINITE = _words("the these those")
OFFICE_MODIFIERS = _words(_EN_OFFICE_MODIFIERS, _ID_OFFICE_MODIFIERS)
APART = _words(_EN_APART, _ID_APART, _RU_APART)
"""A statement made on another occasion than the call ("separately", "secara terpisah",
"ранее")."""
RELATIVES = _words(_EN_RELATIVES, _ID_RELATIVES, _RU_RELATIVES)
"""What opens a relative clause ("who", "yang", "который"): the noun before it is the subject."""
WEEKDAYS = _words(_EN_WEEKDAYS, _ID_WEEKDAYS)
RELAY_MARKERS = _words(_ID_RELAY)
IMPERSONAL_PRONOUNS = frozenset({"it", "оно"})
"""Pronouns that, as the subject of no verb of saying or speech act, stand for no speaker ("It
was the first call since March", "It is unclear whether ..."; but "It called the talks warm")."""
EARLIER = _words(_EN_EARLIER, _ID_EARLIER, _RU_EARLIER)
"""Of APART, those that put a statement before the call ("earlier", "ранее"); "separately"
may be a separate report of the same call."""
BEFORE = _words(_EN_BEFORE, _ID_BEFORE, _RU_BEFORE)
"""What puts a statement before an event ("ahead of the meeting", "sebelum percakapan", "до
встречи"): before the call, it is no account of it (``before_call``)."""
_BEFORE_REACH = 4
SWITCHES = tuple(sorted({*_EN_SWITCHES, *_ID_SWITCHES, *_RU_SWITCHES}, key=len, reverse=True))
"""Openers that turn to the other side ("Di sisi lain", "в свою очередь")."""
TITLES = _words(_EN_TITLES, _ID_TITLES)
LINK_MARKERS = tuple(sorted({*_EN_LINKS, *_ID_LINKS, *_RU_LINKS}, key=len, reverse=True))
RUSSIAN_ACCORDING = _RU_ACCORDING
"""Russian two-word markers before a source ("по данным Кремля")."""

_NYA = "nya"
"""Indonesian's possessive suffix ("kantornya": his office)."""


def key(word: str) -> str:
    return word.casefold()


def is_reporting_verb(word: str) -> bool:
    folded = key(word)
    return folded in REPORTING_VERBS or bool(_RU_VERBS.fullmatch(folded))


GIVING = _words(
    "give gives gave given provide provides provided",
    "memberikan memberi",
    "дал дала дали дает дают",
)
"""Verbs that give what follows them: an account given ("gave his own account") is a statement
(to offer one is a speech act already, ``SPEECH_ACTS``)."""


def is_speech_act(word: str) -> bool:
    folded = key(word)
    return folded in SPEECH_ACTS or bool(_RU_ACTS.fullmatch(folded))


_EN_PASSIVE_AUXILIARIES = frozenset("was were".split())
_EN_PASSIVE_ACTS = frozenset("discussed raised addressed agreed noted stressed considered reviewed".split())
_ID_PASSIVE_ACTS = frozenset("dibahas dibicarakan didiskusikan disepakati disinggung diangkat ditegaskan".split())
_RU_PASSIVE_ACTS = re.compile(
    "|".join(
        p.pattern
        for p in (
            # Imperfective reflexive passive: "обсуждался", "затрагивались", "рассматривалось".
            _russian("обсужда затрагива рассматрива", "лся|лась|лось|лись"),
            # Short passive participle: "(был) обсужден", "затронута", "отмечено", "подчеркнуто".
            _russian("обсужд затрону рассмотре отмече подчеркну подчёркну", "ен|ена|ено|ены|т|та|то|ты|н|на|но|ны"),
        )
    )
)


def is_passive_act(words: list[str], k: int) -> bool:
    """Whether word ``k`` is the agentless passive of what is discussed in a call: English
    "was/were discussed" (the auxiliary before it), Indonesian "dibahas", "disepakati",
    Russian "обсуждался", "был затронут", "было отмечено"."""
    folded = key(words[k])
    if folded in _EN_PASSIVE_ACTS:
        return k > 0 and key(words[k - 1]) in _EN_PASSIVE_AUXILIARIES
    return folded in _ID_PASSIVE_ACTS or bool(_RU_PASSIVE_ACTS.fullmatch(folded))


_CONTACT = frozenset("met meet meets spoke speak speaks phoned bertemu bertelepon menelepon berbicara".split())
_RU_CONTACT_STEMS = ("созвон", "позвон", "встрети", "встреча")


def is_contact(word: str) -> bool:
    """Having the call or meeting itself ("met", "bertelepon", "созвонились"), not what was
    said in it."""
    folded = key(word)
    return folded in _CONTACT or _stem_in(folded, _RU_CONTACT_STEMS)


def is_plural_past(word: str) -> bool:
    """A Russian plural past verb ("обсудили", "условились"), which opens a sentence without a
    subject when the subject is the call's parties together ("Условились продолжать
    контакты")."""
    return key(word).endswith(("ли", "лись"))


def _stem_in(word: str, stems: tuple[str, ...]) -> bool:
    return word.startswith(stems)


def is_account_noun(word: str) -> bool:
    """A statement, readout, post ("pernyataannya" and "заявлении" too); not an outlet's
    name ("according to the Post")."""
    folded = key(word)
    return not is_publication(word) and (
        folded in ACCOUNT_NOUNS
        or (folded.endswith(_NYA) and folded[: -len(_NYA)] in ACCOUNT_NOUNS)
        or _stem_in(folded, _RU_ACCOUNT_STEMS)
    )


def is_office_noun(word: str) -> bool:
    """A government, an office, a press service ("kantornya" and "пресс-службы" too)."""
    folded = key(word)
    return (
        folded in OFFICE_NOUNS
        or (folded.endswith(_NYA) and folded[: -len(_NYA)] in OFFICE_NOUNS)
        or _stem_in(folded, _RU_OFFICE_STEMS)
    )


def office_nominative(word: str) -> str:
    """A Russian office noun in the nominative ("пресс-службе" -> "пресс-служба"), or "" for
    another word."""
    folded = key(word)
    for stem, nominative in _RU_OFFICES.items():
        if folded.startswith(stem) and len(folded) - len(stem) <= _RU_CASE_ENDING:
            return nominative[0].upper() + nominative[1:] if word[:1].isupper() else nominative
    return ""


_RU_CASE_ENDING = 3
"""The longest case ending after an office noun's stem ("-ами"): a longer tail makes another
word ("правительственный")."""


def is_honorific(word: str) -> bool:
    """A form of address that a label leaves out ("Mr Albanese", "Pak Prabowo")."""
    return key(word).rstrip(".") in HONORIFICS


def names_nobody(word: str) -> bool:
    """A word a label leaves out: an honorific, an article, a first-person pronoun, a single
    letter ("X", where the article cites a post on it)."""
    folded = key(word)
    return len(folded) < 2 or is_honorific(word) or folded in DETERMINERS or folded in FIRST_PERSON


def is_office_source(words: list[str], k: int) -> bool:
    """Whether ``words[k]`` is a source that speaks for an office ("Turkish presidential
    sources", "government sources", "sumber pemerintah"), not an unnamed third party, or is
    such sources named again ("the sources said"): an office or its adjective next to it, or
    nothing but a determiner before it."""
    if key(words[k]) not in _SOURCE_NOUNS:
        return False
    near = [key(w) for w in words[max(k - 1, 0) : k] + words[k + 1 : k + 2]]
    if any(w in _OFFICE_ADJECTIVES or is_office_noun(w) for w in near):
        return True
    return len(words) == 2 and k == 1 and key(words[0]) in _DEFINITE


def is_role(word: str) -> bool:
    folded = key(word)
    return folded in ROLES or (folded.endswith(_NYA) and folded[: -len(_NYA)] in ROLES) or _stem_in(
        folded, _RU_ROLE_STEMS
    )


_RU_NOMINATIVE_HEADS = frozenset(
    """
президент премьер премьер-министр канцлер король эмир султан лидер глава председатель
пресс-секретарь помощник советник министр представитель посол чиновник спикер
""".split()
)
"""A Russian title or role in the nominative: the head of a subject ("глава государства",
"помощник президента"), not of an oblique phrase ("с главой", "помощника")."""


def is_nominative_head(word: str) -> bool:
    """A Russian title, role or office noun in the nominative ("пресс-служба", "глава")."""
    folded = key(word)
    return folded in _RU_NOMINATIVE_HEADS or office_nominative(word).casefold() == folded != ""


def is_weekday(word: str) -> bool:
    return key(word) in WEEKDAYS


def is_title(word: str) -> bool:
    folded = key(word)
    return folded in TITLES or _stem_in(folded, _RU_TITLE_STEMS)


_TITLE_SAME = {"pm": "prime", "perdana": "prime"}
"""Two ways of writing one title ("PM", "Prime Minister"; "Perdana Menteri")."""


def title_key(word: str) -> str:
    """A title word as a key that the same title shares in any case or form ("президента" and
    "президент", "Minister's" and "minister", "PM" and "Prime")."""
    folded = _POSSESSIVE_END.sub("", key(word))
    stem = next((stem for stem in _RU_TITLE_STEMS if folded.startswith(stem)), "")
    return stem or _TITLE_SAME.get(folded, folded)


_POSSESSIVE_END = re.compile(r"['’]s$")


def is_call_word(word: str) -> bool:
    folded = key(word)
    return folded in CALL_WORDS or _stem_in(folded, _RU_CALL_STEMS)


_CALL_NOUNS = _words(
    "call calls conversation conversations talk talks discussion discussions version",
    "percakapan panggilan pembicaraan perbincangan telepon versi versinya",
)
_RU_CALL_NOUN_STEMS = ("разговор", "бесед", "переговор", "звонок", "звонк", "содержани")
_MANNER = _words(
    "own differently briefly tersely somewhat",
    "sendiri singkat berbeda",
    "иначе подробнее короче кратко скупо по-своему по-разному несколько",
)
"""How an account told of the call, not what it told ("gave its own account", "рассказали о
беседе подробнее", "menyampaikan versinya sendiri")."""


def is_call_noun(word: str) -> bool:
    """The call, or an account's version of it ("the conversation", "о беседе", "versinya")."""
    folded = key(word)
    return folded in _CALL_NOUNS or _stem_in(folded, _RU_CALL_NOUN_STEMS)


def is_manner(word: str) -> bool:
    return key(word) in _MANNER


def is_side_noun(word: str) -> bool:
    """A party as a side ("the Ukrainian side", "pihak Turki", "Китайская сторона"): an office
    noun with no name of its own."""
    folded = key(word)
    return folded in ("side", "pihak") or folded.startswith("сторон")


_RU_NOT_THIRD_PARTY = ("центральн",)
"""Words the stems would take for a third party: "Центральное телевидение" is no think tank."""
_RU_PRESS = frozenset("пресса прессы прессе прессу прессой сми".split())
"""The press, whose readings are no government's account ("пресс-служба" is an office)."""


_PUBLICATIONS = frozenset(
    """
    post times herald tribune gazette telegraph guardian chronicle spiegel reuters bloomberg afp
    axios politico рейтер рейтерс блумберг
    """.split()
)
"""Capitalised, an outlet's name or its last word ("The Washington Post", "Financial Times",
"Reuters"): a newspaper or an independent agency reports the call and speaks for no government
(a state agency, "Xinhua", "ТАСС", is its country's, ``attribution.places``)."""


def is_publication(word: str) -> bool:
    return word[:1].isupper() and key(word) in _PUBLICATIONS


def is_third_party(word: str) -> bool:
    folded = key(word)
    return (
        folded in THIRD_PARTIES
        or folded in _RU_PRESS
        or is_publication(word)
        or (_stem_in(folded, _RU_THIRD_PARTY_STEMS) and not _stem_in(folded, _RU_NOT_THIRD_PARTY))
    )


def before_call(words: list[str]) -> bool:
    """Whether a statement's words (in order) put it before the call: a word of ``BEFORE``
    with a call word a few words after it ("Ahead of the meeting, an official had told",
    "Sehari sebelum percakapan", "еще до встречи", "Перед разговором с Си")."""
    return any(
        word.casefold() in BEFORE and any(is_call_word(w) for w in words[k + 1 : k + 1 + _BEFORE_REACH])
        for k, word in enumerate(words)
    )


def switches(text: str) -> bool:
    """Whether ``text`` opens by turning to the other side, or turns in its first clause
    ("Трамп, в свою очередь, написал")."""
    head = text.casefold()[:60]
    return any(head.startswith(marker) or f", {marker}," in head for marker in SWITCHES)


def is_own_marker(word: str) -> bool:
    """An Indonesian marker with its source in it ("katanya", "ujarnya", "menurutnya": he
    said, according to him): a pronoun's cue, whatever follows."""
    folded = key(word)
    return folded in INVERTED and folded.endswith(_NYA)


def is_possessive_noun(word: str) -> bool:
    """An Indonesian account or office noun with the possessive suffix: "kantornya" (his
    office), "pernyataannya" (its statement)."""
    folded = key(word)
    base = folded[: -len(_NYA)]
    return folded.endswith(_NYA) and (base in ACCOUNT_NOUNS or base in OFFICE_NOUNS or base in ROLES)


def is_function_word(word: str) -> bool:
    """Any word of these lists: such a word is never part of a name, even capitalised at the
    start of a sentence."""
    folded = key(word)
    return (
        folded in PRONOUNS
        or folded in POSSESSIVES
        or folded in DETERMINERS
        or folded in ADVERBS
        or folded in NEGATIONS
        or folded in BOUNDARIES
        or folded in PREPOSITIONS
        or folded in OPENERS
        or folded in INVERTED
        or folded in OFFICE_MODIFIERS
        or is_reporting_verb(word)
        or is_account_noun(word)
        or is_office_noun(word)
        or is_role(word)
        or is_title(word)
    )


def link_marker(line: str) -> str:
    """The related-article marker a line opens with ("Baca juga:", "Read more:", "Читайте
    также:"), or ""."""
    folded = line.casefold()
    for marker in LINK_MARKERS:
        if not folded.startswith(marker):
            continue
        rest = line[len(marker) :]
        # A one-word marker ("Related", "Baca") needs its colon or dash; "Baca juga" does not.
        if rest[:1] in (":", "-", "–", "—", "»", "|", ">") or (" " in marker and rest[:1] == " "):
            end = len(marker) + (1 if rest[:1] != " " else 0)
            return line[:end]
    return ""
