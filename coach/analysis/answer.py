"""`analyze`: one transcript in, one AnswerAnalysis out, as DESIGN.md's `coach analyze` JSON."""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from coach.analysis import content, delivery, feedback, prosody, quality, relevance, scoring, word_use
from coach.analysis.extensions import Mark
from coach.analysis.pipeline import load_pipeline, make_doc
from coach.analysis.star import PARTS
from coach.banks import STORY_FORMAT, asks_for_story, points_to_check
from coach.config import Settings, Thresholds
from coach.types import Transcript

# 1.2: the quality gate (scores null with warnings); 1.3: metrics.prosody, pauses heard in the
# sound; 1.4: discourse markers from the learned model (issue 16), scores' sources apart;
# 1.5: talking points judged by meaning (issue 17); 1.6: words said most, repeated phrases,
# the job description's terms; 1.7: talking points judged by word-piece recall (points[].recall)
# 1.8: discourse markers also read by a small transformer, "uh-" broken off is a filled pause
# 1.9: STAR parts per clause: a sentence joining two parts carries `parts`, counted in metrics.star
# 1.9.1: a repeated phrase is written as it was said ("a 4% raise", "New Jersey")
# 1.9.2: a number and its sign are one word of a repeated phrase ("4%", "$5"), as written
# 1.9.3: quantified results leave out the numbers that set the scene or the task
# 1.9.4: the job description's key terms rarest in general English first, not most said
#         "I was not the manager, but I called a meeting" is an action (the step after "but")
# 1.9.5: a company name's word the description also uses in lower case stays a key term
#         a word written with accents ("café") is as common as without, as the word list has it
# 1.9.6: a practice answer to a story question about something else altogether (a recipe) is not scored
# 1.9.7: pace (wpm, fillers per minute) over the time spoken, first word to last, not the silence
#         before and after it (6 s before and 8 s after an answer took 172 wpm to 110)
# 1.9.8: in an interview answer, someone else's words inside it are not the answerer's pauses, pace
#         or length (an answer of 57 s where the candidate spoke 33 s read 102 wpm with two 12 s pauses)
# 1.9.9: an answer to a question that asks for no story (motivation, system design, ...) gets no
#         structure score (null, `applies` false, left out of the overall) and no STAR advice
# 1.9.10: a question known only by its words (a real interview's matched to none, one deleted, a
#         mock follow-up) is a story or not as its words say, not always one; an answer to a question
#         asking for no story is scored on its specifics (metrics.specifics), not on quantified
#         results and 'I' in the actions; a typed question worded as a bank question of its kind
#         ("What is your greatest weakness?") is checked against that question's talking points
# 1.9.11: a real interview's bare follow-up ("And how did that turn out?") matched to no bank
#         question is a story or not as the question before it, and is matched to no bank question
# 1.9.12: whether an answer is English is judged on its own words, not its fillers and repeats ("word"
#         said 20,000 times was "not English"); a typed answer longer than the longest answer is told so
# 1.9.13: an answer about something else altogether is not scored for a question that asks for no
#         story either (a lecture for "Why should we hire you?"), when the question has talking points
# 1.9.14: a typed answer under 20 words is not scored ("Yes." scored 53/100), as a short recording
# 1.9.15: a recorded answer to a question of known length shorter than the shortest full one keeps the
#         share of that time it took of its structure points, or for a question asking for no story
#         of its content points (a 12 s story scored 90)
# 1.9.16: so does a recorded answer to no question, against the usual 60 s its feedback names (an
#         18 s story scored 95); a question of no length of its own is not told it ran short
# 1.9.17: a reply to a mock interview's follow-up about something else altogether is not scored
#         (a reply about a football match to "What was the outcome?" scored Content 100)
# 1.9.18: an answer to a question that asks for no story is off it when far from the question (under
#         0.10) and not close to interview answers (under 0.22), not only when far from those (under
#         0.10): a story about a band for "Do you have any questions for us?" scored 88
# 1.9.19: the words said most are named in the forms said (metrics.most_used_words[].forms,
#         "errors/error (4×)"), not their stem ("error (4×)" for "errors" said three times, "manag")
# 1.9.20: the title line's company after a comma is no key term ("Senior Backend Engineer, Northwind
#         Payments." made "Payments" one for an interview at Northwind)
# 1.9.21: the content score says why no talking points were checked, the one reason that is true
#         ("your own question has no talking points to check (add … on the Questions page)"), not
#         "(no question, or one of your own with only the general reminders)"
# 1.9.22: each talking point heard shows a sentence no other point shows while one that passes is
#         free ("how you talked it through" showed the sentence saying what the disagreement was
#         about, as that point did, over "We sat down for an hour with a whiteboard")
# 1.9.23: enough words in too few seconds of speech says the seconds are short ("Only 8 s of speech
#         was heard (33 words)"), not "Only 33 words in 8 s"
# 1.9.24: the situation's share is said as the sentence under the timeline says it, whole percents
#         of the four parts summing to 100 ("takes 64% of the answer" stood above "situation 63%"),
#         and is over the limit only when the percent said is ("40% (over 40%)" for 40.4%)
# 1.9.25: "not only" and "not just" are no minimizers ("Trump promised not only to protect the
#         mandate but to expand it" had "only" marked as a hedge in the transcript)
ANALYSIS_VERSION = "1.9.26"
STAR_PARTS = PARTS[:4]
# Above this many characters the text is analysed in pieces (spaCy keeps every piece in memory
# at once; pieces of ~100k characters keep a 20,000-word paste under a few hundred MB).
PIECE_CHARS = 100_000
SENTENCE_ENDS = frozenset({".", "?", "!", "..."})


