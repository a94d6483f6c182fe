"""`coach interviews` and the option commands say what the Interviews page says: an option's kind
in the page's words (real SQLite, `coach` commands run as a user runs them)."""

from __future__ import annotations

from datetime import date, timedelta

from tests.cli_support import run_coach


def coach(data_dir, *args) -> str:
    """`coach ARGS`, which must succeed: what it printed."""
    result = run_coach(*args, data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    return result.stdout


def refused(data_dir, *args) -> str:
    """`coach ARGS`, which must be refused with one line: that line."""
    result = run_coach(*args, data_dir=data_dir)
    assert result.returncode == 1, result.stdout
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    return result.stderr.strip()


def day(days_from_today: int) -> str:
    return (date.today() + timedelta(days=days_from_today)).isoformat()


def test_an_option_s_kind_reads_as_on_the_page(tmp_path):
    """`coach interviews` listed "#1 batna · current job (open)" where the page says "BATNA"."""
    added = coach(tmp_path, "add-option", "batna", "--company", "current job", "--compensation", "135k")
    assert added.strip() == "Added option #1: BATNA · current job."
    coach(tmp_path, "add-option", "offer", "--company", "Acme")
    lines = coach(tmp_path, "interviews").splitlines()
    assert "  #1 BATNA · current job · 135k (open)" in lines, lines
    assert "  #2 offer · Acme (open)" in lines, lines
    deleted = coach(tmp_path, "delete-option", "1", "--yes")
    assert deleted.strip() == "Deleted option #1 (BATNA · current job)."
