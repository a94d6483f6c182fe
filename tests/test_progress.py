"""Progress over months: trends, practice vs real, per question, improvement, skill gaps, cadence."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

from store_support import (  # noqa: F401
    analysis_dict,
    backend_fixture,
    settings_fixture,
    store_fixture,
    transcript_dict,
)

from coach import banks
from coach.progress import progress_report, summary_lines
from coach.store import add_debrief, add_goal, add_interview, save_attempt, save_interview_recording

START = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)


def _practice(store, wpm, fillers, *, day, question_id="beh-conflict", overall=60.0):
    return save_attempt(
        store,
        question_id=question_id,
        question_text="Tell me about a conflict.",
        recording=None,
        transcript=transcript_dict(),
        analysis=analysis_dict(wpm=wpm, fillers_per_100=fillers, overall=overall),
        engine="faster-whisper",
        model="tiny.en",
        created_at=START + timedelta(days=day),
    )


def _real(store, when: str, wpm: float, question_id="beh-conflict", company="Acme"):
    interview_id = add_interview(store, company=company, interview_date=when, stage="first round")
    answer = {
        "question_id": question_id,
        "question_text": "Tell me about a conflict.",
        "analysis": analysis_dict(wpm=wpm, fillers_per_100=6),
    }
    save_interview_recording(
        store,
        interview_id,
        recording=None,
        transcript=None,
        engine="faster-whisper",
        model="tiny.en",
        answers=[answer],
    )
    return interview_id


def test_practice_and_real_are_separate_series_in_time_order(store, settings):
    _practice(store, 190, 8, day=0)
    _practice(store, 170, 6, day=3)
    _real(store, "2025-01-20", 185)
    report = progress_report(store, settings, today=date(2025, 2, 1))
    wpm = report["trends"]["wpm"]
    assert [p["value"] for p in wpm["practice"]] == [190, 170]
    assert wpm["practice"][0]["at"] < wpm["practice"][1]["at"]
    assert [(p["value"], p["company"]) for p in wpm["real"]] == [(185, "Acme")]
    comparison = report["practice_vs_real"]["wpm"]
    assert (comparison["practice_mean"], comparison["real_mean"]) == (180, 185)
    assert comparison["band"] == (130.0, 175.0)
    json.dumps(report)  # what `coach progress --json` prints


def test_improvement_since_the_first_attempt_and_over_the_last_n(store, settings):
    for day, (wpm, fillers) in enumerate([(195, 9), (188, 8), (185, 6), (180, 5), (150, 3), (152, 3)]):
        _practice(store, wpm, fillers, day=day)
    report = progress_report(store, settings, today=date(2025, 2, 1), last_n=2)
    pace = report["improvement"]["wpm"]
    assert (pace["first"], pace["latest"], pace["change_since_first"]) == (195, 152, -43)
    assert pace["since_first"] == "closer"  # into the 130–175 band
    assert (pace["mean_previous_2"], pace["mean_last_2"], pace["over_last_2"]) == (182.5, 151, "closer")
    fillers = report["improvement"]["fillers_per_100_words"]
    assert (fillers["first"], fillers["latest"], fillers["since_first"]) == (9, 3, "closer")
    assert any("195 on the first answer, 152 on the latest" in line for line in summary_lines(report))
    # a score went up or down: it said "closer to where it should be", as of a pace with a band
    scores = [line for line in summary_lines(report) if line.startswith("Overall score: ")]
    assert scores and scores[0].endswith(("; up.", "; down.", "; unchanged.")), scores
    # the comparison --last N asks for, in words; a rate to one decimal ("3.0", not "3")
    lines = summary_lines(report, last_n=2)
    closer = "over the 2 before; closer to where it should be."
    assert f"  the last 2 answers: 151 on average, 182 {closer}" in lines, lines
    assert f"  the last 2 answers: 3.0 on average, 5.5 {closer}" in lines, lines


def test_a_pace_gone_across_its_band_says_so_and_not_closer(store, settings):
    """Progress read "119 on your first measured answer, 182 on the latest — closer to where it
    should be" of an answer gone from too slow to too fast: 7 above the band (130–175) where it was
    11 below it. Across the band it now says which side it is on; within one side, closer stays."""
    from coach.ui.summary import improvement_sentence

    _practice(store, 119, 3, day=0)
    _practice(store, 182, 3, day=1)
    pace = progress_report(store, settings, today=date(2025, 2, 1))["improvement"]["wpm"]
    assert pace["since_first"] == "above"
    sentence = improvement_sentence(pace)
    assert sentence.endswith(" — now too fast, where it was too slow."), sentence
    said = "Pace (words per minute): 119 on the first answer, 182 on the latest (comfortable band 130–175)"
    assert f"{said}; now too fast, where it was too slow." in summary_lines(
        progress_report(store, settings, today=date(2025, 2, 1))
    )
    _practice(store, 120, 3, day=2)  # back below it: too slow again
    pace = progress_report(store, settings, today=date(2025, 2, 1))["improvement"]["wpm"]
    assert pace["since_first"] == "closer"  # 119 → 120, still below, nearer
    assert improvement_sentence({**pace, "since_first": "below", "first": 182}).endswith(
        " — now too slow, where it was too fast."
    )


def test_practice_is_set_beside_the_interviews_it_led_up_to(store, settings):
    """Practice against real interviews averaged every practice answer ever: months of early
    answers at 200 wpm beside an interview at 160 said practice ran faster, when the practice just
    before the interview ran at 150. Now the practice of the 30 days up to each interview is set
    beside those interviews; an interview with no practice that close is left out of the pair."""
    _practice(store, 200, 9, day=0)  # 6 Jan
    _practice(store, 200, 9, day=1)
    _practice(store, 150, 3, day=120)  # 6 May
    _real(store, "2025-05-20", 160)
    _real(store, "2025-09-01", 120, company="Later Co")  # no practice in the 30 days before it
    report = progress_report(store, settings, today=date(2025, 9, 2))
    wpm = report["practice_vs_real"]["wpm"]
    assert (wpm["practice_mean"], wpm["practice_n"], wpm["real_mean"], wpm["real_n"]) == (150, 1, 160, 1), wpm
    assert wpm["lead_up_days"] == 30
    said = "  practice in the 30 days up to your interviews 150 on average, the interviews 160."
    assert said in summary_lines(report), summary_lines(report)


def test_with_no_practice_near_an_interview_all_of_each_is_compared(store, settings):
    _practice(store, 200, 9, day=0)
    _real(store, "2025-09-01", 120)
    wpm = progress_report(store, settings, today=date(2025, 9, 2))["practice_vs_real"]["wpm"]
    assert (wpm["practice_mean"], wpm["real_mean"], wpm["lead_up_days"]) == (200, 120, None), wpm


def test_the_terminal_summary_reads_in_words(store, settings):
    """`coach progress`: '1 real interview', figures as the pages round them, and 'today', not
    '1 real interviews', '119.5', '17.86' or '(0 days ago)'."""
    _practice(store, 119.5, 17.857, day=0, overall=48.4)
    _practice(store, 152.2, 3.95, day=1, overall=74)
    _real(store, "2025-01-20", 170.6)
    lines = summary_lines(progress_report(store, settings, today=date(2025, 1, 20)))
    text = "\n".join(lines)
    assert lines[0] == "2 practice answers, 1 real interview (1 answer analysed).", lines[0]
    assert "Pace (words per minute): 120 on the first answer, 152 on the latest" in text, text
    assert "Fillers per 100 words: 17.9 on the first answer, 4.0 on the latest" in text, text
    # practice's mean beside the real interviews' at one precision: "6.0", not "6" beside "10.9"
    up_to = "  practice in the 30 days up to your interviews"
    assert f"{up_to} 10.9 on average, the interviews 6.0." in lines, text
    assert f"{up_to} 136 on average, the interviews 171." in lines, text
    assert "; closer to where it should be." in text and "since the first" not in text, text
    assert "Last real interview: Mon 20 Jan 2025 (today)." in text, text
    assert "119.5" not in text and "17.86" not in text, text


def test_the_terminal_summary_of_a_first_answer_has_nothing_to_compare(store, settings):
    """One answer said "165 on the first answer, 165 on the latest; same since the first" and
    "0 real interviews (0 answers analysed)": now the page's sentence, and no count of nothing."""
    _practice(store, 165, 0, day=0, overall=95)
    lines = summary_lines(progress_report(store, settings, today=date(2025, 1, 6)))
    text = "\n".join(lines)
    assert lines[0] == "1 practice answer, 0 real interviews.", lines[0]
    assert (
        "Pace (words per minute): 165 on your first answer (comfortable band 130–175); "
        "answer again to see the change." in lines
    ), text
    assert "latest" not in text and "since the first" not in text, text


