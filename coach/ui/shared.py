"""Streamlit pieces every page uses: settings, the store and models loaded once, errors, results.

Only pages import this module; what it shows is drawn by the Streamlit-free modules beside it
(highlight, charts, summary), and what it decides lives in `coach/` (the debrief form saves
through `coach.debrief`).
"""

from __future__ import annotations

import contextlib
import html
import json
import logging
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from coach import media_guard
from coach.analysis.word_use import job_term_lines, word_lines
from coach.analysis.wording import count, listed
from coach.config import Settings, load_settings, set_aside_sentence, use_default_thresholds
from coach.errors import (
    MODEL_IS_THE_STAFFS,
    SERVER,
    CoachError,
    InputError,
    LanguageModelError,
    ModelError,
    NotAudioError,
    NotSavedError,
    RecordingKept,
    ThresholdsFileError,
)
from coach.identity import IDENTITY_REFUSED, SIGN_IN, identity_from, is_staff, normalise, refused_identity
from coach.store import Store, open_store
from coach.store.db import NOTHING_SAVED
from coach.ui import summary
from coach.ui.highlight import (
    UNSEEN,
    escape,
    escape_sentence,
    highlight_html,
    legend_html,
    plain_transcript_html,
    spans_by_kind,
    unspoken_icon,
)

if TYPE_CHECKING:
    from coach.playbook import DebriefField
    from coach.practice import RecordingOnDelete

logger = logging.getLogger(__name__)


def settings() -> Settings:
    """This run's settings (cheap to read, so a change in Settings shows on the next rerun).

    In multi-user mode they belong to the signed-in person (`owner`); with no trusted identity the
    page shows one sentence pointing to the login page and stops, before anything is read."""
    try:
        current = load_settings()
    except ThresholdsFileError as e:  # a line of the file the user wrote: its default is a click away
        st.error(said(e))
        if e.yours:
            st.button(
                "Use the default instead" if len(e.keys) == 1 else "Use the defaults instead",
                on_click=use_default_thresholds,
                args=(e.path, e.keys),
                type="primary",
                key="settings_use_default",
            )
        st.stop()
    except CoachError as e:
        st.error(said(e))
        st.stop()
    if not current.multi_user:
        say_thresholds_set_aside(current)
        return current
    who = signed_in(current)
    if who is None:
        address = st.context.ip_address or ("127.0.0.1" if st.context.headers else None)
        if refused_identity(st.context.headers or {}, address, current):
            # the host's log says why (never the value: it names the person)
            logging.getLogger("coach.identity").warning(
                "the %s header from the login proxy is no identity (it holds a space or is empty); "
                "the page asked its person to tell the people who run the coach",
                current.identity_header,
            )
            st.warning(IDENTITY_REFUSED, icon=":material/lock:")
            st.stop()
        stop_unsigned()
    say_thresholds_set_aside(current)  # to the signed-in, not on the way to signing in
    return replace(current, owner=who)


def signed_in(current: Settings) -> str | None:
    """The identity of this browser session: the login proxy's header, believed only from a
    trusted proxy address, else Streamlit's own login when an identity provider is configured."""
    headers = st.context.headers
    address = st.context.ip_address
    if address is None and headers:
        address = "127.0.0.1"  # Streamlit shows a loopback peer (127.0.0.1 or ::1) as no address
    who = identity_from(headers, address, current)
    if who is None and _login_configured() and st.user.is_logged_in:
        who = normalise(st.user.get("email"))
    return who


def sign_out_in_sidebar(current: Settings) -> None:
    """Multi-user mode: who is signed in, and "Sign out", at the foot of the menu. Signing out is the
    browser forgetting them (coach.sign_out, at its address beside the pages): this tab goes there,
    in place of the page, so its back button does not lead to it."""
    from coach.sign_out import SIGN_OUT, SIGN_OUT_ROUTE, SIGNED_OUT_CHANNEL

    if not (current.multi_user and current.owner):
        return
    there = f"new URL({json.dumps(SIGN_OUT_ROUTE)}, document.baseURI)"
    # the coach's other tabs in this browser follow: Chromium does not reload them for the
    # signed-out page's Clear-Site-Data ("executionContexts"), and one left open went on showing
    # the person's page, live, to whoever sat down next
    heard = SIGNED_OUT_ELSEWHERE.replace("CHANNEL", json.dumps(SIGNED_OUT_CHANNEL)).replace("THERE", there)
    st.html(heard, unsafe_allow_javascript=True)
    with st.sidebar:
        # as written, not as Markdown: Streamlit made the address a mail link
        who = html.escape(current.owner)
        st.html(f"<p style='font-size: 0.875rem; color: #6b6a69; margin: 0'>Signed in as {who}</p>")
        if st.button(SIGN_OUT, icon=":material/logout:", key="sign_out"):
            st.html(f"<script>window.location.replace({there});</script>", unsafe_allow_javascript=True)


SIGNED_OUT_ELSEWHERE = """<script>
(function() {
  if (window.__coachSignedOutElsewhere) return;
  const heard = new BroadcastChannel(CHANNEL);
  heard.onmessage = () => window.location.replace(THERE);
  window.__coachSignedOutElsewhere = heard;
})();
</script>"""


def _login_configured() -> bool:
    """Whether an identity provider is configured for st.login (an [auth] section in secrets)."""
    try:
        return "auth" in st.secrets
    except (FileNotFoundError, StreamlitSecretNotFoundError):
        return False


def stop_unsigned() -> None:
    st.warning(SIGN_IN, icon=":material/lock:")
    if _login_configured():
        st.button("Sign in", on_click=st.login, type="primary")
    st.stop()


def play(recording: Path | str, current: Settings, **audio) -> None:
    """st.audio of a recording (or the coach's spoken question). In multi-user mode its address is
    noted as this person's first, so /media serves it to them alone (coach.media_guard); Streamlit
    gets the bytes read here, the very ones the noted id is made from."""
    if not current.multi_user:
        st.audio(str(recording), **audio)
        return
    data = Path(recording).read_bytes()
    mimetype = audio.pop("format", "audio/wav")  # st.audio's own default
    media_guard.allow(media_guard.media_id(data, mimetype), current.owner)
    st.audio(data, format=mimetype, **audio)


def offer_download(
    label: str, data: bytes, current: Settings, *, file_name: str, mime: str, **button
) -> None:
    """st.download_button of bytes, in multi-user mode served at /media to this person alone."""
    if current.multi_user:
        media_guard.allow(media_guard.media_id(data, mime, file_name), current.owner)
    st.download_button(label, data, file_name=file_name, mime=mime, **button)


def staff(current: Settings) -> bool:
    """Whether the signed-in person may see the cohort view (multi-user mode, listed as staff)."""
    return is_staff(current.owner, current)


@st.cache_resource(show_spinner=False)
def _open_store(data_dir: str, database_url: str | None, _settings: Settings) -> Store:
    """The process's connections (its settings are those of the first run: `store` gives each run
    its own)."""
    return open_store(replace(_settings, owner=""))


@st.cache_resource(show_spinner=False, max_entries=10_000)
def _recovered(data_dir: str, database_url: str | None, owner: str, _store: Store) -> bool:
    """Finish what a crash interrupted in this person's folder (opening the store does it for the
    single user's), once per person per process."""
    from coach.store import recover_recordings

    recover_recordings(_store)
    return True


