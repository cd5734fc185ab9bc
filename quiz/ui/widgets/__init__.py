"""Small reusable widgets of the game."""
