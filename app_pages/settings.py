"""Settings: engine and model, thresholds with their sources, where data lives, backup, delete."""

from dataclasses import fields, replace

import streamlit as st

from coach.analysis import quality
from coach.config import THRESHOLD_BOUNDS, Thresholds, check_thresholds, save_settings
from coach.data_admin import (
    CONFIRM_WORD,
    delete_all_data,
    export_bytes,
    export_sentence,
    import_bytes,
    import_sentence,
)
from coach.errors import NothingToExport
from coach.roles import save_your_role, your_role_and_whose
from coach.transcribe import available_models
from coach.transcribe.models import chosen_model_here, more_accurate_here
from coach.ui import browser_clock, shared, summary
from coach.ui.highlight import as_code
from coach.ui.summary import (
    FILLER_DETECTOR_WORDS,
    THRESHOLD_LABELS,
    THRESHOLD_WORDS,
    model_words,
    threshold_sources,
)

cfg = shared.settings()
db = shared.store(cfg)
today = browser_clock.today()  # the person's, from their browser (not the server's)


# ---------------------------------------------------------------- transcription
def transcription() -> None:
    """Engine and model (only those already installed where the coach runs), verbatim and acoustic
    fillers."""
    shared.heading("Transcription", 2)
    models = [m for m in available_models(cfg) if m.available]
    choices = [(m.engine, m.name) for m in models]
    if not choices:
        st.error(shared.no_model_sentence(cfg))
    else:
        # said above the choice, which shows another, not yet saved; not once it is saved
        gone = st.empty() if not chosen_model_here(cfg, models) else None
        current = (cfg.engine, cfg.model) if (cfg.engine, cfg.model) in choices else choices[0]
        with st.form("settings_engine"):
            picked = st.selectbox(
                "Speech recognition",
                choices,
                index=choices.index(current),
                # the name alone: "Quick — comes with the app; feedback about 3 s" was cut mid-word
                # in a phone's box; what each does is said in full beneath it
                format_func=lambda c: model_words(*c)[0],
                help=shared.model_choice_help(cfg, more_accurate_here(cfg, models)),
            )
            st.caption("  \n".join("{}: {}.".format(*model_words(*c)) for c in choices))
            verbatim = st.toggle("Keep “um” and “uh” in the transcript (verbatim)", value=cfg.verbatim)
            recover = st.toggle(
                "Hear the “um”s and “uh”s the transcript leaves out, from the sound itself",
                value=cfg.recover_fillers,
                help="Shown as (uh) in grey. Feedback takes about a tenth longer.",
            )
            # named by what it saves: a screen reader listed this and the role's as "Save", "Save"
            saved = st.form_submit_button("Save transcription settings")
            if saved:
                save_settings(
                    replace(
                        cfg, engine=picked[0], model=picked[1], verbatim=verbatim, recover_fillers=recover
                    )
                )
                on_off = {True: "on", False: "off"}  # what was saved, each switch included
                st.success(
                    f"Saved: {model_words(*picked)[0]}; verbatim {on_off[verbatim]}; "
                    f"“um”s heard from the sound {on_off[recover]}."
                )
        if gone is not None and not saved:
            gone.warning(shared.chosen_model_gone_sentence(cfg))
        if not more_accurate_here(cfg, models):
            st.caption(shared.more_accurate_model_sentence(cfg))


# ---------------------------------------------------------------- role
def your_role_choice() -> None:
    """The role the recommendations and the mock interview pick questions for: in a cohort each
    person's own (coach.roles), which every signed-in person sets here for themself."""
    shared.heading("Your role", 2)
    chosen_role, hosts = your_role_and_whose(cfg, db)  # one read of the store for both
    with st.form("settings_role"):
        role = st.selectbox(
            "The jobs you interview for",
            list(summary.ROLE_LABELS),
            index=list(summary.ROLE_LABELS).index(chosen_role),
            format_func=summary.ROLE_LABELS.get,
            key=field_key("settings_role"),
        )
        st.caption(
            "Practice recommends, Progress lists and the mock interview asks questions written for this "
            "role and for any role. Preparing for an interview whose job title names another role "
            "follows that role instead."
            + (
                " Until you choose your own, this is the role your organisation set for everyone."
                if hosts
                else ""
            )
        )
        if st.form_submit_button("Save your role"):
            save_your_role(cfg, db, role)
            chosen = summary.ROLE_PHRASES.get(role)
            for_whom = f"{chosen} and for any role" if chosen else "any role"
            st.success(f"Saved: questions for {for_whom}.")


