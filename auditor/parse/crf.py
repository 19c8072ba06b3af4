"""The trained field tagger: a linear-chain CRF (python-crfsuite) over reference tokens, and
the post-processing of its labels into CSL-JSON.

The features it reads are built in :mod:`auditor.parse.features`. The model ships in
``auditor/data/parser.crfsuite``; ``benchmarks/train_parser.py`` rebuilds it from
``../shared/data``. Identifiers never come from the model: the rules of
:mod:`auditor.identifiers` own them.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from importlib import resources

from auditor.models import CSL
from auditor.parse import names
from auditor.parse.features import YEAR_RE, features, token_spans
from auditor.parse.normalize import MONTHS, clean, date_parts, normalize_pages, strip_markup

MODEL_FILE = "parser.crfsuite"
_LOCK = threading.Lock()


class Tagger:
    """A loaded CRF model; tagging is thread-safe."""

    def __init__(self, path: str) -> None:
        import pycrfsuite

        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(path)

    def tag(self, tokens: list[str]) -> list[str]:
        if not tokens:
            return []
        with _LOCK:
            return list(self._tagger.tag(features(tokens)))


@lru_cache(maxsize=1)
def default_tagger() -> Tagger | None:
    """The shipped model, loaded once; None when the package was built without it."""
    ref = resources.files("auditor.data").joinpath(MODEL_FILE)
    try:
        with resources.as_file(ref) as path:
            return Tagger(str(path)) if path.exists() else None
    except (FileNotFoundError, ModuleNotFoundError):
        return None


_ISSUE_RE = re.compile(r"[\w–-]{1,12}")
_DAY_RE = re.compile(r"0?[1-9]|[12]\d|3[01]")


def repair(tokens: list[str], labels: list[str]) -> list[str]:
    """Label fixes no style disputes: ``338(6103)`` after a volume is its issue, whatever the
    tagger made of the number in brackets (a four-digit issue looks like pages); ``10 (1978)``
    stays a year; in ``2024 Jan 29;75:129-43`` the 29 after a month is the day, not the volume
    (one corpus labels "2011;118(20)" a volume, and the day inherits that)."""
    out = list(labels)
    for i in range(1, len(tokens) - 2):
        if (tokens[i] == "(" and out[i - 1] == "volume" and tokens[i + 2] == ")"
                and out[i + 1] not in ("volume", "issue", "date")
                and _ISSUE_RE.fullmatch(tokens[i + 1]) and not YEAR_RE.match(tokens[i + 1])):
            out[i + 1] = "issue"
        if (out[i] == "volume" and out[i - 1] == "date" and tokens[i + 1] == ";"
                and _DAY_RE.fullmatch(tokens[i]) and tokens[i - 1].lower().rstrip(".") in MONTHS):
            out[i] = "date"
            if out[i + 1] == "volume":
                out[i + 1] = "other"
    out = _authors_before_title(_surname_after_initials(tokens, out))
    return _epub_notes(tokens, _title_after_given_names(tokens, out))


_WORD_START_RE = re.compile(r"[A-Z0-9“\"']")


def _title_after_given_names(tokens: list[str], labels: list[str]) -> list[str]:
    """A title the tagger ran into the author ("Said, Edward W. Orientalism." and "Booth,
    Wayne C. A Rhetoric of Irony.", MLA books whose italics were lost): a name written
    "Family, Given M." ends at the initial after its given names, so a word after it, with
    no title found anywhere, opens the title. ("Farmer, J. Dean." and "Walther, W.O., and J.
    Arthur" set their initial first: their names are left as they are.)"""
    if "title" in labels or len(tokens) < 6 or tokens[1] != "," or labels[0] != "author":
        return labels
    end = _authors_end(labels)
    given = 2
    while given < min(end, 5) and _SURNAME_RE.fullmatch(tokens[given]):
        given += 1  # "Wayne", "Edward": the given names before the initial
    after = given + 1
    if (given == 2 or after >= end or not _INITIAL_RE.fullmatch(tokens[given])
            or not _WORD_START_RE.match(tokens[after]) or _INITIAL_RE.fullmatch(tokens[after])):
        return labels
    return labels[:after] + ["title"] * (end - after) + labels[end:]


def _authors_before_title(labels: list[str]) -> list[str]:
    """Authors print before the container (a title may come first): an "author" run after
    it is a place or a conference's short name the tagger took for names ("(CVPR), Las Vegas, NV,
    USA" after IEEE's "in Proc. IEEE Conf. ..."), and it was added to the work's authors."""
    seen = False
    out = labels
    for i, label in enumerate(labels):
        if label == "container-title":
            seen = True
        elif label == "author" and seen:
            if out is labels:
                out = list(labels)
            out[i] = "other"
    return out


def _authors_end(labels: list[str]) -> int:
    """Where the run of "author" labels a reference opens with ends."""
    return next((i for i, label in enumerate(labels) if label != "author"), len(labels))


_INITIAL_RE = re.compile(r"(?:[A-Z]\.-?){1,3}")
_SURNAME_RE = re.compile(r"[A-Z][^\W\d_]+(?:[-'’][A-Z]?[^\W\d_]+)?")


def _surname_after_initials(tokens: list[str], labels: list[str]) -> list[str]:
    """The surname after the last author's initials is the author's: in "P. Stoica and R. L.
    Moses, Spectral Analysis" the tagger ended the authors at "R. L." and opened the title
    with "Moses,". An author printed given name first is never initials alone, so a
    capitalised word (then a comma) right after initials that follow "and", "&" or a comma
    is that author's surname, in a list whose first author opens with initials too."""
    end = _authors_end(labels)
    if end == 0 or end + 1 >= len(tokens) or labels[end] != "title":
        return labels
    if not (_SURNAME_RE.fullmatch(tokens[end]) and tokens[end + 1] == ","):
        return labels
    start = end
    while start > 0 and _INITIAL_RE.fullmatch(tokens[start - 1]):
        start -= 1
    if (start == end or start == 0 or tokens[start - 1] not in ("and", "&", ",")
            or not _INITIAL_RE.fullmatch(tokens[0])):  # "Lee, K. Depression, ..." is APA's
        return labels
    out = list(labels)
    out[end] = out[end + 1] = "author"
    return out


def _epub_notes(tokens: list[str], labels: list[str]) -> list[str]:
    """MEDLINE's "Epub 2023 Dec 6." is a note with the online date, never a publisher (the
    word is too rare in the training data for the model to know it)."""
    for i, tok in enumerate(tokens):
        if tok.lower().rstrip(".") == "epub":
            labels[i] = "note"
            j = i + 1
            while j < len(tokens) and labels[j] in ("date", "publisher"):
                labels[j] = "note"
                j += 1
    return labels


def _spans(text: str, labels: list[str], spans: list[tuple[str, int, int]]) -> dict[str, list[str]]:
    """Contiguous runs of one label, as the original text they cover."""
    out: dict[str, list[str]] = {}
    i = 0
    while i < len(labels):
        j = i
        while j + 1 < len(labels) and labels[j + 1] == labels[i]:
            j += 1
        out.setdefault(labels[i], []).append(text[spans[i][1] : spans[j][2]])
        i = j + 1
    return out


_VOLUME_YEAR_RE = re.compile(r"^(?:1[5-9]|20)\d\d[a-z]?\s*[;:,]\s*(?=\w)")
# A short word ("t", "h") counts only with its period or a space: T1 and H2 are volumes.
_VOLUME_WORD_RE = re.compile(r"^(?:vol(?:ume)?|bd|band|tome?|t)(?:\.\s*|\s+)", re.IGNORECASE)
_ISSUE_WORD = r"(?:n°\s*|(?:no|nos|nr|num|number|issue|iss|heft|h|fasc)(?:\.\s*|\s+))"
_VOLUME_ISSUE_RE = re.compile(
    rf"^(\w+)(?:\s*\(([^)]+)\)|\.(\d+)\b|(?:\s*,\s*|\s+)?{_ISSUE_WORD}([\w–-]+))", re.IGNORECASE)
_ISSUE_ONLY_RE = re.compile(rf"^{_ISSUE_WORD}([\w–-]+)", re.IGNORECASE)


def _volume_issue(volume: str | None, issue: str | None) -> tuple[str | None, str | None]:
    """Volume and issue out of what a volume span holds: ``118(20)``, ``2011;118(20)`` (the year
    run in, as Vancouver writes it), ``Vol. 206, No. 10``, ``12.3``, or an issue alone
    (``No. 291``)."""
    if volume:
        v = _VOLUME_WORD_RE.sub("", _VOLUME_YEAR_RE.sub("", clean(volume)))
        if m := _ISSUE_ONLY_RE.match(v):
            volume, issue = None, issue or m.group(1)
        elif m := _VOLUME_ISSUE_RE.match(v):
            volume, issue = m.group(1), issue or m.group(2) or m.group(3) or m.group(4)
        else:
            volume = clean(v).strip("()") or None
    if issue:
        issue = clean(_ISSUE_ONLY_RE.sub(r"\1", clean(issue).strip("()")))
    return volume, issue or None


# What marks editors in a span without being a name: "(eds.)", "editors", "edited by", German
# "Hg."/"Hrsg.", French "éd."/"dir.", a leading "In:".
_EDITOR_WORDS_RE = re.compile(
    r"\(?\b(?:eds?|editors?|edited\s+by|ed\.\s*by|hrsg|hg|éds?|dir|coords?)\b\.?\)?|^\s*In:?\s",
    re.IGNORECASE)


# "In:" / "In" before a book's or proceedings' title; IEEE prints it in lower case ("in
# Advances in Neural Information Processing Systems"), which only a container takes off: a
# title may open with "in situ".
_IN_RE = re.compile(r"^In:?\s+")
_CONTAINER_IN_RE = re.compile(r"^(?:In:?|in)\s+")


def to_csl(fields: dict[str, list[str]]) -> CSL:
    """Post-process labelled spans into CSL-JSON variables."""
    csl: CSL = {}
    if "author" in fields:
        authors, et_al = names.parse_any(" ".join(fields["author"]))
        if authors:
            csl["author"] = authors
        if et_al:
            csl["_et_al"] = True
    if "editor" in fields:
        editors, _ = names.parse_any(_EDITOR_WORDS_RE.sub("", " ".join(fields["editor"])))
        if editors:
            csl["editor"] = editors
    for label, key in (("title", "title"), ("container-title", "container-title"),
                       ("collection-title", "collection-title"), ("publisher", "publisher"),
                       ("location", "publisher-place"), ("edition", "edition")):
        if label in fields:
            value = clean((_CONTAINER_IN_RE if key == "container-title" else _IN_RE).sub(
                "", fields[label][0]))
            if value:
                csl[key] = value
    if "date" in fields:
        # The first date is the work's; later ones are Epub, access or conference dates.
        parts = next(filter(None, map(date_parts, fields["date"])), None)
        if parts:
            csl["issued"] = {"date-parts": [parts]}
    volume, issue = _volume_issue(next(iter(fields.get("volume", [])), None),
                                  next(iter(fields.get("issue", [])), None))
    if volume:
        csl["volume"] = volume
    if issue:
        csl["issue"] = issue
    if "pages" in fields:
        pages = normalize_pages(clean(fields["pages"][0]).strip("()"))
        if pages:
            csl["page"] = pages
    return csl


def guess_type(csl: CSL, text: str) -> str:
    lowered = text.lower()
    if re.search(r"\b(?:thesis|dissertation)\b", lowered):
        return "thesis"
    if "editor" in csl and "container-title" in csl:
        return "chapter"
    if "container-title" in csl:
        if re.search(r"\b(?:proceedings|conference|symposium|workshop)\b", lowered):
            return "paper-conference"
        return "article-journal"
    if "publisher" in csl:
        return "book"
    if re.search(r"\breport\b", lowered):
        return "report"
    if re.search(r"https?://|www\.", text):
        return "webpage"
    return "article"


def parse(text: str, tagger: Tagger | None = None) -> CSL | None:
    """Fields of one reference by the model, or None when no model is available."""
    tagger = tagger or default_tagger()
    if tagger is None:
        return None
    text = strip_markup(text[:2000])  # bounded time on garbage; no reference is longer
    spans = token_spans(text)
    tokens = [s[0] for s in spans]
    labels = repair(tokens, tagger.tag(tokens))
    csl = to_csl(_spans(text, labels, spans))
    csl["type"] = guess_type(csl, text)
    return csl