@dataclass(frozen=True)
class AnswerAnalysis:
    """Everything measured about one answer; `to_dict` is the `coach analyze --json` object."""

    transcript: Transcript
    fillers: tuple[dict, ...]
    repetitions: tuple[dict, ...]
    hedges: tuple[dict, ...]
    sentences: tuple[dict, ...]
    metrics: dict
    scores: dict | None  # None when the quality gate failed: nothing here can be trusted
    feedback: tuple[str, ...]
    analysis_version: str = ANALYSIS_VERSION
    extra: dict = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {
            "transcript": self.transcript.text,
            "duration_s": (
                None if self.transcript.duration_s is None else round(self.transcript.duration_s, 3)
            ),
            "words": [w.to_dict() for w in self.transcript.words],
            "fillers": list(self.fillers),
            "repetitions": list(self.repetitions),
            "hedges": list(self.hedges),
            "sentences": list(self.sentences),
            "metrics": self.metrics,
            "scores": self.scores,
            "feedback": list(self.feedback),
            "warnings": list(self.warnings),
            "analysis_version": self.analysis_version,
        }


def analyze(
    transcript: Transcript,
    *,
    question=None,
    settings: Settings | None = None,
    problems: Sequence[str] = (),
    interview: bool = False,
    off_topic_check: bool | None = None,
    job_description: str | None = None,
    company: str | None = None,
) -> AnswerAnalysis:
    """Analyse one answer. `question` is any object with `.talking_points` and `.target_s`.

    `problems` are reasons found before the transcript (distorted audio, voices not separated)
    why the answer cannot be scored; with any of them, or any the quality gate finds here, the
    answer is measured but gets no scores and no feedback, only `warnings`. `interview`: an answer
    cut from a real or mock interview (a short reply there is not a take to record again).
    `off_topic_check`: whether an answer about something else altogether goes unscored; by default
    a practice take's does and an answer cut from a real interview's does not (its question was
    matched to the bank and may be matched wrongly); a mock interview's does (its question is known).
    `job_description`: the pasted description of the job practised for; its key terms are
    checked against the answer (`metrics.job_terms`); `company`, the one it is for, is never a term."""
    thresholds = settings.thresholds if settings is not None else Thresholds()
    nlp = load_pipeline()
    doc = _parse(nlp, transcript)
    marks = sorted((doc._.coach_fillers or []) + (doc._.coach_disfluencies or []), key=lambda m: m.start)
    fillers = tuple(_mark_dict(doc, m) for m in marks)
    hedges = tuple(_mark_dict(doc, m) for m in doc._.coach_hedges or [])
    sents = list(doc.sents) if len(doc) else []
    labels = doc._.coach_star or []
    clauses = doc._.coach_star_parts or [
        [(s.start, s.end, label)] for s, label in zip(sents, labels, strict=False)
    ]
    sentences = tuple(
        _sentence_dict(doc, s, label, parts) for s, label, parts in zip(sents, labels, clauses, strict=False)
    )

    n_words = delivery.count_words(transcript.text)
    target_s = getattr(question, "target_s", None) if question is not None else None
    # an answer to no question is taken as a story of the usual length; a question of no length
    # of its own (a real interviewer's follow-up) sets none
    metrics = delivery.delivery_metrics(
        transcript, doc, n_words, len(fillers), thresholds, target_s, judges_short=question is None
    )
    metrics["prosody"] = prosody.prosody_metrics(transcript, thresholds)
    metrics["star"] = _star_shares(doc, clauses)
    action_sents = [doc[a:b] for parts in clauses for a, b, label in parts if label == "action"]
    metrics["i_vs_we"] = content.i_vs_we(action_sents)
    found = _outcome_quantities(content.quantities(doc), clauses)
    metrics["quantified_results"] = len(found)
    metrics["quantities"] = [q.text for q in found[:20]]
    named = content.specifics(doc)
    metrics["specifics"] = named[:20]
    metrics["hedges"] = len(hedges)
    metrics["hedges_per_100_words"] = round(100.0 * len(hedges) / n_words, 2) if n_words else 0.0
    metrics["repetitions"] = sum(1 for m in marks if m.kind in {"repetition", "false_start"})
    metrics["fillers"] = sum(1 for m in marks if m.kind not in {"repetition", "false_start"})
    metrics["filler_counts"] = dict(Counter(_filler_name(doc, m) for m in marks).most_common())
    story = asks_for_story(question)
    talking_points = (
        points_to_check(getattr(question, "talking_points", ()) or ()) if question is not None else ()
    )
    min_recall = thresholds.talking_point_min_recall
    metrics["relevance"] = (
        relevance.coverage(talking_points, _sentences_for_relevance(doc, sents, marks), min_recall)
        if talking_points
        else None
    )

    metrics["most_used_words"] = word_use.most_used(doc, marks)
    metrics["repeated_phrases"] = word_use.repeated_phrases(doc, marks)
    metrics["job_terms"] = word_use.job_terms(job_description, doc, nlp, company)

    filler_counts = Counter(_filler_name(doc, m) for m in marks)
    short = scoring.fullness(metrics)
    scores = {
        "delivery": scoring.delivery_score(metrics, thresholds),
        "fillers": scoring.filler_score(metrics, filler_counts, thresholds),
        # no words, no sentences to label: a typed text of spaces is not "no STAR part heard" (0)
        "structure": scoring.structure_score(
            metrics["star"], len(sents) if n_words else 0, thresholds, short=short
        )
        if story
        else scoring.structure_not_asked(),
        "content": scoring.content_score(
            metrics["relevance"],
            len(found),
            metrics["i_vs_we"]["i_share"],
            metrics["hedges_per_100_words"],
            thresholds,
            n_words,
            story=story,
            specifics=len(named),
            short=None if story else short,  # a story's room is judged on its structure
            action_sentences=metrics["i_vs_we"]["sentences"],
            unchecked=_why_no_points(question),
        ),
    }
    scores["overall"] = scoring.overall(scores)
    pauses = (
        delivery.find_pauses(transcript, doc, thresholds.pause_min_s)
        if transcript.words and metrics["pauses"]
        else []
    )
    details = {
        "metrics": metrics,
        "filler_counts": filler_counts,
        "n_sentences": len(sents),
        "hedge_counts": Counter(h["text"].lower() for h in hedges),
        "worst_pauses": delivery.worst_pauses(transcript, pauses),
        "not_english": _looks_not_english(doc, marks),
        "story": story,
    }
    lines = feedback.build_feedback(details, thresholds)
    blocking = [*problems, *quality.blocking_problems(transcript, n_words, interview=interview)]
    checked = not interview if off_topic_check is None else off_topic_check
    if not blocking and checked and not details["not_english"]:
        blocking += _off_topic(question, transcript.text, interview=interview)
    warnings = tuple(dict.fromkeys([*blocking, *quality.unheard_warnings(transcript)]))
    return AnswerAnalysis(
        transcript,
        fillers,
        tuple(_mark_dict(doc, m) for m in marks if m.kind in {"repetition", "false_start"}),
        hedges,
        sentences,
        metrics,
        None if blocking else scores,
        () if blocking else tuple(lines),
        warnings=warnings,
    )