def store(current: Settings) -> Store:
    """The database for this data directory, opened (and migrated) once per process, seen as the
    signed-in person's in multi-user mode (every store function then filters by them).

    Its connections are the process's, but its settings are this run's (`current`): what reads them
    from the store (the upload limits of a cohort's queue and restores, the thresholds and role a
    backup carries or restores) follows a change saved in settings.toml at once. With the settings
    of the first page run the process served, a lowered upload limit held only after a restart."""
    if current.multi_user and not current.owner:
        stop_unsigned()
    try:
        cached = _open_store(str(current.data_dir), current.database_url, current)
        opened = replace(cached, owner=current.owner, settings=current)
        if current.owner:
            _recovered(str(current.data_dir), current.database_url, current.owner, opened)
        return opened
    except CoachError as e:
        st.error(f"{said_to(current, e)} Your recordings are kept {recordings_place(current)}.")
        st.stop()


def recordings_place(current: Settings) -> str:
    """Where the person's recordings are, in their words and with its preposition: "in" the folder
    on their own machine, or on a server (`Settings.on_server`) "on your organisation's server"
    (its paths mean nothing to them; "kept in your organisation's server" read wrong)."""
    return f"on {SERVER}" if current.on_server else f"in {current.recordings_dir}"


def forget_store() -> None:
    """Close cached connections (after deleting or importing data)."""
    _open_store.clear()


@st.cache_resource(show_spinner="Loading the speech model (once per session)…")
def _engine(
    engine: str, model: str, beam_size: int, cpu_threads: int, recover_fillers: bool, _settings: Settings
):
    from coach.practice import load_models_to_serve

    return load_models_to_serve(_settings)


def preload_models(current: Settings) -> None:
    """Load the Whisper model and spaCy pipeline (and warm the filler detector) once; a missing model is
    an error with a fix."""
    c = current
    _engine(c.engine, c.model, c.beam_size, c.cpu_threads, c.recover_fillers, c)


def say_thresholds_set_aside(current: Settings) -> None:
    """Thresholds of the settings file outside what a setting may be are used as their defaults
    (coach.config); the page says so once a session, on whichever page is opened first, not again
    at every click."""
    sentence = set_aside_sentence(current, on_page=True)
    if sentence and st.session_state.get("settings_set_aside_said") != sentence:
        st.session_state.settings_set_aside_said = sentence
        st.warning(escape_sentence(sentence), icon=":material/tune:")


def said(error: CoachError) -> str:
    """An error's sentence as the app's pages say it (no terminal commands), ready for st.error:
    a file's name quoted in it shows as text, never as a link, an image or HTML."""
    return escape_sentence(getattr(error, "in_app", "") or str(error))


def said_to(current: Settings, error: CoachError) -> str:
    """`said`, for the person signed in: a model that cannot load is the staff's to fix in a cohort,
    and a fault of the server's own names none of its folders there (the server's log keeps them)."""
    if isinstance(error, ModelError) and current.on_server and not staff(current):
        return MODEL_IS_THE_STAFFS
    if current.on_server and getattr(error, "on_server", None):
        logger.warning("%s", error)  # the folder and the system's reason, for whoever runs the server
        return escape_sentence(error.on_server)
    return said(error)


def said_nothing_saved(current: Settings, error: CoachError) -> str:
    """A review that failed, said to the person signed in, then "Nothing was saved." unless its
    sentence says what was kept (a recording kept when the database refused the review: the page
    said "…this page offers to finish it. Nothing was saved.", and a locked database's sentence,
    ending "Nothing was saved." already, had it twice)."""
    sentence = said_to(current, error)
    if isinstance(error, RecordingKept) or sentence.endswith(NOTHING_SAVED):
        return sentence
    return f"{sentence} {NOTHING_SAVED}"


def nothing_kept(error: CoachError) -> bool:
    """Whether a take that failed left nothing behind: a file that is not audio or could not be
    written, or a model that could not load (the pages load them before keeping anything)."""
    return isinstance(error, (ModelError, LanguageModelError, NotAudioError, NotSavedError))


KEPT_NOT_ANALYSED = "Your recording is kept among the recordings not analysed on the Progress page."

# Streamlit names a slider's thumb by its label, then by its group's name, which is the same label:
# a screen reader read the Mock page's number of questions as "Questions Questions". The thumb keeps
# its own name (the label) alone; kept so when the page draws a slider again. Runs once a tab.
SLIDERS_NAMED_ONCE = """<script>
(function() {
  if (window.__coachSlidersNamedOnce) return;
  window.__coachSlidersNamedOnce = true;
  const once = () => document
    .querySelectorAll('[data-testid=stSlider] input[type=range][aria-label][aria-labelledby]')
    .forEach(input => input.removeAttribute('aria-labelledby'));
  new MutationObserver(once).observe(document.body,
    {subtree: true, childList: true, attributes: true, attributeFilter: ['aria-labelledby']});
  once();
})();
</script>"""

# Streamlit names each option of a radio group by its label, whose words stay beside it as text: a
# screen reader read the Mock page's formats twice, "radio Recruiter screen (about 15 minutes)", then
# "Recruiter screen (about 15 minutes)". Each option is named by its words, which are then hidden from
# the reader alone (they show as before); kept so when the page draws the group again. Once a tab.
RADIO_OPTIONS_READ_ONCE = """<script>
(function() {
  if (window.__coachRadioOptionsReadOnce) return;
  window.__coachRadioOptionsReadOnce = true;
  const once = () => document.querySelectorAll('[data-testid=stRadioOption]').forEach(option => {
    const input = option.querySelector('input[type=radio]');
    const words = option.querySelector('[data-testid=stMarkdownContainer]');
    if (!input || !words) return;
    const name = words.textContent.trim();
    if (input.getAttribute('aria-label') !== name) input.setAttribute('aria-label', name);
    if (words.getAttribute('aria-hidden') !== 'true') words.setAttribute('aria-hidden', 'true');
  });
  new MutationObserver(once).observe(document.body, {subtree: true, childList: true, characterData: true});
  once();
})();
</script>"""

# A popover opened from the keyboard (Enter or Space on "Change the cadence goal", "Set your goals")
# kept focus on its button: Tab went on through the page under it, five stops on the Interviews page,
# before reaching the popover's fields at the end of the page. Focus moves to its first field once it
# shows (Escape closes it and focus goes back to its button, Streamlit's own); one with nothing to
# focus ("Show the question") leaves focus on its button. Once a tab.
POPOVER_FOCUS_INSIDE = """<script>
(function() {
  if (window.__coachPopoverFocusInside) return;
  window.__coachPopoverFocusInside = true;
  // a box to type in or choose from first (not the "?" beside its label), else a button or link
  const FIELDS = ['input:not([type=hidden]):not([disabled]), textarea',
    'button:not([disabled]), summary, a[href], [tabindex="0"]'];
  document.addEventListener('keydown', e => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    const button = e.target.closest && e.target.closest('[data-testid=stPopoverButton]');
    if (!button || button.getAttribute('aria-expanded') === 'true') return;  // it closes
    let looks = 0;
    const shown = e => e.getClientRects().length > 0;  // a popover is fixed: it has no offsetParent
    // its fields are drawn after its first button ("Save goals"): a button is taken only once a
    // second has shown no box
    const inside = () => {
      const body = [...document.querySelectorAll('[data-testid=stPopoverBody]')].find(shown);
      const found = body ? FIELDS.map(kind => [...body.querySelectorAll(kind)].find(shown)) : [];
      const last = ++looks > 20;
      if (found[0] || (last && found[1])) (found[0] || found[1]).focus();
      else if (!last) setTimeout(inside, 50);
    };
    setTimeout(inside, 50);
  }, true);
})();
</script>"""