def test_speeding_up_inside_the_band_is_not_called_an_improvement(store, settings):
    """Nor "no nearer to or further from where it should be", as if it were not where it should be:
    a year's answer lengths, 99 s then 101 s (band 60–120), read so on Progress."""
    from coach.ui.summary import improvement_sentence

    _practice(store, 140, 3, day=0)
    _practice(store, 170, 3, day=1)
    report = progress_report(store, settings, today=date(2025, 2, 1))
    pace = report["improvement"]["wpm"]
    assert pace["since_first"] == "inside"
    assert improvement_sentence(pace).endswith(" — inside the comfortable band both times."), pace
    said = "Pace (words per minute): 140 on the first answer, 170 on the latest (comfortable band 130–175)"
    assert f"{said}; inside the comfortable band both times." in summary_lines(report)


def test_a_target_goal_is_what_improvement_is_measured_against(store, settings):
    add_goal(store, kind="wpm", target=140)
    _practice(store, 170, 3, day=0)
    _practice(store, 150, 3, day=1)
    report = progress_report(store, settings, today=date(2025, 2, 1))
    assert report["targets"] == {"wpm": 140.0}
    assert report["improvement"]["wpm"]["target"] == 140.0
    assert report["improvement"]["wpm"]["since_first"] == "closer"


