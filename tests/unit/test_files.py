import errno
import fcntl
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from readout_tui.core.io import files
from readout_tui.core.io.files import write_atomic
from readout_tui.testing import fifo_reader


def test_writes_text_and_bytes(tmp_path):
    target = tmp_path / "out.md"
    write_atomic(target, "héllo")
    assert target.read_text(encoding="utf-8") == "héllo"
    write_atomic(target, b"\x00\x01")
    assert target.read_bytes() == b"\x00\x01"


def test_failure_mid_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "session.json"
    target.write_text("old", encoding="utf-8")

    def killed(*_args):
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new " * 10_000)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["session.json"]


def test_keeps_an_existing_files_mode(tmp_path):
    target = tmp_path / "report.html"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o640)
    write_atomic(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_new_file_follows_the_umask_not_mkstemps_0600(tmp_path):
    target = tmp_path / "fresh.csv"
    previous = os.umask(0o022)
    try:
        write_atomic(target, "a,b")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


# -- targets that are not regular files (issue 16) -----------------------------------------------


@pytest.fixture
def nothing_replaced(monkeypatch):
    """Fault injection: any attempt to rename a temporary file over a target fails the test
    before it happens, so even a broken write cannot replace the system's /dev/null."""

    def refuse(*args):
        raise AssertionError(f"tried to replace {args[-1]}")

    monkeypatch.setattr(files.os, "replace", refuse)
    monkeypatch.setattr(files.os, "rename", refuse)


def test_dev_null_is_written_in_place_never_replaced(nothing_replaced):
    before = os.stat("/dev/null")
    assert files.write_output("/dev/null", "report\n") == Path("/dev/null")
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    assert not [p for p in Path("/dev").iterdir() if p.name.startswith(".null.")]


def test_a_private_device_node_is_written_in_place(tmp_path, nothing_replaced):
    node = tmp_path / "null"
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("creating a device node needs root")
    files.write_output(node, "report\n")
    assert stat.S_ISCHR(node.lstat().st_mode) and node.lstat().st_rdev == os.makedev(1, 3)
    assert [p.name for p in tmp_path.iterdir()] == ["null"]


def test_a_fifo_with_a_reader_gets_the_report_and_stays_a_fifo(tmp_path, nothing_replaced):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with fifo_reader(fifo) as received:
        files.write_output(fifo, "line\n" * 50_000)  # more than a pipe holds at once
    assert bytes(received) == b"line\n" * 50_000
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_fifo_nobody_reads_is_refused_at_once_not_waited_on(tmp_path, nothing_replaced):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(files.FileRefused, match="FIFO that nothing is reading"):
        files.write_output(fifo, "report")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_link_to_a_device_writes_the_device(tmp_path, nothing_replaced):
    link = tmp_path / "out.txt"
    link.symlink_to("/dev/null")
    files.write_output(link, "report")
    assert link.is_symlink() and os.readlink(link) == "/dev/null"


def test_a_folder_or_block_device_is_refused(tmp_path, nothing_replaced):
    (tmp_path / "folder").mkdir()
    with pytest.raises(files.FileRefused, match="a folder"):
        files.write_output(tmp_path / "folder", "report")
    block = tmp_path / "disk"
    try:
        os.mknod(block, 0o600 | stat.S_IFBLK, os.makedev(7, 200))
    except PermissionError:
        return
    with pytest.raises(files.FileRefused, match="a block device"):
        files.write_output(block, "report")
    assert stat.S_ISBLK(block.lstat().st_mode)


def test_the_processs_own_redirected_output_is_written_in_place(tmp_path):
    # `compare -o /dev/stdout > out.txt`: /dev/stdout leads to out.txt, which the shell holds
    # open; replacing it (as root: replacing the /dev/stdout link itself) would lose the report.
    out = tmp_path / "out.txt"
    script = (
        "import os, sys\n"
        "from readout_tui.core.io import files\n"
        "def refuse(*args): raise SystemExit('tried to replace ' + str(args[-1]))\n"
        "files.os.replace = files.os.rename = refuse\n"
        "print('first', flush=True)\n"
        "files.write_output('/dev/stdout', 'report\\n')\n"
    )
    with out.open("w") as stream:
        result = subprocess.run([sys.executable, "-c", script], stdout=stream, stderr=subprocess.PIPE, text=True)
    assert result.returncode == 0, result.stderr
    assert out.read_text() == "first\nreport\n"
    assert Path("/dev/stdout").is_symlink()


def test_write_atomic_refuses_to_replace_a_fifo(tmp_path):
    fifo = tmp_path / "session.json"
    os.mkfifo(fifo)
    with pytest.raises(files.FileRefused, match="a FIFO, not a regular file"):
        write_atomic(fifo, "{}")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


# -- regular files -----------------------------------------------------------------------------


def test_the_folder_is_flushed_after_the_rename(tmp_path, monkeypatch):
    events = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(files.os, "replace", lambda *a: (events.append("replace"), real_replace(*a))[1])

    def fsync(handle):
        events.append("folder" if stat.S_ISDIR(os.fstat(handle).st_mode) else "file")
        real_fsync(handle)

    monkeypatch.setattr(files.os, "fsync", fsync)
    write_atomic(tmp_path / "out.md", "text")
    assert events == ["file", "replace", "folder"]


def test_a_writable_file_in_an_unwritable_folder_is_refused_clearly(tmp_path, monkeypatch):
    target = tmp_path / "report.html"
    target.write_text("the user's report")
    real_open = os.open

    def no_new_files(name, flags, *args, **kwargs):
        # What a folder without write permission does (root is not denied by chmod).
        if flags & os.O_CREAT and Path(name).parent == tmp_path:
            raise PermissionError(errno.EACCES, "Permission denied", name)
        return real_open(name, flags, *args, **kwargs)

    monkeypatch.setattr(files.os, "open", no_new_files)
    with pytest.raises(files.FileRefused) as caught:
        files.write_output(target, "new")
    assert caught.value.strerror == "its folder cannot be written to (Permission denied)"
    assert target.read_text() == "the user's report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes in any folder")
