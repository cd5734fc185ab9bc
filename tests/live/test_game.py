"""The live game's rules, without sockets: joining, answering, the clock, the teacher's commands,
rejoining, the leaderboard and the end."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from quiz.engine.live import MISSED, LiveError, LiveGame
from quiz.engine.live_join import CODE_TRIES, CODE_WINDOW, MAX_NAME, JoinError, check_code, new_code
from quiz.engine.live_state import LiveAnswer
from quiz.engine.scoring import score_answer
from tests.live.conftest import Room, right_response, wrong_response

MakeRoom = Callable[..., Room]


# Joining.


def test_joining_needs_the_code(room: MakeRoom) -> None:
    class_ = room()
    refused = class_.join("c1", "Ann", code="654321")
    assert refused["type"] == "error" and refused["code"] == "bad_code"
    assert class_.game.players == []
    welcome = class_.join("c1", "Ann", code=" 123 456 ")
    assert welcome["type"] == "welcome"
    assert welcome["name"] == "Ann" and welcome["token"] == "token-1" and welcome["protocol"] == 1
    assert welcome["players"] == 1  # for "2nd of 28" on a device that (re)joins
    assert class_.last("c1") == {"type": "lobby", "players": 1}


def test_guessing_codes_is_throttled_per_address(room: MakeRoom) -> None:
    class_ = room()
    for attempt in range(CODE_TRIES):
        assert class_.join(f"g{attempt}", "Eve", code=f"00000{attempt}")["code"] == "bad_code"
    throttled = class_.join("g-right", "Eve")
    assert throttled["code"] == "throttled" and throttled["retry_after"] > 0
    assert class_.join("elsewhere", "Ann", address="10.0.0.2")["type"] == "welcome"
    class_.now += CODE_WINDOW
    assert class_.join("g-later", "Eve")["type"] == "welcome"


def test_names_are_trimmed_limited_and_refuse_control_characters(room: MakeRoom) -> None:
    class_ = room()
    assert class_.join("c1", "  Ann   Lee ")["name"] == "Ann Lee"
    for bad in ("", "   ", "x" * (MAX_NAME + 1), "Bo\x1b[31m", "Bo\u202e", "Bo\u200b"):
        refused = class_.join("c2", bad)
        assert refused["code"] == "bad_name", bad
    assert class_.join("c4", "Di\n\tDo")["name"] == "Di Do"  # white space is folded
    literal = class_.join("c3", "[bold]Cy[/]")
    assert literal["name"] == "[bold]Cy[/]"  # kept literally: the screens show it as typed


def test_names_are_unique_ignoring_case(room: MakeRoom) -> None:
    class_ = room()
    class_.join("c1", "Ann")
    refused = class_.join("c2", "ANN")
    assert refused["code"] == "name_taken"
    assert [p.name for p in class_.game.players] == ["Ann"]


def test_a_connection_joins_once(room: MakeRoom) -> None:
    class_ = room()
    class_.join("c1", "Ann")
    assert class_.join("c1", "Bo")["code"] == "already_joined"


def test_the_lobby_counts_connected_players(room: MakeRoom) -> None:
    class_ = room()
    class_.join("c1", "Ann")
    class_.join("c2", "Bo")
    assert class_.last("c1") == {"type": "lobby", "players": 2}
    class_.leave("c2")
    assert class_.last("c1") == {"type": "lobby", "players": 1}
    assert class_.game.connected_count == 1 and len(class_.game.players) == 2


def test_codes(room: MakeRoom) -> None:
    assert len(new_code()) == 6 and new_code().isdigit()
    assert check_code(" 4242 ") == "4242"
    for bad in ("12", "123456789", "abcdef", "１２３４５６"):
        with pytest.raises(JoinError):
            check_code(bad)


def test_a_game_needs_questions() -> None:
    with pytest.raises(LiveError):
        LiveGame([], code="123456")


# Answering.


def test_one_answer_per_player_per_question(room: MakeRoom) -> None:
    class_ = room()
    class_.join("c1", "Ann")
    class_.join("c2", "Bo")
    class_.command("start")
    assert class_.answer("c1", right_response(class_.game)) == {"type": "locked", "number": 1}
    again = class_.answer("c1", wrong_response(class_.game))
    assert again["code"] == "already_answered"
    assert class_.game.answered_count == 1
    assert class_.game.phase == "question"


def test_answers_to_another_question_or_garbage_are_refused(room: MakeRoom) -> None:
    class_ = room()
    class_.join("c1", "Ann")
    class_.join("c2", "Bo")
    class_.command("start")
    assert class_.answer("c1", 0, number=2)["code"] == "closed"
    for garbage in (None, "0", 99, -1, True, [0], {"a": 1}, 1.5):
        assert class_.answer("c1", garbage)["code"] == "bad_answer", garbage
    assert class_.game.answered_count == 0
    assert class_.answer("stranger", 0)["code"] == "not_joined"


def test_points_follow_the_scoring_time_bonus_on_the_host_clock(room: MakeRoom) -> None:
    class_ = room(seconds=20.0)
    class_.join("c1", "Ann")
    class_.join("c2", "Bo")
    class_.command("start")
    class_.now += 5  # the host's clock: whatever a device might claim
    class_.answer("c1", right_response(class_.game))
    class_.now += 10
    class_.answer("c2", right_response(class_.game))
    ann, bo = class_.game.player("Ann"), class_.game.player("Bo")
    assert ann is not None and bo is not None
    assert ann.score == score_answer("easy", True, time_left=15 / 20).total
    assert bo.score == score_answer("easy", True, time_left=5 / 20).total
    assert class_.last("c1", "result")["points"] == ann.score > bo.score


def test_points_count_at_the_reveal_only(room: MakeRoom) -> None:
    class_ = room()
    class_.join("c1", "Ann")
    class_.join("c2", "Bo")
    class_.command("start")
    class_.answer("c1", right_response(class_.game))
    ann = class_.game.player("Ann")
    assert ann is not None and ann.score == 0 and ann.rank == 0


def test_everyone_answered_reveals_at_once(room: MakeRoom) -> None:
    class_ = room()
    class_.join("c1", "Ann")
    class_.join("c2", "Bo")
    class_.command("start")
    class_.answer("c1", right_response(class_.game))
    assert class_.game.phase == "question"
    assert (class_.game.answered_count, class_.game.expected_count) == (1, 2)
    class_.answer("c2", wrong_response(class_.game))
    assert class_.game.phase == "reveal"
    assert class_.kinds("c2")[-3:] == ["locked", "reveal", "result"]


def test_a_disconnected_player_is_not_waited_for(room: MakeRoom) -> None:
    class_ = room()
    class_.join("c1", "Ann")
    class_.join("c2", "Bo")
    class_.command("start")
    class_.leave("c2")
    class_.answer("c1", right_response(class_.game))
    assert class_.game.phase == "reveal"
    bo = class_.game.player("Bo")
    assert bo is not None and bo.asked == 1 and bo.right == 0  # present at the start: missed it


def test_time_out_closes_the_question_and_counts_the_missing(room: MakeRoom) -> None:
    answers: list[LiveAnswer] = []

    class Watcher:
        def answered(self, game: LiveGame, answer: LiveAnswer) -> None:
            answers.append(answer)

        def ended(self, game: LiveGame) -> None:
            pass

    class_ = room(seconds=20.0, observers=[Watcher()])
    class_.join("c1", "Ann")
    class_.join("c2", "Bo")
    class_.command("start")
    class_.answer("c1", right_response(class_.game))
    class_.wait(19.9)
    assert class_.game.phase == "question"
    assert class_.game.seconds_left(class_.now) == pytest.approx(0.1)
    class_.wait(0.1)
    assert class_.game.phase == "reveal"
    result = class_.last("c2", "result")
    assert result["took_part"] and not result["answered"] and result["points"] == 0
    assert [(a.player, a.given, a.timed_out) for a in answers] == [
        ("Ann", answers[0].given, False),
        ("Bo", MISSED, True),
    ]


def test_an_answer_after_the_time_is_up_is_refused(room: MakeRoom) -> None:
    class_ = room(seconds=10.0)
    class_.join("c1", "Ann")
    class_.join("c2", "Bo")
    class_.command("start")
    class_.now += 10.5  # no tick yet: the answer itself finds the time up
    refused = class_.answer("c1", right_response(class_.game), number=1)
    assert refused["type"] == "reveal"  # the question closed first ...
    assert class_.last("c1", "error")["code"] == "closed"  # ... then the answer was refused
    ann = class_.game.player("Ann")
    assert ann is not None and ann.score == 0


# The teacher's commands.


def test_pause_resume_and_add_time(room: MakeRoom) -> None:
    class_ = room(seconds=20.0)
    class_.join("c1", "Ann")
    class_.command("start")
    class_.now += 5
    class_.command("pause")
    assert class_.last("c1") == {"type": "timer", "number": 1, "seconds_left": 15.0, "paused": True}
    class_.wait(100)
    assert class_.game.phase == "question" and class_.game.seconds_left(class_.now) == 15.0
    class_.command("add_time", 10)
    assert class_.last("c1")["seconds_left"] == 25.0
    class_.command("resume")
    assert class_.last("c1")["paused"] is False
    class_.wait(24.9)
    assert class_.game.phase == "question"
    class_.wait(0.1)
    assert class_.game.phase == "reveal"
    assert class_.game.time_limit == 30.0


def test_close_early_and_the_course_of_a_game(room: MakeRoom) -> None:
    class_ = room()
    class_.join("c1", "Ann")
    assert class_.command("advance") == []  # nothing to advance from the lobby
    class_.command("start")
    class_.command("close_question")
    assert class_.game.phase == "reveal"
    class_.command("advance")
    assert class_.game.phase == "leaderboard" and class_.last("c1")["type"] == "leaderboard"
    class_.command("advance")
    assert (class_.game.phase, class_.game.number) == ("question", 2)
    for _ in range(class_.game.total - 2):
        class_.command("close_question")
        class_.command("advance")
        class_.command("advance")
    class_.command("close_question")
    class_.command("advance")  # after the last reveal: the end
    assert class_.game.phase == "ended"
    end = class_.last("c1")
    assert end["type"] == "end" and end["you"]["asked"] == class_.game.total


def test_removal(room: MakeRoom) -> None:
    class_ = room()
    class_.join("c1", "Ann")
    class_.join("c2", "Bo")
    class_.command("start")
    class_.answer("c1", right_response(class_.game))
    class_.command("remove", "bo")
    assert class_.last("c2") == {
        "type": "removed",
        "message": "The teacher removed you from the game.",
    }
    assert "c2" in class_.closed
    assert class_.game.phase == "reveal"  # Ann was the only one left, and she had answered
    assert [p.name for p in class_.game.ranking()] == ["Ann"]
    again = class_.join("c3", "Bo")
    assert again["code"] == "name_removed"


def test_removal_in_the_lobby_updates_the_count(room: MakeRoom) -> None:
    class_ = room()
    class_.join("c1", "Ann")
    class_.join("c2", "Bo")
    class_.command("remove", "Bo")
    assert class_.last("c1") == {"type": "lobby", "players": 1}


def test_ending_early_scores_the_open_question(room: MakeRoom) -> None:
    class_ = room()
    class_.join("c1", "Ann")
    class_.command("start")
    class_.join("c2", "Bo")  # joins during question 1: takes part from question 2
    class_.command("end")
    assert class_.game.phase == "ended"
    assert class_.last("c1")["type"] == "end"
    assert class_.game.summary().questions == 1
    assert class_.join("c3", "Cy")["code"] == "ended"


# Late joiners and coming back.


def test_a_late_joiner_joins_at_the_next_question(room: MakeRoom) -> None:
    class_ = room()
    class_.join("c1", "Ann")
    class_.command("start")
    assert class_.join("c2", "Bo")["type"] == "welcome"
    assert class_.last("c2") == {"type": "wait", "number": 1}
    assert class_.answer("c2", right_response(class_.game))["code"] == "late"
    class_.answer("c1", right_response(class_.game))
    assert class_.game.phase == "reveal"  # Bo was not waited for
    assert class_.last("c2", "result")["took_part"] is False
    class_.command("advance")
    class_.command("advance")
    assert class_.last("c2")["type"] == "question"
    assert class_.answer("c2", right_response(class_.game))["type"] == "locked"


def test_rejoin_with_the_token_keeps_the_score(room: MakeRoom) -> None:
    class_ = room()
    token = class_.join("c1", "Ann")["token"]
    class_.join("c2", "Bo")
    class_.command("start")
    class_.answer("c1", right_response(class_.game))
    class_.leave("c1")
    back = class_.join("c9", "ann", token=token)
    assert back["name"] == "Ann" and back["token"] == token
    assert class_.kinds("c9")[1:] == ["question", "locked"]  # answered already: locked
    class_.answer("c2", wrong_response(class_.game))
    ann = class_.game.player("Ann")
    assert ann is not None and ann.score > 0 and class_.last("c9", "result")["score"] == ann.score


def test_the_token_takes_over_the_old_connection(room: MakeRoom) -> None:
    class_ = room()
    token = class_.join("tab1", "Ann")["token"]
    assert class_.join("tab2", "Ann", token=token)["type"] == "welcome"
    assert class_.last("tab1")["code"] == "replaced" and "tab1" in class_.closed
    assert class_.game.connection_ids() == ["tab2"]


def test_a_connected_name_cannot_be_taken_without_its_token(room: MakeRoom) -> None:
    class_ = room()
    class_.join("c1", "Ann")
    assert class_.join("c2", "Ann", token="guess")["code"] == "name_taken"
    assert class_.join("c2", "Ann")["code"] == "name_taken"


def test_a_name_whose_connection_is_gone_can_be_reclaimed_without_the_token(
    room: MakeRoom,
) -> None:
    class_ = room()
    old = class_.join("c1", "Ann")["token"]
    class_.command("start")
    class_.answer("c1", right_response(class_.game))
    class_.command("close_question")
    class_.leave("c1")  # Ctrl+C in `quiz join`: the token is gone with the process
    back = class_.join("c2", "Ann")
    assert back["type"] == "welcome" and back["token"] != old  # a new token: the old one is void
    assert back["score"] > 0
    assert class_.join("c3", "Ann", token=old)["code"] == "name_taken"


def test_catching_up_in_each_phase(room: MakeRoom) -> None:
    class_ = room()
    token = class_.join("c1", "Ann")["token"]
    class_.command("start")
    class_.command("close_question")
    class_.leave("c1")
    class_.join("c2", "Ann", token=token)
    assert class_.kinds("c2") == ["welcome", "reveal", "result"]
    class_.command("advance")
    class_.leave("c2")
    class_.join("c3", "Ann", token=token)
    assert class_.kinds("c3") == ["welcome", "leaderboard"]


# Leaderboard and the end.


def test_leaderboard_ranks_and_who_moved_up(room: MakeRoom) -> None:
    class_ = room(order=("trade-china-2024", "independence-1991", "khorgos"))
    for connection, name in (("a", "Ann"), ("b", "Bo"), ("c", "Cy")):
        class_.join(connection, name)
    class_.command("start")
    class_.answer("a", right_response(class_.game))
    class_.answer("b", wrong_response(class_.game))
    class_.answer("c", wrong_response(class_.game))
    assert [(p.name, p.rank) for p in class_.game.ranking()] == [("Ann", 1), ("Bo", 2), ("Cy", 2)]
    class_.command("advance")
    class_.command("advance")
    class_.now += 1
    class_.answer("c", right_response(class_.game))
    class_.answer("a", wrong_response(class_.game))
    class_.answer("b", wrong_response(class_.game))
    class_.command("advance")
    board = class_.last("a", "leaderboard")
    assert [(row["name"], row["rank"], row["moved"]) for row in board["top"]] == [
        ("Ann", 1, 0),
        ("Cy", 2, 0),
        ("Bo", 3, -1),
    ]
    assert class_.game.leaderboard(limit=1)[0].name == "Ann"


def test_the_end_summary(room: MakeRoom) -> None:
    class_ = room(order=("trade-china-2024", "trade-russia", "khorgos"))
    class_.join("a", "Ann")
    class_.join("b", "Bo")
    class_.command("start")
    for responses in (("right", "right"), ("wrong", "wrong"), ("right", "wrong")):
        for connection, which in zip(("a", "b"), responses, strict=True):
            pick = right_response if which == "right" else wrong_response
            class_.answer(connection, pick(class_.game))
        class_.command("advance")
        class_.command("advance")
    assert class_.game.phase == "ended"
    summary = class_.game.summary()
    assert [p.name for p in summary.podium] == ["Ann", "Bo"]
    assert [(t.topic, t.right, t.asked) for t in summary.topics] == [
        ("Trade figures", 2, 4),
        ("Countries", 1, 2),
    ]
    assert [r.asked.question.id for r in summary.hardest] == [
        "trade-russia",
        "khorgos",
        "trade-china-2024",
    ]
    assert summary.players == 2 and summary.questions == 3
    end = class_.last("b", "end")
    assert end["you"] == {"rank": 2, "score": end["you"]["score"], "right": 1, "asked": 3}
    assert [row["name"] for row in end["podium"]] == ["Ann", "Bo"]
