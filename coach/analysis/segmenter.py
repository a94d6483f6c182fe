"""Sentence starts for long unpunctuated runs, set before the parser so it respects them.

Whisper sometimes returns minutes of speech without a full stop, and spaCy's parser then makes
sentences hundreds of words long, which breaks the per-sentence STAR labels. Inside any run
longer than `max_run_tokens` without . ? !, this component starts a new sentence where speech
usually does: after a pause, or at "so I", "and then we", "but we", or a new subject "I"/"we".
Punctuated text is left to the parser.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from coach.analysis.context import is_filled_pause
from coach.analysis.extensions import register_extensions

SENTENCE_END = frozenset({".", "?", "!", "...", "…"})
STARTERS = frozenset(
    {
        "so",
        "and",
        "but",
        "then",
        "after",
        "once",
        "now",
        "anyway",
        "basically",
        "eventually",
        "finally",
        "because",
        "when",
        "first",
        "next",
        "afterwards",
        "later",
        "overall",
        "luckily",
        "unfortunately",
        "ultimately",
        "in",
        "as",
        "at",
        "since",
        "okay",
        "well",
    }
)
SUBJECTS = frozenset(
    {
        "i",
        "we",
        "he",
        "she",
        "they",
        "it",
        "that",
        "there",
        "my",
        "our",
        "the",
        "this",
        "everyone",
        "nobody",
        "you",
    }
)
NOT_BEFORE_SUBJECT = frozenset(
    {
        "and",
        "that",
        "which",
        "who",
        "when",
        "if",
        "because",
        "so",
        "but",
        "then",
        "where",
        "while",
        "what",
        "how",
        "why",
        "as",
        "before",
        "after",
        "than",
        "until",
        "since",
        "once",
        "whether",
        "or",
        "said",
        "think",
        "thought",
        "knew",
        "know",
        "realized",
        "guess",
        "mean",
    }
)


class LongRunSegmenter:
    def __init__(
        self, max_run_tokens: int, min_sentence_tokens: int, max_sentence_tokens: int, split_pause_s: float
    ):
        self.max_run_tokens = max_run_tokens
        self.min_sentence_tokens = min_sentence_tokens
        self.max_sentence_tokens = max_sentence_tokens
        self.split_pause_s = split_pause_s

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.predict(doc))
        return doc

    def predict(self, doc: Doc) -> list[int]:
        starts: list[int] = []
        run_start = 0
        for token in doc:
            if token.text in SENTENCE_END or token.i == len(doc) - 1:
                end = token.i + 1
                if end - run_start > self.max_run_tokens:
                    starts.extend(self._split_run(doc, run_start, end))
                run_start = end
        return starts

    def set_annotations(self, doc: Doc, starts: list[int]) -> None:
        for i in starts:
            if doc[i].is_sent_start is None:
                doc[i].is_sent_start = True

    def _split_run(self, doc: Doc, start: int, end: int) -> list[int]:
        low = [t.lower_ for t in doc[start:end]]
        tags = [t.tag_ for t in doc[start:end]]
        times = doc._.coach_times
        chosen: list[int] = []
        last = 0
        best, best_score = None, 0.0
        for k in range(1, len(low)):
            gap = times.gap_before(start + k) if times is not None else None
            score = self._score(low, tags, k, gap)
            since = k - last
            if since < self.min_sentence_tokens or len(low) - k < self.min_sentence_tokens // 2:
                continue
            if score >= 2.0:
                chosen.append(start + k)
                last, best, best_score = k, None, 0.0
                continue
            if score > best_score:
                best, best_score = k, score
            if since >= self.max_sentence_tokens:
                cut = best if best is not None else k
                chosen.append(start + cut)
                last, best, best_score = cut, None, 0.0
        return chosen

    def _score(self, low: list[str], tags: list[str], k: int, gap: float | None) -> float:
        """How much token k looks like the first word of a new spoken sentence."""
        cue = self._cue_score(low, tags, k)
        if gap is not None and gap >= self.split_pause_s:
            # A pause alone is only a fallback: inside a clause it is a hesitation, and treating it
            # as a sentence end would hide it from the mid-clause pause measure.
            return 3.0 + gap if cue >= 0.5 else 1.0 + gap / 10
        return cue

    def _cue_score(self, low: list[str], tags: list[str], k: int) -> float:
        word, prev = low[k], low[k - 1]
        if tags[k - 1] in {"DT", "IN", "TO", "MD", "PRP$"} or prev in {"the", "a", "an", "to"}:
            return 0.0
        nxt = low[k + 1] if k + 1 < len(low) else ""
        nxt2 = low[k + 2] if k + 2 < len(low) else ""
        if is_filled_pause(nxt) or nxt in {"then", "so", "like"}:
            nxt = nxt2
        if word in STARTERS and nxt in SUBJECTS:
            if word == "and" and tags[k - 1].startswith(("NN", "PRP")) and nxt == "i":
                return 1.0  # "my manager and I"
            return 2.5
        if word in {"i", "we"} and tags[k] == "PRP" and prev not in NOT_BEFORE_SUBJECT:
            if tags[k - 1].startswith(("NN", "RB", "JJ", "CD", "VBD", "VBN", "PRP")):
                return 2.0
        if is_filled_pause(word):
            return 1.5
        return 0.5 if word in STARTERS else 0.0


@Language.factory(
    "coach_segmenter",
    default_config={
        "max_run_tokens": 40,
        "min_sentence_tokens": 6,
        "max_sentence_tokens": 40,
        "split_pause_s": 0.6,
    },
)
def make_segmenter(
    nlp: Language,
    name: str,
    max_run_tokens: int,
    min_sentence_tokens: int,
    max_sentence_tokens: int,
    split_pause_s: float,
) -> LongRunSegmenter:
    register_extensions()
    return LongRunSegmenter(max_run_tokens, min_sentence_tokens, max_sentence_tokens, split_pause_s)