def test_each_question_shows_its_attempts_and_real_answers_side_by_side(store, settings):
    _practice(store, 190, 8, day=0)
    _practice(store, 160, 4, day=2)
    _practice(store, 150, 4, day=2, question_id="beh-failure")
    _real(store, "2025-01-20", 181, company="Beta")
    report = progress_report(store, settings, today=date(2025, 2, 1))
    first = report["per_question"][0]
    assert first["question_id"] == "beh-conflict"
    assert [a["wpm"] for a in first["practice"]] == [190, 160]
    assert [(r["wpm"], r["company"]) for r in first["real"]] == [(181, "Beta")]
    assert [q["question_id"] for q in report["per_question"]] == ["beh-conflict", "beh-failure"]


def test_skill_gaps_from_debriefs_become_recommended_practice(store, settings):
    interview_id = _real(store, "2025-01-20", 170)
    add_debrief(store, interview_id, skill_gaps="system design depth; rambled", interest=4)
    other = _real(store, "2025-01-27", 165, company="Beta")
    add_debrief(store, other, skill_gaps="system design trade-offs")
    report = progress_report(store, settings, today=date(2025, 2, 1))
    gaps = report["skill_gaps"]["gaps"]
    assert gaps[0]["competency"] == "system-design" and gaps[0]["mentions"] == 2
    recommended = report["skill_gaps"]["recommended"]
    assert recommended, "a named gap should lead to practice questions"
    by_id = {q.id: q for q in banks.load_questions(settings.data_dir)}
    assert "system-design" in by_id[recommended[0]["id"]].competencies


def test_cadence_says_when_the_next_real_interview_is_due(store, settings):
    report = progress_report(store, settings, today=date(2025, 5, 1))
    real = report["cadence"]["real_interviews"]
    assert real["last"] is None
    # no goal set: the playbook's default (one a quarter), as on the Interviews page; none yet, so
    # the first is to book, not overdue
    assert (real["goal"]["target"], real["goal"]["period_days"]) == (1, 91)
    assert (real["overdue"], real["first_to_book"], real["state"]) == (False, True, "book your first")
    assert report["cadence"]["practice_attempts"].get("first_to_book") in (None, False)

    add_goal(store, kind="real_interviews", target=1, period_days=91, note="one first round a quarter")
    _real(store, "2025-01-10", 170)
    real = progress_report(store, settings, today=date(2025, 5, 1))["cadence"]["real_interviews"]
    assert (real["last"], real["days_since_last"], real["next_due"], real["overdue"]) == (
        "2025-01-10",
        111,
        "2025-04-11",
        True,
    )
    assert (real["first_to_book"], real["state"]) == (False, "due now")

    _real(store, "2025-05-20", 160, company="Gamma")  # booked: no longer overdue
    real = progress_report(store, settings, today=date(2025, 5, 1))["cadence"]["real_interviews"]
    assert real["upcoming"] == ["2025-05-20"] and real["overdue"] is False


