"""The store on SQLite and on a real PostgreSQL: what a user would notice about their history."""

from __future__ import annotations

import threading
from datetime import date

import pytest
import sqlalchemy as sa
from store_support import (  # noqa: F401
    analysis_dict,
    backend_fixture,
    record,
    settings_fixture,
    store_fixture,
    transcript_dict,
)

from coach.errors import InputError, StorageError
from coach.store import (
    add_debrief,
    add_goal,
    add_interview,
    add_option,
    add_question,
    delete_attempt,
    delete_interview,
    delete_interview_audio,
    get_attempt,
    get_interview,
    list_attempts,
    list_debriefs,
    list_goals,
    list_options,
    list_questions,
    list_turns,
    open_store,
    save_attempt,
    save_interview_recording,
    start_session,
    unanalysed_recordings,
    update_debrief,
    update_interview,
)
from coach.store.migrations import MIGRATIONS
from coach.store.recordings import recover_recordings


def _save(store, settings, pitch=220.0, question_id="beh-conflict", **analysis):
    return save_attempt(
        store,
        question_id=question_id,
        question_text="Tell me about a conflict.",
        recording=record(settings, pitch),
        transcript=transcript_dict(),
        analysis=analysis_dict(**analysis),
        engine="faster-whisper",
        model="tiny.en",
    )


def test_saved_attempt_lists_with_its_measures_and_recording(store, settings):
    attempt_id = _save(store, settings, wpm=162.5, fillers_per_100=3.5, overall=74)
    [listed] = list_attempts(store)
    assert listed["id"] == attempt_id
    assert listed["question_id"] == "beh-conflict"
    assert listed["wpm"] == 162.5 and listed["fillers_per_100_words"] == 3.5
    assert listed["score_overall"] == 74 and listed["score_structure"] == 74
    assert listed["score_delivery"] == 79 and listed["long_pauses"] == 1
    assert listed["engine"] == "faster-whisper" and listed["analysis_version"] == "1"
    assert listed["recording_path"].startswith("recordings/practice/")
    assert (settings.data_dir / listed["recording_path"]).read_bytes()[:4] == b"RIFF"
    full = get_attempt(store, attempt_id)
    assert full["analysis"]["feedback"] == ["Pace sat inside the comfortable band."]
    assert full["transcript"]["transcript"].startswith("So I led")


def test_history_filters_by_question_and_orders_newest_first(store, settings):
    first = _save(store, settings, 200.0, question_id="q1")
    _save(store, settings, 210.0, question_id="q2")
    third = _save(store, settings, 230.0, question_id="q1")
    assert [a["id"] for a in list_attempts(store, question_id="q1")] == [third, first]
    assert len(list_attempts(store, limit=2)) == 2


def test_typed_answer_without_recording_is_stored(store):
    session = start_session(store, "morning warm-up")
    attempt_id = save_attempt(
        store,
        question_id=None,
        question_text="Why us?",
        recording=None,
        transcript={"transcript": "Because.", "words": []},
        analysis=analysis_dict(text="Because."),
        engine="",
        model="",
        session_id=session,
    )
    attempt = get_attempt(store, attempt_id)
    assert attempt["recording_path"] is None and attempt["session_id"] == session


def test_delete_attempt_keeping_audio_keeps_the_file(store, settings):
    attempt_id = _save(store, settings)
    path = settings.data_dir / list_attempts(store)[0]["recording_path"]
    delete_attempt(store, attempt_id, keep_audio=True)
    assert list_attempts(store) == []
    assert path.exists()
    # Kept on purpose, so not offered as "waiting for analysis", and not re-adopted on reopen.
    assert unanalysed_recordings(store) == []
    assert recover_recordings(store, min_age_s=0)["adopted"] == []


