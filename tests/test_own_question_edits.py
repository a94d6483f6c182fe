"""Your own questions from the terminal: a new one never takes the id a deleted one's answers
still use, and editing one is held to the rules adding one is (no copy of a question already
there, no empty words), each refused in one sentence saying what to do."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import run_coach, unwrapped
from store_support import backend_fixture, db_fixture, logged_interview, save_real_answers  # noqa: F401

from coach import banks
from coach.config import load_settings
from coach.errors import InputError
from coach.store import count_answers_to, delete_attempt, open_store
from coach.store.attempts import attempt_question_ids
from coach.store.mock_sessions import save_mock_session
from coach.store.own_questions import edit_own_question, list_own_questions

DATA = Path(__file__).resolve().parent / "data"
BUG = "Tell me about the hardest bug you ever fixed."
CUSTOMER = "Tell me about the hardest conversation you had with a customer."


def _added_id(result) -> str:
    """The id `coach add-question` printed first on its first line."""
    assert result.returncode == 0, result.stderr
    return result.stdout.split(" · ")[0]


def test_a_deleted_questions_answer_stays_under_its_words_when_a_like_worded_one_is_added(tmp_path):
    """The tester's steps: the bug question answered then deleted, then a customer question whose
    first words are the same got the bug question's id, and Progress listed the bug answer under
    the customer question."""
    bug_id = _added_id(run_coach("add-question", BUG, data_dir=tmp_path))
    saved = run_coach("analyze", DATA / "clean.wav", "--save", "--question", bug_id, data_dir=tmp_path)
    assert saved.returncode == 0, saved.stderr
    refused = run_coach("delete-question", bug_id, data_dir=tmp_path)  # asked first, as every delete is
    assert refused.returncode == 1 and "add --yes to delete your question " + bug_id in refused.stderr
    deleted = run_coach("delete-question", bug_id, "--yes", data_dir=tmp_path)
    assert deleted.returncode == 0, deleted.stderr

    customer_id = _added_id(run_coach("add-question", CUSTOMER, data_dir=tmp_path))
    assert customer_id != bug_id

    progress = run_coach("progress", "--json", data_dir=tmp_path)
    assert progress.returncode == 0, progress.stderr
    by_question = {
        e["question_text"]: len(e["practice"]) for e in json.loads(progress.stdout)["per_question"]
    }
    assert by_question.get(BUG) == 1, by_question
    assert CUSTOMER not in by_question, by_question


def _real_interview_answer(db, question: banks.Question) -> None:
    interview_id = logged_interview(db)
    save_real_answers(
        db, interview_id, [{"question_id": question.id, "question_text": question.text, "analysis": None}]
    )


def _mock_turn_whose_take_was_deleted(db, question: banks.Question) -> None:
    """A mock interview asked the question; its take was deleted afterwards, the turn kept."""
    from store_support import save_answer

    attempt_id = save_answer(db, question.id, question.text)
    save_mock_session(
        db,
        format="behavioural",
        planned_s=600,
        used_s=60.0,
        score_overall=None,
        summary={},
        turns=[
            {
                "kind": "question",
                "question_id": question.id,
                "question_text": question.text,
                "why": None,
                "attempt_id": attempt_id,
                "score_overall": None,
                "duration_s": 60.0,
            }
        ],
    )
    delete_attempt(db, attempt_id, keep_audio=False)
    assert question.id not in attempt_question_ids(db)


@pytest.mark.parametrize("kept", [_real_interview_answer, _mock_turn_whose_take_was_deleted])
def test_a_new_question_never_takes_an_id_something_is_still_filed_under(db, kept):
    data_dir = db.settings.data_dir
    old = banks.add_user_question(data_dir, BUG)
    kept(db, old)
    banks.delete_user_question(data_dir, old.id)

    new = banks.add_user_question(data_dir, CUSTOMER)
    assert new.id != old.id
    assert count_answers_to(db, new.id) == 0  # the Questions page: "Nothing is filed under it yet"


def test_editing_your_question_into_a_bank_question_is_refused_as_adding_it_is(tmp_path):
    mine = _added_id(
        run_coach("add-question", "What did you learn from your last project?", data_dir=tmp_path)
    )
    bank = next(q for q in banks.load_questions(tmp_path) if q.text == "Tell me about a time you failed.")

    added = run_coach("add-question", bank.text, data_dir=tmp_path)
    edited = run_coach("edit-question", mine, "--text", bank.text, data_dir=tmp_path)
    assert added.returncode == edited.returncode == 1
    assert edited.stderr == added.stderr
    assert f"The banks already have this question ({bank.id})" in edited.stderr
    [own] = [q for q in banks.load_questions(tmp_path) if q.source != "bank"]
    assert own.text == "What did you learn from your last project?"

    # its own words, written differently, are not a copy of itself
    again = run_coach(
        "edit-question", mine, "--text", "what did you learn from your LAST project", data_dir=tmp_path
    )
    assert again.returncode == 0, again.stderr


def test_adding_the_same_words_twice_is_refused_by_the_function_itself(tmp_path):
    """`banks.add_user_question` took the same words a second time (the Questions page and `coach
    add-question` checked first; the function did not): a second own question, the first one's
    answers split from the next one's. Now it refuses them as `coach add-question` does, in the
    same sentence, for your own question's words and for a bank question's."""
    from coach.errors import InputError

    first = banks.add_user_question(tmp_path, BUG)
    bank = next(q for q in banks.load_questions(tmp_path) if q.text == "Tell me about a time you failed.")
    for words in ("tell me about the hardest bug you ever fixed", bank.text):
        with pytest.raises(InputError) as refused:
            banks.add_user_question(tmp_path, words)
        typed = run_coach("add-question", words, data_dir=tmp_path)
        assert typed.returncode == 1, typed.stdout
        assert unwrapped(typed.stderr) == f"error: {refused.value}", (typed.stderr, str(refused.value))
    assert [q.id for q in banks.load_questions(tmp_path) if q.source != "bank"] == [first.id]
    assert f"({first.id})" in unwrapped(run_coach("add-question", BUG.upper(), data_dir=tmp_path).stderr)


def test_editing_your_question_into_another_of_yours_is_refused(tmp_path):
    first = _added_id(run_coach("add-question", "Why this team?", data_dir=tmp_path))
    second = _added_id(run_coach("add-question", "Why this company?", data_dir=tmp_path))
    edited = run_coach("edit-question", second, "--text", "why this team", data_dir=tmp_path)
    assert edited.returncode == 1
    assert f"You already have this question ({first})" in edited.stderr
    assert [q.text for q in banks.load_questions(tmp_path) if q.source != "bank"] == [
        "Why this team?",
        "Why this company?",
    ]


def test_your_question_edited_past_the_longest_a_new_one_may_be_is_refused(tmp_path):
    """`coach edit-question --text` kept a 2,000-character question that `coach add-question` refuses."""
    mine = _added_id(run_coach("add-question", "Why this team?", data_dir=tmp_path))
    long = ("Tell me about a time you worked on a very long project " * 40)[:2000].strip()
    edited = run_coach("edit-question", mine, "--text", long, data_dir=tmp_path)
    assert edited.returncode == 1
    assert edited.stderr == (
        f"error: The question is {len(long):,} characters long; keep it to the question itself, at most "
        f"{banks.QUESTION_CHARS} (the talking points hold the rest).\n"
    )
    assert [q.text for q in banks.load_questions(tmp_path) if q.source != "bank"] == ["Why this team?"]


def test_emptying_your_questions_words_says_what_to_do(tmp_path):
    mine = _added_id(run_coach("add-question", "Why this team?", data_dir=tmp_path))
    edited = run_coach("edit-question", mine, "--text", " ", data_dir=tmp_path)
    assert edited.returncode == 1
    [line] = edited.stderr.splitlines()
    assert "non-empty string" not in line and "your question 'user-" not in line
    assert line == (
        "error: The question's new words are empty; type the question after --text, or leave --text "
        "out to keep its words."
    )
    assert [q.text for q in banks.load_questions(tmp_path) if q.source != "bank"] == ["Why this team?"]


def test_a_question_taken_out_of_a_debrief_stays_when_you_starred_or_edited_it(tmp_path):
    """A debrief's question joins the bank; taking it out of the list took it back out of the bank
    even when the user had since starred it or given it talking points of their own (deleting it on
    the Questions page asks first): both were lost without a word. Only one left as it was added
    goes; the other two stay."""
    from datetime import date

    from coach.config import load_settings
    from coach.debrief import save_debrief
    from coach.store import add_interview, open_store, set_favourite

    settings = load_settings(tmp_path)
    db = open_store(settings)
    try:
        held = add_interview(db, company="Umbrella", interview_date=date.today())
        asked = ["Why us?", "Tell me about a conflict.", "How do you plan a quarter?"]
        debrief_id, added, _ = save_debrief(db, settings, held, {"questions_asked": asked})
        ids = {q.text: q.id for q in added}
        assert set(ids) == set(asked)
        set_favourite(db, ids["Why us?"], True)
        conflict = ids["Tell me about a conflict."]
        banks.edit_user_question(tmp_path, conflict, talking_points=["what I gave up"])
        _, _, taken_back = save_debrief(db, settings, held, {"questions_asked": []}, debrief_id=debrief_id)
        assert taken_back == ["How do you plan a quarter?"]
        own = {q.text for q in banks.load_questions(tmp_path) if q.source != "bank"}
        assert own == {"Why us?", "Tell me about a conflict."}
    finally:
        db.close()


def test_your_question_reworded_is_checked_for_what_its_new_words_give(tmp_path):
    """`coach edit-question ID --text` on "What is your greatest weakness?", added with no talking
    points, kept the bank's weakness points it had been given, and answers to the new question
    were checked for "a real weakness, not a disguised strength". Given points follow the words;
    points you typed stay; one saved reworded before this is read as if given now."""
    weakness = _added_id(run_coach("add-question", "What is your greatest weakness?", data_dir=tmp_path))
    typed = _added_id(
        run_coach("add-question", "Why this team?", "--talking-point", "their roadmap", data_dir=tmp_path)
    )
    deadline = "Tell me about a time you missed a deadline at work."
    edited = run_coach("edit-question", weakness, "--text", deadline, data_dir=tmp_path)
    assert edited.returncode == 0, edited.stderr
    assert "disguised strength" not in edited.stdout
    assert "  - a specific example\n" in edited.stdout  # as the same words added new
    assert (
        run_coach("edit-question", typed, "--text", "Why this team of all?", data_dir=tmp_path).returncode
        == 0
    )
    mine = {q.id: q for q in banks.load_questions(tmp_path) if q.source != "bank"}
    assert banks.points_to_check(mine[weakness].talking_points) == ()
    assert mine[typed].talking_points == ("their roadmap",)

    # kept so by an earlier version: read with what its words give now
    bank_points = next(q for q in banks.load_questions(tmp_path) if q.id == "beh-fail-07").talking_points
    store = open_store(load_settings(tmp_path))
    try:
        edit_own_question(store, weakness, talking_points=bank_points)
    finally:
        store.close()
    [kept] = [q for q in banks.load_questions(tmp_path) if q.id == weakness]
    assert banks.points_to_check(kept.talking_points) == ()


def test_your_question_reworded_gets_the_follow_up_its_new_words_give(tmp_path):
    """`coach edit-question ID --text` on "What is your greatest weakness?" gave the new words'
    talking points but kept the bank weakness question's follow-up, so a mock interview asked "How
    would your colleagues describe it?" after "Tell me about a time you missed a deadline.". A given
    follow-up follows the words and the kind, as given points do; one written for the question stays;
    one saved reworded before this is read as if given now."""
    weakness = _added_id(run_coach("add-question", "What is your greatest weakness?", data_dir=tmp_path))
    why_team = _added_id(run_coach("add-question", "Why this team?", data_dir=tmp_path))
    written = banks.add_user_question(tmp_path, "Why this company?", follow_ups=["Who do you know here?"])
    deadline = "Tell me about a time you missed a deadline at work."
    edited = run_coach("edit-question", weakness, "--text", deadline, data_dir=tmp_path)
    assert edited.returncode == 0, edited.stderr
    assert "  follow-up: What would you do differently next time?" in edited.stdout.splitlines()
    moved = run_coach("edit-question", why_team, "--category", "technical", data_dir=tmp_path)
    assert moved.returncode == 0, moved.stderr
    banks.edit_user_question(tmp_path, written.id, text="Why this company of all?")

    store = open_store(load_settings(tmp_path))
    try:
        stored = {e["id"]: e["follow_ups"] for e in list_own_questions(store)}
    finally:
        store.close()
    new = banks.add_user_question(tmp_path / "new", deadline)
    assert new.follow_ups == ("What would you do differently next time?",)
    assert stored[weakness] == list(new.follow_ups)  # as the same words added new
    assert stored[why_team] == [banks.KIND_FOLLOW_UPS["technical"]]
    assert stored[written.id] == ["Who do you know here?"]

    # kept so by an earlier version: read with what its words give now
    store = open_store(load_settings(tmp_path))
    try:
        edit_own_question(store, weakness, follow_ups=["How would your colleagues describe it?"])
    finally:
        store.close()
    [kept] = [q for q in banks.load_questions(tmp_path) if q.id == weakness]
    assert kept.follow_ups == new.follow_ups


def test_your_question_reworded_is_filed_under_the_kind_its_new_words_give(tmp_path):
    """`coach edit-question ID --text "What is your greatest weakness?"` on "Which feature would you
    cut first?" (filed role-specific from its words) kept role-specific, so it practised "failure
    learning, product sense" and was given a role question's points, where the same words added new
    are behavioural, "failure learning, self awareness", with the bank weakness question's points.
    A kind told from the words follows the new words; one given with --category stays."""
    told = _added_id(run_coach("add-question", "Which feature would you cut first?", data_dir=tmp_path))
    chosen = _added_id(
        run_coach(
            "add-question", "Which stakeholder would you update first?", "--category", "situational",
            data_dir=tmp_path,
        )
    )  # fmt: skip
    weakness = "What is your greatest weakness?"
    new = banks.add_user_question(tmp_path / "new", weakness)
    edited = run_coach("edit-question", told, "--text", weakness, data_dir=tmp_path)
    assert edited.returncode == 0, edited.stderr
    said = unwrapped(edited.stdout)
    assert said.startswith(f"{told} · behavioural · {weakness} practises: {', '.join(new.competencies)};")
    assert "self-awareness" in new.competencies and "product-sense" not in new.competencies
    lead = "What is your biggest weakness as a lead?"
    reworded = run_coach("edit-question", chosen, "--text", lead, data_dir=tmp_path)
    assert reworded.returncode == 0, reworded.stderr
    mine = {q.id: q for q in banks.load_questions(tmp_path) if q.source != "bank"}
    assert (mine[told].category, mine[told].competencies) == (new.category, new.competencies)
    assert (mine[told].talking_points, mine[told].follow_ups) == (new.talking_points, new.follow_ups)
    assert mine[chosen].category == "situational"


def test_a_kind_and_competencies_typed_with_new_words_are_kept_as_typed(tmp_path):
    """`coach edit-question ID --text "What is your greatest weakness?" --category role-specific
    --competency product-sense`: options typed on purpose, equal to what the coach had told from the
    old words, were read as told and replaced by what the new words give (behavioural, "failure
    learning, self awareness"). A command's options are the user's choice; only the page's boxes
    start filled with what was told."""
    told = _added_id(run_coach("add-question", "Which feature would you cut first?", data_dir=tmp_path))
    before = next(q for q in banks.load_questions(tmp_path) if q.id == told)
    assert before.category == "role-specific", before
    edited = run_coach(
        "edit-question", told, "--text", "What is your greatest weakness?", "--category", "role-specific",
        *(a for c in before.competencies for a in ("--competency", c)), data_dir=tmp_path,
    )  # fmt: skip
    assert edited.returncode == 0, edited.stderr
    after = next(q for q in banks.load_questions(tmp_path) if q.id == told)
    assert (after.category, after.competencies) == ("role-specific", before.competencies), after


def test_questions_that_differ_only_in_a_number_are_two_questions(tmp_path):
    """ "Session 2: tell me about a project you are proud of." was refused as a copy of "Session 1:
    …" (the words compared without their numbers), so the Practice page could not practise it (five
    browser sessions at once, each typing its own, failed in the clean-clone CI)."""
    first = banks.add_user_question(tmp_path, "Session 1: tell me about a project you are proud of.")
    second = banks.add_user_question(tmp_path, "Session 2: tell me about a project you are proud of.")
    assert first.id != second.id
    with pytest.raises(InputError):
        banks.add_user_question(tmp_path, "session 2 - Tell me about a project you are proud of")


def test_deleting_your_question_says_its_answers_stay_under_its_words_before_and_after(tmp_path, monkeypatch):
    """`coach delete-question` on a question answered twice asked "add --yes to delete your question
    …" and then said "Deleted user-….": nothing said whether its answers went with it, where the
    Questions page asks "Its 2 answers stay in your history under these words" first. Both now say
    it before and after."""
    from app_support import page
    from store_support import save_answer

    mine = banks.add_user_question(tmp_path, BUG)
    mine_too = banks.add_user_question(tmp_path, CUSTOMER)
    store = open_store(load_settings(tmp_path))
    try:
        for question in (mine, mine, mine_too, mine_too):
            save_answer(store, question.id, question.text)
    finally:
        store.close()
    asked = run_coach("delete-question", mine.id, data_dir=tmp_path)
    assert asked.returncode == 1 and asked.stderr == (
        f"error: Deleting cannot be undone; add --yes to delete your question {mine.id} (“Tell me about the "
        "hardest bug you ever fixed”), whose 2 answers stay in your history under its words.\n"
    ), asked.stderr
    deleted = run_coach("delete-question", mine.id, "--yes", data_dir=tmp_path)
    assert deleted.returncode == 0 and deleted.stdout == (
        f"Deleted {mine.id}; its 2 answers stay in your history under its words (`coach history` lists "
        "them).\n"
    ), deleted.stdout
    moving = run_coach("delete-question", mine_too.id, "--answers-to", "beh-conf-01", data_dir=tmp_path)
    assert moving.stderr.endswith(", whose 2 answers will be filed under beh-conf-01.\n"), moving.stderr

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("questions").run()
    at.button(key=f"questions_delete_{mine_too.id}").click().run()
    at.button(key=f"questions_delete_{mine_too.id}_yes").click().run()
    assert not at.exception and not at.error
    assert [s.value.replace("\\", "") for s in at.success] == [  # as shown: markdown's escapes gone
        f"Deleted: {CUSTOMER} — its 2 answers stay in your history under its words: Progress lists them "
        "under “Per question”."
    ]


def test_new_words_that_tell_other_competencies_say_what_they_were_and_how_to_keep_them(tmp_path):
    """`coach edit-question ID --text …` on a question added with "--competency execution
    --competency customer-focus" (what its words give) printed "practises: customer-focus" and
    nothing else: the two were told again from the new words without a word, where the Questions
    page's "Saved: …" says they were told. Now it says what they were, and the command that keeps
    them."""
    late = "Tell me about a time you had to deliver a project late to a customer."
    reworded = "Tell me about a time you had to tell a customer their project would be late."
    assert banks.guess_competencies(late) == ["execution", "customer-focus"]  # as they were typed
    assert banks.guess_competencies(reworded) == ["customer-focus"]
    added = _added_id(
        run_coach("add-question", late, "--competency", "execution", "--competency", "customer-focus",
                  data_dir=tmp_path)
    )  # fmt: skip
    edited = run_coach("edit-question", added, "--text", reworded, data_dir=tmp_path)
    assert edited.returncode == 0, edited.stderr
    said = unwrapped(edited.stdout)
    assert (
        "It practises customer focus, told from its new words (it practised execution and customer "
        "focus before). To keep the ones it had:"
    ) in said, said
    keep = f"  coach edit-question {added} --competency execution --competency customer-focus"
    assert keep in edited.stdout.splitlines(), edited.stdout
    kept = run_coach(*keep.split()[1:], data_dir=tmp_path)
    assert kept.returncode == 0 and "told from" not in kept.stdout, (kept.stdout, kept.stderr)
    [mine] = [q for q in banks.load_questions(tmp_path) if q.id == added]
    assert mine.competencies == ("execution", "customer-focus")
    # changing only how hard it is says nothing of its competencies
    harder = run_coach("edit-question", added, "--difficulty", "hard", data_dir=tmp_path)
    assert harder.returncode == 0 and "told from" not in harder.stdout, harder.stdout


def test_a_deleted_questions_answers_are_found_where_the_delete_says_under_its_words(tmp_path, monkeypatch):
    """Deleting an answered question of yours on the Questions page said its answer "stays in your
    history under its words" and named no place to find it; `coach delete-question` said "`coach
    history` lists them" of one answer. The page names the Progress page's part that lists it, which
    lists it under the question's words, as `coach history` does (never its id)."""
    from app_support import page
    from store_support import save_answer

    mine = banks.add_user_question(tmp_path, BUG)
    mine_too = banks.add_user_question(tmp_path, CUSTOMER)
    store = open_store(load_settings(tmp_path))
    try:
        for question in (mine, mine_too):
            save_answer(store, question.id, question.text)
    finally:
        store.close()
    deleted = run_coach("delete-question", mine.id, "--yes", data_dir=tmp_path)
    assert deleted.stdout.endswith(
        "its answer stays in your history under its words (`coach history` lists it).\n"
    )

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("questions").run()
    at.button(key=f"questions_delete_{mine_too.id}").click().run()
    asked = [
        str(e.value)
        for e in (*at.warning, *at.markdown, *at.caption)
        if "This cannot be undone" in str(e.value)
    ]
    assert any("Progress lists it under “Per question”" in a for a in asked), asked
    at.button(key=f"questions_delete_{mine_too.id}_yes").click().run()
    assert not at.exception and not at.error
    assert [s.value.replace("\\", "") for s in at.success] == [  # as shown: markdown's escapes gone
        f"Deleted: {CUSTOMER} — its answer stays in your history under its words: Progress lists it under "
        "“Per question”."
    ]

    progress = page("progress").run()
    assert not progress.exception
    assert "Per question" in [h.value for h in progress.header], [h.value for h in progress.header]
    titles = [e.label.replace("\\", "") for e in progress.expander]  # as shown: escapes gone
    for question in (mine, mine_too):
        assert any(t.startswith(f"{question.text} — 1 practice") for t in titles), titles
    assert not any(t.startswith("user-") for t in titles), titles
    history = unwrapped(run_coach("history", data_dir=tmp_path).stdout)
    # each by its words, cut to its line as every question there is
    assert f"“{BUG}”" in history and f"“{CUSTOMER[:40]}" in history and "user-" not in history, history