def test_a_really_unwritable_folder_is_refused_clearly(tmp_path):
    target = tmp_path / "report.html"
    target.write_text("the user's report")
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(files.FileRefused, match="its folder cannot be written to"):
            files.write_output(target, "new")
    finally:
        tmp_path.chmod(0o755)
    assert target.read_text() == "the user's report"


def test_leftovers_of_a_killed_write_are_removed_by_the_next(tmp_path):
    target = tmp_path / "session.json"
    for leftover in (".session.json.ab12cd34.tmp", ".session.json.k_9xq2mz.tmp"):  # ours, mkstemp's
        (tmp_path / leftover).write_text("half a sess")
    (tmp_path / ".session.json.notes.tmp").write_text("not ours")
    write_atomic(target, "{}")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".session.json.notes.tmp", "session.json"]


def test_a_write_under_way_keeps_its_temporary_file(tmp_path):
    # Another process's write in progress holds its temporary file locked: never taken for a leftover.
    live = tmp_path / ".out.md.0a1b2c3d.tmp"
    live.write_text("being written")
    with live.open("rb") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        write_atomic(tmp_path / "out.md", "text")
        assert live.exists()


def test_a_new_file_through_a_link_takes_the_umask_not_the_targets_mode(tmp_path):
    victim = tmp_path / "victim"
    victim.write_text("someone else's")
    victim.chmod(0o604)
    folder = tmp_path / "folder"
    folder.mkdir(mode=0o755)
    previous = os.umask(0o077)
    try:
        for name, target in (("a.html", victim), ("b.html", folder)):
            (tmp_path / name).symlink_to(target)
            write_atomic(tmp_path / name, "report")
            assert stat.S_IMODE((tmp_path / name).lstat().st_mode) == 0o600, name
    finally:
        os.umask(previous)
    assert victim.read_text() == "someone else's" and stat.S_IMODE(victim.stat().st_mode) == 0o604


