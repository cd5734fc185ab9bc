"""The game's engine: banks, loading, checking, scoring and sessions. It never imports Textual."""
