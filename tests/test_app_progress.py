"""The Progress page: empty state, then trends, per question and what to practise next."""

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta

from app_support import markdown_text, page, recommended_ids, seeded_dir
from cli_support import run_coach

from coach.config import load_settings
from coach.local_time import long_date
from coach.ui.highlight import escape


@contextmanager
def _own_store(tmp_path, monkeypatch) -> Iterator:
    """A store of the test's own in `tmp_path` (SQLite), open for the test to fill; closed after,
    and the page then reads it (COACH_DATA_DIR)."""
    from coach.store import open_store

    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    db = open_store(load_settings(tmp_path))
    try:
        yield db
    finally:
        db.close()
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))


def _answered_about_yourself(db, days_ago: int, **analysis) -> None:
    """A stored answer to "Tell me about yourself." `days_ago` days back (analysis_dict's figures)."""
    from datetime import UTC, datetime, timedelta

    from store_support import analysis_dict, save_answer

    save_answer(
        db,
        "mot-05",
        "Tell me about yourself.",
        analysis=analysis_dict(**analysis),
        created_at=datetime.now(UTC) - timedelta(days=days_ago),
    )


def test_empty_progress_leads_to_practice(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("progress").run()
    assert not at.exception
    assert "Nothing to chart yet" in [s.value for s in at.header]
    assert "Review a real interview's recording to compare the two." in markdown_text(at)


def test_with_an_interview_logged_and_nothing_measured_progress_does_not_ask_to_review_one(
    tmp_path, monkeypatch
):
    """A real interview reviewed with no answer it could measure (one voice heard): "Real
    interviews 1" sat beside "Review a real interview's recording to compare the two"."""
    with _own_store(tmp_path, monkeypatch) as db:
        from coach import store

        store.add_interview(
            db, company="Initech", role="SRE", stage="first round", interview_date="2026-11-02"
        )
    at = page("progress").run()
    assert not at.exception
    said = " ".join(m.value for m in at.markdown)
    assert "Nothing to chart yet" in [s.value for s in at.header]
    assert [m.value for m in at.metric if m.label == "Real interviews"] == ["1"]
    assert "Review a real interview's recording" not in said, said
    assert (
        "charted here from your first practice answer, beside the answers a review of a real interview "
        "measures." in said
    ), said


def test_before_any_real_interview_the_next_one_links_to_the_interviews_page(tmp_path, monkeypatch):
    """Practice and no real interview logged: "Next real interview: None yet" had "book your first"
    under it in a grey pill that read as a button and did nothing. Now a link to the Interviews page
    is there, and nothing that looks like a button but is not one."""
    with _own_store(tmp_path, monkeypatch) as db:
        _answered_about_yourself(db, days_ago=3)
    at = page("progress").run()
    assert not at.exception
    [next_one] = [m for m in at.metric if m.label == "Next real interview"]
    assert next_one.value == "None yet" and not next_one.delta, next_one.delta
    # it opens the Interviews page on the form to add one, as that page's own "Add your first" does
    # (a link opened it on its Pipeline tab)
    [first] = [b for b in at.button if b.label == "Add your first"]
    first.click().run()
    assert not at.exception
    assert at.session_state["interviews_tab"] == "Add an interview"
    assert "Add an interview" in [t.label for t in at.tabs]  # the Interviews page, its tab opened


def test_with_no_real_interview_the_chart_and_its_key_speak_of_practice_only(tmp_path, monkeypatch):
    """Practice answers only: the chart's legend showed an orange "real interview" diamond and its
    key said "Diamonds and a dashed line: answers in real interviews", of nothing on the chart."""
    with _own_store(tmp_path, monkeypatch) as db:
        _answered_about_yourself(db, days_ago=3)
        _answered_about_yourself(db, days_ago=1)
    at = page("progress").run()
    assert not at.exception
    [chart] = at.get("vega_lite_chart")
    spec = chart.proto.spec
    assert "practice" in spec and "real interview" not in spec
    [key] = [c.value for c in at.caption if c.value.startswith("Circles")]
    assert key.startswith("Circles and a solid line: practice answers. The shaded band"), key
    assert "Diamonds" not in key
    # nor a table whose "Real" column is all dashes "beside 0 real ones": a sentence says what will
    # come there
    [against] = [e for e in at.expander if e.label.startswith("Practice against real interviews")]
    assert not against.dataframe
    assert [c.value for c in against.caption] == [
        "No real interview measured yet: review the recording of one (Review a real interview) and "
        "its answers are set beside your practice here, measure by measure."
    ]


def test_after_one_answer_the_chart_key_says_a_point_not_a_line(tmp_path, monkeypatch):
    """One measured answer draws one dot: its key said "Circles and a solid line: practice answers"
    of a line that is not there. It says what is drawn; a second answer brings the line."""
    with _own_store(tmp_path, monkeypatch) as db:
        _answered_about_yourself(db, days_ago=1)
    at = page("progress").run()
    assert not at.exception
    [key] = [c.value for c in at.caption if "comfortable range" in c.value]
    assert key.startswith("The circle: your practice answer. The shaded band"), key
    assert "line" not in key, key
    assert "Answer again to see the change." in markdown_text(at)


def test_a_questions_count_of_real_answers_waits_for_a_real_interview(tmp_path, monkeypatch):
    """A new user's question read "Tell me about yourself. — 1 practice, 0 real": a count of real
    answers before any real interview means nothing. Once one is held, "0 real" says the question
    has not come up in one, and is shown."""
    with _own_store(tmp_path, monkeypatch) as db:
        _answered_about_yourself(db, days_ago=2)

    def titles(at) -> list[str]:
        return [e.label.replace("\\.", ".") for e in at.expander if e.label.startswith("Tell me")]

    at = page("progress").run()
    assert not at.exception
    assert titles(at) == ["Tell me about yourself. — 1 practice"]
    with _own_store(tmp_path, monkeypatch) as db:
        from coach import store

        store.add_interview(
            db, company="Initech", role="SRE", stage="first round", interview_date="2026-11-02"
        )
    at = page("progress").run()
    assert not at.exception
    assert titles(at) == ["Tell me about yourself. — 1 practice, 0 real"]


def test_after_accepting_an_offer_the_next_real_interview_is_the_new_jobs_cadence(tmp_path, monkeypatch):
    """Northwind Labs' offer accepted today, Umbrella's onsite still booked: Progress said "Next real
    interview: 10 Dec, booked: Umbrella" and `coach progress` "Next real interview: booked for …
    at Umbrella", a process the user may now withdraw from, and nothing of interviewing on in the
    new job. Both now say the offer accepted and when the next real interview is due by the
    cadence goal (a quarter after accepting), and name Umbrella as still open."""
    from coach import store
    from coach.local_time import today
    from coach.ui.summary import due_label

    day = today()
    with _own_store(tmp_path, monkeypatch) as db:
        ids = {}
        for company, stage, days in (
            ("Northwind Labs", "onsite / loop", -20),
            ("Northwind Labs", "offer", -6),
            ("Umbrella", "first round", -5),
            ("Umbrella", "onsite / loop", 3),
        ):
            ids[company, stage] = store.add_interview(
                db, company=company, role="Backend", stage=stage, interview_date=day + timedelta(days=days)
            )
        offered = ids["Northwind Labs", "offer"]
        offer = store.add_option(db, kind="offer", company="Northwind Labs", interview_id=offered)
        store.update_option(db, offer, status="accepted")
    due = day + timedelta(days=91)
    said = (
        f"You accepted the offer from Northwind Labs on {long_date(day)}. Interviewing is a skill that "
        f"fades: keep it with a real interview every quarter in the new job too, the next by "
        f"{long_date(due)}. Umbrella is still open: go on with it or withdraw ("
    )
    at = page("progress").run()
    assert not at.exception
    [next_one] = [m for m in at.metric if m.label.startswith("Next real interview")]
    assert (next_one.label, next_one.value) == ("Next real interview due", due_label(due, day))
    assert next_one.delta == "on track"
    assert f"{said}the Interviews page lists it)." in markdown_text(at).replace("\\", "")
    printed = " ".join(run_coach("progress", data_dir=tmp_path).stdout.split())
    assert f"{said}`coach interviews` lists it)." in printed, printed
    assert "booked for" not in printed, printed


def test_the_last_practice_help_says_what_the_figure_does_not(tmp_path, monkeypatch):
    """The "Last practice" figure "3 days ago" had a question mark beside it whose help said "3 days
    ago." again (and "today" said "Today."). The help now gives the day itself, as `coach progress`
    does ("Last practice: Thu 3 Dec 2026 (3 days ago)"); a day shown as a date gets how long ago it was."""
    from coach.local_time import long_date, today

    with _own_store(tmp_path, monkeypatch) as db:
        _answered_about_yourself(db, days_ago=3)
    at = page("progress").run()
    assert not at.exception
    [last] = [m for m in at.metric if m.label == "Last practice"]
    day = today() - timedelta(days=3)
    assert last.value == "3 days ago"
    assert last.proto.help == f"{long_date(day)}.", last.proto.help
    printed = run_coach("progress", data_dir=tmp_path).stdout
    assert f"Last practice: {long_date(day)} (3 days ago)." in printed, printed


def test_a_reviewed_interview_with_no_answer_measured_is_not_called_unreviewed(monkeypatch):
    """A real interview whose recording was reviewed, its one answer kept but not measured (one
    voice heard): the comparison with practice said "No real interview measured yet: review the
    recording of one", as if none had been reviewed, and "Real interviews" said "0 answers
    analysed" where `coach history` said "0 of 1 answer analysed". Now the page and `coach
    progress` say what `coach history` says, and the comparison says why it is empty."""
    data_dir, _ = seeded_dir()
    monkeypatch.setenv("COACH_DATA_DIR", str(data_dir))
    at = page("progress").run()
    assert not at.exception
    [real] = [m for m in at.metric if m.label == "Real interviews"]
    assert real.proto.help == "0 of 1 answer analysed.", real.proto.help
    [against] = [e for e in at.expander if e.label.startswith("Practice against real interviews")]
    said = " ".join(c.value for c in against.caption)
    assert "review the recording of one" not in said, said
    assert said.startswith("The 1 answer from your reviewed real interviews could not be measured"), said
    printed = run_coach("progress", data_dir=data_dir).stdout
    assert "1 real interview (0 of 1 answer analysed)." in printed, printed


def test_a_review_that_picked_out_no_answer_is_not_counted_as_one(tmp_path, monkeypatch):
    """A recording reviewed as two voices in which no question was recognised: the Interviews card
    says "Answers analysed: none picked out", but Progress, `coach progress` and `coach history`
    counted the whole recording it kept as "0 of 1 answer analysed". They say what the card says."""
    from store_support import analysis_dict, record

    from coach import store
    from coach.analysis.quality import NO_QUESTION_FOUND

    with _own_store(tmp_path, monkeypatch) as db:
        _answered_about_yourself(db, days_ago=3)
        interview_id = store.add_interview(
            db, company="Initech", stage="first round", interview_date="2026-11-20"
        )
        whole = {**analysis_dict(), "scores": None, "warnings": [NO_QUESTION_FOUND]}
        store.save_interview_recording(
            db,
            interview_id,
            recording=record(load_settings(tmp_path), kind="interview"),
            transcript=None,
            answers=[{"question_text": "", "transcript": None, "analysis": whole}],
            engine="faster-whisper",
            model="tiny.en",
        )
    at = page("progress").run()
    assert not at.exception
    [real] = [m for m in at.metric if m.label == "Real interviews"]
    assert real.proto.help == "No answers picked out.", real.proto.help
    [against] = [e for e in at.expander if e.label.startswith("Practice against real interviews")]
    said = " ".join(c.value for c in against.caption)
    assert said.startswith(
        "No question from the interviewer was recognised in the recording you reviewed, so no answers "
        "were picked out to set beside your practice"
    ), said
    printed = run_coach("progress", data_dir=tmp_path).stdout
    assert "1 real interview (no answers picked out)." in printed and "0 of 1" not in printed, printed
    # and `coach history`, which listed "Initech · first round · 0 of 1 answer analysed"
    listed = run_coach("history", data_dir=tmp_path).stdout
    assert "Initech · first round · no answers picked out" in listed and "0 of 1" not in listed, listed


def test_progress_with_practice_and_a_real_interview(monkeypatch):
    data_dir, _ = seeded_dir()
    monkeypatch.setenv("COACH_DATA_DIR", str(data_dir))
    at = page("progress").run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Practice answers"] == "2" and metrics["Real interviews"] == "1"
    [real] = [m for m in at.metric if m.label == "Real interviews"]
    # the seeded call is one voice, so its answer is kept but not measured, and not counted as analysed
    assert real.proto.help == "0 of 1 answer analysed.", real.proto.help
    assert any("Tell me about an incident" in e.label and "2 practice" in e.label for e in at.expander)
    text = markdown_text(at)
    assert "Skill gaps from your debriefs: system design" in text
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")
    # numbers as a person reads them: no "142.25" or "0.50" in the tables
    for table in at.dataframe:
        cells = [str(c) for c in table.value.to_numpy().ravel() if c is not None]
        assert not [c for c in cells if re.fullmatch(r"-?\d+\.\d{2,}", c)], cells
    at.selectbox(key="progress_measure").set_value("fillers_per_100_words").run()
    assert not at.exception
    assert "Fillers per 100 words: **" in markdown_text(at)


def test_progress_charts_the_pitch_variation_of_recorded_answers(monkeypatch):
    data_dir, _ = seeded_dir()
    monkeypatch.setenv("COACH_DATA_DIR", str(data_dir))
    at = page("progress").run()
    at.selectbox(key="progress_measure").set_value("pitch_variation_st").run()
    assert not at.exception
    assert "No values of this measure yet." not in [c.value for c in at.caption]
    assert any("heard as flat" in c.value for c in at.caption)
    assert "Pitch variation (semitones): **" in markdown_text(at)


def test_an_answer_too_short_to_measure_is_counted_the_same_in_the_headline_and_the_sentence(
    tmp_path, monkeypatch
):
    """Three saved answers, one of them 6 s (too little to measure): the headline counts 3, the
    trend sentence says 2 of the 3 could be measured, not "(2 answers)"."""
    import io

    import soundfile as sf
    from app_support import DATA

    from coach.config import load_settings
    from coach.practice import practice_answer

    settings = load_settings(tmp_path)
    samples, rate = sf.read(DATA / "fillers.wav")
    short = io.BytesIO()
    sf.write(short, samples[: 6 * rate], rate, format="WAV")
    unmeasured = practice_answer(short.getvalue(), settings, original_name="short.wav")
    assert unmeasured.analysis["scores"] is None  # the quality gate: too little said
    practice_answer(DATA / "fillers.wav", settings)
    practice_answer(DATA / "clean.wav", settings)

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("progress").run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Practice answers"] == "3"
    text = markdown_text(at)
    assert "on your first measured answer" in text, text
    assert "(2 of your 3 answers could be measured)" in text, text
    [answers] = [m for m in at.metric if m.label == "Practice answers"]
    assert "1 answer could not be measured and is left out of the charts." in answers.proto.help


def test_with_only_an_answer_too_short_to_measure_the_page_says_why_nothing_is_charted(tmp_path, monkeypatch):
    """One 2.5 s answer to a bank question: the page said "No values of this measure yet" and
    "Answers to bank questions appear here", though a bank question was answered."""
    import io

    import soundfile as sf
    from app_support import DATA

    from coach import banks
    from coach.config import load_settings
    from coach.practice import practice_answer

    settings = load_settings(tmp_path)
    samples, rate = sf.read(DATA / "fillers.wav")
    short = io.BytesIO()
    sf.write(short, samples[: int(2.5 * rate)], rate, format="WAV")
    question = banks.get_question("beh-lead-01", tmp_path)
    assert practice_answer(short.getvalue(), settings, question=question).analysis["scores"] is None
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("progress").run()
    assert not at.exception
    captions = [c.value for c in at.caption]
    # the reason is the answer's own, listed below (it was "too short, or no speech heard" whatever
    # the reason: an answer about something else altogether was told to say more)
    assert (
        "None of your answers could be measured yet (the answers that could not be measured, below, say "
        "why): answer a question again to start the chart." in captions
    )
    assert any("too little to measure" in c for c in captions), captions  # its own reason, below
    assert (
        "Questions whose answers were measured appear here, one line per question; none of yours could "
        "be measured yet." in captions
    )


def test_a_real_answer_is_listed_under_its_bank_question_in_the_banks_words(
    tmp_path, monkeypatch, earlier_reviews
):
    """A reviewed interview, no practice: each line of "Per question" names the bank question the
    interviewer's question was matched to, not the words as transcribed."""
    from app_support import DATA

    from coach import banks, store
    from coach.config import load_settings
    from coach.interview.orchestrator import review_recording

    earlier_reviews(tmp_path)  # about what Progress lists of a review: it resumes from kept work
    settings = load_settings(tmp_path)
    db = store.open_store(settings)
    try:
        reviewed = review_recording(
            db,
            settings,
            DATA / "interviews" / "interview_mono.flac",
            original_name="call.flac",
            company="Globex",
            interview_date="2026-11-30",
        )
    finally:
        db.close()
    # the measured ones: a reply too short to score is kept but listed nowhere in Progress
    matched = [a for a in reviewed.result["answers"] if a.get("bank_question") and a["analysis"]["scores"]]
    assert matched, reviewed.result["answers"]
    bank = {q.text for q in banks.load_questions(tmp_path)}
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("progress").run()
    assert not at.exception
    lines = [e.label.split(" — ")[0].replace("\\", "") for e in at.expander if e.label.endswith(" real")]
    assert len(lines) == len({a["bank_question"] for a in matched}), lines
    assert all(line in bank for line in lines), lines


def _weekly_answers_for_three_months(tmp_path, monkeypatch):
    """Thirteen answers to one question, a week apart from 1 Sep 2026, at test_progress's
    MONTHS_OF_PACE; the page then reads this data directory. Returns the first answer's time."""
    from datetime import UTC, datetime, timedelta

    from store_support import analysis_dict, save_answer
    from test_progress import MONTHS_OF_PACE

    start = datetime(2026, 9, 1, 9, tzinfo=UTC)
    with _own_store(tmp_path, monkeypatch) as db:
        for i, wpm in enumerate(MONTHS_OF_PACE):
            save_answer(
                db,
                "beh-lead-01",
                "Tell me about a time you led a project or team without formal authority.",
                analysis=analysis_dict(wpm=wpm),
                created_at=start + timedelta(days=7 * i),
            )
    return start


def test_months_of_answers_read_as_the_first_few_against_the_last_few(tmp_path, monkeypatch):
    """Thirteen answers over three months: the sentence under the chart compares the first five
    with the last five (189 → 165 wpm, into the band), not the first answer (150) with the latest
    (178), which would call three months of progress 'further from where it should be'."""
    _weekly_answers_for_three_months(tmp_path, monkeypatch)
    at = page("progress").run()
    assert not at.exception
    text = markdown_text(at)
    assert (
        "Pace (words per minute): **189** on average over your first 5 answers, **165** over your "
        "last 5 (13 answers) — closer to where it should be." in text
    ), text


def test_progress_and_practice_recommend_the_same_questions_for_the_debriefs_gaps(tmp_path, monkeypatch):
    """Two debriefs name three gaps: Progress's "What to practise next" and Practice's
    "Recommended" list the same questions in the same order, named from the same gaps (they were
    two decisions: one read the debriefs newest first, the other all their words run together)."""
    from datetime import date, timedelta

    from coach import store

    with _own_store(tmp_path, monkeypatch) as db:
        for days_ago, stage, gaps in (
            (60, "first round", "distributed transactions, stakeholder management"),
            (40, "final round", "conflict stories"),
        ):
            day = (date.today() - timedelta(days=days_ago)).isoformat()
            interview = store.add_interview(db, company="Acme", stage=stage, interview_date=day)
            store.add_debrief(db, interview, interest=4, skill_gaps=gaps)
        _answered_about_yourself(db, days_ago=30)  # a month ago, so Progress has something to chart

    progress = page("progress").run()
    assert not progress.exception
    on_progress = [
        b.key.removeprefix("progress_rec_") for b in progress.button if b.key.startswith("progress_rec_")
    ]
    practice = page("practice").run()
    assert not practice.exception
    on_practice = recommended_ids(practice)
    assert len(on_progress) == 5 and on_progress == on_practice, (on_progress, on_practice)
    named = [c.value for c in practice.caption if c.value.startswith(escape("From your debriefs: "))]
    # listed as the mock's reason lists them (it read "conflict, system design, influence."), each as
    # Progress names it below
    assert named == [
        escape(
            "From your debriefs: conflict (1×), system design (1×; you wrote “distributed transactions”) "
            "and influence (1×; you wrote “stakeholder management”)."
        )
    ], named
    shown = markdown_text(progress).replace("\\", "")  # the page escapes its markdown ("\\.")
    assert (  # each in the debrief's own words where they do not say the skill's ("conflict stories" does)
        "Skill gaps from your debriefs: conflict (1×), "
        "system design (1×; you wrote “distributed transactions”), "
        "influence (1×; you wrote “stakeholder management”)."
    ) in shown, shown


def test_a_figure_that_could_not_be_measured_reads_as_a_dash_not_none(tmp_path, monkeypatch):
    """Two answers to one question, the first with no pace (too short to measure): its cell in the
    Per question table reads "—", as the rest of the page writes a missing figure, not "None"."""
    from datetime import UTC, datetime, timedelta

    from store_support import analysis_dict, save_answer

    with _own_store(tmp_path, monkeypatch) as db:
        for days_ago, wpm in ((40, None), (10, 150.0)):
            analysis = analysis_dict()
            analysis["metrics"]["wpm"] = wpm
            save_answer(
                db,
                "mot-05",
                "Tell me about yourself.",
                analysis=analysis,
                created_at=datetime.now(UTC) - timedelta(days=days_ago),
            )
    at = page("progress").run()
    assert not at.exception
    [per_question] = [t for t in at.dataframe if list(t.value.columns)[:2] == ["When", "Overall"]]
    assert per_question.value["wpm"].isna().sum() == 1  # the unmeasured answer's pace
    assert per_question.proto.placeholder == "—"
    assert all(t.proto.placeholder == "—" for t in at.dataframe)


def test_every_question_answered_stays_reachable_after_months_of_practice(tmp_path, monkeypatch):
    """Seventeen questions answered: the fifteen answered most each have their box, and the other
    two are in a list below (they were left off the page without a word)."""
    from datetime import UTC, datetime, timedelta

    from store_support import save_answer

    from coach import banks

    questions = [q for q in banks.load_questions(tmp_path) if q.category == "behavioural"][:17]
    with _own_store(tmp_path, monkeypatch) as db:
        for i, q in enumerate(questions):
            for _ in range(2 if i < 15 else 1):  # the last two answered once
                save_answer(db, q.id, q.text, created_at=datetime.now(UTC) - timedelta(days=90 - 5 * i))
    at = page("progress").run()
    assert not at.exception
    boxed = [e.label for e in at.expander if " — 2 practice" in e.label]
    assert len(boxed) == 15
    more = at.selectbox(key="progress_more_question")
    assert more.label == "2 more questions you answered"
    assert sorted(more.options) == sorted(f"{q.text} — 1 practice" for q in questions[15:])
    more.set_value(questions[16].id).run()
    assert not at.exception
    assert at.button(key=f"progress_again_{questions[16].id}")


def test_a_gap_no_question_practises_is_named_on_the_page(tmp_path, monkeypatch):
    """The debrief's "Kafka" has no question in the banks: What to practise next says so and where
    to add one, instead of listing only the gaps it could match."""
    from datetime import date, timedelta

    from coach import store

    with _own_store(tmp_path, monkeypatch) as db:
        day = (date.today() - timedelta(days=20)).isoformat()
        interview = store.add_interview(db, company="Acme", stage="first round", interview_date=day)
        store.add_debrief(db, interview, interest=4, skill_gaps="Kafka, stakeholder management")
        _answered_about_yourself(db, days_ago=30)
    at = page("progress").run()
    assert not at.exception
    captions = [c.value for c in at.caption if "no practice question" in c.value]
    assert captions == [
        "Also named in your debriefs, matching no practice question: Kafka. Add a question of your "
        "own for each on the Questions page (Add your own)."
    ], captions


def test_a_kind_of_question_named_as_a_gap_is_said_to_be_one_on_the_page(tmp_path, monkeypatch):
    """ "behavioural questions" alone in a debrief: What to practise next listed it as "matching no
    practice question" and said to add a question of one's own for it; it says, as saving the debrief
    did, that it names a kind of question and what to name instead."""
    from datetime import date, timedelta

    from coach import store

    with _own_store(tmp_path, monkeypatch) as db:
        day = (date.today() - timedelta(days=20)).isoformat()
        interview = store.add_interview(db, company="Acme", stage="first round", interview_date=day)
        store.add_debrief(db, interview, interest=4, skill_gaps="behavioural questions")
    at = page("progress").run()
    assert not at.exception
    captions = [c.value for c in at.caption if "behavioural questions" in c.value]
    assert captions == [  # shown as written: the sentence carries the user's words, escaped
        "Also named in your debriefs: "
        + escape(
            "“behavioural questions” names a kind of question rather than a skill, so Practice will "
            "recommend none for it: name what those answers lacked instead, such as “structure”, "
            "“quantifying impact” or “handling conflict”."
        )
    ], captions


def test_a_question_s_table_lists_the_latest_answers_first(tmp_path, monkeypatch):
    """Thirteen answers to one question over three months: its table under Per question starts
    with the latest (the table shows about ten rows before it scrolls)."""
    from datetime import timedelta

    from test_progress import MONTHS_OF_PACE

    start = _weekly_answers_for_three_months(tmp_path, monkeypatch)
    at = page("progress").run()
    assert not at.exception
    [table] = [t for t in at.dataframe if list(t.value.columns)[:2] == ["When", "Overall"]]
    rows = table.value.to_dict("records")
    latest = start + timedelta(days=7 * 12)
    assert rows[0]["When"].startswith(f"{latest.day} {latest:%b}"), rows[0]
    assert rows[0]["wpm"] == MONTHS_OF_PACE[-1] and rows[-1]["wpm"] == MONTHS_OF_PACE[0]


def test_only_questions_that_practise_a_gap_are_listed_under_the_gaps(tmp_path, monkeypatch):
    """One debrief gap (learning from failure) and answers scoring low on fillers, structure and
    pace: the recommendations mix the gap with the weak areas. Progress lists under "Skill gaps
    from your debriefs" only the questions that practise the gap; Practice shows those same ones
    under its debrief sentence and the weak-area questions under their own sentence. (Progress
    listed all five under the gap, three of them about something else.)"""
    from datetime import date, timedelta

    from coach import banks, store

    with _own_store(tmp_path, monkeypatch) as db:
        day = (date.today() - timedelta(days=20)).isoformat()
        interview = store.add_interview(db, company="Acme", stage="first round", interview_date=day)
        store.add_debrief(db, interview, interest=4, skill_gaps="learning from failure")
        for days_ago in (30, 25):  # weak on fillers, structure and pace, not practised lately
            _answered_about_yourself(db, days_ago=days_ago, overall=50.0)
    by_id = {q.id: q for q in banks.load_questions(tmp_path)}

    progress = page("progress").run()
    assert not progress.exception
    on_progress = [
        b.key.removeprefix("progress_rec_") for b in progress.button if b.key.startswith("progress_rec_")
    ]
    assert on_progress, "the gap has questions in the banks"
    off_topic = [qid for qid in on_progress if "failure-learning" not in by_id[qid].competencies]
    assert not off_topic, [(qid, by_id[qid].competencies) for qid in off_topic]

    practice = page("practice").run()
    assert not practice.exception
    on_practice = recommended_ids(practice)
    assert len(on_practice) == 5, on_practice
    assert on_practice[: len(on_progress)] == on_progress, (on_practice, on_progress)
    weak_picks = on_practice[len(on_progress) :]
    assert weak_picks and all("failure-learning" not in by_id[q].competencies for q in weak_picks)
    captions = [c.value for c in practice.caption]
    said = "From your debriefs: failure and learning (1×; you wrote “learning from failure”)."
    assert escape(said) in captions, captions  # the page escapes it
    assert any(c.startswith("Your recent answers scored lowest on ") for c in captions), captions


def _kinds_table(tmp_path, monkeypatch, practised_at, practice: dict, interview: dict):
    """Progress's table for "Tell me about yourself." after one practice answer (`practice`:
    save_answer's extra arguments) and the same question asked in a real interview (`interview`:
    add_interview's)."""
    from store_support import analysis_dict, save_answer, save_real_answers

    from coach import store

    with _own_store(tmp_path, monkeypatch) as db:
        save_answer(db, "mot-05", "Tell me about yourself.", created_at=practised_at, **practice)
        interview_id = store.add_interview(db, **interview)
        answer = {
            "question_id": "mot-05",
            "question_text": "Tell me about yourself.",
            "analysis": analysis_dict(),
        }
        save_real_answers(db, interview_id, [answer])
    at = page("progress").run()
    assert not at.exception
    [table] = [t for t in at.dataframe if list(t.value.columns)[:2] == ["When", "Overall"]]
    return table, at


def test_a_real_interview_is_listed_after_the_practice_of_its_day(tmp_path, monkeypatch):
    """A question practised at noon and asked in a real interview that day: newest first, the
    interview heads its table (it was stored as the day alone, which sorted it before the practice)."""
    from datetime import UTC, datetime, timedelta

    from store_support import analysis_dict

    day = (datetime.now(UTC) - timedelta(days=3)).replace(hour=12, minute=0, second=0, microsecond=0)
    table, _ = _kinds_table(
        tmp_path,
        monkeypatch,
        day,
        {"analysis": analysis_dict(wpm=120.0)},
        {"company": "Acme", "stage": "onsite", "interview_date": day.date()},
    )
    assert list(table.value["wpm"]) == [150, 120], table.value  # analysis_dict's pace, then the practice's
    # every row its day and what it was: "5 Dec real" stood beside "5 Dec 12:00", a time for the others
    assert list(table.value["When"]) == [f"{day.day} {day:%b} real", f"{day.day} {day:%b} practice"]


def test_a_real_interview_s_company_and_stage_are_named_whole_below_its_questions_table(
    tmp_path, monkeypatch
):
    """A real answer's row reads "real" (a column of "real: Acme Robotics final" put the figures past
    a phone's right edge); the line below the table names the interview whole, and the units the
    short headers leave out."""
    from datetime import UTC, datetime, timedelta

    from coach.ui.log_labels import moment_words

    day = datetime.now(UTC) - timedelta(days=10)
    interview = {"company": "Acme Robotics", "stage": "final", "interview_date": day.date()}
    table, at = _kinds_table(tmp_path, monkeypatch, day - timedelta(days=5), {}, interview)
    assert list(table.value["When"])[0].endswith(" real"), table.value
    held = moment_words(day.date().isoformat(), datetime.now(UTC).date())
    said = f"Real: {held}, Acme Robotics final. Fillers per 100 words; wpm: pace in words per minute."
    assert said in [c.value.replace("\\", "") for c in at.caption], [
        c.value for c in at.caption if "Real" in c.value
    ]


def test_a_real_interview_logged_as_other_is_named_below_its_table_as_lists_name_it(tmp_path, monkeypatch):
    """A question asked at Hooli's first meeting, logged as "other": the line under its table read
    "Real: …, Hooli other", where the Interviews page lists such a stage as "interview"."""
    from datetime import UTC, datetime, timedelta

    from coach.ui.log_labels import moment_words

    day = datetime.now(UTC) - timedelta(days=10)
    interview = {"company": "Hooli", "stage": "other", "interview_date": day.date()}
    _, at = _kinds_table(tmp_path, monkeypatch, day - timedelta(days=5), {}, interview)
    held = moment_words(day.date().isoformat(), datetime.now(UTC).date())
    captions = [c.value.replace("\\", "") for c in at.caption if "Real" in c.value]
    assert any(c.startswith(f"Real: {held}, Hooli interview.") for c in captions), captions


def test_a_question_s_fillers_per_100_words_read_to_one_decimal_in_every_row(tmp_path, monkeypatch):
    """A practice answer of 5.0 fillers per 100 words read "5" where another row read "5.3" (Streamlit
    shows a number as short as it can; seen in Chromium): the column is formatted to one decimal."""
    import json
    from datetime import UTC, datetime, timedelta

    from store_support import analysis_dict

    day = datetime.now(UTC) - timedelta(days=10)
    interview = {"company": "Acme", "stage": "onsite", "interview_date": day.date()}
    table, _ = _kinds_table(
        tmp_path, monkeypatch, day, {"analysis": analysis_dict(fillers_per_100=5.0)}, interview
    )
    assert sorted(table.value["Fillers"]) == [4.0, 5.0], table.value
    column = json.loads(table.proto.columns or "{}").get("Fillers", {})
    assert column.get("type_config") == {"type": "number", "format": "%.1f"}, table.proto.columns


def test_an_interview_booked_for_next_week_is_not_counted_as_a_real_interview_yet(tmp_path, monkeypatch):
    """Three stages logged, the onsite still to come: Progress counts the two held, as the
    Interviews page's cadence does, and says the third is booked; so does `coach progress`."""
    from datetime import date, timedelta

    from cli_support import run_coach

    from coach import store

    with _own_store(tmp_path, monkeypatch) as db:
        today = date.today()
        for stage, days in (("recruiter screen", -13), ("first round", -6), ("onsite / loop", 7)):
            store.add_interview(
                db, company="Northwind", stage=stage, interview_date=today + timedelta(days=days)
            )
        _answered_about_yourself(db, days_ago=2)
    at = page("progress").run()
    assert not at.exception
    [real] = [m for m in at.metric if m.label == "Real interviews"]
    assert real.value == "2", real.value
    assert "1 more booked" in real.proto.help, real.proto.help
    result = run_coach("progress", data_dir=tmp_path)
    assert "2 real interviews (0 answers analysed; 1 more booked)." in result.stdout, result.stdout


def test_the_practice_count_says_its_mock_interview_answers_in_one_phrase():
    """The page made this sentence by trimming mock_words' " (2 in mock interviews)" with
    .strip(' ()'); it is coach.progress's, in the same words."""
    from app_support import PAGES

    from coach.progress import mock_sentence, mock_words

    assert mock_sentence(2) == "2 in mock interviews, counted as practice."
    assert mock_sentence(1) == "1 in a mock interview, counted as practice."
    assert mock_sentence(0) == "" == mock_words(0)
    assert mock_words(2) == " (2 in mock interviews)"
    page_source = (PAGES / "progress.py").read_text()
    assert ".strip(' ()')" not in page_source and "mock_sentence(" in page_source


def test_an_interview_booked_before_any_held_is_not_called_one_more(tmp_path, monkeypatch):
    """`coach progress` said "0 real interviews (0 answers analysed; 1 more booked)": more than none."""
    from datetime import date, timedelta

    from cli_support import run_coach

    from coach import store
    from coach.config import load_settings

    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    db = store.open_store(load_settings(tmp_path))
    try:
        store.add_interview(db, company="Northwind", interview_date=date.today() + timedelta(days=7))
        _answered_about_yourself(db, days_ago=2)
    finally:
        db.close()
    result = run_coach("progress", data_dir=tmp_path)
    assert "0 real interviews (1 booked)." in result.stdout, result.stdout
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("progress").run()
    [real] = [m for m in at.metric if m.label == "Real interviews"]
    assert real.value == "0" and real.proto.help == "1 booked.", real.proto.help


def test_a_debriefed_interview_before_any_practice_shows_what_to_practise(tmp_path, monkeypatch):
    """One interview logged and debriefed (gap: negotiation), no answer yet: `coach progress`
    gave the count, the cadence and five questions for the gap while the page said only "Nothing
    to chart yet". It shows the headline, says the charts come with the first practice answer, and
    lists the gap with the same five questions. The terminal says how many debriefs named the
    gap, as the page does (it said "negotiation." beside the page's "negotiation (1×)")."""
    from datetime import date, timedelta

    from cli_support import run_coach

    from coach import store
    from coach.config import load_settings

    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    db = store.open_store(load_settings(tmp_path))
    try:
        day = (date.today() - timedelta(days=3)).isoformat()
        interview = store.add_interview(db, company="Acme", stage="first round", interview_date=day)
        store.add_debrief(db, interview, interest=4, skill_gaps="negotiation")
    finally:
        db.close()
    result = run_coach("progress", data_dir=tmp_path)
    assert "Skill gaps from your debriefs: negotiation (1×)." in result.stdout, result.stdout
    on_cli = re.findall(r"practise: \[([^\]]+)\]", result.stdout)
    assert len(on_cli) == 5, result.stdout

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("progress").run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Real interviews"] == "1"
    text = markdown_text(at)
    assert "charted here from your first practice answer" in text, text
    assert "What to practise next" in [s.value for s in at.header]
    assert "Skill gaps from your debriefs: negotiation (1×)." in text.replace("\\", ""), text
    on_page = [b.key.removeprefix("progress_rec_") for b in at.button if b.key.startswith("progress_rec_")]
    assert on_page == on_cli, (on_page, on_cli)


def test_a_question_answered_only_in_a_real_interview_is_not_practised_again(tmp_path, monkeypatch):
    """ "Tell me about yourself." — 0 practice, 1 real: its button said "Practise this question
    again" though it was never practised."""
    from datetime import date, timedelta

    from store_support import analysis_dict, save_real_answers

    from coach import store

    with _own_store(tmp_path, monkeypatch) as db:
        day = date.today() - timedelta(days=3)
        interview_id = store.add_interview(db, company="Acme", interview_date=day, stage="onsite")
        answer = {
            "question_id": "mot-05",
            "question_text": "Tell me about yourself.",
            "analysis": analysis_dict(),
        }
        save_real_answers(db, interview_id, [answer])
    at = page("progress").run()
    assert not at.exception
    assert any(e.label.endswith("0 practice, 1 real") for e in at.expander), [e.label for e in at.expander]
    assert at.button(key="progress_again_mot-05").label == "Practise this question"


def test_a_deleted_question_keeps_its_answers_and_says_why_it_has_no_button(tmp_path, monkeypatch):
    """An own question answered, then deleted: its button opened Practice with no question chosen
    and no word why. Its answers stay listed, with no button and a caption saying it was deleted."""
    from datetime import UTC, datetime, timedelta

    from store_support import save_answer

    from coach import banks
    from coach.config import load_settings
    from coach.store import open_store

    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    mine, _ = banks.keep_question(tmp_path, "Why do you want to work on compilers?")
    db = open_store(load_settings(tmp_path))
    try:
        save_answer(db, mine.id, mine.text, created_at=datetime.now(UTC) - timedelta(days=2))
    finally:
        db.close()
    banks.delete_user_question(tmp_path, mine.id)
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("progress").run()
    assert not at.exception
    assert any(e.label.startswith("Why do you want to work on compilers?") for e in at.expander)
    assert not [b for b in at.button if b.key == f"progress_again_{mine.id}"]
    assert (
        "You deleted this question from your questions, so it cannot be practised again; its answers "
        "stay here." in [c.value for c in at.caption]
    )


def test_without_debrief_gaps_what_next_says_what_practice_leads_with(tmp_path, monkeypatch):
    """No debrief yet, an interview at Northwind next week with a job description, and answers
    weak on fillers: Progress said Practice recommends "from your lowest recent scores", while
    Practice led with the interview's job description. It now says both, in Practice's order."""
    from datetime import date, timedelta

    from test_recommend_interview import CONFLICT_HEAVY

    from coach import store
    from coach.local_time import long_date

    when = date.today() + timedelta(days=8)
    with _own_store(tmp_path, monkeypatch) as db:
        store.add_interview(db, company="Northwind", interview_date=when, job_description=CONFLICT_HEAVY)
        for days_ago in (6, 3):  # fillers 45, structure 50, pace 55: all below 60
            _answered_about_yourself(db, days_ago=days_ago, overall=50.0)

    practice = page("practice").run()
    assert not practice.exception
    reasons = [c.value for c in practice.caption if c.value.startswith(("Your interview at", "Your recent"))]
    assert [r.split(" ", 2)[1] for r in reasons] == ["interview", "recent"], reasons

    progress = page("progress").run()
    assert not progress.exception
    [until] = [c.value for c in progress.caption if "Until then" in c.value]
    assert until.endswith(
        escape(
            f"Until then, the Practice page recommends questions for what your interview at Northwind on "
            f"{long_date(when)} asks for in its job description, then for your lowest recent scores, on "
            "fillers, structure (STAR) and pacing (pace and pauses)."
        )
    ), until


def test_debriefs_that_name_no_skill_gap_are_not_asked_for_again(tmp_path, monkeypatch):
    """Two interviews debriefed without a skill gap: "What to practise next" said "Write a debrief
    after each real interview", to someone who had; it now says none of their debriefs names a gap
    and where to add one."""
    from datetime import date, timedelta

    from coach import store

    with _own_store(tmp_path, monkeypatch) as db:
        for days_ago in (40, 20):
            day = (date.today() - timedelta(days=days_ago)).isoformat()
            interview = store.add_interview(db, company="Initech", stage="first round", interview_date=day)
            store.add_debrief(db, interview, interest=3, went_well="Clear why they reached out.")
        _answered_about_yourself(db, days_ago=10)
    at = page("progress").run()
    assert not at.exception
    [asks] = [c.value for c in at.caption if "Until then" in c.value]
    assert asks.startswith(escape("None of your debriefs from the last year names a skill gap; ")), asks
    assert "Write a debrief" not in asks, asks


def test_one_practice_answer_is_deleted_from_its_question(tmp_path, monkeypatch):
    """Progress listed every answer and deleted none: one not wanted stayed until all data went."""
    from pathlib import Path

    from store_support import analysis_dict, transcript_dict

    from coach.audio import save_recording
    from coach.config import load_settings
    from coach.store import list_attempts, open_store, save_attempt

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    settings = load_settings(tmp_path)
    db = open_store(settings)
    try:
        kept = save_recording(Path(__file__).parent / "data" / "clean.wav", settings, kind="practice")
        for overall, recording in ((62.0, None), (81.0, kept)):
            save_attempt(
                db,
                question_id="mot-05",
                question_text="Tell me about yourself.",
                recording=recording,
                transcript=transcript_dict(),
                analysis=analysis_dict(overall=overall),
                engine="faster-whisper",
                model="tiny.en",
            )
    finally:
        db.close()
    at = page("progress").run()
    picker = at.selectbox(key="progress_delete_mot-05_pick")
    assert len(picker.options) == 2 and picker.options[0].endswith("· overall 81")  # newest first
    # both taken today: each with its time (the picker read "6 Dec practice" twice)
    assert all(re.search(r"\d\d:\d\d practice ·", o) for o in picker.options), picker.options
    # a delete is never the page's main action: it was drawn as the primary (filled) button; now
    # as Practice's "Delete this answer" and the Interviews card's "Delete this debrief" are
    delete = at.button(key="progress_delete_mot-05")
    assert (delete.proto.type, delete.proto.icon) == ("tertiary", ":material/delete:"), delete.proto
    delete.click().run()
    assert [w.value for w in at.warning] == [
        "Delete this answer with its recording, transcript and feedback? This cannot be undone."
    ]
    at.button(key="progress_delete_mot-05_yes").click().run()
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == ["That answer is deleted, with its recording."]
    db = open_store(settings)
    try:
        assert [a["score_overall"] for a in list_attempts(db)] == [62.0] and not kept.path.exists()
    finally:
        db.close()


def test_an_answer_that_could_not_be_measured_can_be_deleted_too(tmp_path, monkeypatch):
    """Progress lists only measured answers, so a take too short to measure could be deleted only
    right after taking it, or from the terminal. They are listed apart, each deletable."""
    from pathlib import Path

    from store_support import analysis_dict, transcript_dict

    from coach.audio import save_recording
    from coach.config import load_settings
    from coach.progress import answered_before
    from coach.store import list_attempts, open_store, save_attempt

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    settings = load_settings(tmp_path)
    db = open_store(settings)
    try:
        short = save_recording(Path(__file__).parent / "data" / "clean.wav", settings, kind="practice")
        unmeasured = analysis_dict(duration_s=2.0, words=3) | {"scores": None}
        for analysis, recording in ((analysis_dict(overall=70.0), None), (unmeasured, short)):
            save_attempt(
                db,
                question_id="mot-05",
                question_text="Tell me about yourself.",
                recording=recording,
                transcript=transcript_dict(),
                analysis=analysis,
                engine="faster-whisper",
                model="tiny.en",
            )
    finally:
        db.close()
    at = page("progress").run()
    assert not at.exception
    assert len(at.selectbox(key="progress_delete_mot-05_pick").options) == 1  # the measured one

    # both answers counted, as Practice's "You have answered this 2 times" counts them (it said "1 practice")
    def titles():
        return [e.label.replace("\\.", ".") for e in at.expander if e.label.startswith("Tell me")]

    assert titles() == ["Tell me about yourself. — 1 practice; 1 more practice answer could not be measured"]
    db = open_store(settings)
    try:
        assert answered_before(list_attempts(db), "mot-05").times == 2
    finally:
        db.close()
    [box] = [e for e in at.expander if e.label == "1 answer that could not be measured"]
    [picked] = at.selectbox(key="progress_unmeasured_pick").options
    assert picked.endswith(" · Tell me about yourself."), picked
    at.button(key="progress_delete_unmeasured").click().run()
    at.button(key="progress_delete_unmeasured_yes").click().run()
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == ["That answer is deleted, with its recording."]
    assert not [e for e in at.expander if "could not be measured" in e.label]
    assert titles() == ["Tell me about yourself. — 1 practice"]
    db = open_store(settings)
    try:
        assert [a["score_overall"] for a in list_attempts(db)] == [70.0] and not short.path.exists()
    finally:
        db.close()


def test_an_answer_that_could_not_be_measured_says_why(tmp_path, monkeypatch):
    """The list of answers that could not be measured said of one answer, stopped as no answer to
    its question, "Too short, or no speech was heard in them, so they are left out…": neither its
    reason nor its number. It now says the chosen answer's own reason, in the singular."""
    from store_support import analysis_dict, save_answer

    from coach.analysis.quality import off_topic_problem
    from coach.config import load_settings
    from coach.store import open_store

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    why = off_topic_problem("Tell me about a time you failed.")
    db = open_store(load_settings(tmp_path))
    try:
        stopped = analysis_dict() | {"scores": None, "feedback": [], "warnings": [why]}
        save_answer(db, "beh-fail-01", "Tell me about a time you failed.", analysis=stopped)
    finally:
        db.close()
    at = page("progress").run()
    assert not at.exception
    said = " ".join(c.value for c in at.caption)
    assert "Too short, or no speech" not in said and " them" not in said, said
    assert escape(why) in said, said


def _goals_of_a_billion_days(data_dir) -> date:
    """A real-interview goal and a practice goal of 10**9 days, written straight into the store (a
    restore, an older version), beside an interview held 30 days ago (its day) and an answer."""
    from coach import store
    from coach.config import load_settings

    held = date.today() - timedelta(days=30)
    db = store.open_store(load_settings(data_dir))
    try:
        store.add_interview(db, company="Northwind", stage="first round", interview_date=held)
        store.add_goal(db, kind="real_interviews", target=1, period_days=10**9)
        store.add_goal(db, kind="practice_attempts", target=3, period_days=10**9)
        _answered_about_yourself(db, days_ago=2)
    finally:
        db.close()
    return held


def test_a_cadence_goal_of_a_billion_days_opens_the_progress_page(tmp_path, monkeypatch):
    """The page crashed with an overflow in the date arithmetic: it opens, the goal counted as the
    nearest that can be set (1 every 3660 days), as the Interviews page counts it."""
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    held = _goals_of_a_billion_days(tmp_path)
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("progress").run()
    assert not at.exception, at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Real interviews"] == "1"
    due = held + timedelta(days=3660)
    assert metrics["Next real interview due"] == f"{due.day} {due:%b} {due.year}", metrics


def test_a_cadence_goal_of_a_billion_days_is_counted_by_coach_progress(tmp_path, monkeypatch):
    """`coach progress` crashed with the same overflow; the real-interview goal counts as 1 every
    3660 days, and the practice goal stays within the calendar too."""
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    held = _goals_of_a_billion_days(tmp_path)
    result = run_coach("progress", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    due = held + timedelta(days=3660)
    assert (
        f"Next real interview due by your goal (1 interview every 3660 days): {long_date(due)}."
        in " ".join(result.stdout.split())  # wrapped in 80 columns
    ), result.stdout
    cadence = json.loads(run_coach("progress", "--json", data_dir=tmp_path).stdout)["cadence"]
    assert (cadence["real_interviews"]["goal"]["period_days"], cadence["real_interviews"]["next_due"]) == (
        3660,
        due.isoformat(),
    )
    assert cadence["practice_attempts"]["goal"]["period_days"] == 3660


def test_a_practice_goal_shorter_than_a_week_is_counted_as_set(tmp_path, monkeypatch):
    """Bringing a stored goal within bounds is for real interviews (a week at least); a practice goal
    of 2 answers every 3 days stays that, not 2 every 7 days."""
    from coach import store
    from coach.config import load_settings

    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    db = store.open_store(load_settings(tmp_path))
    try:
        store.add_goal(db, kind="practice_attempts", target=2, period_days=3)
        _answered_about_yourself(db, days_ago=2)
        _answered_about_yourself(db, days_ago=1)
    finally:
        db.close()
    practice = json.loads(run_coach("progress", "--json", data_dir=tmp_path).stdout)["cadence"][
        "practice_attempts"
    ]
    assert practice["goal"]["period_days"] == 3
    assert practice["next_due"] == (date.today() + timedelta(days=1)).isoformat()  # 2 days ago + 3


def _practice_beside_real(tmp_path, monkeypatch, *, practice_fillers: float, real_fillers: float):
    """Two practice answers to "Tell me about yourself." (140 wpm) and one in a real interview
    yesterday (150 wpm), with these fillers per 100 words: the Progress page run, and its table
    "Practice against real interviews" by measure."""
    from store_support import analysis_dict, save_real_answers

    from coach import store

    with _own_store(tmp_path, monkeypatch) as db:
        for days_ago in (3, 2):
            _answered_about_yourself(db, days_ago, fillers_per_100=practice_fillers, wpm=140.0)
        held = date.today() - timedelta(days=1)
        interview_id = store.add_interview(db, company="Acme", interview_date=held)
        real = {"question_id": "mot-05", "question_text": "Tell me about yourself."}
        real["analysis"] = analysis_dict(fillers_per_100=real_fillers, wpm=150.0)
        save_real_answers(db, interview_id, [real])
    at = page("progress").run()
    assert not at.exception
    [table] = [t.value for t in at.dataframe if list(t.value.columns) == ["Measure", "Practice", "Real"]]
    return at, {r["Measure"]: r for r in table.to_dict("records")}


def test_practice_against_real_reads_both_means_at_one_precision(tmp_path, monkeypatch):
    """ "Practice against real interviews, every measure" gave a practice mean of 5 fillers per 100
    words beside the real interviews' 5.3: the same rate, read at two precisions."""
    at, rows = _practice_beside_real(tmp_path, monkeypatch, practice_fillers=5.0, real_fillers=5.3)
    fillers = next(r for label, r in rows.items() if label.lower().startswith("fillers"))
    assert (fillers["Practice"], fillers["Real"]) == ("5.0", "5.3"), fillers
    pace = next(r for label, r in rows.items() if label.lower().startswith("pace"))
    assert (pace["Practice"], pace["Real"]) == ("140", "150"), pace
    said = "Practice here is the practice of the 30 days up to each real interview"
    assert any(said in c.value for c in at.caption), [c.value for c in at.caption]
    [counted] = [c.value for c in at.caption if c.value.startswith("Each figure is the mean")]
    # the counts and the bands, once columns of their own that put Real past a phone's edge
    assert counted.startswith("Each figure is the mean of 2 practice answers and 1 real one"), counted
    assert "Comfortable: pace (words per minute) 130–175" in counted, counted


def test_months_of_practice_draw_a_running_average_over_the_answers(tmp_path, monkeypatch):
    """Forty answers, pace going down from 200 to 132 with every other answer 10 wpm up: the
    chart drew forty points zigzagging up and down and nothing else, so the direction was to be
    guessed; now a thick line of the average of 5 answers in a row runs over them (from the fifth
    answer on), said in words under the chart."""
    from datetime import UTC, datetime, timedelta

    from store_support import analysis_dict, save_answer

    start = datetime(2026, 4, 1, 9, tzinfo=UTC)
    with _own_store(tmp_path, monkeypatch) as db:
        for i in range(40):
            save_answer(
                db,
                "mot-05",
                "Tell me about yourself.",
                analysis=analysis_dict(wpm=200 - 2 * i + (10 if i % 2 else 0)),
                created_at=start + timedelta(days=6 * i),
            )
    at = page("progress").run()
    assert not at.exception
    said = "The thick dark line follows the average of 5 practice answers in a row"
    assert any(said in c.value for c in at.caption), [c.value for c in at.caption]
    import pyarrow as pa

    [chart] = at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")
    frames = [pa.ipc.open_stream(d.data.data).read_pandas() for d in chart.proto.datasets]
    averages = [round(v, 6) for f in frames if "average" in f for v in f["average"]]
    assert len(averages) == 36  # from the fifth answer on
    assert averages[0] > averages[-1] + 30 and averages == sorted(averages, reverse=True)  # no zigzag


def test_no_fillers_reads_the_same_in_the_question_table_and_beside_real_interviews(tmp_path, monkeypatch):
    """No fillers at all, in practice and in a real interview: the question's table read "0.0"
    (its column of fillers per 100 words is read to one decimal) where "Practice against real
    interviews" read "0" of the same rate. Both read "0.0"."""
    at, rows = _practice_beside_real(tmp_path, monkeypatch, practice_fillers=0.0, real_fillers=0.0)
    per_100 = rows["fillers per 100 words"]
    assert (per_100["Practice"], per_100["Real"]) == ("0.0", "0.0"), per_100
    per_min = rows["fillers per minute"]
    assert (per_min["Practice"], per_min["Real"]) == ("0.0", "0.0"), per_min
    [question] = [t for t in at.dataframe if "Fillers" in t.value.columns]
    assert list(question.value["Fillers"]) == [0.0, 0.0, 0.0]
    column = json.loads(question.proto.columns or "{}")["Fillers"]
    assert column.get("type_config") == {"type": "number", "format": "%.1f"}  # drawn "0.0"


def test_a_question_s_title_says_which_answers_could_not_be_measured(tmp_path, monkeypatch):
    """ "2 practice, 1 real, 2 could not be measured" read as 2 of the practice answers; the 2 were
    one more practice answer and one more real one, left out of both counts. The title says so."""
    from datetime import UTC, datetime

    from store_support import analysis_dict, save_answer, save_real_answers

    from coach import store

    unmeasured = analysis_dict(duration_s=2.0, words=3) | {"scores": None}
    with _own_store(tmp_path, monkeypatch) as db:
        for day, analysis in ((1, None), (2, None), (3, unmeasured)):
            save_answer(
                db,
                "mot-05",
                "Tell me about yourself.",
                analysis=analysis,
                created_at=datetime(2026, 11, day, 9, tzinfo=UTC),
            )
        interview_id = store.add_interview(
            db, company="Acme", interview_date=date(2026, 11, 4), stage="onsite"
        )
        save_real_answers(
            db,
            interview_id,
            [
                {"question_id": "mot-05", "question_text": "Tell me about yourself.", "analysis": analysis}
                for analysis in (analysis_dict(), unmeasured)
            ],
        )
    at = page("progress").run()
    assert not at.exception
    titles = [e.label.replace("\\.", ".") for e in at.expander if e.label.startswith("Tell me")]
    assert titles == [
        "Tell me about yourself. — 2 practice, 1 real; "
        "1 more practice answer and 1 real one could not be measured"
    ], titles


def test_a_question_answered_twenty_times_shows_its_newest_answers_whole_and_the_rest_on_asking(
    tmp_path, monkeypatch
):
    """A year in, a question's 32 answers sat in a box of ten rows scrolling inside the page (on a
    phone it took the finger scrolling the page): now its newest 15 show whole, the rest on asking."""
    with _own_store(tmp_path, monkeypatch) as db:
        for days_ago in range(20, 0, -1):
            _answered_about_yourself(db, days_ago)
    at = page("progress").run()
    assert not at.exception

    def answers_shown() -> list[str]:
        [table] = [t for t in at.dataframe if list(t.value.columns)[:2] == ["When", "Overall"]]
        return list(table.value["When"])

    newest = answers_shown()
    assert len(newest) == 15, newest
    assert "The newest 15 of 20." in [c.value for c in at.caption]
    [every] = [t for t in at.toggle if t.label == "Show all 20 answers"]
    every.set_value(True).run()
    assert not at.exception
    shown = answers_shown()
    assert len(shown) == 20 and shown[:15] == newest, shown


MANAGER = "Tell me about a time you disagreed with your manager."
RATE_LIMITER = "How would you design a rate limiter?"


def _listed_texts(tmp_path) -> tuple[list[str], list[str]]:
    """The questions Progress's "What to practise next" and Practice's "Recommended" list, in words."""
    from coach import banks

    words = {q.id: q.text for q in banks.load_questions(tmp_path)}
    progress = page("progress").run()
    practice = page("practice").run()
    assert not progress.exception and not practice.exception
    keys = [b.key for b in progress.button if b.key.startswith("progress_rec_")]
    on_progress = [key.removeprefix("progress_rec_") for key in keys]
    return [words[i] for i in on_progress], [words[i] for i in recommended_ids(practice)]


def test_a_bank_question_a_debrief_lists_in_other_words_is_recommended_once(tmp_path, monkeypatch):
    """A debrief listed "Tell me about a time you disagreed with your manager." and "How would you
    design a rate limiter?", which are the banks' "Describe a time you disagreed with your manager's
    decision." and "Design a rate limiter for a public API." in fewer words: each was kept as a
    question of its own, and Progress and Practice recommended the first beside its bank twin, the
    same question twice in a list of five. Now each is the bank's question, listed once."""
    from app_support import debriefed

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    debriefed(
        tmp_path,
        {
            "skill_gaps": "handling conflict, system design",
            "questions_asked": [MANAGER, RATE_LIMITER],
            "interest": 4,
        },
    )
    for listed in _listed_texts(tmp_path):
        assert len(listed) == 5, listed
        assert sum("disagreed with your manager" in text for text in listed) == 1, listed
        assert sum("rate limiter" in text for text in listed) == 1, listed
        assert "Describe a time you disagreed with your manager's decision." in listed, listed


def test_a_question_of_your_own_kept_beside_its_bank_twin_is_recommended_once(tmp_path, monkeypatch):
    """Questions of your own kept before the rule found them to be bank questions ("Tell me about a
    time you disagreed with your manager." beside the banks' "... your manager's decision."), as a
    debrief saved then kept them: both were recommended. Your own now stands for its twin, listed
    once, in your words."""
    from app_support import debriefed

    from coach import banks

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    for text in (MANAGER, RATE_LIMITER):
        banks.add_user_question(tmp_path, text, source="real interview")
    debriefed(tmp_path, {"skill_gaps": "handling conflict, system design", "interest": 4})
    for listed in _listed_texts(tmp_path):
        assert len(listed) == 5, listed
        assert sum("disagreed with your manager" in text for text in listed) == 1, listed
        assert MANAGER in listed and RATE_LIMITER in listed, listed