# Whether the keyboard or a pointer was used last, kept on every page for said_in_focus: a form drawn
# anew is the same change to the page whichever pressed its button.
KEYBOARD_OR_POINTER = """<script>
(function() {
  if (window.__coachKeyboardLast) return;
  window.__coachKeyboardLast = {on: false};
  document.addEventListener('keydown', () => { window.__coachKeyboardLast.on = true; }, true);
  document.addEventListener('pointerdown', () => { window.__coachKeyboardLast.on = false; }, true);
})();
</script>"""


def said_in_focus(key: str) -> None:
    """The sentence in the container keyed `key` (an st.success drawn before this) takes focus when
    the keyboard pressed the button that led to it and focus was lost: the Interviews page's "Add
    interview" draws its form anew, the button pressed went with it and focus fell to the page itself,
    so the next Tab started over at the page's top or the form's first box, and nothing read out
    "Added Initech (…)". A mouse's press, or focus put elsewhere meanwhile, is left as it was."""
    shown = st.session_state[f"{key}__said"] = st.session_state.get(f"{key}__said", 0) + 1
    st.html(
        f"<script>/* {shown} */ (function() {{ let looks = 0; const look = () => {{"
        f" const said = document.querySelector('.st-key-{key} [data-testid=stAlert]');"
        " const lost = !document.activeElement || document.activeElement === document.body;"
        " if (said && lost && window.__coachKeyboardLast && window.__coachKeyboardLast.on) {"
        " said.setAttribute('tabindex', '-1'); said.focus(); }"
        " else if (looks++ < 20) setTimeout(look, 100); }; look(); })();</script>",
        unsafe_allow_javascript=True,
    )


def recording_kept(error: CoachError) -> str:
    """ " Your recording is kept among …" after a take's error sentence, or nothing when the take left
    nothing kept. Where it is in the app's words (the Progress page lists it, to analyse again or
    delete), not the folder on disk, which a web page does not show."""
    return "" if nothing_kept(error) else f" {KEPT_NOT_ANALYSED}"


def model_hint(current: Settings) -> str:
    """What to do about a model that cannot load, for whoever may change it (nothing for a student)."""
    if current.on_server and not staff(current):
        return ""
    return "Choose another model in Settings."


@contextlib.contextmanager
def shown_errors(
    after: str = "", current: Settings | None = None, *, after_for: type[CoachError] = CoachError
) -> Iterator[None]:
    """Turn a CoachError into one st.error sentence (plus what happened to the user's data), as the
    person signed in may act on it (`said_to`; `current`: their settings, read again if not given).
    `after` follows only errors of the kind `after_for` (what to do about a speech model)."""
    try:
        yield
    except CoachError as e:
        sentence = said_to(current or settings(), e)
        if not isinstance(e, after_for) or ("Settings" in sentence and "Settings" in after):
            after = ""  # the error already says what to change in Settings: not twice
        st.error(f"{sentence} {after}".strip())


@contextlib.contextmanager
def refused_in_sight(place, key: str) -> Iterator[None]:
    """As shown_errors, its sentence drawn in `place`, a container keyed `key` put by the fields it
    names, and the page scrolled to it: drawn under a long form's button it was below the first
    screen on a phone after Enter in a box at the top; drawn at the top alone, it was above the
    screen after a press of the button at the bottom."""
    with place:
        try:
            yield
        except CoachError as e:
            st.error(said_to(settings(), e))
            # a new script each time: the same one drawn again is not run again
            refusals = st.session_state[f"{key}__refusals"] = st.session_state.get(f"{key}__refusals", 0) + 1
            st.html(
                f"<script>/* {refusals} */ requestAnimationFrame(() => document.querySelector("
                f"'.st-key-{key}')?.scrollIntoView({{block: 'center'}}));</script>",
                unsafe_allow_javascript=True,
            )


# How a button that deletes or removes something looks on every page (asked_first draws them so)
DELETE_BUTTON = {"icon": ":material/delete:", "type": "tertiary"}


def asked_first(
    key: str, label: str, question: str | Callable[[], str], yes: str | None = None, **button
) -> bool:
    """A button that deletes, asking first: its first click shows `question` with `yes` ("Yes,
    <label>" unless given) and "Cancel" under it; True when the yes is pressed (nothing was asked
    before an offer went). A `question` that depends on what is there now is a function, called
    only when it is asked. Every such button looks alike, a bin and its words (DELETE_BUTTON): a
    delete is never a page's main, filled button (Interviews' "Delete this interview" and Progress's
    "Delete this recording" were, where "Delete this debrief" and "Delete this answer" were not)."""
    confirming = f"{key}_confirm"
    if not st.session_state.get(confirming):
        shown = DELETE_BUTTON | button
        st.button(label, key=key, on_click=lambda: st.session_state.update({confirming: True}), **shown)
        return False
    st.warning(question if isinstance(question, str) else question())
    agree, no, _ = st.columns([1.4, 1, 3])
    no.button("Cancel", key=f"{key}_no", on_click=lambda: st.session_state.pop(confirming, None))
    if agree.button(yes or f"Yes, {label[:1].lower()}{label[1:]}", type="primary", key=f"{key}_yes"):
        st.session_state.pop(confirming, None)
        return True
    return False


# Up to this many rows a table shows them all; a longer one keeps Streamlit's ten rows and scrolls
# (its "auto" height hid an eleventh row, as "pitch variation" in Progress's every-measure table).
TABLE_ROWS_SHOWN_WHOLE = 15


# Deleting one practice answer (Practice's result, Progress's per question), asked first and then said.
DELETE_ANSWER_ASKED = "Delete this answer with its recording, transcript and feedback? This cannot be undone."
# its recording file gone before (as ANSWER_DELETED_RECORDING_MISSING below): the question said
# "with its recording" all the same, and the sentence after it that it was already missing
DELETE_ANSWER_ASKED_RECORDING_MISSING = (
    "Delete this answer with its transcript and feedback? Its recording is already missing. "
    "This cannot be undone."
)
DELETE_ANSWER_ASKED_NO_RECORDING = (
    "Delete this answer with its transcript and feedback? This cannot be undone."
)
# another answer (or an interview) still uses its recording, so the recording is not deleted with it:
# it was asked "with its recording" and said deleted with it, the file left in place
DELETE_ANSWER_ASKED_RECORDING_STAYS = (
    "Delete this answer with its transcript and feedback? Its recording stays: {why}. This cannot be undone."
)


def delete_answer_asked(db: Store, attempt_id: int) -> Callable[[], str]:
    """What is asked before `delete_answer`, for asked_first: "with its recording" only when its
    recording file is there to delete, as the sentence after it says."""

    def question() -> str:
        from coach.practice import recording_on_delete
        from coach.store import get_attempt

        try:
            answer = get_attempt(db, attempt_id)
        except InputError:  # gone meanwhile (another tab): the delete says so
            return DELETE_ANSWER_ASKED
        return _said_of(
            recording_on_delete(db, answer),
            DELETE_ANSWER_ASKED,
            DELETE_ANSWER_ASKED_RECORDING_MISSING,
            DELETE_ANSWER_ASKED_RECORDING_STAYS,
            DELETE_ANSWER_ASKED_NO_RECORDING,
        )

    return question


ANSWER_DELETED = "That answer is deleted, with its recording."
# its recording file had gone before (moved out of the data directory by hand, a disk restored
# without it): said "with its recording" too, as if the delete had taken it (`coach delete-answer`
# said so truthfully)
ANSWER_DELETED_RECORDING_MISSING = "That answer is deleted; its recording was already missing."
ANSWER_DELETED_NO_RECORDING = "That answer is deleted."
ANSWER_DELETED_RECORDING_STAYS = "That answer is deleted; its recording stays: {why}."


