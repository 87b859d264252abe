"""Reading readouts from files, standard input and case folders."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from readout_tui.cli import EXAMPLE
from readout_tui.core.io.loading import (
    InputError,
    decode,
    load_comparison,
    load_readout,
    readout_from_text,
)


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def make_case(folder: Path, meta: dict | str | bytes | None = None) -> Path:
    write(folder / "left.txt", "Putin called Netanyahu.\nThey discussed Gaza.\n")
    write(folder / "right.txt", "Netanyahu spoke with Putin.\nThe hostages were discussed.\nIran came up.\n")
    if meta is not None:
        write(folder / "meta.json", json.dumps(meta) if isinstance(meta, dict) else meta)
    return folder


def assert_one_line_error(excinfo, *fragments: str) -> None:
    message = str(excinfo.value)
    assert message and "\n" not in message and "\r" not in message
    for fragment in fragments:
        assert fragment in message


# --- Two files -------------------------------------------------------------------------------


def test_two_files(tmp_path):
    left = write(tmp_path / "kremlin.txt", "Putin called Netanyahu. They discussed Gaza.")
    right = write(tmp_path / "israeli-pmo.txt", "Netanyahu spoke with Putin.")
    comparison = load_comparison([str(left), str(right)])
    assert comparison.left.label == "kremlin"
    assert comparison.right.label == "israeli-pmo"
    assert comparison.left.texts == ["Putin called Netanyahu.", "They discussed Gaza."]
    assert [s.index for s in comparison.left.statements] == [0, 1]
    assert comparison.right.source == str(right)
    assert comparison.case_dir is None


def test_labels_override_file_names(tmp_path):
    left = write(tmp_path / "a.txt", "One.")
    right = write(tmp_path / "b.txt", "Two.")
    comparison = load_comparison([str(left), str(right)], left_label="Kremlin", right_label="PMO")
    assert (comparison.left.label, comparison.right.label) == ("Kremlin", "PMO")


def test_segment_mode_is_applied(tmp_path):
    left = write(tmp_path / "a.txt", "One. Two.\nThree.")
    right = write(tmp_path / "b.txt", "Four.")
    assert load_comparison([str(left), str(right)], "lines").left.texts == ["One. Two.", "Three."]
    assert load_comparison([str(left), str(right)], "sentences").left.texts == ["One.", "Two.", "Three."]


# --- Case folders ----------------------------------------------------------------------------


def test_case_folder_with_meta(tmp_path):
    folder = make_case(
        tmp_path / "call",
        {
            "title": "A call",
            "date": "2023-12-10",
            "left_label": "Kremlin",
            "right_label": "Israeli PMO",
            "sources": ["https://example.org/a", "https://example.org/b"],
            "sources_by_side": {"left": ["https://example.org/a"], "right": "https://example.org/b"},
        },
    )
    comparison = load_comparison([str(folder)], "lines")
    assert comparison.info.side_sources == (("https://example.org/a",), ("https://example.org/b",))
    assert comparison.left.label == "Kremlin"
    assert comparison.right.label == "Israeli PMO"
    assert comparison.info.title == "A call"
    assert comparison.info.date == "2023-12-10"
    assert comparison.info.sources == ("https://example.org/a", "https://example.org/b")
    assert comparison.case_dir == folder
    assert len(comparison.left) == 2 and len(comparison.right) == 3


def test_case_labels_can_be_overridden(tmp_path):
    folder = make_case(tmp_path / "call", {"left_label": "Kremlin", "right_label": "PMO"})
    comparison = load_comparison([str(folder)], left_label="Moscow")
    assert (comparison.left.label, comparison.right.label) == ("Moscow", "PMO")
    comparison = load_comparison([str(folder)], right_label="Jerusalem")
    assert (comparison.left.label, comparison.right.label) == ("Kremlin", "Jerusalem")



def test_a_blank_label_is_no_label(tmp_path):
    # --left-label "" or "   " made a blank pane title and report heading ("   (8 statements)").
    folder = make_case(tmp_path / "call", {"left_label": "Kremlin", "right_label": "PMO"})
    comparison = load_comparison([str(folder)], left_label="   ", right_label="")
    assert (comparison.left.label, comparison.right.label) == ("Kremlin", "PMO")
    files = [str(folder / "left.txt"), str(folder / "right.txt")]
    assert load_comparison(files, left_label=" \t").left.label == "left"

def test_case_folder_without_meta(tmp_path):
    folder = make_case(tmp_path / "call")
    comparison = load_comparison([str(folder)])
    assert (comparison.left.label, comparison.right.label) == ("Left", "Right")
    assert comparison.info.title == "call"
    assert comparison.info.date == "" and comparison.info.sources == ()


def test_meta_fields_of_the_wrong_type_are_ignored(tmp_path):
    folder = make_case(
        tmp_path / "call",
        {
            "left_label": ["x"],
            "right_label": "  Israeli\nPMO ",
            "date": 20231210,
            "sources": "https://a",
            "sources_by_side": ["https://b"],
        },
    )
    assert load_comparison([str(folder)]).info.side_sources == ((), ())
    comparison = load_comparison([str(folder)])
    assert comparison.left.label == "Left"
    assert comparison.right.label == "Israeli PMO"  # one line, trimmed
    assert comparison.info.date == "20231210"
    assert comparison.info.sources == ("https://a",)


def test_bundled_example_is_a_case_folder():
    comparison = load_comparison([str(EXAMPLE)], "lines")
    assert comparison.left.label == "Israeli PMO"
    assert comparison.right.label == "Kremlin"
    assert comparison.info.date == "2023-12-10"
    assert comparison.info.sources
    lines = [line for line in (EXAMPLE / "left.txt").read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(comparison.left) == len(lines)


@pytest.mark.parametrize(
    "meta, fragment",
    [
        ("{not json", "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not valid JSON"),
        ("[1, 2]", "JSON object"),
        ("", "not valid JSON"),
        ("[" * 100_000, "not valid JSON"),
    ],
    ids=["syntax", "binary", "list", "empty", "deep"],
)
def test_corrupt_meta_json_is_an_input_error(tmp_path, meta, fragment):
    folder = make_case(tmp_path / "call", meta)
    with pytest.raises(InputError) as excinfo:
        load_comparison([str(folder)])
    assert_one_line_error(excinfo, "meta.json", fragment)


def test_meta_json_with_bom_is_read(tmp_path):
    folder = make_case(tmp_path / "call", b"\xef\xbb\xbf" + json.dumps({"left_label": "K"}).encode())
    assert load_comparison([str(folder)]).left.label == "K"


def test_case_folder_missing_a_side(tmp_path):
    folder = make_case(tmp_path / "call")
    (folder / "right.txt").unlink()
    with pytest.raises(InputError) as excinfo:
        load_comparison([str(folder)])
    assert_one_line_error(excinfo, "right.txt", "it needs left.txt and right.txt, or one article.txt")


def test_one_file_is_not_a_case_folder(tmp_path):
    left = write(tmp_path / "a.txt", "One.")
    with pytest.raises(InputError) as excinfo:
        load_comparison([str(left)])
    assert_one_line_error(excinfo, "case folder")


@pytest.mark.parametrize("sources", [[""], ["", "b.txt"], ["a.txt", ""]])
def test_an_empty_name_is_said_as_such(tmp_path, monkeypatch, sources):
    # Path("") is the current folder: it was refused as ".: not a case folder" or ": is a directory".
    make_case(tmp_path)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError) as excinfo:
        load_comparison(sources)
    assert_one_line_error(excinfo, "an empty name was given")


# --- Standard input --------------------------------------------------------------------------


def fake_stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_dash_reads_standard_input(tmp_path, monkeypatch):
    fake_stdin(monkeypatch, "Путин позвонил. Обсуждали Газу.".encode())
    right = write(tmp_path / "pmo.txt", "Netanyahu spoke with Putin.")
    comparison = load_comparison(["-", str(right)])
    assert comparison.left.label == "stdin"
    assert comparison.left.source == "-"
    assert comparison.left.texts == ["Путин позвонил.", "Обсуждали Газу."]


@pytest.mark.skipif(not Path("/dev/fd").is_dir(), reason="no /dev/fd")
def test_streams_the_shell_opened_are_named_by_their_side(shell_stream):
    # readout-tui compare <(curl ...) <(curl ...) labelled the two accounts "63" and "62".
    comparison = load_comparison([shell_stream("Putin called Netanyahu."), shell_stream("They spoke.")])
    assert (comparison.left.label, comparison.right.label) == ("Left", "Right")

def test_dash_on_the_right_with_label(tmp_path, monkeypatch):
    fake_stdin(monkeypatch, "\xef\xbb\xbfOne. Two.".encode("latin-1"))  # a BOM on stdin too
    left = write(tmp_path / "a.txt", "Zero.")
    comparison = load_comparison([str(left), "-"], right_label="Piped")
    assert comparison.right.label == "Piped"
    assert comparison.right.texts == ["One.", "Two."]


def test_dash_with_a_text_only_stdin(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("One. Two."))
    left = write(tmp_path / "a.txt", "Zero.")
    assert load_comparison([str(left), "-"]).right.texts == ["One.", "Two."]


def test_closed_stdin_is_an_input_error(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "stdin", None)
    left = write(tmp_path / "a.txt", "Zero.")
    with pytest.raises(InputError) as excinfo:
        load_comparison([str(left), "-"])
    assert_one_line_error(excinfo, "standard input")


def test_both_sides_from_stdin_are_refused(monkeypatch):
    fake_stdin(monkeypatch, b"One.")
    with pytest.raises(InputError) as excinfo:
        load_comparison(["-", "-"])
    assert_one_line_error(excinfo, "standard input")


def test_empty_stdin_is_an_input_error(tmp_path, monkeypatch):
    fake_stdin(monkeypatch, b"  \n ")
    left = write(tmp_path / "a.txt", "Zero.")
    with pytest.raises(InputError) as excinfo:
        load_comparison([str(left), "-"])
    assert_one_line_error(excinfo, "no statements")
    # Named as the other errors about it name it, not "-:".
    assert str(excinfo.value).startswith("standard input: no statements")


# --- Bad paths and bad files -----------------------------------------------------------------


def test_missing_path(tmp_path):
    with pytest.raises(InputError) as excinfo:
        load_readout(str(tmp_path / "nope.txt"))
    assert_one_line_error(excinfo, "nope.txt", "no such file")


def test_missing_right_side(tmp_path):
    left = write(tmp_path / "a.txt", "One.")
    with pytest.raises(InputError) as excinfo:
        load_comparison([str(left), str(tmp_path / "nope.txt")])
    assert_one_line_error(excinfo, "nope.txt")


def test_directory_given_as_a_file(tmp_path):
    left = write(tmp_path / "a.txt", "One.")
    (tmp_path / "folder").mkdir()
    with pytest.raises(InputError) as excinfo:
        load_comparison([str(left), str(tmp_path / "folder")])
    assert_one_line_error(excinfo, "directory")


def test_path_too_long_is_an_input_error(tmp_path):
    with pytest.raises(InputError) as excinfo:
        load_readout(str(tmp_path / ("x" * 5000)))
    assert_one_line_error(excinfo)
    with pytest.raises(InputError):
        load_comparison(["y" * 5000])


def test_three_sources_are_refused_saying_what_was_given(tmp_path):
    paths = [str(write(tmp_path / f"{n}.txt", "One.")) for n in "abc"]
    with pytest.raises(InputError) as excinfo:
        load_comparison(paths)
    assert_one_line_error(excinfo, "give two readout files", f"3 were given: {', '.join(paths)}")
    # A glob that matched a whole folder: the count, and the first few names only.
    with pytest.raises(InputError) as excinfo:
        load_comparison([f"{n}.txt" for n in "abcdefg"])
    assert_one_line_error(excinfo, "7 were given: a.txt, b.txt, c.txt and 4 more")


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00<<>>",
        b"Hello.\x00World.",
    ],
    ids=["png", "pdf", "nul-in-text"],
)
def test_binary_file_is_refused(tmp_path, data):
    path = write(tmp_path / "file.bin", data)
    with pytest.raises(InputError) as excinfo:
        load_readout(str(path))
    assert_one_line_error(excinfo, "binary")


@pytest.mark.parametrize("data", [b"", b"   \n\n\t \r\n", "\u200b\ufeff\n".encode()], ids=["empty", "spaces", "invisible"])
def test_empty_side_is_an_input_error(tmp_path, data):
    path = write(tmp_path / "empty.txt", data)
    with pytest.raises(InputError) as excinfo:
        load_readout(str(path))
    assert_one_line_error(excinfo, "empty.txt", "no statements")


def test_readout_from_empty_text_is_an_input_error():
    with pytest.raises(InputError):
        readout_from_text("", "Kremlin")


# --- Encodings -------------------------------------------------------------------------------

RUSSIAN = (
    "Президент России Владимир Путин провёл телефонный разговор с Премьер-министром Израиля. "
    "Обсуждалась ситуация в секторе Газа, где сложилась катастрофическая гуманитарная обстановка."
)
FRENCH = (
    "Le président de la République a reçu un appel téléphonique. "
    "Ils ont évoqué la sécurité européenne et l'été à venir, très préoccupés."
)


def test_utf8_bom(tmp_path):
    readout = load_readout(str(write(tmp_path / "a.txt", b"\xef\xbb\xbf" + FRENCH.encode())))
    assert readout.texts[0].startswith("Le président")
    assert readout.encoding == "utf-8"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path, codec):
    data = RUSSIAN.encode(codec)
    if codec != "utf-16":
        data = ("\ufeff" + RUSSIAN).encode(codec)
    readout = load_readout(str(write(tmp_path / "a.txt", data)))
    assert " ".join(readout.texts) == RUSSIAN
    assert readout.encoding == "utf-16"


def test_utf32_with_bom(tmp_path):
    readout = load_readout(str(write(tmp_path / "a.txt", FRENCH.encode("utf-32"))))
    assert " ".join(readout.texts) == FRENCH
    assert readout.encoding == "utf-32"


def test_windows_1251_russian(tmp_path):
    readout = load_readout(str(write(tmp_path / "kremlin.txt", RUSSIAN.encode("cp1251"))))
    assert " ".join(readout.texts) == RUSSIAN
    assert readout.encoding == "cp1251"


@pytest.mark.parametrize("codec", ["latin-1", "cp1252"])
def test_latin1_french(tmp_path, codec):
    readout = load_readout(str(write(tmp_path / "elysee.txt", FRENCH.encode(codec))))
    assert " ".join(readout.texts) == FRENCH  # "à" and "è", not "ŕ" and "č"
    assert readout.encoding in ("cp1252", "latin_1", "iso8859_1", "iso8859_15")


@pytest.mark.parametrize(
    "text, codec",
    [
        # Short texts on which charset-normalizer alone chose wrongly (cp1257, gb18030, Shift JIS).
        ("Le président français a déjà évoqué la coopération à long terme avec son homologue.\n"
         "Les deux dirigeants sont convenus de rester en contact très étroit.", "latin-1"),
        ("Der Bundeskanzler äußerte sich über die Lage.", "latin-1"),
        ("Президент России провел телефонный разговор.", "koi8_r"),
        # And ones it reads rightly, which must stay so.
        ("Dzień dobry, prezydent Polski rozmawiał z kanclerzem Niemiec o bezpieczeństwie.\n"
         "Łączność została przerwana.", "cp1250"),
        ("Cumhurbaşkanı Erdoğan, Rusya Devlet Başkanı ile görüştü.", "cp1254"),
        ("Ο πρωθυπουργός μίλησε με τον πρόεδρο.", "cp1253"),
        ("习近平同美国总统拜登通电话。双方进行了坦诚的交流。", "gb18030"),
        ("岸田総理大臣は電話会談を行いました。", "shift_jis"),
    ],
    ids=["french-latin1", "german-latin1", "russian-koi8", "polish-cp1250", "turkish-cp1254",
         "greek-cp1253", "chinese-gb18030", "japanese-shift-jis"],
)
def test_short_legacy_encodings_read_as_written(text, codec):
    decoded, _ = decode(text.encode(codec), "x.txt")
    assert decoded == text


@pytest.mark.parametrize("codec", ["utf-8", "cp1252", "latin-1"])
def test_terminal_codes_are_text_in_any_encoding(tmp_path, codec):
    # charset-normalizer takes any control character for binary data: with a colour code or a
    # hyperlink in it, a Latin-1 file was refused ("not readable as text in any known encoding")
    # while the same text in UTF-8 was read. Both are read now, the codes kept as written, in
    # the encoding found for the text without them.
    text = (
        FRENCH.replace("président", "\x1b[1mprésident\x1b[0m")
        .replace("téléphonique.", "téléphonique.\x07")
        .replace("la sécurité européenne", "\x1b]8;;https://elysee.example/\x1b\\la sécurité européenne\x1b]8;;\x1b\\")
    )
    readout = load_readout(str(write(tmp_path / "elysee.txt", text.encode(codec))))
    assert " ".join(readout.texts) == text
    assert readout.encoding == decode(FRENCH.encode(codec), "x.txt")[1]


def test_plain_utf8(tmp_path):
    readout = load_readout(str(write(tmp_path / "a.txt", RUSSIAN)))
    assert readout.encoding == "utf-8"
    assert readout.texts[1].startswith("Обсуждалась")


def test_decode_is_strict_about_nul_bytes():
    with pytest.raises(InputError):
        decode(b"\x00\x01\x02\x03", "x")


@pytest.mark.parametrize(
    "text",
    ["Президент России провёл телефонный разговор. Обсуждалась ситуация в Газе.", "Café déjà vu, the président said."],
    ids=["russian", "french"],
)
def test_utf8_with_one_damaged_byte_is_read_as_utf8_and_says_so(text):
    # The Russian file was refused ("not readable as text in any known encoding") and the French
    # one read as cp1250 ("CafĂ© dĂ©jĂ"), for one byte that is no UTF-8.
    data = text.encode("utf-8").replace(b" ", b" \xff ", 1)
    decoded, encoding = decode(data, "x.txt")
    assert decoded == text.replace(" ", " \ufffd ", 1)
    assert encoding == "utf-8, 1 invalid byte replaced"


def test_a_legacy_encoding_is_not_taken_for_damaged_utf8():
    assert decode(FRENCH.encode("cp1252"), "x.txt") == (FRENCH, "cp1252")
    assert decode(RUSSIAN.encode("cp1251"), "x.txt") == (RUSSIAN, "cp1251")


@pytest.mark.parametrize("present, missing", [("left", "right"), ("right", "left")])
def test_a_folder_with_one_readout_and_an_article_says_what_stands_in_the_way(tmp_path, present, missing):
    # It said "it needs left.txt and right.txt, or one article.txt" to a folder with left.txt
    # beside the article, and read the article, passing over right.txt, in one with right.txt.
    folder = tmp_path / "case"
    write(folder / f"{present}.txt", "The Kremlin said the leaders spoke.")
    write(folder / "article.txt", "The Kremlin said the leaders spoke.")
    with pytest.raises(InputError) as excinfo:
        load_comparison([str(folder)])
    message = str(excinfo.value)
    assert f"has {present}.txt and article.txt but no {missing}.txt" in message
    assert f"add {missing}.txt" in message and f"move {present}.txt away" in message
