"""The Interviews page (and `coach delete-interview`) names each thing as the user knows it: an
option's kind as its card badge says it, a stage deleted as the stage it is, and a choice left empty
in words."""

import json
from datetime import date, timedelta

from app_support import interviews_page
from cli_support import coach_printed, run_coach, unwrapped
from store_support import record, sqlite_db_fixture  # noqa: F401

from coach import interview_log, store
from coach.config import load_settings
from coach.ui.log_labels import short_date


def _acme(db, *stages: str) -> list[int]:
    """Acme's stages, ten days apart and the last two days ago, each as logged."""
    today = date.today()
    days = [2 + 10 * n for n in reversed(range(len(stages)))]
    return [
        store.add_interview(
            db, company="Acme", role="Backend engineer", stage=stage, interview_date=today - timedelta(days=d)
        )
        for stage, d in zip(stages, days, strict=True)
    ]


def test_a_batna_from_an_interview_is_named_as_its_card_badge_names_it(db):
    """The opportunity's summary read "**Batna:** stay where I am" beside a card badge "BATNA"."""
    [screen] = _acme(db, "recruiter screen")
    store.add_option(db, kind="batna", company="Acme", title="stay where I am", interview_id=screen)
    store.add_option(db, kind="alternative", company="Acme", title="contract", interview_id=screen)
    at = interviews_page().run()
    assert not at.exception
    summary = [m.value for m in at.markdown if m.value.startswith("**") and ":** " in m.value]
    assert "**BATNA:** stay where I am" in summary, summary
    assert "**Alternative:** contract" in summary, summary


def _with_a_recording(db, interview_id: int, pitch_hz: float) -> None:
    settings = load_settings(db.settings.data_dir)
    store.save_interview_recording(
        db,
        interview_id,
        recording=record(settings, pitch_hz=pitch_hz, kind="interview"),
        transcript=None,
        answers=[],
        engine="faster-whisper",
        model="tiny.en",
    )


def _deleting(at, stage: str) -> str:
    """What the Delete tab of the stage logged as `stage` says, its lines joined."""
    [entry] = [e for e in at.expander if e.label.startswith(stage)]
    return " ".join(m.value for m in entry.markdown)


def test_deleting_a_stage_that_is_no_interview_names_it_as_the_stage_it_is(db):
    """A rejection logged as a stage, its recording kept from when it was the final, read "remove
    the 1 recording of this interview; the interview stays in your log", "Everything: the Acme
    rejected", "Delete this rejected" and "Delete the Acme rejected (…)?"; the application's
    recordings were "of this interview" too."""
    applied, _, rejected = _acme(db, "applied", "first round", "rejected")
    _with_a_recording(db, applied, 200)
    _with_a_recording(db, rejected, 300)
    at = interviews_page().run()
    assert not at.exception
    said = _deleting(at, "applied")
    assert (
        "**Only the audio:** remove the 1 recording of this application; the application stays in your log."
        in said
    ), said
    said = _deleting(at, "rejected")
    assert (
        "**Only the audio:** remove the 1 recording of this rejection; the rejection stays in your log."
        in said
    ), said
    assert "**Everything:** the Acme rejection with its recordings. This cannot be undone." in said, said
    [delete] = [b for b in at.button if b.label == "Delete this rejection"]
    delete.click().run()
    when = short_date((date.today() - timedelta(days=2)).isoformat(), date.today())
    assert [w.value for w in at.warning] == [
        f"Delete the Acme rejection ({when}) and its recordings? This cannot be undone."
    ]
    [b for b in at.button if b.label == "Yes, delete this rejection"][0].click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [f"Deleted the Acme rejection ({when}) and its recordings."]


def test_a_recording_not_analysed_is_said_to_be_of_the_stage_it_was_kept_with(db):
    """A recording kept with the application, its review stopped, read "A recording of this
    interview could not be analysed"; a rejection's too. Each is named as the stage it is."""
    applied, first_round, rejected = _acme(db, "applied", "first round", "rejected")
    for stage_id, pitch_hz in ((applied, 200), (first_round, 250), (rejected, 300)):
        _with_a_recording(db, stage_id, pitch_hz)
    at = interviews_page().run()
    assert not at.exception
    stopped = (
        "could not be analysed: Its review was stopped before the end; upload it again on the Review page."
    )
    said = [m.value.replace("\\", "") for m in at.markdown if stopped in m.value.replace("\\", "")]
    assert said == [
        f":gray[A recording of this {noun} {stopped} It is kept.]"
        for noun in ("application", "interview", "rejection")
    ], said


