"""The Interviews page names each thing as the user knows it: an option's kind as its card badge
says it, a stage deleted as the stage it is, and a choice left empty in words."""

from datetime import date, timedelta

from app_support import page
from store_support import sqlite_db_fixture  # noqa: F401

from coach import store


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
    at = page("interviews").run()
    assert not at.exception
    summary = [m.value for m in at.markdown if m.value.startswith("**") and ":** " in m.value]
    assert "**BATNA:** stay where I am" in summary, summary
    assert "**Alternative:** contract" in summary, summary