# ---------------------------------------------------------------- thresholds
sources = threshold_sources()


# How many times the stored role and thresholds changed under the fields in this session (restored
# defaults, deleted data, an imported backup). A browser keeps showing what a field held while its key
# stays, even once its state is deleted: a new key makes a new field, drawn from what is stored.
GENERATION = "settings_fields_generation"


def field_key(name: str) -> str:
    """A field's key in this generation (the first keeps the plain name)."""
    generation = st.session_state.get(GENERATION, 0)
    return f"{name}__{generation}" if generation else name


def forget_fields(*prefixes: str) -> None:
    """Draw the fields whose keys start with `prefixes` again from what is stored: their state goes,
    and they get new keys (see GENERATION), or the browser went on showing the old values and the
    next "Save thresholds" wrote them back."""
    generation = st.session_state.get(GENERATION, 0) + 1
    for key in [k for k in st.session_state if str(k).startswith(prefixes)]:
        del st.session_state[key]
    st.session_state[GENERATION] = generation


def threshold_inputs(where, names: list[str]) -> dict[str, float | None]:
    """One number input a threshold, its research source in its help; what a group of numbers does
    for the user is written once, below the group's last field. Each field's help says the numbers
    its threshold may take (coach.config.THRESHOLD_BOUNDS; a number outside them is refused in a
    sentence on saving, as 0 fillers per 100 words is) and the field shows the number stored, as
    typed: 42.5, not 43; a fitted default as a person reads it, 18 (%) for 0.181, still stored as
    0.181 when the thresholds are saved with it unchanged (Bound.field_number, Bound.from_field).
    A field left empty is None."""
    defaults = Thresholds()
    entered = {}
    group: list[str] = []  # the fields since the last caption: they share one source
    for i, name in enumerate(names):
        value, default = getattr(cfg.thresholds, name), getattr(defaults, name)
        bound = THRESHOLD_BOUNDS[name]
        key = field_key(f"settings_t_{name}")
        # the number stored, in the field's state rather than its `value`: a field with a value of its
        # own cannot be emptied (cleared, it put the old number back, and "Save thresholds" said
        # "Saved."); empty, it gives None, said on saving (summary.empty_threshold_sentence)
        st.session_state.setdefault(key, bound.field_number(value, default))
        # no bounds in the field: a number past one (a share of 150%) left "Save thresholds" and
        # "Restore the defaults" doing nothing and saying nothing by them, the browser refusing the
        # form over a field marked further up; check_thresholds refuses it in a sentence instead
        typed = where.number_input(
            summary.threshold_label(name),
            value=None,
            step=5.0 if bound.percent else 0.05 if abs(value) < 5 else 1.0,
            format="%g",
            # said in the field once it is emptied, where it is looked for after the sentence on saving
            # named it (two screens up on a computer, a dozen on a phone)
            placeholder=summary.empty_field_placeholder(name),
            help=summary.threshold_help(name),
            key=key,
        )
        entered[name] = None if typed is None else bound.from_field(typed, value, default)
        group.append(name)
        if i + 1 == len(names) or sources[names[i + 1]] != sources[name]:
            words = next((THRESHOLD_WORDS[n] for n in group if n in THRESHOLD_WORDS), "")
            if words:
                where.caption(words)
            group = []
    return entered


def emptied_before_saving(names: list[str]) -> bool:
    """Whether one of these fields was empty when the thresholds were last saved: its state, set by
    the form's submission, is None (a field not yet drawn has none)."""
    return any(
        field_key(f"settings_t_{name}") in st.session_state
        and st.session_state[field_key(f"settings_t_{name}")] is None
        for name in names
    )


