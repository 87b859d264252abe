"""Command line: `readout-tui [LEFT RIGHT | CASE]` opens the app; `readout-tui compare ...` prints.

Textual, torch and sentence-transformers are imported only on the paths that need them, so
`compare` on a warm cache starts and finishes quickly.
"""

from __future__ import annotations

import argparse
import atexit
import io
import os
import re
import shutil
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import NoReturn

from readout_tui.core.bulk import collector_paused
from readout_tui.core.engine.cache import EmbeddingCache
from readout_tui.core.engine.embedder import (
    DEFAULT_MODEL,
    STOCK_MODEL,
    ByLanguage,
    Embedder,
    ModelError,
    make_embedder,
)
from readout_tui.core.engine.settings import HAND_SET_THRESHOLD, AlignmentSettings
from readout_tui.core.engine.statements import Segmentation
from readout_tui.core.io.loading import Comparison, InputError, load_comparison

from . import __version__

EXAMPLE = Path(__file__).parent / "examples" / "netanyahu-putin-2023-12-10"
"""The bundled example, opened when no readouts are named."""

FORMATS = ("text", "markdown", "json", "html", "csv")


class UsageError(Exception):
    pass


class OutputError(Exception):
    """The report could not be written (a full disk, a terminal gone)."""


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line and exit code 2, like every other input error."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def _common(parser: argparse.ArgumentParser) -> None:
    defaults = AlignmentSettings()
    parser.add_argument(
        "sources",
        nargs="*",
        metavar="READOUT",
        help="two readout files (LEFT RIGHT; '-' reads one from standard input), one case folder, "
        "or one article that tells both accounts (text or a saved .html page)",
    )
    parser.add_argument(
        "--segment",
        choices=[m.value for m in Segmentation],
        default=Segmentation.SENTENCES.value,
        help="how to split a readout into statements (default: sentences)",
    )
    parser.add_argument("--left-label", help="name of the left account (default: file name or meta.json)")
    parser.add_argument("--right-label", help="name of the right account")
    parser.add_argument(
        "--model",
        type=_model_name,
        help=f"{DEFAULT_MODEL} (bundled, English: {STOCK_MODEL} fine-tuned on readouts), {STOCK_MODEL}, "
        "e5 (multilingual-e5-small), use (the multilingual "
        "Universal Sentence Encoder) or the folder of a sentence-transformers model "
        f"(default: {DEFAULT_MODEL} when both readouts are in English, e5 otherwise)",
    )
    parser.add_argument(
        "--device",
        type=_device,
        help="where the model runs: cpu, cuda, cuda:N, mps (default: automatic)",
    )
    parser.add_argument(
        "--lexical-only",
        action="store_true",
        help="do not use the model at all; match on shared distinctive words only",
    )
    parser.add_argument(
        "--threshold",
        type=_unit_float,
        help="a statement has a counterpart when its best score (0-1) against the other side "
        "reaches this; lower finds more counterparts, and more false ones. With the bundled "
        "model the score is the learned probability that two statements are counterparts "
        "(default: the saved session's, else the learned scorer's own; "
        f"{HAND_SET_THRESHOLD} for a model without one; {defaults.lexical_threshold} when only "
        "shared words are compared)",
    )
    parser.add_argument(
        "--match-threshold",
        type=_unit_float,
        default=defaults.match_threshold,
        help="pairs scoring at least this are 'match' (the same said), below it 'related' (told differently) "
        f"(default: {defaults.match_threshold})",
    )
    parser.add_argument(
        "--order-weight",
        type=_unit_float,
        default=defaults.order_weight,
        help="how much a pair's score drops for being far apart in the two accounts' order "
        f"(0 ignores order; default: {defaults.order_weight})",
    )
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the embedding cache")
    parser.add_argument(
        "--no-session",
        action="store_true",
        help="ignore the saved session (corrections, notes, threshold) of this comparison",
    )


def _device(value: str) -> str:
    # Checked here, not when the model loads: a warm cache never loads it, and a bad value
    # would otherwise pass silently or be blamed on the model.
    if re.fullmatch(r"cpu|mps|cuda(:\d+)?", value):
        return value
    raise argparse.ArgumentTypeError(f"not a device: {value!r} (cpu, cuda, cuda:N or mps)")


def _model_name(value: str) -> str:
    # An empty name ('--model "$MODEL"' with MODEL unset) was taken for the bundled English
    # model, even for two Russian readouts: no --model at all chooses by the languages.
    if not value.strip():
        raise argparse.ArgumentTypeError(
            "empty: name a model, or leave --model out to choose one by the readouts' languages"
        )
    return value