def stays_said(recording: RecordingOnDelete) -> str:
    """Why an answer's recording stays, naming the answers still using it as the page names answers
    (by their day and time: the pages show no answer numbers): 'your practice answer of 6 Dec 19:08
    still uses it'; by an interview, as `coach delete-answer` says it."""
    from coach.local_time import today
    from coach.ui.log_labels import answer_moment

    answers = recording.other_answers
    if not answers:
        return recording.stays_said
    moments = listed([answer_moment(str(answer["created_at"]), today()) for answer in answers])
    many = len(answers) > 1
    return f"your practice answer{'s' if many else ''} of {moments} still {'use' if many else 'uses'} it"


def delete_answer(db: Store, attempt_id: int) -> str:
    """Delete one practice answer with its recording (coach.practice.delete_answer), as the Practice
    and Progress pages offer it; returns the sentence saying what went, for `answer_deleted` on
    the next run: "with its recording" only when there was a recording file to delete."""
    from coach.practice import delete_answer as delete
    from coach.practice import recording_on_delete
    from coach.store import get_attempt

    answer = get_attempt(db, attempt_id)  # unknown or not theirs: raised here
    recording = recording_on_delete(db, answer)
    delete(db, attempt_id)
    return _said_of(
        recording,
        ANSWER_DELETED,
        ANSWER_DELETED_RECORDING_MISSING,
        ANSWER_DELETED_RECORDING_STAYS,
        ANSWER_DELETED_NO_RECORDING,
    )


def _said_of(recording: RecordingOnDelete, deleted: str, missing: str, stays: str, none: str) -> str:
    """The sentence of a delete (asked first, or said after) for what it does to the recording
    (`recording.fate`): `stays` names the answers still using it in place of {why}."""
    if recording.fate == "stays":
        return stays.format(why=stays_said(recording))
    return {"deleted": deleted, "missing": missing}.get(recording.fate, none)


def answer_deleted(flag: str) -> None:
    """Say, once, that the answer is deleted: its page kept `delete_answer`'s sentence in the
    session under `flag` before it reran."""
    said = st.session_state.pop(flag, None)
    if said:
        st.success(said, icon=":material/delete:")


def answers_table(rows: list[dict], key: str) -> None:
    """A question's answers (summary.answer_rows, newest first): up to TABLE_ROWS_SHOWN_WHOLE whole,
    a longer list its newest that many with a switch to show every one, whole. A year in, a question's
    32 answers sat in a box of ten rows that scrolled inside the page, which on a phone took the
    finger scrolling the page past it."""
    if len(rows) <= TABLE_ROWS_SHOWN_WHOLE:
        table(rows)
        return
    every = st.session_state.get(key, False)
    # a table of its own for each: the browser sizes a table's columns once, to the rows it first
    # shows, and cut every older answer's day to the newest ones' width ("7 Dec ’25 practic")
    if every:
        with st.container():
            table(rows, whole=True)
    else:
        table(rows[:TABLE_ROWS_SHOWN_WHOLE], whole=True)
    st.toggle(f"Show all {len(rows)} answers", key=key)
    if not every:
        st.caption(f"The newest {TABLE_ROWS_SHOWN_WHOLE} of {len(rows)}.")


def table(rows, *, whole: bool = False) -> None:
    """A table of figures without its index; a figure that could not be measured reads "—" (an
    answer too short to measure has no pace), not Streamlit's "None". Up to TABLE_ROWS_SHOWN_WHOLE
    rows every row is in view, not behind a scroll inside the table. A rate read to one decimal
    shows it in every row (summary.ONE_DECIMAL_COLUMNS: "5.0" beside "5.3"). Streamlit sizes each
    column to its header and cells and knows nothing of the window's width, so the tables that use
    this keep to short headers (their units in each header's help, summary.COLUMN_HELP) and a few
    narrow columns: every figure in view on a phone, with no sideways scroll. `whole`: every row in
    view however many (answers_table's, once asked for all)."""
    named = set(rows[0]) if rows else set()
    config = {
        column: st.column_config.NumberColumn(
            format="%.1f" if column in summary.ONE_DECIMAL_COLUMNS else None,
            help=summary.COLUMN_HELP.get(column),
        )
        for column in (*summary.ONE_DECIMAL_COLUMNS, *summary.COLUMN_HELP)
        if column in named
    }
    if "#" in named:  # an answer's number, as the chart above numbers it: no wider than its figures
        config["#"] = st.column_config.NumberColumn(width=36)
    height = "content" if whole or len(rows) <= TABLE_ROWS_SHOWN_WHOLE else "auto"
    st.dataframe(rows, hide_index=True, placeholder="—", column_config=config or None, height=height)


def chart(figure, description: str, **drawn) -> None:
    """Draw an Altair chart or a Vega-Lite spec (a dict) named by `description`, a sentence of what
    it shows: Vega gives that to a screen reader as the chart's name, which was "Vega
    visualization" for every chart of the app."""
    if isinstance(figure, dict):
        st.vega_lite_chart({**figure, "description": description}, **drawn)
    else:
        st.altair_chart(figure.properties(description=description), **drawn)


def practise(question_id: str) -> None:
    """Open this question on the Practice page with a fresh take (a button's on_click, before
    st.switch_page), from any page that lists questions."""
    ss = st.session_state
    ss.practice_question_id = question_id
    ss.practice_result = None
    ss.practice_take = ss.get("practice_take", 0) + 1


def for_question(verb: str, question_text: str) -> str:
    """A button's label in a list of questions: `verb` for the eye ("Star", "Practise") and, for a
    screen reader, which question it is for ("Star “Tell me about a time…”"). A screen reader lists
    a page's buttons by their names, and the Questions page's 25 rows gave 50 named "Star" or
    "Practise". The question, in italics, takes no room on the page once `named_for_questions`
    has styled the buttons of its keys."""
    return f"{verb} *“{escape(question_text)}”*"


def named_for_questions(*key_prefixes: str) -> None:
    """The style that keeps the question of `for_question`'s labels for a screen reader only, on
    the buttons whose keys start with one of `key_prefixes`."""
    buttons = ", ".join(f"[class*='st-key-{prefix}'] button em" for prefix in key_prefixes)
    st.html(f"<style>{buttons} {{ {UNSEEN} }}</style>")


def kept_where(current: Settings) -> str:
    """Where a person's recordings and results stay: their own machine, or on a server
    (`Settings.on_server`) the organisation's (never "this machine", which a browser is not)."""
    return f"on {SERVER}" if current.on_server else "on this machine"


def runs_where(current: Settings) -> str:
    """The Settings page's first line: where everything runs (`Settings.on_server`)."""
    if current.on_server:
        return f"Everything runs on {SERVER}; no recording leaves it."
    return "Everything runs on this machine. Only models already here can be chosen."


# The Settings page's words about the speech model, for whoever may change it: the single user on
# their own machine, or the cohort's staff in a browser, for whom the coach runs on a server they
# may not look after and whose README they do not have.
def no_model_sentence(current: Settings) -> str:
    """What to do when no speech model can be chosen at all."""
    if current.on_server:
        return (
            "No speech model is on the server, so nobody's answers can be transcribed. Ask whoever set up "
            "the coach on the server to install it again (that puts back the Quick model that comes with "
            "it), then reload this page."
        )
    return (
        "No speech model is on this machine, so answers cannot be transcribed. Reinstall the coach "
        "(its set-up installs the Quick model that comes with it), then reload this page."
    )


def chosen_model_gone_sentence(current: Settings) -> str:
    """Above the choice of speech model when the one chosen is not here (coach.transcribe.models.
    chosen_model_here): the choice shows another, which is not yet saved."""
    name = summary.model_words(current.engine, current.model)[0]
    where = "on the server" if current.on_server else "on this machine"
    return (
        f"The speech recognition chosen before, {name}, is not {where}, so answers cannot be "
        "transcribed with it: choose one below and press Save transcription settings."
    )


