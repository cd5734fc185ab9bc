"""The student's screen in words: verdicts, places and standings, as literal content (names,
answers and the bank's texts are data, never markup)."""

from __future__ import annotations

from textual.content import Content

from quiz.ui.live.answers import input_kind, marked
from quiz.ui.live.messages import Question, Result, Reveal, Standing, place
from quiz.ui.live.text import literal


def shows_breakdown(result: Result) -> bool:
    """Whether a wrong answer given in parts (an order) is shown part by part, in a table that
    gives both answers."""
    return result.breakdown is not None and not result.correct


def verdict_content(result: Result, reveal: Reveal | None, question: Question | None) -> Content:
    """Right or wrong in words (never colour alone), the points, both answers (unless the
    breakdown's table gives them)."""
    if not result.took_part:
        head = Content.styled("You join from the next question.", "bold")
    elif result.correct:
        head = Content.assemble(("✔ Right!", "bold $text-success"), f"  +{result.points} points")
    elif not result.answered:
        head = Content.assemble(("⏱ No answer in time.", "bold $text-error"), "  No points")
    else:
        head = Content.assemble(("✘ Wrong.", "bold $text-error"), "  No points")
    lines = [head]
    both = not shows_breakdown(result)
    if result.answered and both:
        lines.append(Content.assemble(("Your answer: ", "bold"), literal(result.given)))
    if reveal is not None and both and (not result.correct or result.note):
        answer = right_answer(reveal, question)
        lines.append(Content.assemble(("Right answer: ", "bold"), answer))
    if result.note:
        lines.append(literal(result.note))
    return Content("\n").join(lines)


def right_answer(reveal: Reveal, question: Question | None) -> Content:
    """The right answer: each right choice with its mark as on the projector, or the answer
    written out (typed answers, orders)."""
    if question is None or input_kind(question) not in ("choice", "multi"):
        return literal(reveal.answer)
    choices = question.choices
    marks = [marked(index, choices[index]) for index in reveal.right if index < len(choices)]
    return Content("   ").join(marks) if marks else literal(reveal.answer)


def place_content(rank: int, players: int, score: int, moved: int = 0) -> Content:
    """`You are 3rd of 28 · 1,240 points ▲ 2`."""
    if not rank:
        return Content.assemble(("Not ranked yet", "bold"), f" · {score:,} points")
    move: Content | str = ""
    if moved > 0:
        move = Content.styled(f"  ▲ {moved}", "bold $text-success")
    elif moved < 0:
        move = Content.styled(f"  ▼ {-moved}", "$text-error")
    return Content.assemble(
        ("You are ", "bold"),
        (f"{place(rank)} of {players}", "bold"),
        f" · {score:,} points",
        move,
    )


def standings_content(top: tuple[Standing, ...], you: str) -> Content:
    """The top of the leaderboard, the student's own line marked `◀ you`."""
    names = [literal(standing.name) for standing in top]
    name_cells = max((name.cell_length for name in names), default=0)
    score_cells = max((len(f"{standing.score:,}") for standing in top), default=0)
    lines = []
    for standing, name in zip(top, names, strict=True):
        mine = standing.name.casefold() == you.casefold()
        line = Content.assemble(
            (f"{standing.rank:>3}  ", "bold"),
            name.pad_right(name_cells - name.cell_length).stylize("bold" if mine else ""),
            "  ",
            f"{standing.score:,}".rjust(score_cells),
            ("  ◀ you", "bold") if mine else "",
        )
        lines.append(line)
    return Content("\n").join(lines) if lines else Content("Nobody is ranked yet.")
