"""The screen as a whole: layouts, literal text, help, palette, screenshots."""

from __future__ import annotations

from textual.content import Content

from readout_tui.core.engine.explain import WordSpan
from readout_tui.core.io.display import printable
from readout_tui.screens.help import HelpScreen
from readout_tui.testing import HOSTILE, help_text, hostile, ready
from readout_tui.widgets.detail_strip import DetailStrip, marked_words


def drawn(widget) -> str:
    """The widget's lines as drawn (plain text, cropped to its size)."""
    return "\n".join(widget.render_line(y).text for y in range(widget.content_size.height))


def title(pane) -> str:
    """A border title as drawn; the attribute itself reads back as markup."""
    return Content.from_markup(pane.border_title).plain


async def test_wide_terminals_put_panes_side_by_side(make_app, example):
    app = make_app(example)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        left, right = screen.pane("left").region, screen.pane("right").region
        assert screen.has_class("-wide")
        assert left.y == right.y and left.right <= right.x


async def test_narrow_terminals_keep_panes_side_by_side_very_narrow_ones_stack_and_survive_resizing(
    make_app, example
):
    app = make_app(example)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        left, right = screen.pane("left").region, screen.pane("right").region
        assert screen.has_class("-narrow")
        assert left.y == right.y and left.right <= right.x
        assert left.height >= 8 and right.height >= 8
        await pilot.press("j", "j")
        for width, height in [(120, 40), (60, 20), (80, 24), (200, 60), (60, 20)]:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
        assert screen.has_class("-stacked")
        left, right = screen.pane("left").region, screen.pane("right").region
        assert left.x == right.x and left.bottom <= right.y
        assert screen.pane("left").current == 2
        assert screen.pane("left").size.width > 0


async def test_at_80x24_the_strip_shows_both_statements_of_every_pair_whole(make_app, example):
    app = make_app(example)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        strip = screen.query_one(DetailStrip)
        for pair in screen.workspace.alignment.pairs:
            screen.pane("left").move_to(pair.left)
            await pilot.pause()
            partner = strip.query_one("#detail-partner")
            assert partner.display
            # The partner's last line lies inside the strip, nothing of it below its edge.
            assert partner.region.bottom <= strip.region.bottom, (pair.left, pair.right)
            assert strip.max_scroll_y == 0


async def test_user_text_is_shown_literally(make_app):
    app = make_app(hostile())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        rows = [screen.pane("left").row(i).body.plain for i in screen.pane("left").shown]
        assert rows[0].startswith(HOSTILE[0])  # markup untouched
        assert "\x1b" not in "".join(rows) and "\x07" not in "".join(rows)
        assert "\\x1b[31mred?\\x1b[0m" in rows[1] and "\\x07" in rows[1] and "\\x9b" in rows[1]
        assert "\\u202eesrever\\u202c" in rows[2]
        # The label is the user's text; the language after it is the app's.
        assert title(screen.pane("left")).startswith("[b]Left[/b] · ")
        assert title(screen.pane("right")).startswith("Right \\x1b]0;title\\x07 · ")
        lines = drawn(screen.pane("left"))
        assert "[bold]not bold[/] and [/] alone" in lines
        assert "\x1b" not in lines and "宽字符也要对齐" in lines


async def test_help_lists_every_key(make_app, example):
    app = make_app(example)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = help_text(app)
        for description in [
            "Next statement", "First statement", "Last statement", "Other pane", "Jump",
            "Next unique", "Previous unique", "Next pair told differently (≈)", "Previous pair told differently (≈)", "Search",
            "Next hit", "Previous hit", "Filter", "Raise threshold", "Lower threshold", "Swap",
            "Help", "Quit", "Save screenshot", "Command palette",
        ]:
            assert description in text, description
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_palette_offers_every_key_of_the_screen(make_app, newsroom):
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        commands = {command.title: command for command in app.get_system_commands(screen)}
        for binding in screen.BINDINGS:
            title = binding.tooltip or binding.description  # as the help screen names it
            # Only an article's comparison has an assignment to go back to.
            assert (title in commands) == (binding.id != "back-to-assignment"), title
        assert commands["Raise threshold"].help == "key: + ]"
        titles = [command.title for command in app.get_system_commands(screen)]
        assert len(titles) == len(set(titles)), titles
        await commands["Swap"].callback()
        await pilot.pause()
        assert screen.workspace.swapped


async def test_textuals_keys_and_screenshot_commands_run_the_apps_own(make_app, newsroom, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app(newsroom)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        commands = {command.title: command for command in app.get_system_commands(screen)}
        commands["Screenshot"].callback()
        await pilot.pause(0.3)  # Textual waits a moment, for the palette to close
        (saved,) = tmp_path.glob("*.svg")
        assert any(saved.name in notice for notice in app.notices)
        commands["Keys"].callback()
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_the_app_saves_an_svg_screenshot(make_app, example, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app(example)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+s")
        (saved,) = tmp_path.glob("*.svg")
        assert "Israeli" in saved.read_text(encoding="utf-8")
        assert any(str(saved.name) in notice for notice in app.notices)


async def test_quit(make_app, example):
    app = make_app(example)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        assert not app.is_running


def test_word_marks_land_on_their_word_after_an_escaped_control():
    """The engine's spans are offsets into the text; the strip shows it escaped, longer."""
    text = "An escape \x1b[1m and sanctions relief."
    start = text.index("sanctions")
    content = marked_words(text, [WordSpan(start, start + len("sanctions"), "differs")])
    assert content.plain == printable(text)
    (span,) = content.spans
    assert content.plain[span.start : span.end] == "sanctions"
