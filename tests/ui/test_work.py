"""The analyst's work in the app: links, unlinks, kinds, unique marks, notes, undo, saving,
carrying work over to edited readouts, export and the one-side mentions."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Static

from readout_tui.core.io.loading import load_comparison
from readout_tui.core.types import Status
from readout_tui.core.work.decisions import HAND, HAND_NOTED, NOTED, Decisions
from readout_tui.core.work.session import Session, SessionStore
from readout_tui.screens.lost import LostScreen
from readout_tui.screens.prompt import ConfirmScreen, PromptScreen
from readout_tui.testing import help_text, ready, summary_text
from readout_tui.widgets.detail_strip import DetailStrip


def flag(pane, index: int) -> str:
    """The mark after the status glyph in the row of statement ``index``."""
    return pane.row(index).gutter.plain[-2]  # the flag, then a space before the text


def work_line(screen) -> str:
    line = screen.query_one("#work-line", Static)
    return str(line.render().plain) if line.display else ""


@pytest.fixture
def app_on(make_app):
    def make(comparison, store: SessionStore | None = None):
        return make_app(comparison, session=store)

    return make


def load(case: Path):
    return load_comparison([str(case)], "lines")


async def test_link_by_picking_then_undo_and_redo(app_on, newsroom):
    app = app_on(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert screen.workspace.alignment.status("left", 3) is Status.UNIQUE  # the hockey match
        assert screen.workspace.alignment.status("right", 3) is Status.UNIQUE  # sanctions relief
        screen.pane("left").move_to(3)
        await pilot.press("l")
        assert screen.side == "right" and "Linking L4" in work_line(screen)
        screen.pane("right").move_to(3)
        await pilot.pause()
        await pilot.press("enter")
        pair = next(p for p in screen.workspace.alignment.counterparts("left", 3) if p.right == 3)
        assert pair.manual and screen.workspace.alignment.status("left", 3) is not Status.UNIQUE
        assert flag(screen.pane("left"), 3) == HAND and flag(screen.pane("right"), 3) == HAND
        assert flag(screen.pane("left"), 0) == " "
        assert "pair decided by hand" in work_line(screen)
        await pilot.press("z")
        assert screen.workspace.alignment.status("left", 3) is Status.UNIQUE
        assert flag(screen.pane("left"), 3) == " "
        assert any(n.startswith("Undone: Linked L4 – R4") for n in app.notices)
        await pilot.press("Z")
        assert screen.workspace.alignment.status("left", 3) is not Status.UNIQUE


async def test_unlinking_a_link_made_by_hand_leaves_no_rejection_behind(app_on, newsroom):
    app = app_on(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("j", "j", "j", "l")
        await pilot.pause()
        await pilot.press("enter")
        [made] = [p for p in screen.workspace.alignment.counterparts("left", 3) if p.manual]
        await pilot.press("left", "g", "j", "j", "j")  # back to L4, whose only pair is the one just made
        assert screen.side == "left" and screen.pane("left").current == 3
        await pilot.press("x")
        decisions = screen.workspace.decisions
        assert not decisions.links and not decisions.unlinks
        assert flag(screen.pane("left"), 3) == " "


async def test_escape_cancels_picking_and_the_same_pane_is_refused(app_on, newsroom):
    app = app_on(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("l", "tab", "enter")
        assert any("other pane" in n for n in app.notices) and screen.workspace.picking is not None
        await pilot.press("escape")
        assert screen.workspace.picking is None and not screen.workspace.journal.current


async def test_unlink_and_kind_changes_win_over_the_threshold(app_on, newsroom):
    app = app_on(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        partner = screen.workspace.alignment.partners("left", 0)[0]  # the grain corridor
        await pilot.press("x")
        assert screen.workspace.alignment.status("left", 0) is Status.UNIQUE
        assert flag(screen.pane("left"), 0) == HAND
        await pilot.press("minus", "minus", "minus", "minus")
        assert partner not in screen.workspace.alignment.partners("left", 0)  # still, at a lower threshold
        await pilot.press("z", "j")  # back; on to the prisoner exchange
        pair = screen.workspace.alignment.counterparts("left", 1)[0]
        await pilot.press("t")
        changed = screen.workspace.alignment.counterparts("left", 1)[0]
        assert changed.kind is not pair.kind and changed.manual
        for _ in range(12):
            await pilot.press("plus")
        assert changed.score < screen.workspace.settings.threshold  # the model alone would drop it
        assert [(p.right, p.kind) for p in screen.workspace.alignment.counterparts("left", 1)] == [(changed.right, changed.kind)]


async def test_after_an_unlink_the_partner_still_paired_elsewhere_says_so(app_on, newsroom):
    """R3 (the prisoner exchange and nuclear safety) pairs with L2 and L5; the analyst unlinks
    L2: R3 still shows its pair with L5, and says that the one with L2 was removed, as L2 does."""
    app = app_on(newsroom)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        assert screen.workspace.alignment.partners("right", 2) == [1, 4]
        await pilot.press("j", "x")
        assert "its pair with R3" in str(screen.query_one("#detail-head").render())
        await pilot.press("tab")
        while screen.workspace.index != 2:
            await pilot.press("k" if screen.workspace.index > 2 else "j")
        assert (screen.workspace.side, screen.workspace.alignment.partners("right", 2)) == ("right", [4])
        assert flag(screen.pane("right"), 2) == HAND
        assert f"{HAND} pair with L2 removed by hand" in work_line(screen)
        await pilot.press("z")  # undone: nothing to say any more
        assert "removed" not in work_line(screen)


async def test_deliberately_unique_and_notes(app_on, newsroom):
    app = app_on(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("j", "o")
        assert screen.workspace.alignment.status("left", 1) is Status.UNIQUE
        assert "deliberately unique" in work_line(screen)
        head = str(screen.query_one("#detail-head").render())
        assert "marked unique by hand" in head and "under the threshold" not in head
        await pilot.press("o")
        assert screen.workspace.alignment.status("left", 1) is not Status.UNIQUE
        await pilot.press("j", "a")
        assert isinstance(app.screen, PromptScreen)
        await pilot.press(*"check", "space", *"[b]it[/b]", "enter")
        assert screen.workspace.journal.current.statement_note("left", 2) == "check [b]it[/b]"
        assert flag(screen.pane("left"), 2) == NOTED
        assert "note: check [b]it[/b]" in work_line(screen)
        await pilot.press("A", *"same?", "enter")
        partner = screen.workspace.alignment.partners("left", 2)[0]
        assert screen.workspace.journal.current.pair_note(2, partner) == "same?"
        await pilot.press("a", "escape")  # escape keeps the note
        assert screen.workspace.journal.current.statement_note("left", 2) == "check [b]it[/b]"
        await pilot.press("x")  # a hand decision on a noted statement: the gutter says both
        assert flag(screen.pane("left"), 2) == HAND_NOTED
        assert "pair removed by hand" in work_line(screen) and "note: check" in work_line(screen)


async def test_a_long_note_at_80x24_leaves_the_pair_in_the_strip(app_on, newsroom):
    # A note of a few hundred characters took every row of the strip and pushed both
    # statements below its edge, where no key scrolls: it is cut, whole in its prompt.
    app = app_on(newsroom)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        note = "long note " * 40
        await pilot.press("a")
        app.screen.query_one(Input).value = note
        await pilot.press("enter")
        await pilot.pause()
        strip = screen.query_one(DetailStrip)
        partner = strip.query_one("#detail-partner")
        assert partner.display and partner.region.height >= 1
        assert partner.region.bottom <= strip.region.bottom
        assert strip.max_scroll_y == 0
        assert work_line(screen).startswith("note: long note") and work_line(screen).endswith("\u2026")
        await pilot.press("a")
        assert app.screen.query_one(Input).value == note.strip()


async def test_corrections_are_kept_in_the_panes_orientation_after_a_swap(app_on, newsroom):
    app = app_on(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("s")  # the right readout is now on the left
        screen.pane("left").move_to(0)
        screen.side = "left"
        await pilot.pause()
        await pilot.press("o")
        assert screen.workspace.journal.current.unique == {("right", 0)}
        await pilot.press("s")
        assert screen.workspace.alignment.status("right", 0) is Status.UNIQUE


async def test_work_survives_a_restart(app_on, case):
    store = SessionStore.of(load(case))
    assert store.path == case / "session.json"
    app = app_on(load(case), store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("x", "j", "o", "a", *"why?", "enter", "plus")
        await pilot.press("tab")
        screen.pane("right").move_to(4)
        await pilot.pause()
        decisions, threshold = screen.workspace.journal.current, screen.workspace.settings.threshold
    assert (case / "session.json").exists()
    again = app_on(load(case), SessionStore.of(load(case)))
    async with again.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert screen.workspace.journal.current == decisions
        assert screen.workspace.settings.threshold == threshold and f"threshold {threshold:.2f}" in summary_text(again)
        assert (screen.side, screen.pane("right").current) == ("right", 4)
        assert flag(screen.pane("left"), 1) == HAND_NOTED  # marked unique and noted
        assert screen.workspace.alignment.status("left", 1) is Status.UNIQUE


async def test_undo_goes_on_after_a_restart(app_on, case):
    app = app_on(load(case), SessionStore.of(load(case)))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("j", "o", "a", *"why?", "enter")
        marked_only = screen.workspace.journal.undo_steps[-1][1]
    again = app_on(load(case), SessionStore.of(load(case)))
    async with again.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        screen.pane("left").move_to(1)
        await pilot.pause()
        assert flag(screen.pane("left"), 1) == HAND_NOTED
        await pilot.press("z")
        assert screen.workspace.journal.current == marked_only
        assert flag(screen.pane("left"), 1) == HAND  # the note is undone, the mark is not
        assert any(notice.startswith("Undone") for notice in again.notices)
        await pilot.press("z", "z")  # the mark, then nothing: back to the start of the work
        assert screen.workspace.journal.current == Decisions() and "Nothing to undo." in again.notices
        assert flag(screen.pane("left"), 1) not in (HAND, HAND_NOTED, NOTED)


async def test_work_is_carried_over_to_an_edited_readout(app_on, case):
    store = SessionStore.of(load(case))
    app = app_on(load(case), store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("j", "a", *"length", "enter")  # a note on L2, "fifty minutes"
        await pilot.press("j", "o")  # L3 deliberately unique
    lines = (case / "left.txt").read_text(encoding="utf-8").splitlines()
    lines_before = list(lines)
    lines[1] = lines[1].replace("fifty", "fifty-five")  # a small edit: the note follows
    del lines[2]  # L3 is gone: its mark cannot follow
    (case / "left.txt").write_text("Inserted first line.\n" + "\n".join(lines) + "\n", encoding="utf-8")
    again = app_on(load(case), SessionStore.of(load(case)))
    async with again.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert screen.workspace.journal.current.statement_note("left", 2) == "length"
        assert not screen.workspace.journal.current.unique
        assert any("1 saved decision no longer fit" in n and "L lists them" in n for n in again.notices)
        assert any("1 saved decision moved to the statements as edited" in n for n in again.notices)
        assert "1 lost decision (L)" in summary_text(again)
    # Reopened once more: still there, on the bar and in the list, with its statement's whole text.
    third = app_on(load(case), SessionStore.of(load(case)))
    async with third.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert "1 lost decision (L)" in summary_text(third)
        await pilot.press("L")
        assert isinstance(third.screen, LostScreen)
        listed = str(third.screen.query_one(OptionList).get_option_at_index(0).prompt)
        assert "deliberately unique" in listed and lines_before[2] in listed
        await pilot.press("enter")  # made again on the statement under the cursor
        await pilot.pause()
        side, index = screen.side, screen.pane(screen.side).current
        assert (side, index) in screen.workspace.decisions.unique
        assert "1 lost decision (L)" in summary_text(third)  # kept until discarded
        await pilot.press("L")  # ... and shown as made again
        await pilot.pause()
        listed = str(third.screen.query_one(OptionList).get_option_at_index(0).prompt)
        assert "made again here" in listed
        assert str(third.screen.query_one("#prompt").border_title).endswith("· 1 made again")
        await pilot.press("escape", "L", "x")
        await pilot.pause()
        assert not screen.workspace.lost and "lost decision" not in summary_text(third)
    assert SessionStore.of(load(case)).load(load(case)).session.lost == ()


async def test_a_damaged_session_is_set_aside_with_a_notice(app_on, case):
    (case / "session.json").write_text("{", encoding="utf-8")
    app = app_on(load(case), SessionStore.of(load(case)))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert any("not a readable session" in n for n in app.notices)
    assert list(case.glob("session.json.damaged-*"))


async def test_export_from_the_app(app_on, case, tmp_path):
    app = app_on(load(case), SessionStore.of(load(case)))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("o", "e")
        prompt = app.screen.query_one("#prompt-input", Input)
        assert prompt.value == str(case / "case-comparison.html")
        prompt.value = str(tmp_path / "table.csv")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, PromptScreen)
        rows = list(csv.DictReader(io.StringIO((tmp_path / "table.csv").read_text(encoding="utf-8-sig"))))
        assert any(r["section"] == "unique" and r["left_ref"] == "L1" and r["by_hand"] == "yes" for r in rows)
        # The next export is proposed where the last went, in its format; .txt is the text report.
        await pilot.press("e")
        prompt = app.screen.query_one("#prompt-input", Input)
        assert prompt.value == str(tmp_path / "table.csv")
        prompt.value = str(tmp_path / "table.txt")
        await pilot.press("enter")
        await pilot.pause()
        assert (tmp_path / "table.txt").read_text(encoding="utf-8")
        await pilot.press("e")
        app.screen.query_one("#prompt-input", Input).value = str(tmp_path / "table.docx")
        await pilot.press("enter")
        await pilot.pause()
        assert any("Name the file" in n for n in app.notices)
        assert screen.workspace.journal.current
        # Asked again with the name as typed, the cursor at its end, to mend the ending.
        assert isinstance(app.screen, PromptScreen)
        prompt = app.screen.query_one("#prompt-input", Input)
        assert prompt.value == str(tmp_path / "table.docx")
        await pilot.press("backspace", "backspace", "backspace", "backspace", "m", "d", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, PromptScreen)
        assert (tmp_path / "table.md").read_text(encoding="utf-8").startswith("# ")


async def test_export_asks_before_replacing_a_file(app_on, case, tmp_path):
    target = tmp_path / "kept.md"
    target.write_text("my own notes", encoding="utf-8")
    app = app_on(load(case), SessionStore.of(load(case)))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        for answer, expected in (("n", "my own notes"), ("y", None)):
            await pilot.press("e")
            app.screen.query_one("#prompt-input", Input).value = str(target)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen) and str(target) in app.screen.question
            await pilot.press(answer)
            await pilot.pause()
            text = target.read_text(encoding="utf-8")
            assert text == expected if expected else text.startswith("# ")
        # A file there whose ending names no format is not offered to be replaced first, to be
        # refused after the y.
        other = tmp_path / "kept.pdf"
        other.write_text("a pdf", encoding="utf-8")
        await pilot.press("e")
        app.screen.query_one("#prompt-input", Input).value = str(other)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen) and any("Name the file" in n for n in app.notices)


async def test_export_over_a_readout_or_the_session_is_refused_before_asking(app_on, case):
    # "left.txt" ends in .txt, the text report's ending: after "Replace it?" and y, the report
    # replaced the readout itself.
    before = (case / "left.txt").read_text(encoding="utf-8")
    app = app_on(load(case), SessionStore.of(load(case)))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("o")  # the session is written
        for name, what in (("left.txt", "the left readout"), ("session.json", "the saved session")):
            await pilot.press("e")
            app.screen.query_one("#prompt-input", Input).value = str(case / name)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, PromptScreen)  # asked again, not "Replace it?"
            assert any(f"is {what} of this comparison" in n for n in app.notices)
            await pilot.press("escape")
    assert (case / "left.txt").read_text(encoding="utf-8") == before


async def test_mentions_panel_lists_what_one_side_only_says(app_on, example):
    app = app_on(example)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        panel = screen.query_one("#mentions")
        assert not panel.display
        await pilot.press("m")
        text = screen.query_one("#mentions-text", Static).render().plain
        assert panel.display and "only Israeli PMO:" in text and "fifty minutes (L2)" in text
        assert "only Kremlin: Gaza Strip (R2 R6)" in text
        await pilot.press("m")
        assert not panel.display


async def test_mentions_panel_leaves_out_each_sides_own_name(app_on):
    """An article's cues ("The Kremlin said", "according to the Israeli statement") stay in
    the statements they attribute; that the Kremlin's account names the Kremlin is no news."""
    page = Path(__file__).resolve().parents[2] / "fixtures" / "pages" / "netanyahu-putin-2023-12-10.article.html"
    app = app_on(load_comparison([str(page)]))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the accounts as the article's cues assign them
        screen = await ready(pilot)
        await pilot.press("m")
        text = screen.query_one("#mentions-text", Static).render().plain
        assert "only Kremlin: nothing" in text and "Kremlin (R" not in text
        assert "only Israeli prime minister's office: United Nations (L1)" in text
        assert "Israeli (L" not in text


