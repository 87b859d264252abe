"""Inputs from the wild that `readout-tui compare` must decode, split and compare correctly.

Encoded bytes are made here with ``str.encode`` rather than kept as binary fixtures. Most
cases put the same readout on both sides, once clean and once in the awkward form: a correct
decoding and normalisation then shows as every statement matching its twin.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from readout_tui import cli
from readout_tui.testing import FakeEmbedder

RUSSIAN = [
    "Президент России Владимир Путин провёл телефонный разговор с Премьер-министром Израиля.",
    "Обсуждалась ситуация в секторе Газа, где сложилась катастрофическая гуманитарная обстановка.",
    "Стороны договорились продолжить контакты.",
]
FRENCH = [
    "Le président de la République a reçu un appel téléphonique du Premier ministre.",
    "Ils ont évoqué la sécurité européenne et l'été à venir, très préoccupés.",
    "Les deux dirigeants sont convenus de rester en contact étroit.",
]
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(["compare", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def write(path: Path, data: bytes | str) -> str:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return str(path)


def compare_json(capsys, left: str, right: str, *options: str) -> dict:
    code, out, err = run(capsys, left, right, "--lexical-only", "--format", "json", *options)
    assert (code, err) == (0, ""), err
    return json.loads(out)


def texts(document: dict, side: str) -> list[str]:
    return [s["text"] for s in document[side]["statements"]]


def assert_all_match_their_twins(document: dict) -> None:
    count = len(document["left"]["statements"])
    assert len(document["right"]["statements"]) == count
    assert {(p["left"], p["right"]) for p in document["pairs"]} == {(i, i) for i in range(count)}
    assert {p["kind"] for p in document["pairs"]} == {"match"}
    assert document["left"]["unique"] == document["right"]["unique"] == []


# --- Encodings -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lines, codec, bom, reported",
    [
        (RUSSIAN, "utf-8", b"", "utf-8"),
        (RUSSIAN, "utf-8", b"\xef\xbb\xbf", "utf-8"),
        (RUSSIAN, "utf-16-le", b"\xff\xfe", "utf-16"),
        (FRENCH, "utf-16-be", b"\xfe\xff", "utf-16"),
        (RUSSIAN, "cp1251", b"", "cp1251"),
        (FRENCH, "latin-1", b"", "cp1252"),  # Latin-1 French is valid cp1252, its superset
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "cp1251-russian", "latin1-french"],
)
def test_each_encoding_is_decoded_and_compared(capsys, tmp_path, lines, codec, bom, reported):
    text = "\n".join(lines) + "\n"
    clean = write(tmp_path / "clean.txt", text)
    encoded = write(tmp_path / "encoded.txt", bom + text.encode(codec))
    document = compare_json(capsys, encoded, clean)
    assert texts(document, "left") == lines
    assert document["left"]["encoding"] == reported
    assert_all_match_their_twins(document)


def test_the_reports_say_which_encoding_was_guessed(capsys, tmp_path):
    russian = write(tmp_path / "kremlin.txt", "\n".join(RUSSIAN).encode("cp1251"))
    plain = write(tmp_path / "pmo.txt", "\n".join(RUSSIAN))
    code, out, _ = run(capsys, russian, plain, "--lexical-only", "--format", "text")
    assert code == 0
    assert "kremlin (3 statements, decoded as cp1251)" in out
    assert "pmo (3 statements) · Russian" in out  # UTF-8 goes without saying
    code, out, _ = run(capsys, russian, plain, "--lexical-only", "--format", "markdown")
    assert code == 0
    assert "- Encoding: kremlin cp1251\n" in out


# --- Line endings, spaces, invisible characters ----------------------------------------------


def test_crlf_lone_cr_and_tabs(capsys, tmp_path):
    clean = write(tmp_path / "clean.txt", "\n".join(FRENCH))
    crlf = write(tmp_path / "crlf.txt", "\r\n".join(FRENCH) + "\r\n")
    cr = write(tmp_path / "cr.txt", "\r".join(f"\t{line.replace(' ', chr(9), 2)}" for line in FRENCH))
    for messy in (crlf, cr):
        for segment in ("lines", "sentences"):
            document = compare_json(capsys, messy, clean, "--segment", segment)
            assert texts(document, "left") == FRENCH
            assert_all_match_their_twins(document)


def test_nbsp_zero_width_spaces_and_soft_hyphens_are_normalised_not_corrupting(capsys, tmp_path):
    clean = write(tmp_path / "clean.txt", "\n".join(FRENCH))
    messy_lines = [
        FRENCH[0].replace(" ", "\u00a0", 3).replace("République", "Répu\u00adblique"),
        "\ufeff" + FRENCH[1].replace("sécurité", "sécu\u200brité"),
        FRENCH[2].replace("contact", "con\u2060tact"),
    ]
    messy = write(tmp_path / "messy.txt", "\n".join(messy_lines))
    document = compare_json(capsys, messy, clean)
    assert texts(document, "left") == FRENCH
    assert_all_match_their_twins(document)


# --- Scripts ---------------------------------------------------------------------------------

WORLD = [
    "ראש הממשלה שוחח היום בטלפון עם נשיא רוסיה על המלחמה.",
    "وأكد الرئيس على أهمية وقف إطلاق النار في غزة.",
    "两国元首就加沙局势深入交换了意见。",
    "首脳会談は電話で行われ、人質の解放について話し合った。",
    "Ein Emoji-Satz 🇮🇱🤝🇷🇺 mit Familie 👩\u200d👩\u200d👧 und Daumen 👍🏽 am Ende.",
    "Cafe\u0301 and nai\u0308ve, with combining marks, and Zalgo z\u0336\u0351a\u0334l\u0337go.",
]


def test_rtl_cjk_emoji_and_combining_marks(capsys, tmp_path):
    left = write(tmp_path / "left.txt", "\n".join(WORLD))
    # The right side has the precomposed forms: NFC makes the two the same statement.
    right = write(tmp_path / "right.txt", "\n".join(WORLD).replace("e\u0301", "é").replace("i\u0308", "ï"))
    document = compare_json(capsys, left, right, "--segment", "lines")
    assert texts(document, "left")[:5] == WORLD[:5]  # emoji sequences and joiners intact
    assert "Café and naïve" in texts(document, "left")[5]
    assert_all_match_their_twins(document)
    code, out, _ = run(capsys, left, right, "--lexical-only", "--format", "text", "--segment", "lines")
    assert code == 0 and not RAW_CONTROL.search(out)
    assert "👩\u200d👩\u200d👧" in out and "两国元首" in out


def test_same_text_on_both_sides_matches_everything_with_the_model_too(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(cli, "make_embedder", lambda model=None, device=None: FakeEmbedder())
    path = write(tmp_path / "same.txt", "\n".join(RUSSIAN + FRENCH + WORLD))
    code, out, err = run(capsys, path, path, "--format", "json", "--segment", "lines")
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert document["semantic"] is True
    assert_all_match_their_twins(document)
    assert document["summary"]["left_coverage"] == document["summary"]["right_coverage"] == 1.0


@pytest.mark.parametrize("lexical", [True, False], ids=["lexical", "model"])
def test_one_side_with_a_single_statement(capsys, tmp_path, monkeypatch, lexical):
    monkeypatch.setattr(cli, "make_embedder", lambda model=None, device=None: FakeEmbedder())
    single = write(tmp_path / "single.txt", FRENCH[1])
    many = write(tmp_path / "many.txt", "\n".join(FRENCH + RUSSIAN))
    options = ["--lexical-only"] if lexical else []
    for left, right in ((single, many), (many, single)):
        code, out, err = run(capsys, left, right, "--format", "json", *options)
        assert (code, err) == (0, "")
        document = json.loads(out)
        lone = "left" if left == single else "right"
        assert len(document[lone]["statements"]) == 1
        assert [(p["left"], p["right"]) for p in document["pairs"]] == (
            [(0, 1)] if lone == "left" else [(1, 0)]
        )


# --- Size: bounded time and memory -----------------------------------------------------------

MEASURE = """
import resource, sys, time
from pathlib import Path
from readout_tui import cli