def test_delete_attempt_without_audio_removes_the_file(store, settings):
    keep = _save(store, settings, 300.0)
    gone = _save(store, settings, 310.0)
    gone_path = settings.data_dir / get_attempt(store, gone)["recording_path"]
    delete_attempt(store, gone, keep_audio=False)
    assert not gone_path.exists()
    assert [a["id"] for a in list_attempts(store)] == [keep]
    assert (settings.data_dir / get_attempt(store, keep)["recording_path"]).exists()
    with pytest.raises(InputError, match="no practice answer with id"):
        delete_attempt(store, gone, keep_audio=False)


def test_real_interview_with_people_turns_and_debrief(store, settings):
    interview_id = add_interview(
        store,
        company="Acme",
        role="Staff engineer",
        stage="first round",
        interview_date="2025-03-04",
        format="video",
        origin="they_reached_out",
        people=[{"name": "Dana", "title": "Hiring manager"}],
    )
    answers = [
        {
            "question_text": "Tell me about a conflict.",
            "question_id": "beh-conflict",
            "answer_start_s": 10.0,
            "answer_end_s": 95.0,
            "transcript": transcript_dict(),
            "analysis": analysis_dict(wpm=171),
        },
        {
            "question_text": "How do you run an incident review?",
            "question_id": None,
            "transcript": transcript_dict(),
            "analysis": analysis_dict(wpm=140),
        },
    ]
    save_interview_recording(
        store,
        interview_id,
        recording=record(settings, 500.0, kind="interview"),
        transcript=transcript_dict(),
        answers=answers,
        engine="faster-whisper",
        model="tiny.en",
        candidate_channel="left",
    )
    debrief_id = add_debrief(
        store,
        interview_id,
        went_well="clear examples",
        could_be_better="too long",
        skill_gaps="system design depth, stakeholder management",
        interest=4,
        proceed=True,
        time_commitment="4 rounds over 3 weeks",
    )
    interview = get_interview(store, interview_id)
    assert interview["company"] == "Acme" and interview["interview_date"] == "2025-03-04"
    assert [p["name"] for p in interview["people"]] == ["Dana"]
    [rec] = interview["recordings"]
    assert rec["recording_path"].startswith("recordings/interview/")
    assert [t["wpm"] for t in rec["turns"]] == [171, 140]
    # The unmatched question is kept as one "asked in a real interview".
    asked = list_questions(store, source="interview")
    assert [q["text"] for q in asked] == ["How do you run an incident review?"]
    assert rec["turns"][1]["question_id"] == asked[0]["question_id"]
    assert [t["company"] for t in list_turns(store, question_id="beh-conflict")] == ["Acme"]
    [debrief] = list_debriefs(store)
    assert debrief["interest"] == 4 and debrief["proceed"] is True and debrief["company"] == "Acme"
    update_debrief(store, debrief_id, interest=2, proceed=False)
    assert list_debriefs(store)[0]["proceed"] is False
    update_interview(store, interview_id, stage="second round")
    assert get_interview(store, interview_id)["stage"] == "second round"


def test_deleting_an_interview_removes_its_turns_debriefs_and_audio(store, settings):
    interview_id = add_interview(store, company="Beta", interview_date=date(2025, 1, 2))
    saved = record(settings, 520.0, kind="interview")
    save_interview_recording(
        store,
        interview_id,
        recording=saved,
        transcript=None,
        answers=[{"question_text": "Why Beta?", "analysis": analysis_dict()}],
        engine="faster-whisper",
        model="tiny.en",
    )
    add_debrief(store, interview_id, went_well="rapport")
    delete_interview(store, interview_id, keep_audio=False)
    assert list_turns(store) == [] and list_debriefs(store) == []
    assert not saved.path.exists()


