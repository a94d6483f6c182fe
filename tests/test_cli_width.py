"""Every line the listing commands print fits an 80-column terminal, with long names and questions:
a longer line is wrapped by the terminal mid-word and mid-column."""

from __future__ import annotations

from cli_support import run_coach

from coach.config import load_settings
from coach.store import open_store

WIDTH = 80
LONG_QUESTION = (
    "When a launch you had promised to three customers slipped a second time, how did you tell them, "
    "and what did you change in how the team planned so that it would not slip again?"
)


def _printed(data_dir, *args) -> list[str]:
    result = run_coach(*args, data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def _widths(lines: list[str]) -> list[int]:
    return [len(line) for line in lines if len(line) > WIDTH]


def test_questions_fit_80_columns_with_a_long_own_question(tmp_path):
    """`coach questions` printed a question's id, its category, its words and how often it was
    answered on one line (268 columns on a year of practice), and an own question's long id widened
    every row's id column to 32. Now each row fits: the words and "— Answered …" wrap at words under
    the id column, an own question's id is whole on a line of its own; --to-ask, --random and
    add-question fit too."""
    from store_support import answered_over_months

    added = _printed(tmp_path, "add-question", LONG_QUESTION, "--talking-point", LONG_QUESTION)
    assert not _widths(added), added
    own_id = added[0].split()[0]
    assert own_id.startswith("user-") and len(own_id) > 14, added
    db = open_store(load_settings(tmp_path))
    try:
        answered_over_months(db)
    finally:
        db.close()
    assert run_coach("star", "mot-05", data_dir=tmp_path).returncode == 0

    listed = _printed(tmp_path, "questions")
    assert not _widths(listed), _widths(listed)
    # the id whole on its own line, the words under the column, whole once joined
    at = listed.index(own_id)
    words = []
    for line in listed[at + 1 :]:
        if not line.startswith(" " * 15):
            break
        words.append(line.strip())
    assert " ".join(words).endswith(LONG_QUESTION), words
    [yourself] = [i for i, line in enumerate(listed) if line.startswith("mot-05 ")]
    assert listed[yourself].endswith("Tell me about yourself. ★"), listed[yourself]
    assert listed[yourself + 1].startswith(" " * 15 + "— Answered 3 times (1 in a real interview)")
    for args in (("--to-ask",), ("--answered",), ("--random", "--search", "slipped a second time")):
        shown = _printed(tmp_path, "questions", *args)
        assert not _widths(shown), (args, _widths(shown))