def _output_name(value: str) -> str:
    # An empty name ('-o "$OUT"' with OUT unset) was written as the folder "." ("cannot write
    # it (a folder...)"), a blank one as a file named " ".
    if not value.strip():
        raise argparse.ArgumentTypeError("empty: name the file to write, or give '-' to print the report")
    return value


def _unit_float(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1: {value}")
    return number


def build_parsers() -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    app = _Parser(
        prog="readout-tui",
        description="Compare two accounts of the same event, statement by statement. "
        "With no readouts, opens the bundled Netanyahu-Putin example. "
        "Run 'readout-tui compare --help' for the non-interactive report.",
    )
    app.add_argument("--version", action="version", version=f"readout-tui {__version__}")
    _common(app)
    compare = _Parser(
        prog="readout-tui compare",
        description="Print the comparison of two readouts (or a case folder) and exit.",
    )
    # As the app's: 'readout-tui compare --version' was "unrecognized arguments".
    compare.add_argument("--version", action="version", version=f"readout-tui {__version__}")
    _common(compare)
    compare.add_argument(
        "--format",
        choices=FORMATS,
        help="output format (default: from --output's suffix, else text on a terminal, json when piped)",
    )
    compare.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        type=_output_name,
        help="write the report to FILE instead of printing it ('-' prints it): a file is replaced "
        "atomically, a FIFO or terminal is written to",
    )
    compare.add_argument(
        "--pretty",
        action="store_true",
        help="indent the JSON also when standard output is a pipe (where it is otherwise one line)",
    )
    return app, compare


def program() -> NoReturn:
    """The program's entry point (``readout-tui``, ``python -m readout_tui``): ``main``, and
    a ``compare`` whose report is out ends the process at once (``_leave``)."""
    sys.exit(main(leave=True))