def model_choice_help(current: Settings, more_accurate_here: bool = True) -> str:
    """The help beside the choice of speech model. Without a more accurate model here
    (`more_accurate_here` False: coach.transcribe.models) it is no choice in the box: the help
    named "More accurate" beside a list of Quick and Quick, second engine."""
    quick = (
        "Quick gives feedback within seconds"
        if current.on_server
        else "Quick suits a laptop where feedback within seconds matters"
    )
    if more_accurate_here:
        return f"{quick}; More accurate is worth the wait for phone recordings and real interviews."
    return (
        f"{quick}. A more accurate model is worth the wait for phone recordings and real interviews: "
        "the note under Save transcription settings says how to add it."
    )


def more_accurate_model_sentence(current: Settings) -> str:
    """Where a more accurate model comes from, when only the Quick one is there."""
    if current.on_server:
        return (
            "A more accurate model (about twice as slow) can be added to the server: whoever set up the "
            "coach there can install it in one step."
        )
    return (
        "A more accurate model (about twice as slow) can be added: the README's Transcription section "
        "says how, in one step from the coach's folder."
    )


# A choice's box holds one line (a text field, which cannot wrap), and on a phone (Streamlit's narrow
# layout, under 640 px) about 50 characters of it are in sight at 390 px, fewer at 360:
# "Northwind — Senior backend engineer, 11 Dec 2026 · final round" read "Northwind — Senior backend
# engineer, 11 Dec 2026 ·", its stage lost. A choice longer than this is said in full under its box.
PHONE_CHOICE_CHARACTERS = 44


def chosen_in_full_on_phone(label: str, choice_key: str) -> None:
    """`label`, the choice shown in the box just above (the widget keyed `choice_key`), said in full
    under it on a phone when it is longer than the box shows there, the box then ending in "…" where
    it was cut mid-word; nothing at a laptop's width, where the box holds it."""
    if len(label) <= PHONE_CHOICE_CHARACTERS:
        return
    key = f"{choice_key}_in_full"
    line = f"[data-testid=stLayoutWrapper]:has(> .st-key-{key})"  # the line's place in the column
    with st.container(key=key):
        st.html(
            f"<style>@media (min-width: 641px) {{ {line} {{ display: none; }} }}"
            f" @media (max-width: 640px) {{ {line} {{ margin-top: -0.5rem; }}"
            f" .st-key-{choice_key} input {{ text-overflow: ellipsis; }} }}</style>"
        )
        st.caption(escape(label))


# A heading draws no "Link to heading" beside it: nothing links to the coach's headings, and each
# link was one more Tab stop for a keyboard (four in a row under a practice answer). Markdown holding a
# heading is drawn with `anchors=False` for the same reason.
def page_header(title: str, caption: str) -> None:
    st.title(title, anchor=False)
    st.caption(caption)


def heading(text: str, level: int) -> None:
    """A section's heading `level` deep (2 under the page's title, 3 under a section): a screen
    reader lists headings by level, and one skipped reads as a section missing."""
    if level == 2:
        st.header(text, anchor=False)
    elif level == 3:
        st.subheader(text, anchor=False)
    else:
        st.markdown(f"{'#' * level} {text}", anchors=False)


HOW_IT_WENT = "How the conversation went"


def how_the_conversation_went(metrics: dict | None, level: int | None = None, of: str = "") -> None:
    """A reviewed conversation's talk share, response time, questions asked and cut-ins, as
    `coach review` prints them (coach.interview.how_it_went), under a heading `level` deep (None: a
    bold line, inside a card), `of` after it ("in its 2nd recording"); nothing when they were not
    measured (one voice, no question heard)."""
    from coach.interview.how_it_went import how_it_went

    went = how_it_went(metrics)
    if went is None:
        return
    title = f"{HOW_IT_WENT} {of}".strip()
    # "###" as the sections beside it on the Review page are written (a heading for screen readers)
    st.markdown(f"**{title}**" if level is None else f"{'#' * level} {title}", anchors=False)
    st.markdown("\n".join(f"- {line}" for line in went.lines))


def show_answer(
    analysis: dict,
    current: Settings,
    *,
    recording: Path | None = None,
    key: str = "answer",
    level: int = 2,
    offset_s: float = 0.0,
    sample: bool = False,
) -> None:
    """One analysed answer: numbers, feedback, marked transcript, scores, STAR timeline, pace.

    An answer the quality gate stopped shows why and what to do, and its transcript, nothing else:
    no number of a failed measurement is shown as if it meant something. `level`: its sections'
    headings, 2 as a page's sections, deeper under a heading of the page's own. `offset_s`: where
    the answer starts in `recording` (a real interview's), for the times its talking points give.
    `sample`: the sample recording, a demonstration, not the person's answer."""
    warnings = list(analysis.get("warnings") or [])
    typed = summary.is_typed(analysis)  # no recording: said as typed, and nothing kept (Practice says so)
    if not summary.is_measured(analysis):
        st.warning(
            "  \n".join(escape(w) for w in warnings) or "This answer could not be measured.",
            icon=":material/error:",
        )
        if not typed:
            # "left out of your progress" beside Practice's "see them all on the Progress page" read as
            # a contradiction: Progress lists it, apart, and leaves it out of its charts
            st.caption("The recording is kept, but it gets no score and is left out of your progress charts.")
        heading("What you typed" if typed else "What was transcribed", level)
        # no filler marks: a failed measurement is not coached on, its fillers no more than its pace
        st.markdown(plain_transcript_html(analysis), unsafe_allow_html=True)
        if recording is not None and recording.exists():
            play(recording, current)
        return
    if warnings:
        st.info("  \n".join(escape(w) for w in warnings), icon=":material/info:")
    # altair and pandas load with the first result, not with the first page (benchmarks/first_load.py)
    from coach.ui import charts

    numbers = summary.headline(analysis, current.thresholds)
    cols = st.columns(len(numbers))
    for col, item in zip(cols, numbers, strict=True):
        col.metric(
            item["label"],
            item["value"],
            help=item["help"],
            delta=item.get("delta"),
            delta_color="off",
            delta_arrow="off",
        )

    points = summary.feedback(analysis)
    if points:
        heading("What to work on", level)
        st.markdown("\n".join(f"{i}. {escape_sentence(p)}" for i, p in enumerate(points, start=1)))

    show_talking_points(analysis, current, recording, level, offset_s, sample=sample)
    show_job_terms(analysis, level)

    heading("What you typed" if typed else "Transcript", level)
    st.markdown(legend_html(analysis), unsafe_allow_html=True)
    st.markdown(highlight_html(analysis), unsafe_allow_html=True)
    fillers_said = summary.filler_summary(analysis)
    if fillers_said != summary.NO_FILLERS or any(spans_by_kind(analysis).values()):
        st.caption(fillers_said)  # not under the legend's "Nothing marked: no fillers…" again
    metrics = analysis.get("metrics") or {}
    said = word_lines({k: metrics.get(k) for k in ("most_used_words", "repeated_phrases")})
    if said:
        st.caption(escape(" ".join(said)))
    if recording is not None and recording.exists():
        play(recording, current)
    pitch = charts.pitch_chart(analysis)
    if pitch is not None:
        st.markdown("**Your pitch over the answer**")
        chart(pitch, "Your pitch over the answer, in semitones above and below your usual pitch.", height=240)
        st.caption(summary.pitch_summary(analysis))

    heading("Scores and the numbers behind them", level)
    # where a figure comes from is said in words: a question mark beside a paragraph is a button a
    # screen reader names "Help" alone, not saying which score it is for
    for row in summary.score_rows(analysis):
        lines = [f"**{row['Measure']} · {row['Score']}**", f":gray[{row['Based on']}]"]
        if row["Source"]:
            lines.append(f":gray[Source: {row['Source']}]")
        st.markdown("  \n".join(lines))

    if summary.structure_applies(analysis):  # a question that asks for no story has no STAR timeline
        heading("Structure over the answer", level)
        star_chart = charts.star_timeline_chart(analysis)
        if star_chart is not None:
            chart(
                star_chart, "The answer from start to end, in its situation, task, action and result parts."
            )
            st.caption(
                summary.star_summary(analysis) + ". Situation → Task → Action → Result; most of "
                "a strong answer is action and result."
            )
        else:
            st.caption("No sentences to place on the timeline.")

    t = current.thresholds
    pace = charts.pace_chart(analysis, (t.pace_low_wpm, t.pace_high_wpm))
    if pace is not None:
        heading("Pace and pauses", level)
        chart(
            pace,
            f"Your pace over the answer, in words per minute, against the comfortable range of "
            f"{t.pace_low_wpm:g}–{t.pace_high_wpm:g}.",
        )
        gaps = charts.pause_chart(analysis, t.pause_min_s, t.long_pause_s)
        if gaps is not None:
            chart(
                gaps,
                "Each pause in the answer: where it came, how long it lasted, and whether it came after "
                "a sentence or mid-clause.",
            )
            st.caption(  # the natural pause of Settings, as the Delivery score says it (it said 0.6 s)
                f"Pauses of about {t.natural_pause_s:g} s at sentence ends sound natural; pauses inside "
                "a clause (triangles) are the ones listeners notice."
            )


