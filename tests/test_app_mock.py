"""The Mock interview page, run by AppTest with the real voice, Whisper model and spaCy."""

import re
from pathlib import Path

import pytest
from app_support import markdown_text, page

from coach import store
from coach.config import load_settings
from coach.mock import QUESTION_ORDER
from coach.mock.follow_up import OUTCOME
from coach.mock.report import FOLLOW_UP_NOT_ANSWERED, NOTHING_ANSWERED, QUESTION_NOT_ANSWERED
from coach.ui.highlight import escape, unspoken_icon

ANSWERS = Path(__file__).parent / "data" / "mock"


def _has_popover(block) -> bool:
    if getattr(block, "type", None) == "popover":
        return True
    return any(_has_popover(child) for child in getattr(block, "children", {}).values())


def _answer(at, clip: str):
    at.audio_input[0].set_value(("answer.wav", (ANSWERS / clip).read_bytes(), "audio/wav")).run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    return at


def test_a_two_question_interview_speaks_listens_follows_up_and_reports(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("mock").run()
    assert not at.exception
    # a short label, the rest in plain words behind its "?" (it read "Questions (an opener
    # included, and from three on a closer; follow-ups come on top)")
    how_many = at.slider(key="mock_n_behavioural")
    assert how_many.label == "Questions", how_many.label
    assert how_many.help == QUESTION_ORDER, how_many.help  # one sentence, said by `coach mock --help` too
    how_many.set_value(2).run()
    at.button(key="mock_start").click().run()
    assert not at.exception and not at.error
    assert [s.value for s in at.header][0] == "Question 1 of 2"
    # the text waits behind "Show the question" (a popover), shown once
    [popover] = [b for b in at.main.children.values() if _has_popover(b)]
    assert markdown_text(at).count(escape("Tell me about yourself.")) == 1
    assert len(at.get("audio")) == 1  # the spoken question, to play

    _answer(at, "01-opener.wav")
    assert [s.value for s in at.header][0] == "Follow-up"
    _answer(at, "02-follow-up.wav")
    assert [s.value for s in at.header][0] == "Question 2 of 2"
    _answer(at, "03-story.wav")
    assert [s.value for s in at.header][0] == "Follow-up"
    assert f"**{escape(OUTCOME)}**" in markdown_text(at)  # behind "Show the question"
    _answer(at, "04-outcome.wav")

    assert "How the interview went" in [s.value for s in at.header]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Questions"] == "2" and metrics["Follow-ups"] == "2"
    assert not [m.delta for m in at.metric if m.label == "Follow-ups" and m.delta]  # both answered
    text = markdown_text(at)
    assert "Follow-up: *What was the outcome? How did you measure it?*" in text
    # what was said to each follow-up is there to read, as each question's answer is
    assert [e.label for e in at.expander].count("What you said to the follow-up") == 2
    assert any(c.value.startswith("Why: No sentence said how it turned out") for c in at.caption)
    assert FOLLOW_UP_NOT_ANSWERED not in [c.value for c in at.caption]  # both were answered
    # two questions of a round of six in 30 minutes: "used of the 30 minutes" read as a round left short
    assert "used of the 10 minutes 2 questions take in a behavioural round" in text
    # one story of two answers: the report says what could repeat (it said "One story is too few to
    # see what repeats; a longer interview shows the pattern.")
    assert "Only one answer told a story: too few to tell whether a gap repeats (no result," in text
    # the 15 s story scored well, and the report says it ran short, as Practice does (it said nothing)
    story_row = text.split("2. ", 1)[1].split("Follow-up:", 1)[0]
    short = r"The answer ran 1\d s, under the 60 s that leaves room for situation, actions and result"
    assert re.search(short, story_row), story_row
    assert "Overall " in text and "." not in metrics["Overall score"]  # whole numbers, no raw floats
    # scores say they are out of 100: "Fillers 0" alone reads as "no fillers"
    assert metrics["Overall score"].endswith("/100"), metrics["Overall score"]
    score_lines = [line for line in text.splitlines() if "Fillers " in line]
    assert score_lines and all("out of 100: Overall " in line for line in score_lines), score_lines
    assert not [line for line in score_lines if ": Scores" in line], score_lines  # one colon, not two
    # a follow-up's scores are said as a question's are: "Follow-up scores out of 100: …" under
    # "Scores out of 100: …" (it read "Your follow-up answer's scores out of 100: …")
    starts = sorted({line.split(" out of 100: ", 1)[0] for line in score_lines})
    assert starts == ["Follow-up scores", "Scores"], starts
    # why these questions, in one sentence: not "Why these questions: Questions most ... with: there were"
    [why] = [c.value for c in at.caption if "common questions for" in c.value]
    assert why.startswith(escape("No practice score or debrief points to a weak area yet, so")), why

    db = store.open_store(load_settings(tmp_path))
    try:
        from coach.store.mock_sessions import list_mock_sessions

        [session] = list_mock_sessions(db, with_turns=True)
        assert len(session["turns"]) == 4 and len(store.list_attempts(db)) == 4
    finally:
        db.close()

    at.button(key="mock_again").click().run()
    assert "Set up the interview" in [s.value for s in at.header]


def test_a_file_that_is_not_audio_keeps_the_question_open(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("mock").run()
    at.slider(key="mock_n_behavioural").set_value(2).run()
    at.button(key="mock_start").click().run()
    data = Path(__file__).parent / "data"
    # each said to record again once: "…; record the answer again or choose another file. Record the
    # answer again." (no file to choose here), "…, so record it again. Record the answer again."
    for take, sentence in (
        (
            (data / "not_audio.wav").read_bytes(),
            "Your recording could not be read as audio; record the answer again.",
        ),
        (b"", "Your recording is empty; record the answer again."),
        ((data / "short.wav").read_bytes(), "Your recording is only 0.3 s long; an answer needs at least"),
    ):
        at.audio_input[0].set_value(("answer.wav", take, "audio/wav")).run()
        assert not at.exception
        [error] = [e.value for e in at.error]
        assert error.startswith(sentence), error
        assert len(re.findall(r"record\b[^.;]*\bagain", error, re.IGNORECASE)) == 1, error
        assert "file" not in error and "export" not in error, error
        assert [s.value for s in at.header][0] == "Question 1 of 2"  # the same question waits
    # the short take is kept, to analyse again from the Progress page; the other two are no recordings
    kept = [p for p in (tmp_path / "recordings").rglob("*") if p.is_file() and p.suffix == ".wav"]
    assert [p.read_bytes() for p in kept] == [(data / "short.wav").read_bytes()], kept


def test_the_interviews_to_prepare_for_are_practice_s_and_read_in_words(tmp_path, monkeypatch):
    """Months of log: a screen two months ago, a first round last week, a final booked in five
    days. The mock interview offers the ones Practice offers (the coming one first, then last
    week's), named as Practice names them, with the stage; not every interview ever logged, dated
    "2026-11-20", under a first choice reading "None"."""
    from datetime import date, timedelta

    from coach import store
    from coach.config import load_settings

    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    today = date.today()
    db = store.open_store(load_settings(tmp_path))
    try:
        for offset, stage in ((-60, "recruiter screen"), (-7, "first round"), (5, "final")):
            store.add_interview(
                db,
                company="Initech",
                role="Backend engineer",
                stage=stage,
                interview_date=(today + timedelta(days=offset)).isoformat(),
            )
    finally:
        db.close()
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("mock").run()
    assert not at.exception

    def label(offset: int) -> str:
        day = today + timedelta(days=offset)
        return f"Initech — Backend engineer, {day.day} {day:%b %Y}"

    assert at.selectbox(key="mock_interview").options == [
        "No particular interview",
        label(5) + " · final",
        label(-7) + " · first round",
    ]
    # the final in 5 days is what the mock prepares for until another is picked, as on Practice
    assert at.selectbox(key="mock_interview").index == 1


def test_the_choices_made_stay_when_another_format_is_looked_at(tmp_path, monkeypatch):
    """Role questions for "Data", 3 behavioural questions: looking at another format and coming
    back showed "Software engineering" and 6 again (Streamlit forgets a widget no run drew)."""
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("mock").run()
    at.slider(key="mock_n_behavioural").set_value(3).run()
    at.radio(key="mock_format").set_value("role").run()
    at.selectbox(key="mock_role").set_value("data").run()
    at.radio(key="mock_format").set_value("behavioural").run()
    assert at.slider(key="mock_n_behavioural").value == 3
    # the time of 3 questions, not only the whole round's "about 30 minutes" in the format's name
    assert any(c.value.startswith("About 15 minutes. ") for c in at.caption), [c.value for c in at.caption]
    at.radio(key="mock_format").set_value("role").run()
    assert not at.exception
    assert at.selectbox(key="mock_role").value == "data"


def test_ending_before_any_answer_saves_nothing_and_says_so(tmp_path, monkeypatch):
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("mock").run()
    at.slider(key="mock_n_behavioural").set_value(2).run()
    at.button(key="mock_start").click().run()
    at.button(key="mock_end").click().run()
    assert not at.exception
    assert [i.value for i in at.info] == [NOTHING_ANSWERED]
    assert "How the interview went" not in [s.value for s in at.header]
    db = store.open_store(load_settings(tmp_path))
    try:
        from coach.store.mock_sessions import list_mock_sessions

        assert list_mock_sessions(db) == []
    finally:
        db.close()
    at.button(key="mock_again").click().run()
    assert "Set up the interview" in [s.value for s in at.header]


def test_a_silent_take_leaves_no_bar_that_reads_as_still_working(tmp_path, monkeypatch):
    """After a silent take the error box kept a progress bar stopped at "Reading the audio"."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("mock").run()
    at.slider(key="mock_n_behavioural").set_value(2).run()
    at.button(key="mock_start").click().run()
    silence = (Path(__file__).parent / "data" / "silence.wav").read_bytes()
    at.audio_input[0].set_value(("answer.wav", silence, "audio/wav")).run()
    assert not at.exception and at.error  # says it could not hear the answer
    assert len(at.get("progress")) == 0
    # where the take is kept, in the app's words: it said "Your recording is saved in /tmp/…"
    [error] = [e.value for e in at.error]
    assert str(tmp_path) not in error, error
    assert "kept among the recordings not analysed on the Progress page" in error, error
    progress = page("progress").run()
    assert any("not analysed" in e.label for e in progress.expander), [e.label for e in progress.expander]


def test_the_report_says_which_of_the_job_descriptions_key_terms_the_answers_used(tmp_path, monkeypatch):
    """Preparing for an interview with a job description, the report said nothing of its key terms,
    though each answer was checked for them as on Practice ("You used 0 of the job description's
    9 key terms.")."""
    from datetime import date, timedelta

    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    db = store.open_store(load_settings(tmp_path))
    try:
        interview_id = store.add_interview(
            db,
            company="Acme",
            role="Backend engineer",
            stage="first round",
            interview_date=(date.today() + timedelta(days=5)).isoformat(),
            job_description=(
                "Backend Engineer, Payments\nYou will lead a group of engineers who make our payments "
                "platform reliable, work with customer support on failed transactions, and own the "
                "PostgreSQL and Kubernetes estate."
            ),
        )
    finally:
        db.close()
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("mock").run()
    at.selectbox(key="mock_interview").set_value(interview_id).run()
    at.slider(key="mock_n_behavioural").set_value(2).run()
    at.button(key="mock_start").click().run()
    assert not at.exception and not at.error
    _answer(at, "01-opener.wav")  # "… I started in customer support … I lead a group of five engineers"
    at.button(key="mock_end").click().run()
    assert not at.exception
    assert "Terms from the job description" in [s.value for s in at.subheader]
    text = markdown_text(at)
    assert escape("You used 2 of the job description's 6 key terms: customer support, group.") in text, text
    assert escape("Not heard yet: PostgreSQL, Kubernetes estate, transactions, payments platform.") in text


def test_a_mock_for_no_particular_interview_says_nothing_of_key_terms(tmp_path, monkeypatch):
    """Also: ended while the opener's follow-up waited for its answer, the report left the
    follow-up out; it shows it, said not answered, as `coach mock` says it, and counts it so."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("mock").run()
    at.slider(key="mock_n_behavioural").set_value(2).run()
    at.button(key="mock_start").click().run()
    _answer(at, "01-opener.wav")
    assert [s.value for s in at.header][0] == "Follow-up"
    at.button(key="mock_end").click().run()
    assert "How the interview went" in [s.value for s in at.header]
    assert "Terms from the job description" not in [s.value for s in at.subheader]
    assert "key terms" not in markdown_text(at)
    assert unspoken_icon("subdirectory_arrow_right") + " Follow-up: *" in markdown_text(at)
    assert FOLLOW_UP_NOT_ANSWERED in [c.value for c in at.caption]
    # the count agrees with the list: the follow-up listed is counted, said not answered (it read 0)
    [follow_ups] = [m for m in at.metric if m.label == "Follow-ups"]
    assert (follow_ups.value, follow_ups.delta) == ("1", "1 not answered")


def test_role_questions_are_offered_only_with_a_role(tmp_path, monkeypatch):
    """`coach mock --role any` ran a role round with no role question; the page offers no "any
    role" for it, so the sentence refusing one is never shown there."""
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("mock").run()
    at.radio(key="mock_format").set_value("role").run()
    roles = at.selectbox(key="mock_role").options
    assert roles and not [r for r in roles if "any" in r.lower()], roles
    at.slider(key="mock_n_role").set_value(2).run()
    at.button(key="mock_start").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert [s.value for s in at.header][0] == "Question 1 of 2"


def test_reloading_the_page_mid_interview_finds_the_interview_again(tmp_path, monkeypatch):
    """A reload (a new session of the same tab, the page's address kept) showed the setup again:
    the interview was gone, its report and stored session lost, with one answer given already."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("mock").run()
    at.slider(key="mock_n_behavioural").set_value(2).run()
    at.button(key="mock_start").click().run()
    _answer(at, "01-opener.wav")
    assert [s.value for s in at.header][0] == "Follow-up"
    address = dict(at.query_params)
    assert address, "the interview is not in the page's address"

    reloaded = page("mock")
    reloaded.query_params.update(address)
    reloaded.run()
    assert not reloaded.exception
    assert [s.value for s in reloaded.header][0] == "Follow-up"  # where it was, not "Set up the interview"
    _answer(reloaded, "02-follow-up.wav")
    assert [s.value for s in reloaded.header][0] == "Question 2 of 2"
    reloaded.button(key="mock_end").click().run()
    assert "How the interview went" in [s.value for s in reloaded.header]
    assert {m.label: m.value for m in reloaded.metric}["Follow-ups"] == "1"  # the answer before the reload

    # another data directory (another person) opening the same address does not find it
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "other"))
    stranger = page("mock")
    stranger.query_params.update(address)
    stranger.run()
    assert not stranger.exception
    assert "Set up the interview" in [s.value for s in stranger.header]


def test_ending_after_a_silent_take_does_not_say_nothing_was_saved(tmp_path, monkeypatch):
    """A silent take is kept among the recordings not analysed (its error says so); ending the
    interview then said "so nothing was saved", which the Progress page contradicts."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("mock").run()
    at.slider(key="mock_n_behavioural").set_value(2).run()
    at.button(key="mock_start").click().run()
    silence = (Path(__file__).parent / "data" / "silence.wav").read_bytes()
    at.audio_input[0].set_value(("answer.wav", silence, "audio/wav")).run()
    assert "kept among the recordings not analysed" in at.error[0].value
    at.button(key="mock_end").click().run()
    assert not at.exception
    said = [i.value for i in at.info]
    assert said == [NOTHING_ANSWERED] and "nothing was saved" not in said[0], said


def test_a_follow_up_reply_too_short_to_measure_says_why_it_has_no_scores(tmp_path, monkeypatch):
    """A reply of a few words to the follow-up showed in the report with no scores and no word why,
    where a question's answer that could not be measured says why."""
    import io

    import soundfile

    from coach.audio import load_audio

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("mock").run()
    at.slider(key="mock_n_behavioural").set_value(2).run()
    at.button(key="mock_start").click().run()
    _answer(at, "01-opener.wav")
    assert [s.value for s in at.header][0] == "Follow-up"
    samples = load_audio(ANSWERS / "02-follow-up.wav", load_settings(tmp_path)).samples
    reply = io.BytesIO()
    soundfile.write(reply, samples[: int(2.5 * 16000)], 16000, format="WAV")  # "The thread is ownership."
    at.audio_input[0].set_value(("answer.wav", reply.getvalue(), "audio/wav")).run()
    assert not at.exception and not at.error
    at.button(key="mock_end").click().run()
    captions = [c.value.replace("\\", "") for c in at.caption]  # as read, the markdown escapes gone
    why = r"Only \d words? in \d s: too little to measure\."
    assert any(re.fullmatch(why, c) for c in captions), captions


def test_with_no_interview_logged_the_setup_offers_no_one_choice_list(tmp_path, monkeypatch):
    """With no interview in the log, "Prepare for an interview from your log" was a list of one
    choice, "No particular interview", and nothing said how to fill it (Practice shows no list)."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("mock").run()
    assert not at.exception
    assert "mock_interview" not in [s.key for s in at.selectbox]
    assert any("log it on the Interviews page" in c.value for c in at.caption), [c.value for c in at.caption]
    at.slider(key="mock_n_behavioural").set_value(2).run()
    at.button(key="mock_start").click().run()
    assert not at.exception and not at.error
    assert [s.value for s in at.header][0] == "Question 1 of 2"


@pytest.mark.slow  # Whisper hears a minute of a lecture
def test_a_follow_up_reply_about_something_else_says_so_in_the_report(tmp_path, monkeypatch):
    """A reply to the follow-up that was about something else altogether (a lecture on political
    philosophy, given for "What is the thread that connects…?") was scored as the reply; the report
    says plainly it did not answer the follow-up, and gives it no scores."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("mock").run()
    at.slider(key="mock_n_behavioural").set_value(2).run()
    at.button(key="mock_start").click().run()
    _answer(at, "01-opener.wav")
    assert [s.value for s in at.header][0] == "Follow-up"
    lecture = (Path(__file__).parent / "data" / "real_speech" / "lecture.wav").read_bytes()
    at.audio_input[0].set_value(("answer.wav", lecture, "audio/wav")).run()
    assert not at.exception and not at.error
    at.button(key="mock_end").click().run()
    captions = [c.value.replace("\\", "") for c in at.caption]  # as read, the markdown escapes gone
    said = [c for c in captions if c.startswith("This reply does not sound like an answer to the follow-up")]
    assert said and said[0].endswith(
        "so it is not scored. Next time, answer it about the answer you just gave."
    ), captions


def test_an_answer_too_short_to_measure_is_said_at_once_and_the_interview_goes_on(tmp_path, monkeypatch):
    """A take of about 1 s on question 1 went straight to "Question 2 of 2" with no word; the user
    learned only at the report that it was too short to measure. One sentence says it over the next
    question, and is gone once that one is answered."""
    import io

    import soundfile

    from coach.audio import load_audio

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("mock").run()
    at.slider(key="mock_n_behavioural").set_value(2).run()
    at.button(key="mock_start").click().run()
    samples = load_audio(ANSWERS / "01-opener.wav", load_settings(tmp_path)).samples
    take = io.BytesIO()
    soundfile.write(take, samples[:16000], 16000, format="WAV")  # the opener's first second
    at.audio_input[0].set_value(("answer.wav", take.getvalue(), "audio/wav")).run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert [s.value for s in at.header][0] == "Question 2 of 2"  # the interview goes on
    [said] = [w.value.replace("\\", "") for w in at.warning]  # as read, the markdown escapes gone
    assert re.fullmatch(
        r"Your answer to question 1 was too short to measure \(\d+ words? in 1 s\), so it is kept but left "
        r"out of the report's scores; give the next answer in full, as in an interview\.",
        said,
    ), said
    _answer(at, "03-story.wav")
    assert [s.value for s in at.header][0] == "Follow-up" and not at.warning  # said once, not again


def test_with_interviews_logged_but_none_booked_the_setup_does_not_read_as_if_none_were(
    tmp_path, monkeypatch
):
    """A year of data, 25 interviews logged and the latest months ago: the setup said "To prepare
    for an interview you have booked, log it on the Interviews page…", as if none were logged."""
    from datetime import date, timedelta

    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    today = date.today()
    db = store.open_store(load_settings(tmp_path))
    try:
        for weeks in range(12, 37):  # 25 interviews a week apart, the latest 12 weeks ago
            store.add_interview(
                db,
                company=f"Company {weeks}",
                role="Backend engineer",
                stage="first round",
                interview_date=(today - timedelta(weeks=weeks)).isoformat(),
            )
    finally:
        db.close()
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("mock").run()
    assert not at.exception
    assert "mock_interview" not in [s.key for s in at.selectbox]  # none to prepare for: no list of one
    latest = today - timedelta(weeks=12)
    [said] = [c.value for c in at.caption if "Interviews page" in c.value]
    assert "you have booked" not in said, said
    assert said.startswith(
        escape(
            f"Your last logged interview was on {latest:%a} {latest.day} {latest:%b %Y}, and none is booked"
        )
    ), said


def test_a_new_tab_says_the_interview_under_way_and_offers_to_go_on_with_it(tmp_path, monkeypatch):
    """Opening the Mock page in a new tab while an interview ran in another showed a fresh setup,
    with no word of the interview under way."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    first = page("mock").run()
    first.slider(key="mock_n_behavioural").set_value(2).run()
    first.button(key="mock_start").click().run()
    assert [s.value for s in first.header][0] == "Question 1 of 2"

    other = page("mock").run()  # a new tab: a new session, no interview in its address
    assert not other.exception
    said = [i.value for i in other.info]
    assert said == ["You have a mock interview under way in another tab, at question 1 of 2."], said
    other.button(key="mock_go_on").click().run()
    assert not other.exception
    assert [s.value for s in other.header][0] == "Question 1 of 2"  # the same interview, not a new one

    # the new tab answers; the first tab, still showing question 1, records an answer too: it was
    # drawn again at the follow-up with the take gone, not stored, not a word said
    _answer(other, "01-opener.wav")
    assert [s.value for s in other.header][0] == "Follow-up" and not other.info
    _answer(first, "03-story.wav")
    assert [s.value for s in first.header][0] == "Follow-up"  # where the interview is now
    said = [i.value for i in first.info]
    assert said == [
        escape(
            "The interview had gone on in another tab, so your answer to “Tell me about yourself.” was "
            "saved as a practice answer, not as part of the interview."
        )
    ], said
    db = store.open_store(load_settings(data_dir=tmp_path))
    try:
        attempts = store.list_attempts(db)
    finally:
        db.close()
    # one answer from each tab, both to the opener; the interview's turn keeps the new tab's
    assert len(attempts) == 2 and len({a["question_id"] for a in attempts}) == 1, attempts
    session = other.session_state["mock_session"]
    assert session.turns[0].attempt_id in {a["id"] for a in attempts}
    assert session.turns[-1].answer is None  # the follow-up still waits for its answer

    # another person (another data folder) is told nothing of it
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "other"))
    stranger = page("mock").run()
    assert not stranger.info and "mock_go_on" not in [b.key for b in stranger.button]


def _two_role_questions_after_a_debrief_gap(tmp_path, monkeypatch):
    """A mock interview of two software-engineering role questions, started after a debrief that
    named "system design" as a skill gap: the page at its first question."""
    from datetime import date, timedelta

    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    db = store.open_store(load_settings(tmp_path))
    try:
        interview_id = store.add_interview(
            db,
            company="Globex",
            role="Backend engineer",
            stage="first round",
            interview_date=(date.today() - timedelta(days=10)).isoformat(),
        )
        store.add_debrief(db, interview_id, skill_gaps="system design")
    finally:
        db.close()
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("mock").run()
    at.radio(key="mock_format").set_value("role").run()
    at.selectbox(key="mock_role").set_value("software-engineer").run()
    at.slider(key="mock_n_role").set_value(2).run()
    return at.button(key="mock_start").click().run()


def test_two_role_questions_picked_for_a_debrief_gap_say_so_in_the_report(tmp_path, monkeypatch):
    """Two role questions (the opener and one the role's own, picked for the debrief's "system
    design"): the report said "No practice score or debrief points to a weak area yet, so these are
    common questions for a round of role questions", the reason of the stories, of which none was
    asked."""
    at = _two_role_questions_after_a_debrief_gap(tmp_path, monkeypatch)
    assert not at.exception and not at.error, [e.value for e in at.error]
    _answer(at, "01-opener.wav")
    _answer(at, "02-follow-up.wav")
    assert [s.value for s in at.header][0] == "Question 2 of 2"
    _answer(at, "03-story.wav")
    at.button(key="mock_end").click().run()
    assert "How the interview went" in [s.value for s in at.header]
    said = [c.value for c in at.caption]
    steered = [c for c in said if "From your debriefs" in c]
    assert steered == [escape("From your debriefs: system design (1×).")], said
    assert not [c for c in said if "No practice score or debrief" in c], said


def test_a_round_ended_after_its_opener_draws_no_empty_reason(tmp_path, monkeypatch):
    """Ended after the opener of a round picked for a debrief's gap: the reason, for questions never
    asked, is left out of the report, and so is the empty line it stood on. (Ended as the next
    question was asked, that question is listed, and the reason is said of it: test_mock_report.)"""
    at = _two_role_questions_after_a_debrief_gap(tmp_path, monkeypatch)
    _answer(at, "01-opener.wav")
    assert [s.value for s in at.header][0] == "Follow-up"  # question 2 not asked yet
    at.button(key="mock_end").click().run()
    assert "How the interview went" in [s.value for s in at.header]
    said = [c.value for c in at.caption]
    assert "" not in said and not [c for c in said if "From your debriefs" in c], said


def test_ending_after_a_silent_take_keeps_it_once_and_says_its_error_once(tmp_path, monkeypatch):
    """Ending the interview after a silent take heard it again as an answer given in another tab:
    the report opened under the take's "Could not hear this answer" a second time, and Progress
    listed "2 recordings not analysed" for the one take."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("mock").run()
    at.slider(key="mock_n_behavioural").set_value(2).run()
    at.button(key="mock_start").click().run()
    silence = (Path(__file__).parent / "data" / "silence.wav").read_bytes()
    at.audio_input[0].set_value(("answer.wav", silence, "audio/wav")).run()
    assert len(at.error) == 1
    at.button(key="mock_end").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert [i.value for i in at.info] == [NOTHING_ANSWERED]
    progress = page("progress").run()
    kept = [e.label for e in progress.expander if "not analysed" in e.label]
    assert kept == ["1 recording not analysed"], kept


def test_ended_while_the_last_follow_up_waits_the_report_does_not_say_a_question_was_left(
    tmp_path, monkeypatch
):
    """Both questions answered and only the story's follow-up waiting, the interview was ended: the
    report said "You ended the interview before the last question" under "Questions 2", the
    follow-up listed as not answered. Ended with a question still to answer, it says that."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("mock").run()
    at.slider(key="mock_n_behavioural").set_value(2).run()
    at.button(key="mock_start").click().run()
    for clip in ("01-opener.wav", "02-follow-up.wav", "03-story.wav"):
        _answer(at, clip)
    assert [s.value for s in at.header][0] == "Follow-up"  # the story told no result
    at.button(key="mock_end").click().run()
    captions = [c.value for c in at.caption]
    assert not [c for c in captions if "before the last question" in c], captions
    assert "You ended the interview before answering the last follow-up; the answers you gave are saved." in (
        captions
    )
    assert FOLLOW_UP_NOT_ANSWERED in captions

    at.button(key="mock_again").click().run()
    at.slider(key="mock_n_behavioural").set_value(2).run()
    at.button(key="mock_start").click().run()
    _answer(at, "01-opener.wav")
    _answer(at, "02-follow-up.wav")
    assert [s.value for s in at.header][0] == "Question 2 of 2"
    at.button(key="mock_end").click().run()
    captions = [c.value for c in at.caption]
    # after how many of its questions, as `coach mock` says it (it read "You ended the interview
    # before the last question", the terminal "Ended early, after 1 question.")
    assert "You ended the interview after 1 of 2 questions; the answers you gave are saved." in captions
    # question 2 was spoken and not answered: counted and listed as asked, not answered, as the
    # follow-up left waiting is (it read "Questions 1" and question 2 was nowhere)
    metrics = {m.label: m for m in at.metric}
    assert (metrics["Questions"].value, metrics["Questions"].delta) == ("2", "1 not answered")
    listed = [m.value for m in at.markdown if re.match(r"\*\*\d\. ", str(m.value))]
    assert len(listed) == 2, listed
    assert QUESTION_NOT_ANSWERED in captions, captions
    assert [e.label for e in at.expander].count("What you said") == 1  # nothing said to question 2


def test_a_question_and_a_follow_up_can_be_skipped_and_the_report_says_so(tmp_path, monkeypatch):
    """There was no way on without a recording (a take under 0.5 s is refused, "record it again"),
    only "End the interview here". Skipped, a question is asked and not answered, and not scored."""
    from coach.mock.report import SKIPPED_FOLLOW_UP, SKIPPED_QUESTION

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("mock").run()
    at.slider(key="mock_n_behavioural").set_value(2).run()
    at.button(key="mock_start").click().run()
    assert at.button(key="mock_skip").label == "Skip this question"
    at.button(key="mock_skip").click().run()
    assert not at.exception and [s.value for s in at.header][0] == "Question 2 of 2"
    _answer(at, "01-opener.wav")
    assert [s.value for s in at.header][0] == "Follow-up"
    assert at.button(key="mock_skip").label == "Skip this follow-up"
    at.button(key="mock_skip").click().run()
    assert not at.exception and "How the interview went" in [s.value for s in at.header]
    metrics = {m.label: m for m in at.metric}
    assert (metrics["Questions"].value, metrics["Questions"].delta) == ("2", "1 skipped")
    assert (metrics["Follow-ups"].value, metrics["Follow-ups"].delta) == ("1", "1 skipped")
    captions = [c.value for c in at.caption]
    assert SKIPPED_QUESTION in captions and SKIPPED_FOLLOW_UP in captions
    assert FOLLOW_UP_NOT_ANSWERED not in captions and not ended_early_caption(captions)
    assert [e.label for e in at.expander].count("What you said") == 1  # the skipped one has nothing said


def ended_early_caption(captions: list[str]) -> bool:
    return any(c.startswith("You ended the interview") for c in captions)