def test_pitch_variation_is_a_trend_and_a_failed_measurement_stays_out(store, settings):
    lively = analysis_dict(wpm=150, fillers_per_100=2)
    lively["metrics"]["prosody"] = {"pitch_variation_st": 2.8, "monotone": False}
    flat = analysis_dict(wpm=150, fillers_per_100=2)
    flat["metrics"]["prosody"] = {"pitch_variation_st": 0.9, "monotone": True}
    failed = analysis_dict(wpm=150, fillers_per_100=2)
    failed["metrics"]["prosody"] = {"pitch_variation_st": 0.2, "monotone": True}
    failed["scores"] = None
    typed = analysis_dict(wpm=150, fillers_per_100=2)  # no audio: no prosody
    for day, analysis in enumerate((flat, failed, typed, lively)):
        save_attempt(
            store,
            question_id="beh-conflict",
            question_text="Tell me about a conflict.",
            recording=None,
            transcript=transcript_dict(),
            analysis=analysis,
            engine="faster-whisper",
            model="tiny.en",
            created_at=START + timedelta(days=day),
        )
    report = progress_report(store, settings, today=date(2025, 2, 1))
    assert [p["value"] for p in report["trends"]["pitch_variation_st"]["practice"]] == [0.9, 2.8]
    assert report["improvement"]["pitch_variation_st"]["since_first"] == "closer"


# Three months of answers whose single first and latest answers say the opposite of the trend:
# the first happened to sit in the band (150), the latest happened to run fast (178); the first
# five ran at 189 on average, the last five at 165, inside the 130–175 band.
MONTHS_OF_PACE = [150, 200, 205, 198, 190, 185, 172, 166, 160, 158, 165, 162, 178]


def test_months_of_answers_compare_a_few_at_each_end_not_one_noisy_pair(store, settings):
    for i, wpm in enumerate(MONTHS_OF_PACE):
        _practice(store, wpm, 4, day=7 * i)
    report = progress_report(store, settings, today=date(2025, 4, 10))
    pace = report["improvement"]["wpm"]
    assert pace["since_first"] == "further"  # 150 → 178, one answer each
    assert pace["first_and_last"] == {
        "n": 5,
        "first_mean": 189,
        "last_mean": 165,
        "direction": "closer",
    }  # as shown
    text = "\n".join(summary_lines(report))
    assert (
        "Pace (words per minute): 189 on average over the first 5 answers, 165 over the last 5 "
        "(comfortable band 130–175); closer to where it should be." in text
    ), text
    assert "150 on the first answer" not in text


def test_gaps_no_bank_question_practises_are_said_not_dropped(store, settings):
    """A debrief names "Kafka, stakeholder management" and a later one "Go": stakeholder management
    becomes influence questions; Kafka and Go, which no bank question practises, are listed in the
    user's words (newest first) instead of vanishing."""
    _practice(store, 150, 3, day=0)
    for when, gaps in (("2025-01-10", "Kafka, stakeholder management"), ("2025-01-20", "Go")):
        interview_id = add_interview(store, company="Acme", interview_date=when, stage="first round")
        add_debrief(store, interview_id, interest=4, skill_gaps=gaps)
    report = progress_report(store, settings, today=date(2025, 2, 1))
    assert [g["competency"] for g in report["skill_gaps"]["gaps"]] == ["influence"]
    assert report["skill_gaps"]["unmatched"] == ["Go", "Kafka"]
    assert (
        "Also named, matching no practice question: Go, Kafka (add a question of your own for each: "
        "`coach add-question` or the Questions page)." in summary_lines(report)
    )


