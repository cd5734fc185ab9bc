"""`python -m quiz` runs the command line, the same as the `quiz` script."""

from quiz.cli import main

raise SystemExit(main())