def test_deleting_only_an_interviews_audio_keeps_its_answers(store, settings):
    interview_id = add_interview(store, company="Gamma", interview_date=date(2025, 2, 3))
    saved = record(settings, 560.0, kind="interview")
    save_interview_recording(
        store,
        interview_id,
        recording=saved,
        transcript={"transcript": "Why Gamma?"},
        answers=[{"question_text": "Why Gamma?", "analysis": analysis_dict()}],
        engine="faster-whisper",
        model="tiny.en",
    )
    add_debrief(store, interview_id, went_well="clear story")
    assert delete_interview_audio(store, interview_id) == 1
    assert not saved.path.exists()
    assert [t["question_text"] for t in list_turns(store)] == ["Why Gamma?"]
    assert [d["went_well"] for d in list_debriefs(store)] == ["clear story"]
    assert unanalysed_recordings(store) == []


def test_user_input_mistakes_are_clear_errors(store):
    interview_id = add_interview(store, company="Acme", interview_date="2025-03-04")
    with pytest.raises(InputError, match="whole number from 1 to 5"):
        add_debrief(store, interview_id, interest=7)
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        add_interview(store, company="Acme", interview_date="next tuesday")
    with pytest.raises(InputError, match="no interview with id 9999; `coach interviews` lists them") as wrong:
        add_debrief(store, 9999, went_well="x")
    # the app's pages never ask for an id: there it is a row gone since the page was drawn
    assert wrong.value.in_app == (
        "There is no interview with id 9999 any more; reload the page to see what is there now."
    )
    with pytest.raises(InputError, match="cadence goal"):
        add_goal(store, kind="real_interviews", target=1)


def test_options_goals_and_user_questions(store):
    add_option(store, kind="offer", company="Acme", compensation="120k", deadline="2025-04-01")
    add_option(store, kind="batna", details="stay in current role")
    assert [o["kind"] for o in list_options(store)] == ["offer", "batna"]
    assert list_options(store)[0]["deadline"] == "2025-04-01"
    add_goal(store, kind="real_interviews", target=1, period_days=91, note="one first round a quarter")
    add_goal(store, kind="wpm", target=150)
    assert [(g["kind"], g["target"], g["active"]) for g in list_goals(store)] == [
        ("real_interviews", 1.0, True),
        ("wpm", 150.0, True),
    ]
    qid = add_question(store, "Walk me through your proudest project.", competencies=["impact"])
    assert qid.startswith("user-")
    assert list_questions(store, source="user")[0]["competencies"] == ["impact"]


def test_two_sessions_saving_at_once_both_keep_everything(settings):
    first, second = open_store(settings), open_store(settings)
    errors = []

    def save_many(store, base_pitch):
        try:
            for i in range(15):
                _save(store, settings, base_pitch + i, question_id=f"q{base_pitch}")
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=save_many, args=(s, p)) for s, p in ((first, 600), (second, 700))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(list_attempts(first)) == 30
    paths = [a["recording_path"] for a in list_attempts(second)]
    assert len(set(paths)) == 30 and all((settings.data_dir / p).exists() for p in paths)
    first.close()
    second.close()


def test_a_database_from_a_newer_coach_is_refused_and_left_alone(settings):
    store = open_store(settings)
    with store.write() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO schema_migrations (name, applied_at) VALUES "
                "('0099_from_the_future', CURRENT_TIMESTAMP)"
            )
        )
    store.close()
    with pytest.raises(StorageError, match="newer version of coach"):
        open_store(settings)
    with open_store(settings, migrate=False).read() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM schema_migrations")).scalar() == len(MIGRATIONS) + 1


def test_a_recording_saved_without_its_row_is_found_again(store, settings):
    saved = record(settings, 800.0)  # the app stopped before analysis or the database write
    assert recover_recordings(store, min_age_s=0)["adopted"][0]["path"] == store.relative(saved.path)
    [waiting] = unanalysed_recordings(store)
    assert waiting["sha256"] == saved.sha256
    # Saving the attempt later reuses the adopted row instead of failing or duplicating it.
    save_attempt(
        store,
        question_id="q",
        question_text="",
        recording=saved,
        transcript=transcript_dict(),
        analysis=analysis_dict(),
        engine="faster-whisper",
        model="tiny.en",
    )
    assert unanalysed_recordings(store) == []
    assert len(list_attempts(store)) == 1


