"""Declining Acme's offer, then booking a new first round with "ACME Inc." for the same role: the
card read "stopped" beside "Next step first round, … (today)". A stage logged after the one the
declined offer came from means the process began again: the opportunity is in progress, the
declined offer still listed as declined. With no stage after it, it stays stopped."""

from datetime import date

from app_support import page
from cli_support import run_coach

from coach.local_time import long_date


def _coach(data_dir, *args) -> str:
    done = run_coach(*args, data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _declined_offer(data_dir) -> None:
    _coach(
        data_dir,
        "add-interview",
        "Acme",
        "--role",
        "Staff engineer",
        "--stage",
        "first round",
        "--date",
        "2026-11-10",
    )
    _coach(
        data_dir,
        "add-interview",
        "Acme",
        "--role",
        "Staff engineer",
        "--stage",
        "offer",
        "--date",
        "2026-11-20",
    )
    _coach(
        data_dir, "add-option", "offer", "--company", "Acme", "--title", "Staff engineer", "--interview", "2"
    )
    _coach(data_dir, "edit-option", "1", "--status", "declined")


def test_a_declined_offer_with_nothing_after_it_stops_the_opportunity(tmp_path):
    _declined_offer(tmp_path)
    listing = _coach(tmp_path, "interviews")
    # how it ended, as "offer accepted" is said ("stopped" said nothing of the offer)
    assert listing.splitlines()[0] == "Acme · Staff engineer  (offer declined)", listing


def test_a_stage_booked_after_a_declined_offer_makes_the_opportunity_active_again(tmp_path, monkeypatch):
    _declined_offer(tmp_path)
    today = date.today().isoformat()
    _coach(
        tmp_path,
        "add-interview",
        "ACME Inc.",
        "--role",
        "Staff engineer",
        "--stage",
        "first round",
        "--date",
        today,
    )
    listing = _coach(tmp_path, "interviews")
    assert listing.splitlines()[0] == "Acme · Staff engineer  (in progress)", listing
    assert f"Next step: first round on {long_date(today)}" in listing  # as `coach progress` says a day
    # still said as it is, with the day it was declined
    assert f"#1 offer · Acme · Staff engineer (declined on {long_date(today)})" in listing, listing

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("interviews").run()
    assert not at.exception
    badges = [m.value for m in at.markdown if m.value.startswith(":") and "-badge[" in m.value]
    assert badges == [":blue-badge[in progress]"], badges
