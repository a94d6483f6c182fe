"""Where the coach runs, in the pages' words, is decided once (Settings.on_server): the place
recordings are kept, where results stay and the Settings page's first line all follow it."""

from __future__ import annotations

from dataclasses import replace

from coach.config import Settings
from coach.ui import shared


class _Hosted(Settings):
    """A coach the one decision says runs on a server, whatever else is set."""

    on_server = True


def test_a_cohort_runs_on_the_server_and_a_personal_coach_on_this_machine(tmp_path):
    assert Settings(data_dir=tmp_path, multi_user=True).on_server
    assert not Settings(data_dir=tmp_path).on_server


def test_every_page_phrase_follows_the_one_decision(tmp_path):
    personal = Settings(data_dir=tmp_path)
    assert shared.kept_where(personal) == "on this machine"
    assert shared.recordings_place(personal) == f"in {personal.recordings_dir}"
    assert shared.runs_where(personal).startswith("Everything runs on this machine.")

    hosted = _Hosted(data_dir=tmp_path)
    assert not hosted.multi_user  # only the decision says "server" here
    assert shared.kept_where(hosted) == "on your organisation's server"
    assert shared.recordings_place(hosted) == "on your organisation's server"  # "kept in" read wrong
    assert shared.runs_where(hosted).startswith("Everything runs on your organisation's server;")
    cohort = replace(personal, multi_user=True)
    assert [shared.kept_where(cohort), shared.recordings_place(cohort), shared.runs_where(cohort)] == [
        shared.kept_where(hosted),
        shared.recordings_place(hosted),
        shared.runs_where(hosted),
    ]