@pytest.mark.new_database  # two sessions run the migrations of a new database at once
def test_two_sessions_opening_a_new_database_at_once_migrate_it_once(settings):
    opened, errors = [], []

    def open_one():
        try:
            opened.append(open_store(settings))
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=open_one) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and len(opened) == 4
    with opened[0].read() as conn:
        names = conn.execute(sa.text("SELECT name FROM schema_migrations")).scalars().all()
    assert sorted(names) == sorted(set(names)) and len(names) == len(MIGRATIONS)
    for store in opened:
        store.close()


def test_a_title_longer_than_kept_is_one_sentence_on_either_database(store):
    """Someone met with a 250-character title: SQLite kept it, PostgreSQL refused it with the
    database's own words and its address ("value too long for type character varying(200)").
    Both now say how long it may be and save nothing, for a new person and for one already met
    (whose title a later line fills in)."""
    from coach import interview_log
    from coach.store import add_interview, get_interview

    interview = add_interview(store, company="Acme", interview_date="2026-12-01")
    with pytest.raises(InputError, match="keeps the person's title up to 200 characters, not 250") as refused:
        interview_log.add_person(store, interview, "Dana — " + "x" * 250)
    assert "postgresql" not in str(refused.value) and "varying" not in str(refused.value)
    interview_log.add_person(store, interview, "Sam Lee")
    with pytest.raises(InputError, match="up to 200 characters"):
        interview_log.add_person(store, interview, "Sam Lee — " + "y" * 250)
    assert [(p["name"], p["title"]) for p in get_interview(store, interview)["people"]] == [("Sam Lee", "")]


def _row_counts(store) -> dict[str, int]:
    from coach.store.schema import TABLES_IN_ORDER

    with store.read() as conn:
        return {
            t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar() for t in TABLES_IN_ORDER
        }


def _typed_too_long(store, interview: int) -> list[tuple[str, object]]:
    """Each way a user's typing reaches a column with a limit, one character over that limit,
    with the sentence expected (the rest of the call as a user would make it)."""
    from coach.store import add_own_question, add_person, update_interview, update_person
    from coach.store.mock_sessions import save_mock_session
    from coach.store.schema import LONG_TEXT_CHARS

    long = "x" * (LONG_TEXT_CHARS + 1)
    [person] = [p["id"] for p in get_interview(store, interview)["people"]]
    entry = {
        "id": "q" * 201,
        "text": "Tell me about a time you disagreed.",
        "category": "behavioural",
        "competencies": ["conflict"],
        "roles": ["any"],
        "difficulty": "medium",
        "format": "behavioural",
        "target_s": 90,
        "talking_points": [],
        "follow_ups": [],
        "source": "user",
    }
    day = "2026-12-01"
    return [
        (
            "interview's company up to 200 characters, not 201",
            lambda: add_interview(store, company="c" * 201, interview_date=day),
        ),
        (
            "interview's role up to 200",
            lambda: add_interview(store, company="Acme", role="r" * 201, interview_date=day),
        ),
        (
            "interview's stage up to 100",
            lambda: add_interview(store, company="Acme", stage="s" * 101, interview_date=day),
        ),
        (
            "interview's notes up to 200,000 characters, not 200,001",
            lambda: add_interview(store, company="Acme", notes=long, interview_date=day),
        ),
        (
            "interview's job description up to 200,000",
            lambda: add_interview(store, company="Acme", job_description=long, interview_date=day),
        ),
        (
            "person's title up to 200",
            lambda: add_interview(
                store, company="Acme", interview_date=day, people=[{"name": "Sam", "title": "t" * 201}]
            ),
        ),
        ("interview's company up to 200", lambda: update_interview(store, interview, company="c" * 201)),
        (
            "interview's job description up to 200,000",
            lambda: update_interview(store, interview, job_description=long),
        ),
        ("person's name up to 200", lambda: add_person(store, interview, name="n" * 201)),
        ("person's notes up to 200,000", lambda: add_person(store, interview, name="Sam", notes=long)),
        ("person's notes up to 200,000", lambda: update_person(store, person, notes=long)),
        ("debrief's 'what went well' up to 200,000", lambda: add_debrief(store, interview, went_well=long)),
        ("debrief's skill gaps up to 200,000", lambda: add_debrief(store, interview, skill_gaps=long)),
        ("option's company up to 200", lambda: add_option(store, kind="offer", company="c" * 201)),
        (
            "option's details up to 200,000",
            lambda: add_option(store, kind="offer", company="Acme", details=long),
        ),
        ("goal's note up to 200,000", lambda: add_goal(store, kind="wpm", target=150, note=long)),
        ("question's category up to 100", lambda: add_question(store, "Why us?", category="c" * 101)),
        ("question's text up to 200,000", lambda: add_question(store, long)),
        ("question's id up to 200", lambda: add_own_question(store, entry)),
        ("practice session's note up to 200,000", lambda: start_session(store, note=long)),
        (
            "mock interview's role up to 200",
            lambda: save_mock_session(
                store,
                format="role",
                role="r" * 201,
                planned_s=900,
                used_s=None,
                score_overall=None,
                summary={},
                turns=[],
            ),
        ),
        (
            "practice answer's question up to 200,000",
            lambda: save_attempt(
                store,
                question_id=None,
                question_text=long,
                recording=None,
                transcript=transcript_dict(),
                analysis=analysis_dict(),
                engine="faster-whisper",
                model="tiny.en",
            ),
        ),
    ]


