"""While previewing with `--watch`: the bank's errors, shown in place of the game until fixed."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from quiz.engine.errors import LoadError
from quiz.engine.model import Bank
from quiz.engine.watch import FileWatcher
from quiz.ui.screens.game import POLL_SECONDS
from quiz.ui.widgets.keybar import KeyBar


def errors_content(errors: Sequence[LoadError]) -> Content:
    """One line per error, `file:line:col: message`, literal text."""
    return Content("\n").join([Content(str(error)) for error in errors])


class ErrorsScreen(Screen[list[Bank]]):
    """Lists the errors and watches the files; dismisses with the banks once they load cleanly."""

    DEFAULT_CSS = """
    ErrorsScreen {
        #errors {
            padding: 0 2;
        }
        #errors-title {
            text-style: bold;
            color: $text-error;
            padding: 1 0 0 0;
        }
        #errors-help {
            color: $text-muted;
            padding-bottom: 1;
        }
    }
    """

    BINDINGS = [Binding("q,escape", "app.quit", "Quit")]

    def __init__(self, watcher: FileWatcher, errors: Sequence[LoadError]) -> None:
        super().__init__()
        self.watcher = watcher
        self.errors = list(errors)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="errors"):
            yield Static("The bank has errors", id="errors-title")
            yield Static(
                "Fix them and save the file: this view updates by itself.", id="errors-help"
            )
            yield Static(errors_content(self.errors), id="errors-list")
        yield KeyBar()

    def on_mount(self) -> None:
        self.set_interval(POLL_SECONDS, self.check_files)

    def check_files(self) -> None:
        """Reload after a save; leave as soon as every bank is valid."""
        if not self.watcher.changed():
            return
        library = self.watcher.load()
        if library.banks and not library.errors:
            self.dismiss(library.banks)
            return
        self.errors = library.errors or self.errors
        self.query_one("#errors-list", Static).update(errors_content(self.errors))
