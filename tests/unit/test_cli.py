"""`readout-tui compare`: exit codes, messages, formats. In-process unless the process is the point."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from readout_tui import cli
from readout_tui.cli import EXAMPLE
from readout_tui.core.engine.evidence import embedded_texts
from readout_tui.testing import FakeEmbedder


@pytest.fixture
def fake_model(monkeypatch):
    """Replace the real model with the fake in the CLI; returns the embedders it made."""
    made: list[FakeEmbedder] = []

    def factory(model=None, device=None):
        embedder = FakeEmbedder(name=model or "all-MiniLM-L6-v2", dim=384)
        made.append(embedder)
        return embedder

    monkeypatch.setattr(cli, "make_embedder", factory)
    return made


@pytest.fixture
def two_files(tmp_path) -> tuple[str, str]:
    left = tmp_path / "pmo.txt"
    right = tmp_path / "kremlin.txt"
    left.write_text(
        "Netanyahu asked Putin to help free the hostages held in Gaza.\n"
        "Netanyahu criticised the cooperation between Russia and Iran.\n"
        "Wheat exports were expected to grow.\n",
        encoding="utf-8",
    )
    right.write_text(
        "Netanyahu criticised the cooperation between Russia and Iran.\n"
        "Netanyahu asked Putin to help free the hostages held in Gaza.\n"
        "Putin stressed the humanitarian situation of civilians.\n",
        encoding="utf-8",
    )
    return str(left), str(right)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(["compare", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def assert_usage_error(code: int, out: str, err: str, *fragments: str) -> None:
    assert code == 2
    assert out == ""
    assert err.endswith("\n") and err.count("\n") == 1, f"not one line: {err!r}"
    assert err.startswith("readout-tui: error: ")
    assert "Traceback" not in err and "usage:" not in err
    for fragment in fragments:
        assert fragment in err


# --- Success ---------------------------------------------------------------------------------


def test_lexical_only_needs_no_model(capsys, two_files, monkeypatch):
    def no_model(*args, **kwargs):
        raise AssertionError("the model must not be built with --lexical-only")

    monkeypatch.setattr(cli, "make_embedder", no_model)
    code, out, err = run(capsys, *two_files, "--lexical-only", "--format", "json")
    assert code == 0 and err == ""
    document = json.loads(out)
    assert document["model"] == "lexical only"
    assert {(p["left"], p["right"]) for p in document["pairs"]} == {(0, 1), (1, 0)}


def test_format_defaults_to_json_when_stdout_is_not_a_terminal(capsys, two_files):
    assert not sys.stdout.isatty()
    code, out, err = run(capsys, *two_files, "--lexical-only")
    assert code == 0
    document = json.loads(out)
    assert document["left"]["label"] == "pmo" and document["right"]["label"] == "kremlin"


def test_piped_json_is_one_line_unless_pretty(capsys, two_files):
    code, out, _ = run(capsys, *two_files, "--lexical-only", "--format", "json")
    assert code == 0 and out.count("\n") == 1 and json.loads(out)["pairs"]
    code, pretty, _ = run(capsys, *two_files, "--lexical-only", "--format", "json", "--pretty")
    assert code == 0 and pretty.startswith('{\n  "left": {') and json.loads(pretty) == json.loads(out)


def test_json_on_a_terminal_or_into_a_file_is_indented(capsys, two_files, monkeypatch, tmp_path):
    target = tmp_path / "report.json"
    code, out, _ = run(capsys, *two_files, "--lexical-only", "--output", str(target))
    assert code == 0 and out == "" and target.read_text(encoding="utf-8").startswith('{\n  "left": {')
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    code, out, _ = run(capsys, *two_files, "--lexical-only", "--format", "json")
    assert code == 0 and out.startswith('{\n  "left": {')


def test_format_defaults_to_text_on_a_terminal(capsys, two_files, monkeypatch):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    code, out, _ = run(capsys, *two_files, "--lexical-only")
    assert code == 0
    assert out.startswith("pmo (3 statements)") and "Summary" in out


@pytest.mark.parametrize(
    "fmt, check",
    [
        ("text", lambda out: "Summary" in out and "only in kremlin (1):" in out),
        ("markdown", lambda out: out.startswith("# pmo vs kremlin") and "| relation | score | note |" in out),
        ("json", lambda out: json.loads(out)["pairs"]),
    ],
)
def test_each_format(capsys, two_files, fmt, check):
    code, out, err = run(capsys, *two_files, "--lexical-only", "--format", fmt)
    assert code == 0 and err == ""
    assert check(out)


def test_case_folder_labels_and_overrides(capsys):
    code, out, _ = run(capsys, str(EXAMPLE), "--lexical-only", "--segment", "lines")
    document = json.loads(out)
    assert code == 0
    assert (document["left"]["label"], document["right"]["label"]) == ("Israeli PMO", "Kremlin")
    assert document["case"]["date"] == "2023-12-10"
    code, out, _ = run(capsys, str(EXAMPLE), "--lexical-only", "--left-label", "Jerusalem")
    assert json.loads(out)["left"]["label"] == "Jerusalem"


def test_segment_lines_is_one_statement_per_non_empty_line(capsys, tmp_path):
    left = tmp_path / "l.txt"
    left.write_text("Mr. Putin said: “Yes.” He left. Then Dec. 10 came.\n\n  \nSecond line\nthird line.\n", encoding="utf-8")
    right = tmp_path / "r.txt"
    right.write_text("One.\r\nTwo. Three.\r\n", encoding="utf-8")
    code, out, _ = run(capsys, str(left), str(right), "--lexical-only", "--segment", "lines")
    document = json.loads(out)
    assert code == 0
    assert [s["text"] for s in document["left"]["statements"]] == [
        "Mr. Putin said: “Yes.” He left. Then Dec. 10 came.",
        "Second line",
        "third line.",
    ]
    assert len(document["right"]["statements"]) == 2


def test_left_side_from_stdin(capsys, two_files, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Putin stressed the humanitarian situation.")))
    code, out, _ = run(capsys, "-", two_files[1], "--lexical-only", "--left-label", "Piped")
    assert code == 0
    document = json.loads(out)
    assert document["left"]["label"] == "Piped"
    assert document["left"]["statements"][0]["text"] == "Putin stressed the humanitarian situation."


def test_thresholds_reach_the_alignment(capsys, two_files):
    code, out, _ = run(capsys, *two_files, "--lexical-only", "--threshold", "0", "--match-threshold", "1")
    document = json.loads(out)
    assert code == 0
    assert document["settings"]["threshold"] == 0.0 and document["settings"]["match_threshold"] == 1.0
    code, out, _ = run(capsys, *two_files, "--lexical-only", "--threshold", "1")
    assert json.loads(out)["settings"]["threshold"] == 1.0


def test_the_model_goes_through_the_cache(capsys, two_files, fake_model, cache_dir):
    code, out, err = run(capsys, *two_files, "--format", "json")
    assert code == 0 and err == ""
    assert json.loads(out)["model"] == "all-MiniLM-L6-v2"
    document = json.loads(out)
    texts = [s["text"] for side in ("left", "right") for s in document[side]["statements"]]
    # Each distinct text once (two statements are the same on both sides), as written and
    # without the names several statements share.
    assert sorted(fake_model[0].encoded) == sorted(set(embedded_texts(texts)))
    assert (cache_dir / "embeddings.sqlite3").exists()

    code, out2, _ = run(capsys, *two_files, "--format", "json")
    assert code == 0
    assert fake_model[1].calls == []  # served from the cache
    assert json.loads(out2)["pairs"] == json.loads(out)["pairs"]


def test_no_cache_writes_nothing(capsys, two_files, fake_model, cache_dir):
    code, _, _ = run(capsys, *two_files, "--no-cache")
    assert code == 0
    assert not (cache_dir / "embeddings.sqlite3").exists()


def test_damaged_cache_is_a_note_not_an_error(capsys, two_files, fake_model, cache_dir):
    (cache_dir / "embeddings.sqlite3").write_bytes(b"garbage" * 500)
    code, out, err = run(capsys, *two_files)
    assert code == 0
    assert json.loads(out)["pairs"]
    assert err.startswith("readout-tui: note: embedding cache was damaged") and err.count("\n") == 1
    assert list(cache_dir.glob("embeddings.sqlite3.corrupt-*"))


# --- Usage and input errors: exit 2, one line --------------------------------------------------


BAD_OPTIONS = [
    (["--format", "xml"], ["--format", "xml"]),
    (["--segment", "words"], ["--segment", "words"]),
    (["--threshold", "1.5"], ["--threshold", "between 0 and 1"]),
    (["--threshold", "-0.1"], ["--threshold"]),
    (["--threshold", "nan"], ["--threshold"]),
    (["--threshold", "abc"], ["--threshold", "not a number"]),
    (["--match-threshold", "2"], ["--match-threshold"]),
    (["--threshold"], ["--threshold"]),
    (["--no-such-option"], ["--no-such-option"]),
]


@pytest.mark.parametrize("argv, fragments", [pytest.param(a, f, id=" ".join(a)) for a, f in BAD_OPTIONS])
def test_bad_option_values(capsys, argv, fragments):
    code, out, err = run(capsys, str(EXAMPLE), "--lexical-only", *argv)
    assert_usage_error(code, out, err, *fragments)


def test_missing_file(capsys, two_files, tmp_path):
    code, out, err = run(capsys, two_files[0], str(tmp_path / "nope.txt"), "--lexical-only")
    assert_usage_error(code, out, err, "nope.txt", "no such file")


def test_three_positional_files(capsys, two_files):
    code, out, err = run(capsys, *two_files, two_files[0], "--lexical-only")
    assert_usage_error(code, out, err, "two readout files", f"3 were given: {two_files[0]}, {two_files[1]}, ")


def test_no_files(capsys):
    code, out, err = run(capsys)
    assert_usage_error(code, out, err, "two readout files")


def test_empty_and_binary_files(capsys, two_files, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert_usage_error(*run(capsys, two_files[0], str(empty), "--lexical-only"), "no statements")
    assert_usage_error(*run(capsys, str(binary), two_files[1], "--lexical-only"), "binary")


def test_both_sides_from_stdin(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"One.")))
    assert_usage_error(*run(capsys, "-", "-", "--lexical-only"), "standard input")


def test_file_name_with_a_line_break_and_escape_stays_one_harmless_line(capsys, tmp_path):
    code, out, err = run(capsys, str(tmp_path / "bad\nname\x1b]0;x\x07.txt"), str(tmp_path / "b.txt"), "--lexical-only")
    assert_usage_error(code, out, err, "no such file")
    assert "\x1b" not in err and "\x07" not in err


def test_model_path_that_does_not_exist(capsys):
    code, out, err = run(capsys, str(EXAMPLE), "--model", "/nonexistent/path")
    assert_usage_error(code, out, err, "/nonexistent/path", "no such folder")


@pytest.mark.parametrize("name", ["", "  "])
def test_an_empty_model_name_is_refused_not_taken_for_the_english_model(capsys, name):
    code, out, err = run(capsys, str(EXAMPLE), "--model", name)
    assert_usage_error(code, out, err, "--model", "empty", "leave --model out")
    assert cli.main([str(EXAMPLE), "--model", name]) == 2  # the app's command line too
    assert "--model: empty" in capsys.readouterr().err


@pytest.mark.parametrize("output", ["", " "])
def test_an_empty_output_name_is_refused_not_written_as_a_folder_or_a_blank_file(
    capsys, two_files, tmp_path, monkeypatch, output
):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, *two_files, "--lexical-only", "--format", "json", "--output", output)
    assert_usage_error(code, out, err, "--output", "empty", "'-' to print")
    assert not (tmp_path / " ").exists()


def test_model_path_that_is_a_file(capsys, two_files):
    code, out, err = run(capsys, str(EXAMPLE), "--model", two_files[0])
    assert_usage_error(code, out, err, "not a folder")


def test_model_path_that_is_a_folder_without_a_model_says_so_before_loading_anything(capsys, tmp_path):
    code, out, err = run(capsys, str(EXAMPLE), "--model", str(tmp_path))
    assert_usage_error(code, out, err, "holds no model", "minilm-readouts-1")


def test_model_failing_at_run_time(capsys, two_files, monkeypatch):
    from readout_tui.core.engine.embedder import ModelError

    class Broken(FakeEmbedder):
        def encode(self, texts, progress=None):
            raise ModelError("cannot load model 'x': out of memory\nwith a second line")

    monkeypatch.setattr(cli, "make_embedder", lambda model=None, device=None: Broken())
    code, out, err = run(capsys, *two_files)
    assert_usage_error(code, out, err, "out of memory with a second line")


# --- Terminal plumbing -----------------------------------------------------------------------


def test_help_and_version(capsys):
    with pytest.raises(SystemExit) as excinfo:
        cli.main(["compare", "--help"])
    assert excinfo.value.code == 0
    out = capsys.readouterr().out
    assert "--threshold" in out and "--lexical-only" in out and "--format" in out
    # USE is installed with readout-tui (a dependency): "if installed" sent users looking for it.
    assert "use (the multilingual Universal Sentence Encoder)" in " ".join(out.split())
    for argv in (["--version"], ["compare", "--version"]):
        with pytest.raises(SystemExit) as excinfo:
            cli.main(argv)
        assert excinfo.value.code == 0
        assert capsys.readouterr().out.startswith("readout-tui ")


class _ClosedPipe(io.StringIO):
    def write(self, text):
        raise BrokenPipeError(32, "Broken pipe")


def test_reader_gone_is_quiet(two_files, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdout", _ClosedPipe())
    code = cli.main(["compare", *two_files, "--lexical-only"])
    assert code == 1
    assert capsys.readouterr().err == ""


def test_terminal_that_cannot_show_unicode(two_files, monkeypatch):
    buffer = io.BytesIO()
    stdout = io.TextIOWrapper(buffer, encoding="ascii")
    monkeypatch.setattr(sys, "stdout", stdout)
    assert cli.main(["compare", *two_files, "--lexical-only", "--format", "text"]) == 0
    stdout.flush()
    text = buffer.getvalue().decode("ascii")
    assert "\\u2205" in text or "\\u2248" in text  # the status glyphs, escaped


def test_keyboard_interrupt_exits_130(capsys, two_files, monkeypatch):
    from readout_tui.core.engine import pipeline as engine

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(engine, "collect", interrupted)
    assert cli.main(["compare", *two_files, "--lexical-only"]) == 130


# --- A real process --------------------------------------------------------------------------


def test_python_dash_m_compare(two_files):
    result = subprocess.run(
        [sys.executable, "-m", "readout_tui", "compare", *two_files, "--lexical-only"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    document = json.loads(result.stdout)  # piped: JSON by default
    assert len(document["left"]["statements"]) == 3


def test_the_program_leaves_once_its_report_is_written(capsys, two_files, tmp_path):
    """``program`` ends the process after a compare's report (``cli._leave``): the same report
    as ``main``'s, code 0, the ``atexit`` hooks run, but no object is torn down one by one."""
    target = tmp_path / "program.json"
    code = (
        "import atexit, sys\n"
        "from readout_tui import cli\n"
        "atexit.register(lambda: print('hook ran', file=sys.stderr))\n"
        "class Noisy:\n"
        "    def __del__(self): print('torn down', file=sys.stderr)\n"
        "kept = Noisy()\n"
        f"sys.argv = ['readout-tui', 'compare', *{list(two_files)!r}, '--lexical-only', '-o', {str(target)!r}]\n"
        "cli.program()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert (result.stdout, result.stderr) == ("", "hook ran\n")
    in_process = tmp_path / "main.json"
    assert run(capsys, *two_files, "--lexical-only", "-o", str(in_process))[0] == 0
    assert target.read_bytes() == in_process.read_bytes()


def test_python_dash_m_compare_error_is_one_line(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "readout_tui", "compare", str(tmp_path / "a.txt"), str(tmp_path / "b.txt")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "no such file" in result.stderr


def test_nonexistent_model_path_fails_without_importing_torch():
    code = (
        "import sys\n"
        "from readout_tui import cli\n"
        f"rc = cli.main(['compare', {str(EXAMPLE)!r}, '--model', '/nonexistent/path'])\n"
        "print(rc, 'torch' in sys.modules, 'sentence_transformers' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    assert result.stdout.split() == ["2", "False", "False"], result.stderr
    assert result.stderr.count("\n") == 1 and "/nonexistent/path" in result.stderr


def test_output_named_txt_is_the_text_report(capsys, two_files, tmp_path):
    target = tmp_path / "report.txt"
    code, out, _ = run(capsys, *two_files, "--lexical-only", "-o", str(target))
    assert code == 0 and out == ""
    assert target.read_text(encoding="utf-8").startswith("pmo (3 statements)")


def test_output_with_a_name_that_says_no_format_is_refused_before_any_work(capsys, two_files, tmp_path):
    target = tmp_path / "report.docx"
    assert_usage_error(*run(capsys, *two_files, "-o", str(target)), "report.docx", "--format")
    assert not target.exists()


@pytest.mark.parametrize("device", ["tpu", "cuda0", "CPU "])
def test_a_device_that_is_not_one_is_a_usage_error(capsys, two_files, device):
    assert_usage_error(*run(capsys, *two_files, "--lexical-only", "--device", device), "not a device")


def test_the_same_file_twice_gets_two_labels(capsys, two_files):
    code, out, _ = run(capsys, two_files[0], two_files[0], "--lexical-only", "--format", "json")
    document = json.loads(out)
    assert code == 0 and (document["left"]["label"], document["right"]["label"]) == ("pmo", "pmo (2)")


def test_two_files_of_one_name_in_two_folders_are_labelled_by_their_folders(capsys, tmp_path, two_files):
    # "israel/readout.txt" and "russia/readout.txt" were "readout" and "readout (2)".
    for folder, source in (("israel", two_files[0]), ("russia", two_files[1])):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "readout.txt").write_text(Path(source).read_text(encoding="utf-8"), encoding="utf-8")
    sides = [str(tmp_path / folder / "readout.txt") for folder in ("israel", "russia")]
    code, out, _ = run(capsys, *sides, "--lexical-only", "--format", "json")
    document = json.loads(out)
    assert code == 0 and (document["left"]["label"], document["right"]["label"]) == ("israel", "russia")


@pytest.mark.parametrize("target", ["pmo.txt", "kremlin.txt", "./pmo.txt"])
def test_a_report_over_one_of_the_readouts_is_refused(capsys, two_files, tmp_path, monkeypatch, target):
    # 'compare LEFT RIGHT -o LEFT' replaced the readout with the report, without a word.
    monkeypatch.chdir(tmp_path)
    before = Path(two_files[0]).read_text(encoding="utf-8")
    code, out, err = run(capsys, *two_files, "--lexical-only", "--format", "text", "-o", target)
    assert_usage_error(code, out, err, target, "readout of this comparison", "name another file")
    assert Path(two_files[0]).read_text(encoding="utf-8") == before


def test_a_report_over_a_case_s_session_or_meta_is_refused(capsys, tmp_path):
    folder = tmp_path / "case"
    folder.mkdir()
    for name in ("left.txt", "right.txt"):
        (folder / name).write_text("The leaders spoke by phone.\n", encoding="utf-8")
    for name, what in (("session.json", "the saved session"), ("meta.json", "the case's meta.json")):
        code, out, err = run(capsys, str(folder), "--lexical-only", "-o", str(folder / name))
        assert_usage_error(code, out, err, what)
        assert not (folder / name).exists()


# --- Progress --------------------------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal_while_embedding_and_aligning_then_blanked(capsys, two_files, fake_model, monkeypatch):
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    code, out, _ = run(capsys, *two_files, "--format", "json")
    assert code == 0 and json.loads(out)["pairs"]
    shown = terminal.getvalue()
    assert "\rembedding" in shown.replace("\x1b[K", "") and "aligning 3/3 statements" in shown
    assert shown.endswith("\r\x1b[K")  # the line is gone before anything else is written


def test_no_progress_when_standard_error_is_not_a_terminal(capsys, two_files, fake_model):
    code, out, err = run(capsys, *two_files, "--format", "json")
    assert code == 0 and json.loads(out)["pairs"] and err == ""


def test_numpy_is_asked_for_small_pages_unless_the_user_chose(monkeypatch):
    monkeypatch.delenv("NUMPY_MADVISE_HUGEPAGE", raising=False)
    cli._small_pages()
    assert os.environ["NUMPY_MADVISE_HUGEPAGE"] == "0"
    monkeypatch.setenv("NUMPY_MADVISE_HUGEPAGE", "1")
    cli._small_pages()
    assert os.environ["NUMPY_MADVISE_HUGEPAGE"] == "1"


@pytest.mark.parametrize("chosen", [None, *cli.BLAS_THREADS])
def test_compare_asks_the_blas_for_one_thread_unless_the_user_chose(monkeypatch, chosen):
    for name in cli.BLAS_THREADS:
        monkeypatch.delenv(name, raising=False)
    if chosen:
        monkeypatch.setenv(chosen, "2")
    cli._one_blas_thread()
    assert os.environ.get("OPENBLAS_NUM_THREADS") == ("1" if chosen is None else "2" if chosen == "OPENBLAS_NUM_THREADS" else None)


def test_numpy_is_not_imported_before_compare_asks_for_one_blas_thread():
    # The BLAS reads its thread count once, when numpy loads it: asking later would do nothing.
    code = "import sys, readout_tui.cli; print('numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_compare_runs_with_the_collector_paused_and_leaves_it_as_found(capsys, two_files, monkeypatch):
    import gc

    from readout_tui.core.engine import decision

    seen = []
    decide = decision.decide

    def watched(*args, **kwargs):
        seen.append(gc.isenabled())
        return decide(*args, **kwargs)

    monkeypatch.setattr(decision, "decide", watched)
    assert gc.isenabled()
    code, out, _ = run(capsys, *two_files, "--lexical-only", "--format", "json")
    assert code == 0 and json.loads(out)["pairs"]
    assert seen == [False] and gc.isenabled()


@pytest.mark.parametrize("argv", [["--no-session", "compare", str(EXAMPLE)], [str(EXAMPLE), "compare"]])
def test_compare_after_an_option_is_told_to_come_first(capsys, argv):
    # It was read as a file name: "compare: no such file".
    assert_usage_error(cli.main(argv), *capsys.readouterr(), "'compare' comes first", "readout-tui compare [OPTIONS]")


@pytest.mark.parametrize("option", [["--format", "json"], ["-o", "x.md"], ["--output=x.md"], ["--pretty"]])
def test_a_report_option_without_compare_says_it_is_compares(capsys, option):
    code, out, err = cli.main([str(EXAMPLE), *option]), *capsys.readouterr()
    assert_usage_error(code, out, err, "unrecognized arguments", "options of 'readout-tui compare'")