def test_text_longer_than_kept_is_the_same_sentence_on_either_database_and_saves_nothing(store):
    """A company name of 201 characters: SQLite kept it, PostgreSQL refused it with its own words
    and the database's address. Every field a user types into a column with a limit (and every
    long text: notes, a job description, a debrief) is now refused before anything is written,
    in one sentence naming the field and its limit, alike on both."""
    interview = add_interview(store, company="Acme", interview_date="2026-12-01", people=[{"name": "Dana"}])
    before = _row_counts(store)
    cases = _typed_too_long(store, interview)
    for expected, call in cases:
        with pytest.raises(InputError) as refused:
            call()
        said = str(refused.value)
        assert said.startswith(f"The coach keeps the {expected}"), said
        assert "; shorten the text" in said and said.endswith("."), said
        assert "postgresql" not in said.lower() and "varying" not in said, said
    assert _row_counts(store) == before
    assert len(cases) == 22


def test_every_typed_field_names_a_column_of_its_table():
    """Saving and importing check the same lists (each store module's TYPED_FIELDS); check_lengths
    passes over a field its table lacks, so a field misspelt there, or renamed in the schema, would
    go unchecked on both without a word."""
    from coach.store.transfer import TYPED_FIELDS

    missing = [(t.table.name, f) for t in TYPED_FIELDS for f in t.fields if f not in t.table.c]
    assert missing == []
    assert {t.table.name for t in TYPED_FIELDS} >= {"interviews", "interview_people", "debriefs", "attempts"}


def test_text_at_its_limit_is_kept_whole_on_either_database(store):
    """The limits are the columns' own: a 200-character company and a 200,000-character job
    description (a whole posting) are kept as typed on PostgreSQL too."""
    from coach.store import update_interview
    from coach.store.schema import LONG_TEXT_CHARS

    interview = add_interview(
        store, company="c" * 200, interview_date="2026-12-01", job_description="j" * LONG_TEXT_CHARS
    )
    update_interview(store, interview, notes="n" * LONG_TEXT_CHARS, stage="s" * 100)
    kept = get_interview(store, interview)
    assert (len(kept["company"]), len(kept["job_description"]), len(kept["notes"]), len(kept["stage"])) == (
        200,
        LONG_TEXT_CHARS,
        LONG_TEXT_CHARS,
        100,
    )


