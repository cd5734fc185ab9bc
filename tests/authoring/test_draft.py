"""`quiz draft`: a valid, deterministic draft of the seed article that asks most of what the
bundled bank asks, and small texts of every shape drafted without a traceback."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from quiz.authoring.draft import DRAFT_MARK, DraftError, draft_bank
from quiz.authoring.draft.facts import Article
from quiz.engine.loader import load_bank

ROOT = Path(__file__).parents[2]
ARTICLE = ROOT.parent / "shared" / "source" / "xi-kazakhstan-central-asia.txt"
BUNDLED = ROOT / "questions" / "xi-kazakhstan-central-asia.yaml"
SEED = (
    ARTICLE.read_text(encoding="utf-8")
    if ARTICLE.exists()
    else (ROOT / "questions" / "sources" / "xi-kazakhstan-central-asia.txt").read_text(
        encoding="utf-8"
    )
)


def write_and_load(tmp_path: Path, text: str, **options: Any) -> Any:
    """Draft `text` as `quiz draft` does (the bank and its source copy), then load it strictly."""
    (tmp_path / "sources").mkdir(exist_ok=True)
    (tmp_path / "sources" / "article.txt").write_text(text, encoding="utf-8")
    draft = draft_bank(text, "sources/article.txt", **options)
    bank_file = tmp_path / "lesson.yaml"
    bank_file.write_text(draft.to_yaml(), encoding="utf-8")
    return load_bank(bank_file), draft


def test_the_seed_article_drafts_a_valid_varied_bank(tmp_path: Path) -> None:
    bank, draft = write_and_load(tmp_path, SEED)
    kinds = {question.kind for question in bank.questions}
    assert len(bank.questions) >= 20
    assert {"choice", "multi", "truefalse", "number"} <= kinds
    assert draft.to_yaml().count(DRAFT_MARK) == len(bank.questions)
    for question in bank.questions:  # every context an exact sentence of the article
        assert question.context in SEED


def test_the_same_article_gives_the_same_file() -> None:
    first = draft_bank(SEED, "sources/a.txt").to_yaml()
    assert draft_bank(SEED, "sources/a.txt").to_yaml() == first


def test_count_keeps_the_best_and_varied(tmp_path: Path) -> None:
    bank, _ = write_and_load(tmp_path, SEED, count=6)
    assert len(bank.questions) == 6
    assert len({question.topic for question in bank.questions}) >= 5


def _normal(text: str) -> str:
    return re.sub(r"^the ", "", " ".join(re.findall(r"[\w$.]+", text.casefold())))


def _asked_by_bundled_bank() -> set[str]:
    """The figures, names and quotes' speakers the bundled bank asks, as its answers write them,
    keeping only those the article itself writes (not sums or ratios worked out from it)."""
    bank = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    article = Article.read(SEED)
    figures = {figure.value for figure in article.figures}
    names = {_normal(name) for name in article.names}
    asked: set[str] = set()
    for question in bank["questions"]:
        answers = question.get("answer")
        found = answers if isinstance(answers, list) else [answers]
        pairs = question.get("pairs") or []
        found += list(pairs.values()) if isinstance(pairs, dict) else [p[1] for p in pairs]
        found += question.get("items") or []
        for answer in found:
            if answer is None or isinstance(answer, bool):
                continue
            if isinstance(answer, int | float):
                if float(answer) in figures:
                    asked.add(str(float(answer)))
            elif re.search(r"\d", answer):
                value = re.search(r"\d+", answer)
                if value and float(value.group()) in figures:
                    asked.add(str(float(value.group())))
            elif _normal(answer) in names:
                asked.add(_normal(answer))
    return asked


def _asked_by_draft(questions: list[dict[str, Any]]) -> set[str]:
    asked: set[str] = set()
    for question in questions:
        values: list[Any] = []
        answer = question.get("answer")
        values += answer if isinstance(answer, list) else [answer]
        values += [right for _, right in question.get("pairs", [])]
        values += question.get("items", [])
        if question.get("type") == "truefalse":
            values = []
        for value in values:
            if isinstance(value, int | float) and not isinstance(value, bool):
                asked.add(str(float(value)))
            elif isinstance(value, str):
                asked.add(_normal(value))
                number = re.search(r"\d+", value)
                if number:
                    asked.add(str(float(number.group())))
    return asked


def test_the_draft_asks_three_quarters_of_what_the_bundled_bank_asks() -> None:
    wanted = _asked_by_bundled_bank()
    drafted = _asked_by_draft(draft_bank(SEED, "sources/a.txt").questions)
    covered = wanted & drafted
    coverage = len(covered) / len(wanted)
    print(
        f"draft coverage of the bundled bank's figures and names: {len(covered)}/{len(wanted)}"
        f" = {coverage:.0%}; missing: {sorted(wanted - drafted)}"
    )
    assert len(wanted) >= 15
    assert coverage >= 0.75


SMALL_TEXTS = {
    "no figures": "Ann Lee leads the Green Party. Bob Stone leads the Blue Party. "
    "Carl Moss leads the Red Party. The parties meet in Lyon, Paris and Nantes every year. "
    "Their offices are in Lille and in Brest.",
    "no quotes or names": "the river rose by 3 metres in 2019. it rose by 5 metres in 2020 "
    "and by 7 metres in 2021. the town built a wall.",
    "one paragraph": "In 2010, the city of Turin had 900,000 residents, Milan 1,300,000 "
    "residents and Genoa 600,000 residents.",
    "very long paragraph": " ".join(
        f"In {1900 + i}, the town of Town{chr(65 + i % 26)}ville built {i + 3} bridges."
        for i in range(200)
    ),
    "quotes": "“We will build the bridge before winter comes,” said Mayor Ana Ruiz. "
    "Engineer Tom Bell, a spokesman for the builders, disagreed. "
    "“The bridge cannot be finished before the spring thaw,” Bell said.",
    "not English": "中国国家主席习近平访问哈萨克斯坦。贸易额达到950亿美元。",
    "German": "Die Stadt Berlin hat 3,6 Millionen Einwohner. Hamburg hat 1,8 Millionen.",
}


@pytest.mark.parametrize("name", sorted(SMALL_TEXTS))
def test_small_texts_give_a_valid_draft_or_a_clear_message(tmp_path: Path, name: str) -> None:
    try:
        bank, _ = write_and_load(tmp_path, SMALL_TEXTS[name])
    except DraftError as error:
        assert "nothing to ask" in str(error) or "empty" in str(error)
    else:
        assert bank.questions


def test_an_empty_article_is_refused() -> None:
    with pytest.raises(DraftError, match="empty"):
        draft_bank("  \n\n ", "sources/a.txt")


def test_figures_keep_their_precision_and_unit() -> None:
    article = Article.read(
        "Central Asia has about 80 million residents. Trade reached $95.5 billion."
    )
    residents, trade = article.figures
    assert (residents.value, residents.unit, residents.approximate, residents.step) == (
        80,
        "million residents",
        True,
        10,
    )
    assert (trade.text, trade.value, trade.unit, trade.step) == (
        "$95.5 billion",
        95.5,
        "billion dollars",
        0.1,
    )


def test_a_number_question_takes_the_text_s_precision_but_not_another_figure(
    tmp_path: Path,
) -> None:
    text = "The region has about 80 million residents. The rivers carry water to 15 million farms."
    bank, _ = write_and_load(tmp_path, text)
    numbers = {q.answer: q for q in bank.questions if q.kind == "number"}
    assert numbers[80].tolerance == 5  # "about 80 million": 75 to 85 count
    assert numbers[15].tolerance == 0  # exact as written


def test_quotes_are_asked_with_their_speaker() -> None:
    questions = draft_bank(SMALL_TEXTS["quotes"], "sources/a.txt").questions
    who = [q for q in questions if q["prompt"].startswith("Who said")]
    assert {q["answer"] for q in who} == {"Ana Ruiz", "Tom Bell"}
    assert all(set(q["choices"]) == {"Ana Ruiz", "Tom Bell"} for q in who)


def test_a_list_of_names_becomes_a_pick_all_question() -> None:
    questions = draft_bank(SMALL_TEXTS["no figures"], "sources/a.txt").questions
    multi = [q for q in questions if q.get("type") == "multi"]
    assert multi and set(multi[0]["answer"]) <= {"Lyon", "Paris", "Nantes"}


def test_a_false_statement_swaps_one_fact_and_explains_with_the_true_sentence() -> None:
    questions = draft_bank(SEED, "sources/a.txt").questions
    statements = [q for q in questions if q.get("type") == "truefalse"]
    assert statements
    for statement in statements:
        assert statement["answer"] is False
        assert statement["context"] in statement["explanation"]
        assert statement["prompt"].removeprefix("True or false? ") != statement["context"]


def test_no_prompt_gives_away_a_rare_answer_of_another_question() -> None:
    questions = draft_bank(SEED, "sources/a.txt").questions
    article = Article.read(SEED)
    for question in questions:
        answer = question.get("answer")
        if not isinstance(answer, str) or article.occurrences(answer) > 2:
            continue
        for other in questions:
            if other is not question:
                named = re.search(rf"\b{re.escape(answer)}\b", other["prompt"], re.IGNORECASE)
                assert named is None, (question, other)


def test_quiz_draft_writes_the_bank_and_its_source_and_never_replaces_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from quiz.cli import main

    article = tmp_path / "article.txt"
    article.write_text(SEED, encoding="utf-8")
    bank = tmp_path / "out" / "lesson.yaml"
    assert main(["draft", str(article), "-o", str(bank)]) == 0
    assert (tmp_path / "out" / "sources" / "article.txt").read_text(encoding="utf-8") == SEED
    assert main(["validate", str(bank)]) == 0
    before = bank.read_text(encoding="utf-8")
    assert main(["draft", str(article), "-o", str(bank)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert bank.read_text(encoding="utf-8") == before

    # another article of the same name: its copy takes a free name, the first stays whole
    other = tmp_path / "elsewhere" / "article.txt"
    other.parent.mkdir()
    other.write_text(SMALL_TEXTS["quotes"], encoding="utf-8")
    second = tmp_path / "out" / "second.yaml"
    assert main(["draft", str(other), "-o", str(second)]) == 0
    assert (tmp_path / "out" / "sources" / "article.txt").read_text(encoding="utf-8") == SEED
    assert "sources/article-2.txt" in second.read_text(encoding="utf-8")
    assert main(["validate", str(tmp_path / "out")]) == 0


def test_quiz_draft_says_why_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from quiz.cli import main

    empty = tmp_path / "empty.txt"
    empty.write_text("\n", encoding="utf-8")
    assert main(["draft", str(empty), "-o", str(tmp_path / "a.yaml")]) == 1
    assert main(["draft", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "b.yaml")]) == 1
    assert main(["draft", str(tmp_path), "-o", str(tmp_path / "c.yaml")]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 3 and all(line.startswith("quiz: ") for line in lines)
    assert not list(tmp_path.glob("*.yaml"))


def test_lint_reports_each_draft_left_unreviewed_and_none_once_reviewed(tmp_path: Path) -> None:
    from quiz.authoring.lint import lint_paths

    bank, _ = write_and_load(tmp_path, SEED, count=8)
    path = tmp_path / "lesson.yaml"
    unreviewed = [f for f in lint_paths([path]).findings if f.rule == "draft-unreviewed"]
    assert sorted(f.question for f in unreviewed) == sorted(q.id for q in bank.questions)
    reviewed = "\n".join(
        line for line in path.read_text("utf-8").splitlines() if DRAFT_MARK not in line
    )
    path.write_text(reviewed + "\n", encoding="utf-8")
    assert not [f for f in lint_paths([path]).findings if f.rule == "draft-unreviewed"]
