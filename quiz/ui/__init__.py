"""The Textual layer: screens and widgets that render the engine's state and send it actions."""