def test_a_kind_of_question_named_as_a_gap_is_said_as_saving_the_debrief_said_it(store, settings):
    """ "behavioural questions, Kafka": saving the debrief said the first names a kind of question
    rather than a skill and what to name instead, while `coach progress` listed it with Kafka among
    the gaps "matching no practice question" and said to add a question of one's own for each."""
    from coach.debrief import no_question_note

    interview_id = add_interview(store, company="Acme", interview_date="2025-01-20", stage="first round")
    add_debrief(store, interview_id, interest=4, skill_gaps="behavioural questions, Kafka")
    report = progress_report(store, settings, today=date(2025, 2, 1))
    assert report["skill_gaps"]["unmatched"] == ["Kafka"]
    assert report["skill_gaps"]["kinds_of_question"] == ["behavioural questions"]
    lines = summary_lines(report)
    assert (
        "Also named: “behavioural questions” names a kind of question rather than a skill, so Practice "
        "will recommend none for it: name what those answers lacked instead, such as “structure”, "
        "“quantifying impact” or “handling conflict”." in lines
    ), lines
    assert no_question_note(["behavioural questions"], "").startswith(lines[-1].removeprefix("Also named: "))
    assert (
        "Also named, matching no practice question: Kafka (add a question of your own for each: "
        "`coach add-question` or the Questions page)." in lines
    ), lines


def test_a_gap_only_another_roles_questions_practise_is_marked_as_matching_none(store, settings):
    """A software engineer's debrief names "interviewing candidates, conflict": only engineering
    managers' questions practise hiring, and Practice picks none of them for this role, yet `coach
    progress` listed "Skill gaps from your debriefs: hiring (1×), conflict (1×)" as though it would
    be practised. It is marked as saving the debrief marked it; with any role it is a gap."""
    from dataclasses import replace

    interview_id = add_interview(store, company="Acme", interview_date="2025-01-20", stage="first round")
    add_debrief(store, interview_id, interest=4, skill_gaps="interviewing candidates, conflict")
    engineer = replace(settings, role="software-engineer")
    report = progress_report(store, engineer, today=date(2025, 2, 1))
    assert [g["competency"] for g in report["skill_gaps"]["gaps"]] == ["conflict"]
    assert report["skill_gaps"]["unmatched"] == ["interviewing candidates"]
    lines = summary_lines(report)
    assert "Skill gaps from your debriefs: conflict (1×)." in lines, lines
    assert (
        "Also named, matching no practice question: interviewing candidates (add a question of your "
        "own for each: `coach add-question` or the Questions page)." in lines
    ), lines
    any_role = progress_report(store, settings, today=date(2025, 2, 1))
    assert [g["competency"] for g in any_role["skill_gaps"]["gaps"]] == ["hiring", "conflict"]
    assert any_role["skill_gaps"]["unmatched"] == []


def test_gaps_list_only_questions_that_practise_them_in_the_cli_too(store, settings):
    """One gap (learning from failure) and answers weak on three score areas: `coach progress`
    lists under the gaps only questions that practise failure and learning; and a gap no question
    left can practise (here: a bank without one) lists none rather than the starter set."""
    from coach.progress import skill_gaps
    from coach.recommend import GAP, STARTER, recommended
    from coach.store import list_attempts, list_debriefs

    for day in (0, 1):
        _practice(store, 150, 4, day=day, question_id="mot-05", overall=50.0)
    interview_id = add_interview(store, company="Acme", interview_date="2025-01-20", stage="first round")
    add_debrief(store, interview_id, skill_gaps="learning from failure", interest=4)
    report = progress_report(store, settings, today=date(2025, 2, 1))
    by_id = {q.id: q for q in banks.load_questions(settings.data_dir)}
    listed = [q["id"] for q in report["skill_gaps"]["recommended"]]
    assert listed and all("failure-learning" in by_id[q].competencies for q in listed), listed
    lines = summary_lines(report)
    practise = [line for line in lines if line.startswith("  practise: ")]
    assert practise == [f"  practise: [{q}] {by_id[q].text}" for q in listed], lines

    others = [q for q in by_id.values() if "failure-learning" not in q.competencies]
    debriefs, attempts = list_debriefs(store), list_attempts(store, newest_first=False)
    none_left = skill_gaps(debriefs, attempts, others, today=date(2025, 2, 1))
    # named with the gaps no question practises, not as a gap to practise with nothing under it
    assert none_left["gaps"] == [] and none_left["unmatched"] == ["learning from failure"]
    assert none_left["recommended"] == [], none_left["recommended"]
    fallback = recommended(others, [], ["failure-learning"], today=date(2025, 2, 1))
    assert fallback.picked_for(GAP) == [] and [g.why for g in fallback.groups] == [STARTER]


