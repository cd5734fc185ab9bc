"""quiz: a terminal quiz game for students, with YAML question banks written by teachers."""

__version__ = "0.1.0"