# -- a file the user named that is a symbolic link ---------------------------------------------


@pytest.fixture
def replaced(monkeypatch) -> list[tuple[Path, Path]]:
    """Each rename a write makes, as (temporary file, target)."""
    seen: list[tuple[Path, Path]] = []
    real_replace = os.replace

    def replace(source, target):
        seen.append((Path(source), Path(target)))
        real_replace(source, target)

    monkeypatch.setattr(files.os, "replace", replace)
    return seen


def test_output_onto_a_link_writes_through_to_its_target_and_keeps_the_link(tmp_path, replaced):
    # `compare -o report.md` where report.md is a link (dotfiles, a synced folder): the
    # target gets the report, atomically, in its own folder; the link stays a link.
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "report.md"
    target.write_text("old report")
    target.chmod(0o640)
    link = tmp_path / "report.md"
    link.symlink_to(Path("real") / "report.md")  # relative, as `ln -s` makes them
    assert files.write_output(link, "new report") == link
    assert link.is_symlink() and os.readlink(link) == str(Path("real") / "report.md")
    assert target.read_text() == "new report" and stat.S_IMODE(target.stat().st_mode) == 0o640
    [(temporary, renamed_onto)] = replaced
    assert renamed_onto == target and temporary.parent == target.parent
    assert sorted(p.name for p in tmp_path.iterdir()) == ["real", "report.md"]
    assert [p.name for p in target.parent.iterdir()] == ["report.md"]


def test_output_through_a_chain_of_links_and_a_dangling_one(tmp_path):
    end = tmp_path / "c.csv"
    end.write_text("old")
    (tmp_path / "b.csv").symlink_to("c.csv")
    (tmp_path / "a.csv").symlink_to("b.csv")
    files.write_output(tmp_path / "a.csv", "new")
    assert end.read_text() == "new" and (tmp_path / "a.csv").is_symlink() and (tmp_path / "b.csv").is_symlink()
    # A link whose target does not exist yet: the target is made, as the shell's `>` does.
    (tmp_path / "later.md").symlink_to("made.md")
    files.write_output(tmp_path / "later.md", "report")
    assert (tmp_path / "later.md").is_symlink() and (tmp_path / "made.md").read_text() == "report"


def test_output_onto_a_loop_of_links_is_refused(tmp_path):
    (tmp_path / "a.md").symlink_to("b.md")
    (tmp_path / "b.md").symlink_to("a.md")
    with pytest.raises(OSError) as caught:
        files.write_output(tmp_path / "a.md", "report")
    assert caught.value.errno == errno.ELOOP
    assert (tmp_path / "a.md").is_symlink() and (tmp_path / "b.md").is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "b.md"]


# -- bounded reads -------------------------------------------------------------------------------


def test_read_bounded_reads_a_regular_file_up_to_the_limit(tmp_path):
    path = tmp_path / "meta.json"
    path.write_bytes(b"x" * 100)
    assert files.read_bounded(path, 100) == b"x" * 100
    with pytest.raises(files.FileRefused, match="larger than 99 bytes"):
        files.read_bounded(path, 99)


def test_read_bounded_refuses_a_fifo_without_waiting(tmp_path):
    fifo = tmp_path / "meta.json"
    os.mkfifo(fifo)
    with pytest.raises(files.FileRefused, match="a FIFO, not a regular file"):
        files.read_bounded(fifo, 1000)


def test_read_bounded_refuses_a_link_to_dev_zero(tmp_path):
    link = tmp_path / "session.json"
    link.symlink_to("/dev/zero")
    with pytest.raises(files.FileRefused, match="a character device, not a regular file"):
        files.read_bounded(link, 1000)