def test_a_question_answered_just_after_midnight_counts_on_the_users_day(store, zone):
    """In Paris, an answer at 00:30 on 17 Nov is stored as 23:30 UTC on the 16th. On 1 Dec that
    answer is 14 days old on the user's clock, recent enough that the question is not suggested
    again; one at 23:30 Paris time on the 16th is 15 days old and the question comes back."""

    from coach.recommend import recommended
    from coach.store import list_attempts

    questions = banks.load_questions(None)
    first = recommended(questions, [], [], today=date(2026, 12, 1)).questions[0]
    zone("Europe/Paris")
    picks = {}
    for label, stored_at in (
        ("00:30 on the 17th", datetime(2026, 11, 16, 23, 30, tzinfo=UTC)),
        ("23:30 on the 16th", datetime(2026, 11, 16, 22, 30, tzinfo=UTC)),
    ):
        answer_id = save_attempt(
            store,
            question_id=first.id,
            question_text=first.text,
            recording=None,
            transcript=transcript_dict(),
            analysis=analysis_dict(),
            engine="faster-whisper",
            model="tiny.en",
            created_at=stored_at,
        )
        attempts = [a for a in list_attempts(store) if a["id"] == answer_id]
        picks[label] = recommended(questions, attempts, [], today=date(2026, 12, 1)).questions
    assert first not in picks["00:30 on the 17th"], "answered 14 days ago on the user's clock"
    assert first in picks["23:30 on the 16th"], "answered 15 days ago on the user's clock"


def test_practice_at_half_past_ten_in_new_york_is_that_days_practice(store, settings, zone):
    """Practised at 22:30 on 9 March in New York (02:30 UTC on the 10th): on the 9th the progress
    report's cadence says the last practice was today, not that one is coming tomorrow."""

    zone("America/New_York")
    save_attempt(
        store,
        question_id="beh-conflict",
        question_text="Tell me about a conflict.",
        recording=None,
        transcript=transcript_dict(),
        analysis=analysis_dict(),
        engine="faster-whisper",
        model="tiny.en",
        created_at=datetime(2026, 3, 10, 2, 30, tzinfo=UTC),
    )
    practice = progress_report(store, settings, today=date(2026, 3, 9))["cadence"]["practice_attempts"]
    assert (practice["last"], practice["days_since_last"], practice["upcoming"]) == ("2026-03-09", 0, [])


def test_interviews_booked_for_today_are_booked_not_held(tmp_path):
    """`coach progress` said "7 real interviews (…; 2 more booked)" for six held and three booked,
    one of them today: today's interview not reviewed or debriefed is booked, not held."""
    from coach import store
    from coach.config import load_settings

    settings = load_settings(data_dir=tmp_path)
    today = date(2026, 12, 2)
    db = store.open_store(settings)
    try:
        store.add_interview(db, company="Hooli", stage="onsite", interview_date=today - timedelta(days=9))
        store.add_interview(db, company="Initech", stage="first round", interview_date=today)
        store.add_interview(db, company="Globex", stage="screen", interview_date=today + timedelta(days=5))
        report = progress_report(db, settings, today=today)
    finally:
        db.close()
    assert report["counts"]["real_interviews"] == 1
    assert report["cadence"]["real_interviews"]["upcoming"] == ["2026-12-02", "2026-12-07"]
    assert "1 real interview (0 answers analysed; 2 more booked)." in summary_lines(report)[0]


def test_a_change_too_small_to_show_is_no_move(store, settings):
    """ "Pace: 115 on your first practice answer, 115 on the latest — closer to where it should be"
    (115.2 → 115.4); and the page said 78.6 where `coach progress` said 79 of the same mean."""
    _practice(store, 115.2, 3, day=0)
    _practice(store, 115.4, 3, day=1)
    report = progress_report(store, settings, today=date(2025, 2, 1))
    assert report["improvement"]["wpm"]["since_first"] == "same"
    _practice(store, 100.0, 3, day=2)  # a move that shows is still one
    assert (
        progress_report(store, settings, today=date(2025, 2, 1))["improvement"]["wpm"]["since_first"]
        == "further"
    )


