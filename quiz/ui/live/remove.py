"""Removing a student: pick a name, and the dialog dismisses with it (or None)."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from quiz.ui.live.text import literal
from quiz.ui.widgets.keybar import KeyBar


class NameList(OptionList):
    """The names to pick from, its keys shown in the footer (every key is)."""

    BINDINGS = [
        Binding("up", "cursor_up", "Choose", key_display="↑↓"),
        Binding("down", "cursor_down", "Choose", show=False),
        Binding("enter", "select", "Remove"),
    ]


class RemoveScreen(ModalScreen[str | None]):
    """Dismisses with the name picked (`Enter`), or None (`Escape`)."""

    DEFAULT_CSS = """
    RemoveScreen {
        align: center middle;
        #remove-dialog {
            width: 50;
            max-width: 90%;
            height: auto;
            max-height: 80%;
            padding: 1 2;
            border: thick $warning;
            background: $surface;
        }
        #remove-title { text-style: bold; padding-bottom: 1; }
        OptionList { height: auto; max-height: 16; }
    }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, names: Sequence[str]) -> None:
        super().__init__()
        self.names = list(names)

    def compose(self) -> ComposeResult:
        with Vertical(id="remove-dialog"):
            yield Static(
                "Remove which student? They can join again with another name.", id="remove-title"
            )
            yield NameList(*[Option(literal(name), id=str(i)) for i, name in enumerate(self.names)])
        yield KeyBar()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.names[event.option_index])

    def action_cancel(self) -> None:
        """Remove nobody."""
        self.dismiss(None)
