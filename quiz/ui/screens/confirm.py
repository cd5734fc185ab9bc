"""A yes/no question over the current screen, such as "Quit this game?"."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmScreen(ModalScreen[bool]):
    """Dismisses True for yes (`y`, Enter on Yes), False for no (`n`, `Escape`)."""

    DEFAULT_CSS = """
    ConfirmScreen {
        align: center middle;
        #dialog {
            width: 50;
            max-width: 90%;
            height: auto;
            padding: 1 2;
            border: thick $warning;
            background: $surface;
        }
        #question {
            text-style: bold;
        }
        #buttons {
            height: auto;
            margin-top: 1;
            align: center middle;
        }
        Button {
            margin: 0 1;
        }
    }
    """

    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str, detail: str = "") -> None:
        super().__init__()
        self.question = question
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content(self.question), id="question")
            if self.detail:
                yield Static(Content(self.detail), id="detail")
            with Horizontal(id="buttons"):
                yield Button("Yes (y)", id="yes", variant="error")
                yield Button("No (n)", id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        """Close the dialog with the player's answer."""
        self.dismiss(yes)
