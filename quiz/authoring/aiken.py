"""Aiken files (Moodle's plain multiple-choice format) to banks.

    What is the capital of Kazakhstan?
    A. Almaty
    B. Astana
    ANSWER: B

Aiken has no feedback, topic or context: questions get the topic `Imported`, an explanation that
names the right answer, and no context, which `quiz validate` then asks the teacher to add.
"""

from __future__ import annotations

import re
from typing import Any

from quiz.authoring.convert import ImportResult, Skipped, slug

_OPTION = re.compile(r"^([A-Z])[.)]\s+(.+)$")
_ANSWER = re.compile(r"^ANSWER\s*:\s*([A-Z])\s*$", re.IGNORECASE)


def import_aiken(text: str, title: str) -> ImportResult:
    """Aiken text as bank data, and the questions skipped, by line."""
    questions: list[dict[str, Any]] = []
    skipped: list[Skipped] = []
    used: set[str] = set()
    prompt: list[str] = []
    options: dict[str, str] = {}
    start = 0
    for number, raw in enumerate(text.replace("\r\n", "\n").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        answer = _ANSWER.match(line)
        option = _OPTION.match(line)
        if answer:
            letter = answer.group(1).upper()
            if not prompt or len(options) < 2:
                skipped.append(
                    Skipped(start or number, "a question needs a text and at least two options")
                )
            elif letter not in options:
                skipped.append(Skipped(number, f"ANSWER: {letter} is not one of the options"))
            else:
                text_prompt = " ".join(prompt)
                choices = list(options.values())
                questions.append(
                    {
                        "id": slug(text_prompt, used),
                        "topic": "Imported",
                        "prompt": text_prompt,
                        "choices": choices,
                        "answer": options[letter],
                        "explanation": f"The right answer is: {options[letter]}.",
                    }
                )
            prompt, options, start = [], {}, 0
        elif option and prompt:
            options[option.group(1)] = option.group(2).strip()
        else:
            if options:  # text after options without an ANSWER line: a new question began
                skipped.append(Skipped(start, "no ANSWER: line after the options"))
                prompt, options = [], {}
            if not prompt:
                start = number
            prompt.append(line)
    if prompt:
        skipped.append(Skipped(start, "no ANSWER: line after the options"))
    return ImportResult.build(title, questions, skipped)