def _off_topic(question, text: str, *, interview: bool = False) -> list[str]:
    """The sentence saying the answer is about something else, or []: a practice or mock answer to
    a question of the banks or your own, not a real interview's (its question was matched to the
    bank and may be matched wrongly). A question that asks for no story is checked only with its
    talking points: a short "Why this team?" alone is too little to compare an answer with."""
    asked = getattr(question, "text", "") if question is not None else ""
    points = getattr(question, "talking_points", ()) or ()
    story = getattr(question, "format", None) == STORY_FORMAT
    # a mock interview's follow-up ("What was the outcome?") is too short to compare a reply with:
    # the reply is read against the question it follows, with that question's points, and it
    follows = getattr(question, "follows", "") if question is not None else ""
    if asked and follows:
        about = f"{follows} {asked}"
        points = getattr(question, "follows_points", ()) or ()
        if not relevance.off_topic(about, points, text, story=story):
            return []
        return [quality.off_topic_problem(asked, story=story, interview=interview, follow_up=True)]
    # a question of the banks or your own (it has an id): not one known only by its words (a real
    # interview's question matched to none, a question since deleted: banks.WordedQuestion)
    if not asked or not getattr(question, "id", None) or not (story or points):
        return []
    if not relevance.off_topic(asked, points, text, story=story):
        return []
    return [quality.off_topic_problem(asked, story=story, interview=interview)]