@st.cache_data(show_spinner=False, max_entries=8)
def job_description_terms(description: str, company: str) -> list[str]:
    """The key terms of a job description for `company` (parsed once per text and company)."""
    from coach.analysis.word_use import description_terms

    described = description_terms(description, company=company)
    return [] if described is None else described["terms"]


def show_job_terms(analysis: dict, level: int = 2) -> None:
    """Which of the job description's key terms the answer used (when it prepared for one)."""
    lines = job_term_lines((analysis.get("metrics") or {}).get("job_terms"))
    if lines:
        heading("Terms from the job description", level)
        st.markdown("  \n".join(escape(line) for line in lines))


def show_talking_points(
    analysis: dict,
    current: Settings,
    recording: Path | None = None,
    level: int = 2,
    offset_s: float = 0.0,
    *,
    sample: bool = False,
) -> None:
    """Each talking point with the sentence that covered it; a play button starts at that moment.
    `sample`: the sample recording's, heard in the sample answer, not in the person's."""
    reason, rows = summary.talking_points(analysis, offset_s)
    if reason is None and not rows:
        return
    heading("Talking points", level)
    if reason:
        st.caption(escape(reason))
        return
    heard = sum(1 for r in rows if r["heard"])
    whose = "the sample answer" if sample else "your answer"
    st.caption(f"{heard} of {len(rows)} heard in {whose}, judged by meaning, not exact words.")
    playable = recording is not None and recording.exists()
    for row in rows:
        if not row["heard"]:
            st.markdown(
                f"{unspoken_icon('help')} **{escape(row['point'])}** — :gray[{escape(row['note'])}]",
                unsafe_allow_html=True,
            )
            continue
        when = f" :gray[at {row['at']}]" if row["at"] else ""  # "heard at 0:13:", then the sentence
        point, evidence = escape(row["point"]), escape(row["evidence"])
        st.markdown(
            f"{unspoken_icon('check_circle')} **{point}** — heard{when}:  \n> {evidence}",
            unsafe_allow_html=True,
        )
        if playable and row["start_s"] is not None:
            with st.popover(f"Play from {row['at']}", icon=":material/play_arrow:"):
                play(recording, current, start_time=int(row["start_s"]))


def follow_stored(
    form: str,
    record: dict | None,
    keys: list[str],
    fields: tuple[str, ...] | None = None,
    *,
    saving: bool = False,
    renew: tuple[str, ...] | list[str] = (),
) -> bool:
    """Start a form's fields again from what is stored when the record changed since the form was
    filled (`coach debrief` in a terminal, another tab, or this form's own save): the fields had
    kept the values they were first filled with, and saving the form wrote them back over the
    change. `keys` are the form's widget keys; `fields` the record's fields the form shows. A
    change the page brought into the form itself (`refresh_form`) is no reason to start again:
    what the form holds stays.

    `renew`: the fields (of `field_key`) drawn again as new fields after a change made elsewhere,
    since a browser keeps showing, and sends back, the text it holds for a field whose value only
    the page changed. `saving`: this run is the form's save; True is returned when the record
    changed elsewhere since the form was drawn, and the caller saves nothing this time (what was
    typed stays in the form; saving again keeps it): the typed text was dropped for the stored
    one and "saved", or written over the change made meanwhile."""
    import hashlib

    shown = {k: (record or {}).get(k) for k in fields} if fields else record
    version = hashlib.sha1(json.dumps(shown, sort_keys=True, default=str).encode()).hexdigest()
    marker = f"{form}__stored"
    here = st.session_state.pop(f"{form}__saved_here", False)
    changed = st.session_state.get(marker, version) != version
    st.session_state[marker] = version
    if _took_refreshed(form) or not changed:
        return False
    if saving and not here:
        return True
    for key in keys:
        st.session_state.pop(key, None)
    if not here:
        _renew(form, renew)
    return False


def saved_here(form: str) -> None:
    """The form's own save changed its record: its next run starts from what is stored (the same
    text), not as after a change made elsewhere."""
    st.session_state[f"{form}__saved_here"] = True


def field_key(form: str, field: str) -> str:
    """The widget key of a field of `form`, new each time the page gave the field a new value
    (`refresh_form`). A browser shows a value the page sets, but a form's submit sends what was
    typed in the field before if it was never sent (Streamlit keeps typed text apart until then):
    the field showed the new review's lines and "Save debrief" stored the old ones with the typed
    words. Under a new key it is a new field, and what it shows is what it sends."""
    changes = st.session_state.get(f"{form}__changed", {}).get(field, 0)
    return f"{form}_{field}__{changes}" if changes else f"{form}_{field}"


def refresh_form(form: str, values: dict) -> None:
    """New values, by field, for fields of `form` worked out by the page (after "Review again",
    the debrief's new measured lines beside the lines the user wrote), for when it is next drawn;
    its other fields keep what they hold, though the stored record changed with the same press.
    They wait for the form (`follow_stored`): the page reruns first, and a browser adopts a value
    only when it is set in the run that draws the field."""
    st.session_state[f"{form}__refreshed"] = values


def _took_refreshed(form: str) -> bool:
    """Whether the page had refreshed the form (`refresh_form`): its new values are set now, each
    under the field's new key."""
    values = st.session_state.pop(f"{form}__refreshed", None)
    if values is None:
        return False
    for field in values:
        st.session_state.pop(field_key(form, field), None)
    _renew(form, values)
    for field, value in values.items():
        st.session_state[field_key(form, field)] = value
    return True


def _renew(form: str, fields) -> None:
    """Each of these fields of `form` is drawn next as a new field (`field_key` moves on)."""
    changed = dict(st.session_state.get(f"{form}__changed", {}))
    for field in fields:
        changed[field] = changed.get(field, 0) + 1
    st.session_state[f"{form}__changed"] = changed


