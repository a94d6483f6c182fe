"""A mistyped address of the coach (/practise, /progres) as a browser asks for it of `make run`'s
server (serve.py): the coach's own page, with the page it most likely meant and every page, where
Streamlit ran the Practice page under its "Page not found" dialog naming a pages/ folder the coach
does not have. Every page's address, and Streamlit's own files and routes, are served as before."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from coach.page_not_found import DID_YOU_MEAN, NO_SUCH_PAGE, NOT_OFFERED, PAGES
from tests.e2e.server import ROOT, StreamlitServer


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("not-found-data")
    with StreamlitServer(data_dir, data_dir / "streamlit.log") as server:
        yield server.url


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


def _links(page: str) -> dict[str, str]:
    return {title: href for href, title in re.findall(r'<a href="([^"]*)">([^<]*)</a>', page)}


@pytest.mark.parametrize(
    ("asked", "meant", "meant_at"), [("practise", "Practice", "./"), ("progres", "Progress", "progress")]
)
def test_a_mistyped_address_says_so_in_the_coachs_words_with_its_pages(served, asked, meant, meant_at):
    status, page = _get(f"{served}/{asked}")
    assert status == 404
    assert NO_SUCH_PAGE.format(asked=asked) in page
    assert DID_YOU_MEAN.format(link=f'<a href="{meant_at}">{meant}</a>') in page
    assert _links(page) == {
        meant: meant_at,
        **{title: ("./" if name == "practice" else name) for name, title in PAGES},
    }
    assert "pages/ directory" not in page and "Cohort" not in page


def test_every_page_and_streamlits_own_files_are_served_as_before(served):
    for name in [name for name, _ in PAGES if name != "practice"] + list(NOT_OFFERED) + [""]:
        status, page = _get(f"{served}/{name}")
        assert status == 200 and '<div id="root">' in page, name  # Streamlit's app
    assert _get(f"{served}/favicon.png")[0] == 200
    assert _get(f"{served}/_stcore/health") == (200, "ok")
    status, page = _get(f"{served}/practice")  # the default page's own address leads to it
    assert status == 200 and '<div id="root">' in page


def test_the_pages_offered_are_app_pys_pages():
    """PAGES names each page app.py declares, by its address and title (a page added there and not
    here would be called no page of the coach)."""
    declared = re.findall(
        r'st\.Page\(\s*"app_pages/(\w+)\.py",\s*title="([^"]+)"', (ROOT / "app.py").read_text()
    )
    assert sorted(declared) == sorted(list(PAGES) + [(name, name.title()) for name in NOT_OFFERED])
    assert {p.stem for p in Path(ROOT / "app_pages").glob("*.py")} == {n for n, _ in declared}