def test_a_model_path_longer_than_an_answer_keeps_is_refused_before_transcribing(tmp_path):
    """Each answer keeps the model that transcribed it, up to 200 characters: a model in a folder
    with a longer path was transcribed with and then refused by PostgreSQL (SQLite kept it). It
    is now refused when the engine is chosen, before any recording is transcribed."""
    from coach.errors import ModelError
    from coach.transcribe.models import check_model_name

    deep = tmp_path
    while len(str(deep)) <= 200:
        deep = deep / ("folder-" + "m" * 40)
    deep.mkdir(parents=True)
    with pytest.raises(ModelError, match=r"each answer keeps up to 200 of it; move the model"):
        check_model_name(str(deep))
    check_model_name(str(tmp_path))  # a shorter path is a model folder like any other


def test_a_debrief_naming_someone_with_too_long_a_title_saves_nothing_of_the_form(store):
    """The debrief form's people met are checked with the rest of the form: a 250-character title
    among them refused the person after the debrief had been written, so the form was half saved."""
    from coach.debrief import save_debrief

    interview = add_interview(store, company="Acme", interview_date="2026-12-01")
    answers = {
        "went_well": "The incident story landed.",
        "people_met": ["Sam Lee — engineering manager", "Dana — " + "x" * 250],
        "interest": 4,
    }
    with pytest.raises(InputError, match="keeps the person's title up to 200 characters, not 250"):
        save_debrief(store, store.settings, interview, answers, add_to_bank=False)
    kept = get_interview(store, interview)
    assert (kept["debriefs"], kept["people"]) == ([], [])


def test_a_review_for_a_company_name_longer_than_kept_stops_before_keeping_or_transcribing(store, clips):
    """Reviewing an interview into a new log entry whose company is 201 characters: the recording
    was kept and transcribed (minutes for a real call), and only then the interview refused. Now
    the sentence comes first: nothing is kept and no interview logged, the upload still in the form."""
    from coach.interview.orchestrator import review_recording

    with pytest.raises(InputError, match="keeps the interview's company up to 200 characters, not 201"):
        review_recording(
            store,
            store.settings,
            (clips / "clean.wav").read_bytes(),
            original_name="call.wav",
            company="c" * 201,
            interview_date="2026-12-01",
        )
    recordings = store.settings.recordings_dir
    assert not recordings.exists() or not any(p.is_file() for p in recordings.rglob("*"))
    with store.read() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM interviews")).scalar() == 0


def test_an_id_is_never_handed_out_twice(store, settings):
    """SQLite gave a deleted newest row's id to the next one: `coach debrief 23` from the shell's
    history then wrote on another company's interview, and the Interviews page showed the old
    interview's ticks on the new one. Each table whose ids people use hands each out once, on
    either database, and after a reopen."""
    from coach.store import add_person, delete_debrief, delete_option, delete_person

    first = add_interview(store, company="Acme", interview_date="2026-11-01")
    gone = add_interview(store, company="Gone Co", interview_date="2026-11-02")
    delete_interview(store, gone, keep_audio=False)
    assert add_interview(store, company="Fresh Co", interview_date="2026-11-03") == gone + 1
    answer = _save(store, settings)
    delete_attempt(store, answer, keep_audio=False)
    assert _save(store, settings) == answer + 1
    debrief = add_debrief(store, first, went_well="x")
    delete_debrief(store, debrief)
    assert add_debrief(store, first, went_well="y") == debrief + 1
    option = add_option(store, kind="offer", company="Acme")
    delete_option(store, option)
    assert add_option(store, kind="offer", company="Acme") == option + 1
    person = add_person(store, first, name="Sam")
    delete_person(store, person)
    store.close()
    reopened = open_store(settings)
    try:
        assert add_person(reopened, first, name="Kim") == person + 1
    finally:
        reopened.close()