def thresholds() -> None:
    """The numbers behind the feedback, each with its source; saved or restored as a set."""
    shared.heading("Thresholds behind the feedback", 2)
    st.caption(
        "Each number comes from research or common coaching practice: hover over or tap the question "
        "mark beside it to read where. Change one only with a reason."
    )
    # no clear button ("x") in the fields: it came with value=None (the fields can be emptied, and an
    # emptied one is named on saving), but an empty threshold is never taken, so 25 buttons whose one
    # act is to empty a field each invited a refusal, and took room from the number on a phone;
    # a field is still emptied by deleting its number
    st.html(
        "<style>[class*='st-key-settings_t_'] [data-testid=stNumberInputClearButton] "
        "{ display: none; }</style>"
    )
    with st.form("settings_thresholds"):
        names = [f.name for f in fields(Thresholds)]
        values = threshold_inputs(st.container(), [n for n in names if n in THRESHOLD_LABELS])
        advanced = [n for n in names if n not in THRESHOLD_LABELS]
        # open when a field in it was emptied before "Save thresholds": the sentence under the button
        # named the field, which stayed out of sight in the closed section; open, it shows itself in
        # the section above the button, "Empty: type a number" in it (saying "in Advanced" in the
        # sentence would still have left the section to find and open)
        with st.expander(
            "Advanced: hearing the “um”s the transcript leaves out", expanded=emptied_before_saving(advanced)
        ):
            st.caption(FILLER_DETECTOR_WORDS)
            values |= threshold_inputs(st.container(), advanced)
        left, right = st.columns([1, 4])
        if left.form_submit_button("Save thresholds", type="primary"):
            emptied = [name for name, typed in values.items() if typed is None]
            # said here, under the button just pressed, where the eye is (Streamlit does not scroll
            # to a field, and the first emptied one may be screens above), every emptied field in the
            # one sentence; the fields say "Empty" in themselves for when they are looked for
            if emptied:  # nothing saved: the other fields keep what was typed in them
                st.error(summary.empty_threshold_sentence(emptied))
            else:
                with shared.shown_errors():
                    save_settings(replace(cfg, thresholds=check_thresholds(Thresholds(**values))))
                    st.success(
                        "Saved. Answers analysed from now on use these numbers; earlier answers keep "
                        "the scores they were given."
                    )
        if right.form_submit_button("Restore the defaults"):
            save_settings(replace(cfg, thresholds=Thresholds()))
            # drawn again with the defaults: they showed the old numbers, and the next "Save
            # thresholds" stored them again
            forget_fields("settings_t_")
            st.session_state.settings_defaults_restored = True  # said after the rerun
            st.rerun()
        if st.session_state.pop("settings_defaults_restored", False):
            # the click only redrew the fields: with nothing changed, the page looked the same
            st.success(
                "The defaults are back. Answers analysed from now on use them; earlier answers keep "
                "the scores they were given."
            )


# ---------------------------------------------------------------- data
def quality_gate() -> None:
    with st.expander("When an answer gets no score"):
        st.markdown(
            "Before any score the coach checks that its measures can be trusted. When one of these "
            "holds, the answer is kept but gets no score and no advice, only a sentence saying why, and "
            "it is left out of Progress."
        )
        st.table(
            [{"Check": check, "When": when, "Why": why} for check, when, why in quality.RULES],
        )


# What the last import said, kept until the next one: it holds the only copy of words a backup's
# later edit replaced ("… and the one here read “…”"), and the next click on the page (or going to
# the Interviews page to look at the debrief) took it away with them.
IMPORT_SAID = "settings_import_said"