def test_deleting_a_withdrawal_s_recordings_says_whose_they_were(db):
    """ "Delete its recordings" of a withdrawal logged as a stage said "Deleted 1 recording of the
    Acme withdrew"."""
    [withdrew] = _acme(db, "withdrew")
    _with_a_recording(db, withdrew, 250)
    at = interviews_page().run()
    [b for b in at.button if b.label == "Delete its recordings"][0].click().run()  # asks first
    assert [w.value for w in at.warning] == [
        "Delete the 1 recording of the Acme withdrawal? This cannot be undone."
    ]
    [b for b in at.button if b.label == "Yes, delete its recordings"][0].click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["Deleted 1 recording of the Acme withdrawal; the rest is kept."]


def test_an_option_from_no_interview_is_chosen_in_words(db):
    """The add-option form's "From your interviews with" offered "—" for an option that came from
    none (the BATNA, say), where the page's other unset choices read "not set"."""
    _acme(db, "first round")
    at = interviews_page().run()
    assert not at.exception
    [came_from] = [s for s in at.selectbox if s.label == "From your interviews with"]
    assert came_from.options == ["not from an interview", "Acme · Backend engineer"]
    assert came_from.value is None  # none picked: the option is kept apart from Acme's card


def test_deleting_the_stage_an_offer_came_from_says_the_offer_is_kept(db, tmp_path):
    """An offer added under Offers and options "From your interviews with" the Acme offer stage,
    that stage deleted: the offer stayed, and neither the Delete tab, its confirmation nor the line
    after it said so. Each says the offer is kept, and what is kept points at no interview gone, on
    the page or in `coach interviews`."""
    _, offer_stage = _acme(db, "final", "offer")
    interview_log.add_option(db, kind="offer", compensation="180k", interview_id=offer_stage)
    at = interviews_page().run()
    assert not at.exception
    kept = "The offer you wrote down from it (Acme · Backend engineer) stays under Offers and options"
    said = _deleting(at, "offer")
    assert (
        f"Deletes the Acme offer. {kept}; remove it there if it should go too. This cannot be undone." in said
    )
    assert kept not in _deleting(at, "final")  # the offer came from the offer stage, not the final
    [delete] = [b for b in at.button if b.label == "Delete this offer"]
    delete.click().run()
    when = short_date((date.today() - timedelta(days=2)).isoformat(), date.today())
    assert [w.value for w in at.warning] == [
        f"Delete the Acme offer ({when})? {kept}; remove it there if it should go too. This cannot be undone."
    ]
    [b for b in at.button if b.label == "Yes, delete this offer"][0].click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [
        f"Deleted the Acme offer ({when}). The offer you wrote down from it (Acme · Backend engineer) is "
        "kept under Offers and options."
    ]
    [option] = store.list_options(db)
    assert (option["company"], option["compensation"], option["interview_id"]) == ("Acme", "180k", None)
    listed = json.loads(coach_printed(tmp_path, "interviews", "--json"))
    [shown] = listed["options"]
    assert shown["interview_id"] is None and shown["compensation"] == "180k"
    assert [s["stage"] for o in listed["opportunities"] for s in o["stages"]] == ["final"]


def test_coach_delete_interview_says_the_offer_written_down_from_it_is_kept(db, tmp_path):
    """`coach delete-interview` on the stage an offer came from (`coach add-option offer --interview
    ID`) kept the offer, as the page does, but its "Delete …?" (or the refusal without --yes) and its
    "Deleted …" line never said so, as if it went too. Both say it, as the page does; one from
    another stage is not named."""
    final, offer_stage = _acme(db, "final", "offer")
    kept = interview_log.add_option(db, kind="offer", compensation="180k", interview_id=offer_stage)
    store.add_option(db, kind="alternative", company="Initech", interview_id=final)
    refused = run_coach("delete-interview", offer_stage, data_dir=tmp_path)  # not at a terminal
    assert refused.returncode == 1
    assert refused.stderr.strip() == (
        f"error: Deleting cannot be undone; add --yes to delete interview #{offer_stage} (Acme) with its "
        f"recordings, answers and debriefs, but not the offer you wrote down from it (#{kept} · Acme · "
        "Backend engineer), which stays under Offers and options."
    )
    deleted = run_coach("delete-interview", offer_stage, "--yes", data_dir=tmp_path)
    assert deleted.returncode == 0, deleted.stderr
    assert unwrapped(deleted.stdout) == (
        f"Deleted interview #{offer_stage} with its recordings, answers and debriefs. The offer you wrote "
        f"down from it (#{kept} · Acme · Backend engineer) is kept under Offers and options; `coach "
        f"delete-option {kept}` removes it if it should go too."
    )
    assert [(o["id"], o["interview_id"]) for o in store.list_options(db) if o["kind"] == "offer"] == [
        (kept, None)
    ]
    audio = run_coach("delete-interview", final, "--audio-only", "--yes", data_dir=tmp_path)
    assert "Offers and options" not in audio.stdout  # its recordings go, the alternative is untouched
    gone = run_coach("delete-interview", final, "--yes", data_dir=tmp_path)
    assert "The alternative you wrote down from it (" in unwrapped(gone.stdout), gone.stdout