async def test_keys_are_in_help_and_palette(app_on, newsroom):
    app = app_on(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        commands = [c.title for c in app.get_system_commands(app.screen)]
        assert {"Undo", "Export", "Deliberately unique"} <= set(commands)
        await pilot.press("question_mark")
        text = help_text(app)
        assert "Correcting and publishing" in text and "Deliberately unique" in text


async def test_a_threshold_given_on_the_command_line_beats_the_saved_one(make_app, case):
    store = SessionStore.of(load(case))
    store.save(Session(threshold=0.5), load(case))
    for given, expected in ((None, 0.5), (0.3, 0.3)):
        app = make_app(load(case), session=store, threshold=given)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await ready(pilot)
            assert screen.workspace.settings.threshold == expected
            assert f"threshold {expected:.2f}" in summary_text(app)


async def test_the_save_that_creates_the_session_file_says_where_it_is(app_on, case):
    app = app_on(load(case), SessionStore.of(load(case)))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert not (case / "session.json").exists()
        await pilot.press("o")
        told = [n for n in app.notices if "saved as you go" in n]
        assert told == [f"Your work is saved as you go (--no-session: keep nothing) in {case / 'session.json'}"]
        await pilot.press("o")
        assert len([n for n in app.notices if "saved as you go" in n]) == 1


async def test_a_readout_changed_on_disk_is_reloaded_with_the_work(make_app, case):
    app = make_app(load(case), session=SessionStore.of(load(case)), reload=lambda: load(case))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("j", "a", *"length", "enter")  # a note on L2
        lines = (case / "left.txt").read_text(encoding="utf-8").splitlines()
        (case / "left.txt").write_text("A line put first.\n" + "\n".join(lines) + "\n", encoding="utf-8")
        before = screen.workspace
        screen.check_files()
        await ready(pilot)
        assert screen.workspace is not before and screen.comparison.left.texts[0] == "A line put first."
        assert screen.pane("left").row(0).body.plain == "A line put first."
        assert screen.workspace.journal.current.statement_note("left", 2) == "length"  # moved down with L2
        assert screen.workspace.ready
        assert any("left.txt changed on disk: reloaded, with the work carried over." in n for n in app.notices)
        # Unreadable now (emptied): said, and the work stays on screen as it was.
        shown = screen.workspace
        (case / "left.txt").write_text("", encoding="utf-8")
        screen.check_files()
        await pilot.pause()
        assert screen.workspace is shown
        assert app.notices[-1] == "left.txt changed on disk but cannot be read: no statements (the text is empty)"
        # Gone (moved away or deleted): said so, and read again when it is back.
        (case / "left.txt").rename(case / "left.moved")
        screen.check_files()
        await pilot.pause()
        assert screen.workspace is shown
        assert app.notices[-1] == (
            "left.txt is gone from disk: the comparison stays as it was, and is read again when it is back"
        ), app.notices[-1]
        (case / "left.moved").rename(case / "left.txt")
        (case / "left.txt").write_text("A line put first.\n" + "\n".join(lines) + "\n", encoding="utf-8")
        screen.check_files()
        await ready(pilot)
        assert screen.workspace is not shown and screen.comparison.left.texts[0] == "A line put first."


async def test_without_a_session_a_changed_readout_is_not_reloaded_over_the_work(make_app, case):
    app = make_app(load(case), reload=lambda: load(case))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        before = screen.workspace
        (case / "right.txt").write_text("Changed.\n", encoding="utf-8")
        screen.check_files()
        await pilot.pause()
        assert screen.workspace is before and any("not reloaded" in n for n in app.notices)
        # What to do, within the 78 columns a notice has at 80.
        assert app.notices[-1].startswith("right.txt changed on disk: reopen the comparison to see it")


async def test_undo_pressed_in_a_row_leaves_one_notice_not_a_stack(app_on, newsroom):
    app = app_on(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("o", "j", "o", "j", "o")
        app.clear_notifications()
        await pilot.press("z", "z", "z", "Z")
        await pilot.pause()
        shown = [n.message for n in app._notifications]
        assert len(shown) == 1 and shown[0].startswith("Redone")


async def test_split_a_statement_in_two_and_merge_them_back(make_app, case):
    app = make_app(load(case), session=SessionStore.of(load(case)))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        count = len(screen.comparison.left)
        text = screen.comparison.left.texts[0]
        await pilot.press("a", *"both", "enter")  # a note, to follow the split
        await pilot.press("S")
        prompt = app.screen.query_one("#prompt-input", Input)
        assert prompt.value.count("|") == 1 and prompt.value.replace("|", "") == text
        at = text.index(" ", len(text) // 3) + 1
        prompt.value = text[:at] + "|" + text[at:]
        await pilot.press("enter")
        await ready(pilot)
        assert len(screen.comparison.left) == count + 1
        assert screen.pane("left").row(1).body.plain.startswith(text[at:])
        assert screen.workspace.decisions.statement_note("left", 0) == "both"
        assert screen.workspace.ready and any("L1 split in two" in n for n in app.notices)
        screen.pane("left").move_to(0)
        await pilot.pause()
        await pilot.press("J")
        await ready(pilot)
        assert len(screen.comparison.left) == count and screen.comparison.left.texts[0] == text
        assert screen.workspace.decisions.statement_note("left", 0) == "both"
        # The text itself is not edited in the prompt: only the | moves.
        await pilot.press("S")
        app.screen.query_one("#prompt-input", Input).value = "Something else|."
        await pilot.press("enter")
        await pilot.pause()
        assert len(screen.comparison.left) == count and any("Only the | moves" in n for n in app.notices)


async def test_an_export_outside_a_case_folder_is_named_after_what_is_compared(app_on, tmp_path, monkeypatch):
    # Every comparison outside a case folder proposed "readout-comparison.html", one over the other.
    monkeypatch.chdir(tmp_path)
    left = tmp_path / "israeli-pmo.txt"
    right = tmp_path / "kremlin.txt"
    left.write_text("Netanyahu spoke with Putin.\nThe call lasted fifty minutes.\n", encoding="utf-8")
    right.write_text("Putin spoke with Netanyahu.\nThe leaders agreed to stay in contact.\n", encoding="utf-8")
    app = app_on(load_comparison([str(left), str(right)], "lines"))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("e")
        prompt = app.screen.query_one("#prompt-input", Input)
        assert prompt.value == str(tmp_path / "israeli-pmo-kremlin-comparison.html")


async def test_prompts_opened_and_closed_at_once_leave_the_app_answering(make_app, case):
    # A guard, not a reproduction: in a terminal under load the app once stopped drawing after a
    # prompt opened (NoMatches on '#prompt' in its on_mount, since removed); here prompts are
    # opened and closed back to back and the app must still move its cursor.
    app = make_app(load(case), session=SessionStore.of(load(case)))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        for key in "eaeaeaea":
            await pilot.press(key, "escape")
        await pilot.pause()
        assert app.screen is screen
        before = screen.workspace.cursor
        await pilot.press("j")
        await pilot.pause()
        assert screen.workspace.cursor != before