def your_data() -> None:
    """Where the data lives, backup and restore."""
    shared.heading("Your data", 2)
    if cfg.multi_user:
        st.markdown(
            f"Signed in as {as_code(cfg.owner)}  \nYour answers, interviews and recordings are kept "
            f"{shared.kept_where(cfg)}, apart from everyone else's; a backup holds only yours."
        )
    else:
        st.markdown(f"Data directory: `{cfg.data_dir}`  \nDatabase: `{db.where}`")
        st.caption("To keep it in another folder, see the top of the README: one setting moves it.")
    c1, c2 = st.columns(2)
    with c1:
        st.markdown("**Back up**")
        if st.button("Prepare a backup (zip, recordings included)", key="settings_export"):
            st.session_state["settings_backup"] = None
            with shared.shown_errors():
                try:
                    data, info = export_bytes(db)
                except NothingToExport as e:
                    st.info(shared.said(e))
                else:
                    st.session_state["settings_backup"] = data
                    st.session_state["settings_backup_said"] = export_sentence(info, cfg)
        if st.session_state.get("settings_backup"):
            # kept with the download it describes: drawn only on the click that prepared it, it went
            # (recordings missing from the backup included) as soon as "Download the backup" was pressed
            st.caption(st.session_state.get("settings_backup_said", ""))
            shared.offer_download(
                "Download the backup",
                st.session_state["settings_backup"],
                cfg,
                file_name=f"coach-backup-{today.isoformat()}.zip",
                mime="application/zip",
                type="primary",
                key="settings_download",
            )
    with c2:
        st.markdown("**Restore**")
        limit = restore_box_limit_mb()
        backup = st.file_uploader(
            "A coach backup zip",
            type=["zip"],
            key="settings_import",
            max_upload_size=limit,
            help=None if limit is None else restore_box_help(limit),
        )
        if backup is not None and st.button("Import it", key="settings_import_go"):
            st.session_state.pop(IMPORT_SAID, None)
            with shared.shown_errors():
                info = import_bytes(db, backup.getvalue())
                st.session_state[IMPORT_SAID] = import_sentence(info)
                if info.get("settings_restored"):  # the role and thresholds above drawn with what came back
                    forget_fields("settings_role", "settings_t_")
                    st.rerun()
        if st.session_state.get(IMPORT_SAID):
            st.success(st.session_state[IMPORT_SAID])


def restore_box_limit_mb() -> int | None:
    """The largest backup a student can restore here: what their limits allow, but never more than
    the server takes in one upload (`make serve-cohort` starts it at one recording's limit), which
    the box said without a word on what to do about a larger backup. None for the single user."""
    if cfg.restore_limit_mb is None:
        return None
    return min(cfg.restore_limit_mb, int(st.get_option("server.maxUploadSize")))


def restore_box_help(limit_mb: int) -> str:
    if shared.staff(cfg):
        return f"Up to {summary.upload_size(limit_mb)} here."
    return (
        f"Up to {summary.upload_size(limit_mb)} here; your coaching staff can restore a larger one for you."
    )


ALL_YOURS_DELETED = (
    "All your data is deleted: your answers, interviews, debriefs and recordings. "
    "Everyone else's is untouched."
)
ALL_DELETED = "All data deleted: your answers, interviews, debriefs, recordings and settings."


def delete_everything() -> None:
    if st.session_state.get("settings_deleted"):
        st.success(st.session_state.pop("settings_deleted"))
    with st.expander("Delete all data"):
        st.warning(
            "This removes every practice answer, interview, debrief and recording of yours. It cannot "
            "be undone; make a backup first."
            if cfg.multi_user
            else "This removes every practice answer, interview, debrief, recording and setting in "
            f"{cfg.data_dir}. It cannot be undone; make a backup first."
        )
        with st.form("settings_delete"):
            typed = st.text_input(f"Type {CONFIRM_WORD} to confirm")
            if st.form_submit_button("Delete everything"):
                with shared.shown_errors():
                    delete_all_data(db, cfg, typed)
                    if not cfg.multi_user:  # a cohort's other sessions keep their connections
                        shared.forget_store()
                    # drawn again from nothing: the role box and the thresholds still showed what
                    # had been deleted
                    forget_fields("settings_")
                    st.session_state.settings_deleted = ALL_YOURS_DELETED if cfg.multi_user else ALL_DELETED
                    st.rerun()


shared.page_header("Settings", shared.runs_where(cfg))
if not cfg.multi_user or shared.staff(cfg):  # in a cohort these settings are everyone's: staff only
    if cfg.multi_user:
        st.caption(
            "The speech recognition and the thresholds below are the cohort's: what you save here applies "
            "to everyone's next answer. Your role, further down, is yours alone."
        )
    transcription()
    if not cfg.multi_user:  # in a cohort each person's role is their own: below, for everyone
        your_role_choice()
    thresholds()
else:
    model_name, model_costs = model_words(cfg.engine, cfg.model)
    st.caption(
        "Your organisation chooses the speech recognition and the thresholds behind the feedback for "
        f"everyone; answers are transcribed with the {model_name} model ({model_costs})."
    )
if cfg.multi_user:
    your_role_choice()
quality_gate()
your_data()
delete_everything()