def form_key(name: str) -> str:
    """The key of a form that empties once its entry is saved, never before. Streamlit's
    clear_on_submit empties a form at every press of its button, so a refused save (a missing
    company, a locked database) lost all that was typed; instead each saved entry starts a new
    round of the form, whose widgets start empty. The first round's key is `name` itself."""
    saved = st.session_state.get(f"{name}__saved", 0)
    return f"{name}__{saved}" if saved else name


def form_saved(name: str) -> None:
    """The form's entry is saved: its next round starts empty (call before the rerun)."""
    st.session_state[f"{name}__saved"] = st.session_state.get(f"{name}__saved", 0) + 1


def _unless_held(key: str, **default) -> dict:
    """A widget's starting value, unless the page already holds one for it (typed, or refreshed
    after "Review again"): giving a default as well makes Streamlit warn."""
    return {} if key in st.session_state else default


def _people_recorded(db: Store, interview_id: int) -> None:
    """The box for people met starts empty (those typed are added to the interview on save), so
    the ones the interview already has are named under it: the user sees who is recorded."""
    from coach.interview_log import person_line
    from coach.local_time import today
    from coach.playbook import is_ahead
    from coach.store import get_interview

    interview = get_interview(db, interview_id)
    people = interview["people"]
    if people:
        # the start of their notes only, as on the pipeline's card: 20,000 characters filled the caption
        named = "; ".join(person_line(p, rest_in="this stage on the Interviews page") for p in people)
        # named for an interview still to come, they are to meet: not met yet
        recorded = "To meet, as recorded" if is_ahead(interview, today()) else "Already recorded"
        st.caption(
            escape(
                f"{recorded}: {named}. Add anyone else; a name already there is not added "
                "twice, and what you type after it joins their notes."
            )
        )


# The fold the debrief's optional questions sit in (the playbook's fields with `more`), named by them.
MORE_LABEL = "More: red flags, pay, how it compares"


# A debrief's box is as tall as what it holds, wrapped at the page's width (Streamlit's "content"
# height), up to this, past which it scrolls: a review's draft of three lines filled a fixed
# three-line box and scrolled inside it at a phone's width, while a long paste stays a box.
DEBRIEF_BOX_MAX_HEIGHT = "18rem"  # about 12 lines


def _debrief_boxes_style(key: str) -> str:
    """The style that stops the debrief form `key`'s boxes at DEBRIEF_BOX_MAX_HEIGHT."""
    return f"<style>[class*='st-key-{key}_'] textarea {{ max-height: {DEBRIEF_BOX_MAX_HEIGHT}; }}</style>"


def _debrief_field(db: Store, interview_id: int, key: str, f: DebriefField, start: dict) -> object:
    """One question of the debrief template as its widget (`f.kind` says which): what it holds."""
    widget_key = field_key(key, f.id)
    if f.kind == "text":
        return st.text_area(
            f.label,
            **_unless_held(widget_key, value=start.get(f.id, "")),
            help=f.prompt,
            key=widget_key,
            height="content",  # as tall as what it holds (_debrief_boxes_style)
        )
    if f.kind == "list":
        typed = st.text_area(
            f"{f.label} (one a line)",
            **_unless_held(widget_key, value=start.get(f.id, "")),
            help=f.prompt,
            key=widget_key,
            height="content",  # as tall as what it holds (_debrief_boxes_style)
        )
        if f.id == "people_met":
            _people_recorded(db, interview_id)
        return typed
    if f.kind == "scale":  # none picked until you pick one: a debrief saved untouched invents no 3
        return st.segmented_control(
            f.label,
            list(range(f.min, f.max + 1)),
            **_unless_held(widget_key, default=start.get(f.id)),
            help=f"{f.prompt} Leave it unpicked until you can say; click a picked one to clear it.",
            key=widget_key,
        )
    choices = ["undecided", "yes", "no"]
    return st.radio(
        f.label,
        choices,
        **_unless_held(widget_key, index=choices.index(start.get(f.id, "undecided"))),
        horizontal=True,
        help=f.prompt,
        key=widget_key,
    )


# A browser sends a form's fields only with its button: a debrief, an interview's job description or
# an own question typed and not saved were gone on coming back from another page (Streamlit keeps
# no unsent field; outside a form, each box sent as it was left raced the click to the other page,
# which lost the text or the click). So the tab itself keeps what is typed in such a form's boxes
# and what is picked in its choices (the debrief's interest and "Proceed?"; sessionStorage: this tab
# only, never sent anywhere), with what the field showed before; a field drawn again showing that
# same thing gets what was typed or picked back, as if typed or picked again, and the form's button
# sends it. A field showing something else (saved meanwhile, or changed in a terminal) drops what
# the tab kept, and so does sending the form.
_TYPED_KEPT = """<script>
(function() {
  const kept = window.__coachDrafts = window.__coachDrafts || {prefixes: new Set()};
  kept.prefixes.add(%s);
  kept.whose = %s;  // whose text: another person signed in in this tab never gets it back
  if (kept.installed) return;
  kept.installed = true;
  const before = new WeakMap(), seen = new WeakSet();
  // a field is the element holding one widget of ours: its class names its key
  const holderOf = node => node && node.closest ? node.closest("[class*='st-key-']") : null;
  const fieldOf = holder => {
    const name = holder && [...holder.classList].find(c => c.startsWith("st-key-"));
    if (!name) return null;
    const key = name.slice(7);
    const ours = [...kept.prefixes].some(prefix => key.startsWith(prefix + "_"));
    return ours ? "coach-draft:" + kept.whose + ":" + key : null;
  };
  const boxOf = holder => holder.querySelector("textarea, [data-testid='stTextInput'] input");
  // a radio's options, a segmented control's buttons
  const choicesOf = holder => [
    ...holder.querySelectorAll("[data-testid='stRadioOption'], button[role='radio']"),
  ];
  const picked = choice => {
    const radio = choice.querySelector("input[type='radio']");
    return radio ? radio.checked : choice.getAttribute("aria-checked") === "true";
  };
  // what a field shows: its text, or the words of the choice picked ("" when none); null: not a field
  const shownIn = holder => {
    const box = boxOf(holder);
    if (box) return box.value;
    const choices = choicesOf(holder);
    if (!choices.length) return null;
    const on = choices.find(picked);
    return on ? on.innerText.trim() : "";
  };
  const remember = holder => {
    const field = fieldOf(holder), now = field && shownIn(holder);
    if (now === null || now === undefined || !field) return;
    const shown = before.has(holder) ? before.get(holder) : "";
    if (now === shown) sessionStorage.removeItem(field);
    else sessionStorage.setItem(field, JSON.stringify({shown: shown, typed: now}));
  };
  const read = field => {
    try { return JSON.parse(sessionStorage.getItem(field)); } catch (e) { return null; }
  };
  // what the field showed before the first key or click in it
  const first = e => {
    const holder = holderOf(e.target);
    if (holder && !before.has(holder) && fieldOf(holder)) {
      const shown = shownIn(holder);
      if (shown !== null) before.set(holder, shown);
    }
  };
  document.addEventListener("focusin", first, true);
  document.addEventListener("pointerdown", first, true);
  document.addEventListener("input", e => remember(holderOf(e.target)), true);
  // a pick shows once the page has drawn it
  const picking = e => {
    const holder = holderOf(e.target);
    if (holder && fieldOf(holder)) setTimeout(() => remember(holder), 50);
  };
  document.addEventListener("click", picking, true);
  document.addEventListener("keyup", picking, true);
  // sent with its form (its button, or Enter in a one-line box): the form holds it now, and a
  // form started again empty (another interview to add) must not get it back
  const sent = form => form && form.querySelectorAll("[class*='st-key-']").forEach(holder => {
    const field = fieldOf(holder);
    if (field) sessionStorage.removeItem(field);
  });
  document.addEventListener("click", e => {
    const button = e.target.closest && e.target.closest("[data-testid='stFormSubmitButton'] button");
    if (button) sent(button.closest("[data-testid='stForm']"));
  }, true);
  document.addEventListener("keydown", e => {
    const box = e.target;
    if (e.key === "Enter" && box instanceof HTMLInputElement) sent(box.closest("[data-testid='stForm']"));
  }, true);
  const setText = (box, text) => {
    const proto = box instanceof HTMLTextAreaElement ? HTMLTextAreaElement : HTMLInputElement;
    Object.getOwnPropertyDescriptor(proto.prototype, "value").set.call(box, text);
    box.dispatchEvent(new Event("input", {bubbles: true}));
  };
  const pick = (holder, words) => {
    const choices = choicesOf(holder);
    // none picked: the picked one clicked again clears it (a scale); a choice: clicked
    const choice = words ? choices.find(c => c.innerText.trim() === words) : choices.find(picked);
    if (choice) choice.click();
  };
  const bringBack = () => document.querySelectorAll("[class*='st-key-']").forEach(holder => {
    if (seen.has(holder)) return;
    const field = fieldOf(holder), shown = field && shownIn(holder);
    if (!field || shown === null) return;
    seen.add(holder);
    const draft = read(field);
    if (!draft || shown === draft.typed) return;
    if (shown !== draft.shown) { sessionStorage.removeItem(field); return; }
    before.set(holder, draft.shown);
    const box = boxOf(holder);
    if (box) setText(box, draft.typed);
    else pick(holder, draft.typed);
  });
  new MutationObserver(() => requestAnimationFrame(bringBack))
    .observe(document.body, {subtree: true, childList: true});
  bringBack();
})();
</script>"""