def _parse(nlp, transcript: Transcript) -> Doc:
    """Run the pipeline; very long texts in pieces cut at whitespace, joined back into one Doc."""
    text = transcript.text
    if len(text) <= PIECE_CHARS:
        return nlp(make_doc(nlp, transcript))
    full = make_doc(nlp, transcript)
    pieces, start = [], 0
    while start < len(full):
        end = _piece_end(full, start)
        piece = full[start:end].as_doc()
        piece._.coach_times = _slice_times(full._.coach_times, start, end)
        pieces.append(piece)
        start = end
    parsed = list(nlp.pipe(pieces))
    with warnings.catch_warnings():  # the pieces' own extension data is joined below, by hand
        warnings.filterwarnings("ignore", message=r"\[W10[12]\]")
        joined = Doc.from_docs(parsed, ensure_whitespace=False)
    for name in ("coach_fillers", "coach_disfluencies", "coach_hedges"):
        setattr(joined._, name, _shift_marks(parsed, name))
    joined._.coach_star = [label for d in parsed for label in (d._.coach_star or [])]
    joined._.coach_star_parts = _shift_clauses(parsed)
    joined._.coach_times = full._.coach_times
    return joined


def _piece_end(full: Doc, start: int) -> int:
    """Where the piece starting at token `start` ends (~6 characters a token): after the last
    sentence-ending mark in the second half of its window, so no sentence is cut in two and
    labelled as two; the window's end when there is none (a text without punctuation)."""
    end = min(len(full), start + PIECE_CHARS // 6)
    if end == len(full):
        return end
    for i in range(end - 1, start + (end - start) // 2, -1):
        if full[i].text in SENTENCE_ENDS:
            return i + 1
    return end


def _slice_times(times, start: int, end: int):
    if times is None:
        return None
    return type(times)(times.starts[start:end], times.ends[start:end], times.sources[start:end])


def _shift_marks(docs: list[Doc], name: str) -> list[Mark]:
    out, offset = [], 0
    for d in docs:
        out.extend(Mark(m.kind, m.label, m.start + offset, m.end + offset) for m in getattr(d._, name) or [])
        offset += len(d)
    return out


def _shift_clauses(docs: list[Doc]) -> list[list[tuple[int, int, str]]]:
    out, offset = [], 0
    for d in docs:
        for parts in d._.coach_star_parts or []:
            out.append([(a + offset, b + offset, part) for a, b, part in parts])
        offset += len(d)
    return out


def _times(doc: Doc, start: int, end: int) -> tuple[float | None, float | None, str]:
    times = doc._.coach_times
    if times is None:
        return None, None, ""
    sources = {times.sources[i] for i in range(start, end)}
    return times.starts[start], times.ends[end - 1], "acoustic" if "acoustic" in sources else ""


def _mark_dict(doc: Doc, m: Mark) -> dict:
    span = doc[m.start : m.end]
    start_s, end_s, source = _times(doc, m.start, m.end)
    data = {
        "text": span.text,
        "kind": m.kind,
        "start_char": span.start_char,
        "end_char": span.end_char,
        "start_s": start_s,
        "end_s": end_s,
    }
    if source:
        data["source"] = source
    return data


def _sentence_dict(doc: Doc, sent, label: str, clauses: Sequence[tuple[int, int, str]] = ()) -> dict:
    """A sentence with its part; one that joins clauses of different parts also lists them in
    `parts` (its `star` is then the part of its longest clause)."""
    data = _span_dict(doc, sent.start, sent.end, label)
    if len(clauses) > 1:
        data["parts"] = [_span_dict(doc, a, b, part) for a, b, part in clauses]
    return data


def _span_dict(doc: Doc, start: int, end: int, label: str) -> dict:
    span = doc[start:end]
    start_s, end_s, _ = _times(doc, start, end)
    return {
        "start_char": span.start_char,
        "end_char": span.end_char,
        "star": label if label in STAR_PARTS else None,
        "start_s": start_s,
        "end_s": end_s,
    }


def _why_no_points(question) -> str:
    """Why an answer has no talking points to check, in the words of the one case that is true: a
    question of your own shows its kind's general reminders, which are not listened for, and its
    own points can be added where it is edited (stored as the Questions page says it; a command
    words it its own way: scoring.points_added_where)."""
    if question is None:
        return "no question, so no talking points to check"
    if getattr(question, "source", "bank") != "bank":
        return scoring.own_question_unchecked(scoring.POINTS_ADDED_ON_THE_PAGE)
    if getattr(question, "follows", ""):  # a mock interview's follow-up (coach.mock.follow_up)
        return "a follow-up has no talking points to check"
    return "this question has no talking points to check"


def _sentences_for_relevance(doc: Doc, sents: list, marks: Sequence[Mark] = ()) -> list[relevance.Sentence]:
    """Sentences with their place; fillers and repeats left out of the words compared by meaning."""
    skip = {i for m in marks for i in range(m.start, m.end)}
    out = []
    for sent in sents:
        start_s, end_s, _ = _times(doc, sent.start, sent.end)
        said = "".join(t.text_with_ws for t in sent if t.i not in skip).strip()
        out.append(relevance.Sentence(sent.text, sent.start_char, sent.end_char, start_s, end_s, said))
    return out


def _filler_name(doc: Doc, m: Mark) -> str:
    return {"repetition": "repeated words", "false_start": "broken-off words"}.get(m.kind, m.label)


def _outcome_quantities(found: list[Span], clauses: list[list[tuple[int, int, str]]]) -> list[Span]:
    """Numbers that can measure the outcome: not those that set the scene or the task ("a team of
    5 engineers", "within a week"), so the count and "No result stated" never contradict each other."""
    scene = [(a, b) for parts in clauses for a, b, label in parts if label in {"situation", "task"}]
    return [q for q in found if not any(a <= q.start < b for a, b in scene)]


def _star_shares(doc: Doc, clauses: list[list[tuple[int, int, str]]]) -> dict:
    """Words, share and seconds per part, counted clause by clause."""
    words = {p: 0 for p in STAR_PARTS}
    seconds: dict[str, float | None] = {p: 0.0 for p in STAR_PARTS}
    for start, end, label in (c for parts in clauses for c in parts):
        if label not in words:
            continue
        words[label] += sum(1 for t in doc[start:end] if not (t.is_punct or t.is_space))
        start_s, end_s, _ = _times(doc, start, end)
        if start_s is None or end_s is None:
            seconds[label] = None
        elif seconds[label] is not None:
            seconds[label] += end_s - start_s
    total = sum(words.values())
    return {
        p: {
            "words": words[p],
            "share": round(words[p] / total, 3) if total else 0.0,
            "seconds": None if seconds[p] is None or doc._.coach_times is None else round(seconds[p], 2),
        }
        for p in STAR_PARTS
    }


def _looks_not_english(doc: Doc, marks: Sequence[Mark]) -> bool:
    """English prose is about 40% stop words; under 10% over 8+ words means another language.
    Judged on the speaker's own words, not their fillers and repeats: "word" pasted 20,000 times
    has no stop word in it and is no other language either, yet was told "Most words are not
    English" (its repeats are counted and coached as such)."""
    skipped = word_use.skipped_tokens(doc, marks)
    alpha = [t for t in doc if t.is_alpha and t.i not in skipped]
    if len(alpha) < 8:
        return False
    return sum(1 for t in alpha if t.is_stop) / len(alpha) < 0.10
