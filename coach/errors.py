"""The errors a user can cause or fix. The CLI and the app print their message as one line.

Every message says what is wrong and what to do, so it never needs a traceback.
"""

import re


def printable(text: str) -> str:
    """Text safe inside a one-line message: a newline or escape code shows as \\n, \\x1b."""
    return re.sub(r"[\x00-\x1f\x7f]", lambda m: repr(m.group())[1:-1], text)


class CoachError(Exception):
    """Base of every error the user should see as a single clear sentence.

    `in_app` is the same sentence for the app's pages when the fix differs there: a terminal
    command is no use in a web page, a choice in Settings is.

    `on_server` is the sentence for a person of a cohort (`Settings.on_server`) when the fault is
    the server's own (its disk full, a folder it may not write): it names no folder of the server,
    which means nothing to them and shows how the server is laid out. The message, with the
    folder and the system's reason, stays in the server's log (coach.ui.shared.said_to)."""

    def __init__(self, message: str = "", *, in_app: str | None = None, on_server: str | None = None):
        super().__init__(message)
        self.in_app = in_app or message
        self.on_server = on_server


class AudioError(CoachError):
    """A recording cannot be used: missing, empty, corrupt, too short, too long or silent."""


class NotAudioError(AudioError):
    """The file is not a recording at all (empty, no audio track, not a format audio comes in):
    nothing of it is kept."""


class NotSavedError(AudioError):
    """The recording could not be written (a full disk, a folder that may not be written): nothing
    of it is kept, so the take has to be given again once the fault is fixed."""


class NoSpeechError(AudioError):
    """The recording decoded fine but holds no speech to analyse."""


class ModelError(CoachError):
    """A transcription engine or model is unknown or not available offline."""


class LanguageModelError(CoachError):
    """The English language model the analysis reads every answer with is missing: not a choice in
    Settings (another speech model would not help), so the fix is reinstalling, or in a cohort the
    server's."""


class MicrophoneError(CoachError):
    """No microphone could be opened."""


class StorageError(CoachError):
    """The data directory or database cannot be read or written."""


class RecordingKept(StorageError):
    """The database refused what was to be saved after the recording itself was kept: the sentence
    says so (coach.store.db.saved_but_kept), and a page adds no "Nothing was saved." to it."""


class InputError(CoachError):
    """A text, question or other user input is not usable."""


class ThresholdsFileError(InputError):
    """A threshold in settings.toml that cannot be used (no threshold of the coach, not a number,
    out of its bounds): `keys` are its lines under [thresholds], which the default can replace
    (`coach.config.use_default_thresholds`). `yours`: the file is the user's own, not a cohort
    host's, so a page may offer to replace them."""

    def __init__(self, message: str, keys: tuple[str, ...], path) -> None:
        super().__init__(message)
        self.keys, self.path, self.yours = keys, path, False


class NothingToExport(InputError):
    """A backup was asked for before there is anything to back up: no file is written (an empty
    zip would pass for a backup), and the sentence says what to do first."""


# Where the coach runs for a person of a cohort (`Settings.on_server`), in their words: its folders
# and machine mean nothing to them.
SERVER = "your organisation's server"


# In a cohort the speech model is the staff's to choose: a student is not sent to Settings they cannot
# change, nor told about "this machine" (their browser is not where the model is).
MODEL_IS_THE_STAFFS = (
    "The speech recognition your organisation chose cannot be used on its server, so answers cannot be "
    "transcribed for now; tell your coaching staff, who choose it for everyone."
)


def said_on_server(error: CoachError) -> str:
    """The sentence for a person of a cohort who does not run its server: a speech model that cannot
    load is the staff's to fix, a fault of the server's own names none of its folders, anything else
    is said as the pages say it."""
    if isinstance(error, ModelError):
        return MODEL_IS_THE_STAFFS
    return error.on_server or error.in_app or str(error)


def server_fault(what: str, error: OSError | str, then: str = "") -> str:
    """The sentence for a person of a cohort when the server could not do `what` ("save your
    recording"): the system's reason ("no space left on device"; never a path, which an OSError keeps
    apart from `strerror`; or the reason in words, "its database is read-only"), that the fault is not
    theirs, `then` (what became of their data), and whom to tell."""
    reason = (error if isinstance(error, str) else error.strerror or "").strip().rstrip(".").lower()
    said = f"{SERVER.capitalize()} could not {what}" + (f" ({reason})" if reason else "")
    said += ", a fault on the server, not yours" + (f"; {then}" if then else "")
    return f"{said}; try again later, and tell your coaching staff if it keeps happening."


# The name the pages give a take recorded in the browser (it has none of its own): messages call
# it "your recording", not "answer.wav", a file name the person never saw.
BROWSER_TAKE = "answer.wav"


def said_name(name: str, *, start: bool = False) -> str:
    """How a message names a recording: by its file's name, or "your recording" for a browser take
    (`start`: at the start of a sentence)."""
    if name != BROWSER_TAKE:
        return name
    return "Your recording" if start else "your recording"


def names_this_folder(path: object) -> bool:
    """Whether a path given for a file is no name at all: a command line makes an empty name this
    folder, "."."""
    return str(path) in ("", ".")


def empty_name_said(what: str, asked: str) -> str:
    """What an empty name given for a file is told, one to read or one to write: it is this folder,
    not `what` ("a recording"); `asked` says what to give ("give the path of an audio file"). One
    sentence for every command (the text-file, recording and `coach record` checks each worded it,
    the last without saying what the folder is not)."""
    return f"An empty name (or “.”) is this folder, not {what}; {asked}."
