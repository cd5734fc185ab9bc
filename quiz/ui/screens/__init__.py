"""The game's screens: start, game (question and feedback), results, and the quit dialog."""
