"""coach: a private, offline interview coach. This file only declares the pages."""

import streamlit as st

from coach.errors import CoachError
from coach.ui import shared

st.set_page_config(page_title="coach — interview practice", page_icon="🎙️", layout="wide")
# Streamlit leaves 6rem above every page for a header this app hides (toolbar "minimal"): a third
# of that keeps the title clear of the menu button without an empty band.
# Captions in Streamlit's default grey (the text's colour at 60 % opacity: #828180, 3.9:1 on white)
# fall short of the 4.5:1 that small text needs to be read (WCAG 1.4.3, axe's color-contrast); a
# solid, darker grey of the same hue reads 5.4:1 on white and 4.8:1 on the sidebar's grey.
st.html(
    "<style>[data-testid='stMainBlockContainer'] { padding-top: 2.5rem; }"
    " .stApp [data-testid='stCaptionContainer'] { color: #6b6a69; opacity: 1; }</style>"
)
# In half a laptop's screen (from 864 px) the sidebar stays open and Streamlit keeps 5rem each side
# of the page, which left 440 px at 900: the margins grow with the window up to those 5rem (reached
# at 1184 px), and a headline figure, its label or the line under it wraps rather than being cut
# ("Next real i…", "10 …"). A column holding a button or a choice is as wide as its words: a row
# short of room puts it under the others (Streamlit's columns wrap) rather than reading "Ans…".
# A page's sections are h2 under its h1 title (a screen reader lists headings by level, and its
# sections were h3, one level below a missing one): each level is drawn at the size Streamlit gives
# the level under it, so a section title reads as before, not 2.25rem against a 2.75rem title.
st.html(
    """<style>
    @media (min-width: 864px) {
        [data-testid='stMainBlockContainer'] {
            padding-left: clamp(1.5rem, (100vw - 864px) / 4, 5rem);
            padding-right: clamp(1.5rem, (100vw - 864px) / 4, 5rem);
        }
    }
    [data-testid='stMetric'] [data-testid^='stMetric'],
    [data-testid='stMetric'] [data-testid^='stMetric'] * {
        white-space: normal; overflow-wrap: anywhere; overflow: visible; text-overflow: clip;
    }
    [data-testid='stMetricDelta'] { border-radius: 0.5rem; }
    /* On a phone (Streamlit's narrow layout) a row of tabs wider than the screen wraps, so every tab
    is in sight (an interview's "Delete" was past the edge, behind a sideways scroll), and a form in
    an expander is framed by the expander alone: each frame took 16 px a side of 390. */
    @media (max-width: 640px) {
        [role='tablist'] { flex-wrap: wrap; row-gap: 0.25rem; }
        [data-testid='stExpanderDetails'] { padding-left: 0.5rem; padding-right: 0.5rem; }
        [data-testid='stExpanderDetails'] [data-testid='stForm'] { border: none; padding: 0; }
    }
    /* The recorder's own buttons (Record, Stop recording, Play) drew no ring when reached with Tab,
    only a darker grey: a keyboard could not see where Enter would act. */
    [data-testid='stAudioInput'] button:focus-visible {
        outline: 2px solid #2f6f5e; outline-offset: 2px; border-radius: 0.25rem;
    }
    /* A link to a page (the sidebar's, or one on a page) showed keyboard focus by a grey wash alone,
    the one that marks the page open: the focused link and the open page's looked alike. */
    [data-testid='stSidebarNavLink']:focus-visible, [data-testid='stPageLink-NavLink']:focus-visible {
        outline: 2px solid #2f6f5e; outline-offset: -2px;
    }
    /* The page's main part is a Tab stop of Streamlit's (the arrow keys then scroll it; "Skip to main
    content" leads there) and showed nothing when reached; it draws the ring inside its edge. A closed
    sidebar (on a phone, or closed by hand) kept its seven links in the Tab order, off the screen:
    seven stops where nothing showed before the page's first. */
    [data-testid='stMain']:focus-visible { outline: 2px solid #2f6f5e; outline-offset: -2px; }
    [data-testid='stSidebar'][data-collapsed='true'] { visibility: hidden; }
    /* A choice of several (a radio button) showed keyboard focus by the same faint wash behind its
    words: its label draws the ring, on whichever choice the arrow keys move to. */
    [data-testid='stRadio'] label:has(input:focus-visible) {
        outline: 2px solid #2f6f5e; outline-offset: 2px; border-radius: 0.25rem;
    }
    /* On a touch screen or a phone's width the recorder's Record (then Stop recording, Play) button is
    a fingertip's 44 px square, where it was 20 px. */
    @media (pointer: coarse), (max-width: 640px) {
        [data-testid='stAudioInputActionButton'] {
            min-width: 44px; min-height: 44px; justify-content: center;
        }
        /* A help "?" beside a label (16 px) and a date's calendar button (24 x 16 px) take a tap
        anywhere in the 44 px square round them, drawn as before: what lies on top of that square
        (the box under a label) keeps its own taps. */
        [data-testid='stTooltipIcon'] button, [data-testid='stDateInputCalendarButton'] {
            position: relative;
        }
        [data-testid='stTooltipIcon'] button::after, [data-testid='stDateInputCalendarButton']::after {
            content: ''; position: absolute; left: 50%; top: 50%; width: 44px; height: 44px;
            transform: translate(-50%, -50%);
        }
    }
    /* A choice's list of options showed each on one line, cut at the list's edge without a mark: on a
    phone "Sun 6 Dec · first round · Globex Corporation — Platform eng" (Review), a question under
    Practice's Browse after 40 letters. An option takes the lines it needs; a list of more than 25
    options is drawn at 40 px a row (Streamlit's virtual list), where two lines fit, a third ends in
    "…" (9 of the 287 questions at 390 px). */
    [data-testid='stSelectboxVirtualDropdown'] [role='option'] { height: auto; min-height: 40px; }
    [data-testid='stSelectboxVirtualDropdown'] [role='option'] > div {
        white-space: normal; overflow-wrap: anywhere; height: auto;
    }
    [data-testid='stSelectboxVirtualDropdown'] [role='presentation'] [role='option'] { height: 40px; }
    [data-testid='stSelectboxVirtualDropdown'] [role='presentation'] [role='option'] > div {
        line-height: 1.2; display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2;
    }
    /* An upload box's line of the formats it takes was one line cut with "…": at 390 px Practice's
    read "1GB per file • WAV, FLAC, OGG, OPUS, OGA, WEBM, MP3…", the rest unseen. It wraps. */
    [data-testid='stFileUploaderDropzoneInstructions'] span {
        white-space: normal; overflow: visible; text-overflow: clip;
    }
    .stApp [data-testid='stMain'] h2 { font-size: 1.75rem; line-height: 1.2; padding-top: 0.75rem; }
    .stApp [data-testid='stMain'] h3 { font-size: 1.5rem; line-height: 1.2; padding-top: 0.5rem; }
    .stApp [data-testid='stMain'] h4 { font-size: 1.25rem; line-height: 1.2; padding-top: 0.375rem; }
    [data-testid='stColumn']:has(> [data-testid='stVerticalBlock'] > [data-testid='stElementContainer'] :is(
        [data-testid='stButton'], [data-testid='stFormSubmitButton'], [data-testid='stDownloadButton'],
        [data-testid='stPopover'], [data-testid='stSelectbox'], [data-testid='stCheckbox'])) {
        min-width: min-content;
    }
    </style>"""
)

