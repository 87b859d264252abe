"""The app on hostile text and failures: markup that must not act, wide characters that must
not break the layout, a model or a cache that cannot be used, a screenshot that cannot be saved."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from textual.content import Content

from readout_tui import app as app_module
from readout_tui.core.engine.cache import EmbeddingCache
from readout_tui.core.engine.embedder import SentenceTransformerEmbedder
from readout_tui.core.io.loading import load_comparison
from readout_tui.screens.compare import CompareScreen
from readout_tui.testing import HashEmbedder, comparison_of, ready, summary_text

TRAPS = [
    "Click here [@click=app.quit]to quit[/] or [@click=screen.swap]swap[/] the sides.",
    "A [link=https://example.org]link[/link] and [bold]bold[/bold] and [/] and [red on blue]x[/].",
    "Plain statement about the grain corridor through the Black Sea ports.",
]
WIDE = [
    "两国元首就加沙局势深入交换了意见，强调必须立即停火并保护平民。",
    "首脳会談は電話で行われ、人質の解放について長時間話し合った。",
    "ראש הממשלה שוחח היום בטלפון עם נשיא רוסיה על המלחמה נגד חמאס.",
    "وأكد الرئيس على أهمية وقف إطلاق النار في غزة وحماية المدنيين.",
    "Emoji 🇮🇱🤝🇷🇺 family 👩\u200d👩\u200d👧 thumbs 👍🏽 heart ❤️ and Cafe\u0301 na\u00efve.",
]


def screen_rows(app) -> list:
    """Every row of the screen as the compositor draws it (Strips: text plus cell widths)."""
    return app.screen._compositor.render_strips()


def find(rows, needle: str) -> tuple[int, int]:
    """Screen (x, y) of ``needle``; only for rows whose text before it is one cell a character."""
    for y, row in enumerate(rows):
        x = row.text.find(needle)
        if x >= 0:
            return x, y
    raise AssertionError(f"{needle!r} is not on the screen")


async def test_markup_in_a_statement_is_shown_and_never_acts(make_app):
    app = make_app(comparison_of(TRAPS, TRAPS[::-1]))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        rows = screen_rows(app)
        text = "\n".join(row.text for row in rows)
        assert "[@click=app.quit]to quit[/]" in text and "[@click=screen.swap]swap[/]" in text
        assert "[link=https://example.org]link[/link]" in text and "[red on blue]x[/]" in text
        for needle in ("[@click=app.quit]to quit", "[@click=screen.swap]swap", "link[/link]"):
            x, y = find(screen_rows(app), needle)
            for offset in (1, len(needle) // 2, len(needle) - 2):
                await pilot.hover(offset=(x + offset, y))
                await pilot.click(offset=(x + offset, y))
                await pilot.pause()
        # And in the detail strip, which shows the selected statement again.
        await pilot.press("g")
        x, y = find(screen_rows(app)[screen.query_one("#detail").region.y :], "[@click=app.quit]")
        await pilot.click(offset=(x + 3, y + screen.query_one("#detail").region.y))
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, CompareScreen) and not screen.workspace.swapped
        assert "[@click=app.quit]to quit[/]" in "\n".join(row.text for row in screen_rows(app))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_wide_and_right_to_left_text_keeps_the_layout(make_app, size):
    app = make_app(comparison_of(WIDE, WIDE[::-1]))
    async with app.run_test(size=size) as pilot:
        screen = await ready(pilot)
        drawn = ""
        for keys in ((), ("j", "j"), ("tab", "G"), ("tab", "G")):
            await pilot.press(*keys)
            rows = screen_rows(app)
            # At 80x24 the panes stand side by side: each text is in view at some step, not all at one.
            drawn += "\n".join(row.text for row in rows)
            assert [row.cell_length for row in rows] == [size[0]] * size[1]
            for side in ("left", "right"):
                region = screen.pane(side).region
                for y in range(region.y + 1, region.bottom - 1):
                    edges = rows[y].crop(region.x, region.right).text
                    # The pane's two side borders are where the layout put them, on every row.
                    assert edges[0] in "│┃▌▐|" and edges[-1] in "│┃▌▐|", (side, y, edges)
        assert "两国元首" in drawn and "ראש הממשלה" in drawn and "👩\u200d👩\u200d👧" in drawn


async def test_a_model_that_cannot_be_loaded_falls_back_with_a_visible_notice(make_app, example, tmp_path):
    embedder = SentenceTransformerEmbedder(str(tmp_path / "no-such-model"))
    app = make_app(example, embedder=embedder)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert app.is_running
        assert screen.workspace.alignment is not None and not screen.workspace.alignment.semantic
        assert "lexical only (model failed: cannot load model" in summary_text(app)
        assert any("no-such-model" in notice and "no such folder" in notice for notice in app.notices)


async def test_a_damaged_cache_is_set_aside_with_a_notice(make_app, example, tmp_path):
    path = tmp_path / "cache" / "embeddings.sqlite3"
    path.parent.mkdir()
    path.write_bytes(b"this is not a database" * 100)
    app = make_app(example, embedder=HashEmbedder(), cache=EmbeddingCache(path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert screen.workspace.alignment is not None and screen.workspace.alignment.semantic
        assert any("embedding cache was damaged" in notice for notice in app.notices)
        (aside,) = path.parent.glob("embeddings.sqlite3.corrupt-*")
        assert aside.read_bytes().startswith(b"this is not a database")


async def test_the_screenshot_is_written_atomically(make_app, example, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    written: list[Path] = []
    real = app_module.write_atomic

    def spy(path, data, **kwargs):
        written.append(Path(path))
        return real(path, data, **kwargs)

    monkeypatch.setattr(app_module, "write_atomic", spy)
    app = make_app(example)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+s")
        (saved,) = tmp_path.glob("*.svg")
        assert written == [saved]
        assert saved.read_text(encoding="utf-8").rstrip().endswith("</svg>")


async def test_a_screenshot_that_cannot_be_saved_is_a_notice_not_a_crash(make_app, example, tmp_path, monkeypatch):
    gone = tmp_path / "removed-folder"
    monkeypatch.setattr(app_module.Path, "cwd", staticmethod(lambda: gone))
    app = make_app(example)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.is_running
        assert any(notice.startswith("Screenshot not saved:") for notice in app.notices)


async def test_a_side_not_in_utf8_says_how_it_was_decoded(make_app, tmp_path):
    (tmp_path / "kremlin.txt").write_bytes(
        "Президент России провёл телефонный разговор.\nОбсуждалась ситуация в Газе.\n".encode("cp1251")
    )
    (tmp_path / "pmo.txt").write_text("The president held a call.\n", encoding="utf-8")
    comparison = load_comparison([str(tmp_path / "kremlin.txt"), str(tmp_path / "pmo.txt")])
    app = make_app(comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        assert Content.from_markup(screen.pane("left").border_subtitle).plain == (
            "2 of 2 unique · decoded as cp1251 · 0% paired"  # in full, the border cut it
        )
        assert Content.from_markup(screen.pane("right").border_subtitle).plain.startswith("1 statement · 1 unique")
        assert "Обсуждалась ситуация в Газе." in "\n".join(row.text for row in screen_rows(app))


async def test_markup_in_a_label_is_shown_and_never_acts(make_app):
    # Border titles run @click actions when they are markup; a label is text.
    comparison = comparison_of(TRAPS, TRAPS)
    comparison = replace(
        comparison,
        left=replace(comparison.left, label="[@click=app.quit]Kremlin[/]"),
        right=replace(comparison.right, label="[@click=screen.swap]PMO[/]"),
    )
    app = make_app(comparison)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        for needle in ("[@click=app.quit]Kremlin[/]", "[@click=screen.swap]PMO[/]"):
            x, y = find(screen_rows(app), needle)
            await pilot.click(offset=(x + len(needle) // 2, y))
            await pilot.pause()
        assert app.is_running and not screen.workspace.swapped


async def test_markup_typed_into_the_search_is_searched_for_literally(make_app):
    app = make_app(comparison_of(TRAPS, TRAPS[::-1]))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot)
        await pilot.press("slash", *"[@click=app.quit]", "enter")
        await pilot.pause()
        assert app.is_running
        subtitle = Content.from_markup(screen.pane("right").border_subtitle).plain
        assert subtitle.startswith("search: [@click=app.quit] · 1 hit")
        assert (screen.side, screen.pane(screen.side).current) == ("left", 0)  # the hit
        await pilot.press("n")
        assert (screen.side, screen.pane(screen.side).current) == ("right", 2)  # and the other