def peak_mib():
    # VmHWM belongs to this program alone; ru_maxrss can carry over the parent's peak
    # across fork and exec (a test run that loaded the model earlier).
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

started = time.perf_counter()
code = cli.main(["compare", *sys.argv[1:]])
seconds = time.perf_counter() - started
print(code, round(seconds, 2), round(peak_mib()), file=sys.stderr)
"""


def measured(*argv: str) -> tuple[dict, float, float]:
    """Run compare in a fresh process: (JSON report, seconds, peak resident MiB)."""
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, *argv, "--lexical-only", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    code, seconds, peak = result.stderr.split()[-3:]
    assert code == "0", result.stderr
    return json.loads(result.stdout), float(seconds), float(peak)


def test_a_statement_of_ten_thousand_characters(tmp_path):
    long = " ".join(f"word{i % 997} gaza hostages" for i in range(500))[:9999] + "."
    left = write(tmp_path / "left.txt", f"{long}\n{FRENCH[0]}\n")
    right = write(tmp_path / "right.txt", f"{FRENCH[0]}\n{long}\n")
    document, seconds, peak = measured(left, right, "--segment", "lines")
    assert texts(document, "left")[0] == long
    assert {(p["left"], p["right"]) for p in document["pairs"]} == {(0, 1), (1, 0)}
    assert seconds < 30 and peak < 500, (seconds, peak)  # measured: 0.05 s, 40 MiB


def test_a_file_of_a_hundred_thousand_lines(tmp_path):
    lines = [f"Statement number {n} about topic{n % 5000} and item{n % 7919}." for n in range(100_000)]
    left = write(tmp_path / "long.txt", "\n".join(lines) + "\n")
    right = write(tmp_path / "short.txt", f"{lines[4242]}\n{lines[99_999]}\n")
    document, seconds, peak = measured(left, right)  # sentence mode, the slow one
    assert len(document["left"]["statements"]) == 100_000
    assert texts(document, "left")[-1] == lines[-1]
    assert {(p["left"], p["right"]) for p in document["pairs"]} >= {(4242, 0), (99_999, 1)}
    assert seconds < 120 and peak < 1500, (seconds, peak)  # measured: 13 s, 480 MiB


def test_a_single_line_of_two_megabytes_without_punctuation(tmp_path):
    blob = ("lorem ipsum dolor sit amet consectetur " * 60_000)[:2_000_000]
    left = write(tmp_path / "blob.txt", blob)
    right = write(tmp_path / "short.txt", "lorem ipsum dolor sit amet\n")
    document, seconds, peak = measured(left, right)
    pieces = texts(document, "left")
    assert max(map(len, pieces)) <= 20_000 and len(pieces) >= 100
    assert "".join(pieces).replace(" ", "") == blob.replace(" ", "")
    assert seconds < 30 and peak < 500, (seconds, peak)  # measured: 0.6 s, 75 MiB


def test_terminal_codes_are_not_words_nor_embedded():
    """A readout copied from a terminal keeps its codes on screen (escaped), but what is
    matched is what the terminal showed: "\\x1b[31mKremlin" shares "kremlin", and the model
    reads no "[31m"."""
    from readout_tui.core.engine.evidence import embedded_texts
    from readout_tui.core.engine.words import TermTable, words

    coloured = "The \x1b[31mKremlin\x1b[0m said it, \x1b]8;;https://example.org/x\x07here\x1b]8;;\x07."
    assert words(coloured) == ["the", "kremlin", "said", "it", "here"]
    # "kremlin" shown as shared only when it is in at most about half of the statements.
    table = TermTable.build([coloured, "Gas prices rose."], ["Kremlin officials said nothing.", "Trade fell."])
    assert "kremlin" in table.shared(0, 0)
    assert all("\x1b" not in text and "\x07" not in text for text in embedded_texts([coloured, "plain"]))
    assert embedded_texts([coloured])[0] == "The Kremlin said it, here."