pages = {
    "Rehearse": [
        st.Page("app_pages/practice.py", title="Practice", icon=":material/mic:", default=True),
        st.Page("app_pages/mock.py", title="Mock interview", icon=":material/record_voice_over:"),
        st.Page("app_pages/questions.py", title="Questions", icon=":material/quiz:"),
        st.Page("app_pages/progress.py", title="Progress", icon=":material/trending_up:"),
    ],
    "Real interviews": [
        st.Page("app_pages/review.py", title="Review a real interview", icon=":material/upload_file:"),
        st.Page("app_pages/interviews.py", title="Interviews", icon=":material/event_note:"),
    ],
    "Your data": [
        st.Page("app_pages/settings.py", title="Settings", icon=":material/settings:"),
    ],
}
# On every page, a screen reader reads a slider by one name and each option of a choice once
# (Streamlit names a slider by its label twice, and reads an option's words twice: the Mock page's
# "Questions Questions", the Interviews page's "I applied", "I applied"); a popover opened from the
# keyboard takes focus into its fields; whether the keyboard was used last (shared.said_in_focus)
st.html(
    shared.SLIDERS_NAMED_ONCE
    + shared.RADIO_OPTIONS_READ_ONCE
    + shared.POPOVER_FOCUS_INSIDE
    + shared.KEYBOARD_OR_POINTER,
    unsafe_allow_javascript=True,
)
cfg = shared.settings()  # in multi-user mode: the signed-in person, or one sentence and a stop
shared.sign_out_in_sidebar(cfg)  # multi-user mode: who is signed in, and "Sign out"
if cfg.multi_user:
    # in the menu for the staff only; a student sent its address (the staff shared theirs) reads
    # that it is the staff's, where Streamlit said "Page not found … Running the app's main page"
    pages["Cohort"] = [
        st.Page(
            "app_pages/cohort.py",
            title="Cohort",
            icon=":material/groups:",
            visibility="visible" if shared.staff(cfg) else "hidden",
        )
    ]
try:
    st.navigation(pages).run()
except CoachError as e:
    # one no page caught (the database gone while a page was drawn): its sentence, for the person
    # signed in, not Streamlit's traceback of the server's files
    st.error(shared.said_to(cfg, e))