def main(argv: list[str] | None = None, leave: bool = False) -> int:
    """``leave``: a ``compare`` that has written its report ends the process (``_leave``)
    instead of returning 0, for the program alone: a caller in this process gets its code."""
    argv = sys.argv[1:] if argv is None else argv
    _small_pages()
    app_parser, compare_parser = build_parsers()
    try:
        if argv[:1] == ["compare"]:
            _one_blas_thread()
            return run_compare(compare_parser.parse_args(argv[1:]), leave)
        return run_app(_app_args(app_parser, argv))
    except (UsageError, InputError, ModelError) as exc:
        print(f"readout-tui: error: {_one_line(str(exc))}", file=sys.stderr)
        return 2
    except OutputError as exc:
        _drop_stdout()
        print(f"readout-tui: error: {_one_line(str(exc))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader (`| head`) has gone: stop quietly.
        _drop_stdout()
        return 1


COMPARE_ONLY = ("--format", "--output", "-o", "--pretty")
"""The options of ``compare`` alone: given without it, the user meant the report."""


def _app_args(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace:
    """The app's arguments. ``compare`` is only a command in the first place: after an option
    (``readout-tui --no-session compare CASE``) it was taken for a file and refused as "no such
    file", and ``compare``'s own options without it as unrecognized: both say what to type."""
    try:
        args = parser.parse_args(argv)
    except UsageError as exc:
        if any(arg.split("=")[0] in COMPARE_ONLY for arg in argv):
            raise UsageError(f"{exc} (--format, --output and --pretty are options of 'readout-tui compare')") from None
        raise
    if "compare" in args.sources and not os.path.lexists("compare"):
        raise UsageError("'compare' comes first: readout-tui compare [OPTIONS] READOUT ...")
    return args


def _small_pages() -> None:
    """Asks numpy, before it is imported, not to advise the kernel to back large arrays with
    huge pages. The engine's blocks are ~33 MB arrays made afresh; where the kernel defragments
    memory for advised regions on demand (transparent_hugepage/defrag "madvise", the usual
    default), each such page may cost compaction in system time (docs/performance.md, fifth
    round). Only memory's backing changes, no figure. A value the user set is kept."""
    os.environ.setdefault("NUMPY_MADVISE_HUGEPAGE", "0")


BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "GOTO_NUM_THREADS", "MKL_NUM_THREADS")
"""What a user may have set to choose the BLAS's threads."""


def _one_blas_thread() -> None:
    """Asks the BLAS, before numpy is imported, for one thread in ``compare``. Its products
    run beside a worker thread (the reach's two stages) and the children of ``core.aside``,
    which keep both cores of a small machine busy: a second BLAS thread found no core free and
    spun waiting for work (~1.5 CPU-s of the command at 10,000 statements a side, with the
    same output; docs/performance.md, eighth round). A choice the user made is kept."""
    if not any(name in os.environ for name in BLAS_THREADS):
        os.environ["OPENBLAS_NUM_THREADS"] = "1"


def _drop_stdout() -> None:
    """Keep Python from complaining on exit about a standard output it cannot flush."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass


def _one_line(message: str) -> str:
    """An error message as one harmless line: file names and library messages may hold line
    breaks or terminal control characters."""
    from readout_tui.core.io.display import printable

    return printable(" ".join(message.split()))


def _settings(args: argparse.Namespace) -> AlignmentSettings:
    """The command line's settings but the threshold, which ``settings_in_force`` decides
    (``--threshold``, else the saved session's)."""
    return AlignmentSettings(match_threshold=args.match_threshold, order_weight=args.order_weight)


def _comparison(args: argparse.Namespace, default: list[str] | None = None) -> Comparison:
    sources = args.sources or default
    if not sources:
        raise UsageError("give two readout files (LEFT RIGHT), one case folder or one article")
    return load_comparison(sources, args.segment, args.left_label, args.right_label)


def _embedder(args: argparse.Namespace) -> Embedder | ByLanguage | None:
    return None if args.lexical_only else make_embedder(args.model, args.device)


def run_compare(args: argparse.Namespace, leave: bool = False) -> int:
    """``compare``, with Python's cyclic garbage collector paused throughout: the comparison's
    objects (hundreds of thousands at 10,000 statements a side) live till the report is out,
    and the collector walked them again at each pass over the objects made since the last,
    ~0.4 CPU-s there, to free ~800 objects in all (docs/performance.md, fourteenth round)."""
    with collector_paused():
        return _run_compare(args, leave)


def _run_compare(args: argparse.Namespace, leave: bool) -> int:
    from readout_tui.core.work.mentions import one_sided_aside

    fmt = _output_format(args)
    # Before the readouts are read: a model that is not here is told at once.
    embedder = _embedder(args)
    comparison = _comparison(args)
    if not _to_stdout(args):
        from readout_tui.core.work.session import own_file

        what = own_file(Path(args.output), comparison)
        if what:
            raise UsageError(f"{args.output}: that is {what} of this comparison; name another file for the report")
    comparison, session = _saved_session(args, comparison)
    if comparison.info.article is not None:
        # An article is compared as the analyst assigned its statements in the app. Imported
        # for an article alone: the attribution's modules took ~0.12-0.17 s to import.
        from readout_tui.core.work.assignment import assigned

        comparison = assigned(comparison, session)
    # Every export but text lists the mentions one side lacks, found from the readouts alone:
    # at scale, in a child process while this one compares the statements.
    with nullcontext() if fmt == "text" else one_sided_aside(comparison.left, comparison.right) as mentions:
        return _compared(args, fmt, embedder, comparison, session, mentions, leave)


def _compared(args, fmt, embedder, comparison, session, mentions, leave=False) -> int:
    from readout_tui.core.engine.decision import decide
    from readout_tui.core.engine.pipeline import collect
    from readout_tui.core.io import export, report
    from readout_tui.core.io.progress import ProgressLine
    from readout_tui.core.work.workspace import settings_in_force

    cache = None if args.no_cache else EmbeddingCache()
    progress = ProgressLine.on(sys.stderr)
    try:
        evidence = collect(
            comparison.left,
            comparison.right,
            embedder,
            cache,
            progress.stage("embedding", "texts") if progress else None,
            aligning=progress.stage("aligning", "statements") if progress else None,
        )
    finally:
        if progress:
            progress.close()
    alignment = decide(evidence, settings_in_force(_settings(args), args.threshold, session))
    alignment = session.decisions.apply(alignment, evidence)
    if alignment.languages and alignment.languages.warning():
        print(f"readout-tui: warning: {_one_line(alignment.languages.warning())}", file=sys.stderr)
    if cache and cache.notice:
        _note(cache.notice)
    if fmt == "text":
        # On a terminal, as wide as it is; into a file or a pipe, the report's usual width.
        width = shutil.get_terminal_size((100, 24)).columns if _to_stdout(args) and sys.stdout.isatty() else 100
        output = report.to_text(alignment, comparison.info, width, session.decisions)
    else:
        # Piped, JSON goes to a program: one line, written several times faster.
        pretty = args.pretty or not _to_stdout(args) or sys.stdout.isatty()
        output = export.render(fmt, alignment, comparison.info, session.decisions, pretty, mentions.result())
    if _to_stdout(args):
        _write(output)
    else:
        _save(Path(args.output), fmt, output)
    if leave:
        _leave(cache)
    return 0


def _leave(cache: EmbeddingCache | None) -> NoReturn:
    """Ends the process with code 0, the report written: the cache closed, the standard
    streams flushed and the ``atexit`` hooks run (multiprocessing's, a library's temporary
    files), but the comparison's objects not freed one by one, nor the modules torn down.
    At 10,000 statements a side that took ~0.3-0.5 CPU-s after the report was out
    (docs/performance.md, twelfth round). Every child has been waited for by then: each
    ``Aside`` is closed once its answer is read."""
    if cache is not None:
        cache.close()
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()
    atexit._run_exitfuncs()
    os._exit(0)


def _to_stdout(args: argparse.Namespace) -> bool:
    return args.output in (None, "-")


def _output_format(args: argparse.Namespace) -> str:
    """--format; else what --output's name asks for; else text on a terminal, JSON when piped."""
    from readout_tui.core.io.export import format_of

    if args.format:
        return args.format
    if not _to_stdout(args):
        found = format_of(args.output)
        if found is None and os.path.isdir(args.output):
            # What is wrong is the folder, not its name's ending.
            raise UsageError(
                f"{args.output}: a folder; name a file in it, ending in .txt, .md, .html, .csv or .json"
            )
        if found is None:
            raise UsageError(
                f"cannot tell a format from the name {args.output!r}: "
                "end it in .txt, .md, .html, .csv or .json, or give --format"
            )
        return found
    return "text" if sys.stdout.isatty() else "json"


def _saved_session(args: argparse.Namespace, comparison: Comparison):
    """The comparison with the statements the session split or merged, and the session (empty
    with --no-session); what went wrong loading it, or could not be carried over to edited
    readouts, is noted on standard error."""
    from readout_tui.core.work.session import Session, SessionStore

    if args.no_session:
        return comparison, Session()
    restored = SessionStore.of(comparison).load(comparison)
    if restored.notice:
        _note(restored.notice)
    for lost in restored.lost:
        _note(f"a saved decision no longer fits the readouts: {lost}")
    article = comparison.info.article
    if article is not None:
        # As the app says on opening the article: the move is not made, and stays in the file.
        # One on a statement edited a little since is made (fitted_moves), and not said here.
        from readout_tui.core.work.session import fitted_moves

        _, gone = fitted_moves(restored.session.assignment, [statement.text for statement in article.statements])
        for text in gone:
            _note(f"a statement moved by hand is no longer in the article, and is left out: “{text}”")
    earlier = len(restored.session.lost) - len(restored.lost)
    if earlier > 0:
        # Said at every run until they are made again or discarded in the app: never out of sight.
        path = SessionStore.of(comparison).path
        _note(f"saved decisions that no longer fit the readouts: {earlier}, kept in {path} (the app lists them: L)")
    return restored.comparison or comparison, restored.session


def _note(message: str) -> None:
    print(f"readout-tui: note: {_one_line(message)}", file=sys.stderr)


def _save(path: Path, fmt: str, output: str) -> None:
    from readout_tui.core.io.export import write

    try:
        write(path, fmt, output)
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: cannot write it ({getattr(exc, 'strerror', None) or exc})") from exc


def _keys_from_the_terminal() -> None:
    """The app reads keys from standard input; when that was a pipe (a readout given as '-',
    or `< file`), the keys come from the terminal instead, as with `less`."""
    stdin = sys.__stdin__
    if stdin is not None and stdin.isatty():
        return
    try:
        terminal = os.open("/dev/tty", os.O_RDONLY)
    except OSError as exc:
        raise InputError(
            "the app needs a terminal to read keys from; use 'readout-tui compare' instead"
        ) from exc
    os.dup2(terminal, 0)
    os.close(terminal)


def _write(output: str) -> None:
    """Write the report; characters the terminal's encoding lacks become escapes, not a crash."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        output.encode(encoding)
    except UnicodeEncodeError:
        output = output.encode(encoding, "backslashreplace").decode(encoding)
    except LookupError:
        pass
    try:
        sys.stdout.write(output)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(f"cannot write the report ({exc.strerror or exc})") from exc


def run_app(args: argparse.Namespace) -> int:
    comparison = _comparison(args, default=[str(EXAMPLE)])
    _keys_from_the_terminal()
    from .app import ReadoutApp  # Textual is only needed here

    cache = None if args.no_cache else EmbeddingCache()
    store = None
    if not args.no_session:
        from readout_tui.core.work.session import SessionStore

        # The one writer on this comparison, or read-only while another instance is.
        store = SessionStore.open(comparison)
    try:
        app = ReadoutApp(
            comparison,
            embedder=_embedder(args),
            cache=cache,
            settings=_settings(args),
            session=store,
            threshold=args.threshold,
            reload=lambda: _comparison(args, default=[str(EXAMPLE)]),
        )
        app.run()
    finally:
        if store is not None:
            store.close()
    if store is not None and store.unsaved:
        print(f"readout-tui: error: the last changes are not saved: {_one_line(store.unsaved)}", file=sys.stderr)
        return app.return_code or 1
    return app.return_code or 0