def keep_typed(prefix: str, owner: str) -> None:
    """What is typed in a form's boxes (text areas whose key starts with `prefix` + "_") is kept by
    the tab until saved, on any page (`_TYPED_KEPT`). Drawn inside the form; the prefix is ours.
    Kept under a digest of whose data it is (`owner`, the page's settings' person), never their name."""
    import hashlib

    whose = hashlib.sha256(owner.encode()).hexdigest()[:16]
    st.html(_TYPED_KEPT % (json.dumps(prefix), json.dumps(whose)), unsafe_allow_javascript=True)


KEPT_UNTIL_SAVED = (
    "What you type or pick here is kept while this tab is open, on any page: save it to keep it for good."
)


# Where the pages add a question of one's own (the Questions page's section), as a sentence ends.
ADD_OWN_QUESTION = "on the Questions page (Add your own)"


def debrief_form(
    db: Store,
    current: Settings,
    interview_id: int,
    key: str,
    debrief: dict | None = None,
    heard: list[str] | tuple = (),
    before: Callable[[], None] | None = None,
    titled: bool = True,
) -> str | None:
    """The playbook's debrief template as a form, under the playbook's title unless the page gives
    it a heading of its own (`titled` False: "Debrief" above "After it: the debrief" said it twice).
    With `debrief` (a review's draft, or one written earlier) it starts from that and saving edits
    it; its questions are offered to the bank.
    `heard` are the questions a review found, offered until the user lists their own.
    `before` draws what the page shows above the debrief inside the same form (the Review page's
    "Review again with these"): a browser sends a form's fields only with a button of that form,
    so a press of another form's button lost what was typed in the debrief and not saved yet.
    Returns the message to show once it is saved (the caller shows it, perhaps after a rerun)."""
    from coach import playbook
    from coach.debrief import (
        form_intro,
        form_values,
        from_review,
        gaps_judged_by,
        no_question_note,
        no_skill_gap_note,
        save_debrief,
        saved_gaps_without_questions,
    )

    book = playbook.load_playbook()
    start = form_values(debrief, heard)
    name, key = key, (form_key(key) if debrief is None else key)
    # a change made elsewhere shows here, never saved over by old values (nor a debrief written
    # elsewhere while this one was being started)
    changed_elsewhere = follow_stored(
        key,
        debrief,
        [field_key(key, f.id) for f in book.debrief_fields],
        saving=bool(st.session_state.get(f"{key}_save")),
        renew=[f.id for f in book.debrief_fields],
    )
    # with `before`, the form's first button is the page's, which Ctrl+Enter in a field would press
    form = st.form(key, border=before is None, enter_to_submit=before is None)
    if before is not None:
        with form:
            before()
    # the debrief in a box of its own, inside the form (with `before`, the form has none)
    with form.container(border=before is not None):
        intro = form_intro(book.after_intro, debrief)  # "Write the debrief the same day" once written?
        st.markdown((f"**{book.after_title}**  \n" if titled else "") + f":gray[{intro}]")
        if from_review(debrief) and (debrief.get("went_well") or debrief.get("could_be_better")):
            st.caption("Started from what the review measured; change it to your own view and save.")
        elif from_review(debrief):  # the voices were not told apart: nothing measured to start from
            st.caption("The review could measure nothing to start from; write your own view and save.")
        st.html(_debrief_boxes_style(key))
        answers: dict = {}
        for f in book.debrief_fields:
            if not f.more:
                answers[f.id] = _debrief_field(db, interview_id, key, f, start)
        more = [f for f in book.debrief_fields if f.more]
        if more:  # asked besides, optional: out of the way unless one was written
            with st.expander(MORE_LABEL, expanded=any(start.get(f.id) for f in more)):
                for f in more:
                    answers[f.id] = _debrief_field(db, interview_id, key, f, start)
        add_to_bank = st.checkbox(
            "Add the questions they asked to my practice questions", value=True, key=f"{key}_to_bank"
        )
        # a browser sends a form's fields only with its button: typed, then another page opened,
        # they were gone on coming back with nothing said (Streamlit keeps no unsent form field)
        st.caption(KEPT_UNTIL_SAVED)
        keep_typed(key, current.owner)
        if st.form_submit_button("Save debrief", type="primary", key=f"{key}_save"):
            if changed_elsewhere:
                st.warning(
                    "This debrief was changed elsewhere (in a terminal or another tab) after you opened "
                    "it, so nothing was saved. The form still holds what you typed: check it, then save "
                    "again to keep your version."
                )
                return None
            with shown_errors():
                _, added, taken_back = save_debrief(
                    db,
                    current,
                    interview_id,
                    answers,
                    add_to_bank=add_to_bank,
                    debrief_id=debrief["id"] if debrief else None,
                )
                # in the checkbox's words, as deleting a debrief says it ("practice bank" here)
                extra = f" {count(len(added), 'question')} added to your practice questions." if added else ""
                if taken_back:
                    extra += (
                        f" {count(len(taken_back), 'question')} no longer in the list "
                        f"{'was' if len(taken_back) == 1 else 'were'} taken out of your practice questions."
                    )
                if debrief is None:
                    form_saved(name)
                saved_here(name)  # the form of the debrief it now is
                # the people typed are kept with the interview now, named under the box: the box is
                # drawn again as a new, empty field (the browser kept showing "Sam Lee" in it, above
                # "Already recorded: Sam Lee", as if someone new were typed)
                _renew(name, ["people_met"])
                note = no_skill_gap_note(answers) or no_question_note(  # only the gaps choose practice
                    saved_gaps_without_questions(db, current, answers, interview_id),
                    ADD_OWN_QUESTION,
                    gaps_judged_by(db, current, interview_id)[1],  # the role, named
                )
                return "Debrief saved." + extra + (f" {note}" if note else "")
    return None
