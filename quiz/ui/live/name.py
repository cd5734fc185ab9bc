"""Asking a student's name before they join: the same rules as the host's, checked at once."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Static

from quiz.engine.live_join import MAX_NAME, JoinError, clean_name
from quiz.ui.live.text import literal
from quiz.ui.widgets.keybar import KeyBar


class NameScreen(Screen[str | None]):
    """Dismisses with the name typed (cleaned as the host keeps it), or None (`Escape`)."""

    DEFAULT_CSS = """
    NameScreen {
        align: center middle;
        #name-form { width: 56; max-width: 100%; height: auto; padding: 1 2; border: round $accent; }
        #name-title { text-style: bold; color: $accent; padding-bottom: 1; }
        #name-problem { color: $text-error; padding-top: 1; }
    }
    """

    BINDINGS = [Binding("escape", "cancel", "Leave", key_display="esc")]

    def __init__(self, address: str, problem: str = "", name: str = "") -> None:
        super().__init__()
        self.address = address
        self.problem = problem
        self.name_before = name

    def compose(self) -> ComposeResult:
        with Vertical(id="name-form"):
            yield Static("Join the class game", id="name-title")
            yield Static(Content.assemble("Joining ", literal(self.address, "bold"), "."))
            yield Static("Your name, as the class will see it, then Enter:")
            yield Input(value=self.name_before, max_length=MAX_NAME, placeholder="Your name")
            yield Static(literal(self.problem), id="name-problem")
        yield KeyBar()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            name = clean_name(event.value)
        except JoinError as problem:
            self.query_one("#name-problem", Static).update(f"{str(problem).capitalize()}.")
            return
        self.dismiss(name)

    def action_cancel(self) -> None:
        """Leave without joining."""
        self.dismiss(None)