def test_coach_progress_says_how_many_answers_could_not_be_measured(store, settings):
    """300 answers, 18 of them too short to measure: `coach progress` said "300 practice answers"
    and then averages of the 282 others with no word of the 18 (the page says "282 of your 300
    answers could be measured"); now a line says they are kept but left out."""
    _practice(store, 190, 8, day=0)
    _practice(store, 170, 6, day=3)
    unmeasured = {**analysis_dict(), "scores": None}  # as the quality gate leaves a take too short
    save_attempt(store, question_id="beh-conflict", question_text="Tell me about a conflict.",
                 recording=None, transcript=transcript_dict(), analysis=unmeasured,
                 engine="faster-whisper", model="tiny.en", created_at=START + timedelta(days=4))  # fmt: skip
    lines = summary_lines(progress_report(store, settings, today=date(2025, 2, 1)))
    assert lines[0] == "3 practice answers, 0 real interviews."
    assert lines[1] == (
        "1 practice answer could not be measured (too short, speech lost, ...): kept, but left "
        "out of the figures below; `coach history --not-measured` lists it."
    ), lines


def test_the_questions_page_says_an_answer_could_not_be_measured_as_practice_does():
    """Beside a question, "Answered 3 times (1 in a real interview), last on …" left out the answer
    that could not be measured, which the line under the question on Practice says."""
    from datetime import date

    from coach.progress import AnsweredBefore, answered_words
    from coach.ui.summary import answered_before_line

    before = AnsweredBefore(3, date(2026, 11, 20), None, in_real=1, unmeasured=1)
    assert answered_words(before, "on Fri 20 Nov") == (
        "Answered 3 times (1 in a real interview, 1 could not be measured), last on Fri 20 Nov"
    )
    practice_says = answered_before_line(before, date(2026, 12, 5))
    assert "(1 in a real interview, 1 could not be measured)" in practice_says, practice_says
    once = AnsweredBefore(1, date(2026, 11, 20), None, unmeasured=1)
    assert answered_words(once, "on Fri 20 Nov") == "Answered once, on Fri 20 Nov (it could not be measured)"


def test_a_gap_listed_with_a_question_is_not_also_said_to_match_none(store, settings):
    """A year in: "system design" named after a staff engineer interview and after an engineering
    manager one, whose role's questions do not practise it. `coach progress` and the page listed
    "system design (2×)" with a system design question to practise, then "Also named, matching no
    practice question: system design": the same gap said to have a question and to have none."""
    for when, role in (("2025-01-10", "Engineering manager"), ("2025-01-20", "Staff engineer")):
        held = add_interview(store, company="Acme", role=role, interview_date=when, stage="first round")
        add_debrief(store, held, interest=4, skill_gaps="system design")
    report = progress_report(store, settings, today=date(2025, 2, 1))
    gaps = report["skill_gaps"]
    assert [(g["competency"], g["mentions"]) for g in gaps["gaps"]] == [("system-design", 2)], gaps
    by_id = {q.id: q for q in banks.load_questions(settings.data_dir)}
    assert [q for q in gaps["recommended"] if "system-design" in by_id[q["id"]].competencies], gaps
    assert gaps["unmatched"] == [], gaps
    assert not [line for line in summary_lines(report) if "matching no practice question" in line]


def test_a_gap_counted_under_two_skills_is_quoted_once_in_curly_quotes(settings):
    """Practice and Progress said "system design (1×), communication (1×; you wrote "explaining
    trade-offs with numbers") and prioritisation (1×; you wrote "explaining trade-offs with
    numbers")": one gap quoted twice, in straight quotes below a sentence quoting in curly ones."""
    from coach.progress import debrief_gaps, gaps_named_words, gaps_said
    from coach.recommend import GAP, recommended

    debriefs = [
        {
            "company": "Acme Pay",
            "stage": "onsite",
            "interview_date": "2026-12-01",
            "skill_gaps": "system design, explaining trade-offs with numbers",
        }
    ]
    today = date(2026, 12, 7)
    gaps = debrief_gaps(debriefs, today=today)
    both = "“explaining trade-offs with numbers” (communication and prioritisation, 1×)"
    assert gaps_named_words(gaps) == f"system design (1×), {both}", gaps_named_words(gaps)
    said = gaps_said(debriefs, today=today)
    picks = recommended(
        banks.load_questions(None), [], [c["competency"] for c in gaps], today=today, gaps_said=said
    )
    reason = next(g.reason for g in picks.groups if g.why == GAP)
    assert reason.count("explaining trade-offs") == 1 and '"' not in reason, reason
    assert both in reason, reason
