"""The trained field tagger: a linear-chain CRF (python-crfsuite) over reference tokens.

Tokens are words with punctuation split off (``2018;23(4):801-811`` is seven tokens), each with
features of shape, case, punctuation, position and dictionary hits. The model ships in
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
from auditor.parse.normalize import MONTHS, clean, date_parts, normalize_pages

MODEL_FILE = "parser.crfsuite"
WORDS_FILE = "journal-words.txt"
# Links and DOIs are one token each: split at their brackets and colons, a DOI such as
# 10.1016/s0006-3223(99)00230-9 would hand the tagger a volume and pages to misplace.
_TOKEN_RE = re.compile(r"(?:https?://|www\.|\b10\.\d{4,9}/)\S+|[\"“”()\[\];:,]|[^\s\"“”()\[\];:,]+")
_YEAR_RE = re.compile(r"^\(?(1[5-9]\d\d|20\d\d)[a-z]?\)?[.,;:]?$")
_PAGES_RE = re.compile(r"^[A-Za-z]?\d+[A-Za-z]?[-–—][A-Za-z]?\d+[.,;]?$")
_INITIAL_RE = re.compile(r"^(?:[A-Z]\.){1,3}[,;]?$|^[A-Z]{1,3}[.,]?$")
_LOCK = threading.Lock()


def tokenize(text: str) -> list[str]:
    return _TOKEN_RE.findall(text)


def token_spans(text: str) -> list[tuple[str, int, int]]:
    return [(text[a:b], a, b) for a, b in map(re.Match.span, _TOKEN_RE.finditer(text))]


def _shape(tok: str) -> str:
    out: list[str] = []
    for ch in tok[:8]:
        kind = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if not out or out[-1] != kind:
            out.append(kind)
    return "".join(out)


@lru_cache(maxsize=1)
def journal_words() -> frozenset[str]:
    """Words seen in journal titles and abbreviations (a dictionary feature)."""
    try:
        text = resources.files("auditor.data").joinpath(WORDS_FILE).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return frozenset()
    return frozenset(text.split())


def _token_features(tok: str) -> tuple[str, ...]:
    """Features of a token alone (cached through :func:`_views`, their only caller)."""
    words = journal_words()
    low = tok.lower()
    core = low.strip(".,;:'’\"")
    f = [f"w={core}", f"sh={_shape(tok)}", f"s3={core[-3:]}", f"p2={core[:2]}"]
    if tok[:1].isupper():
        f.append("cap")
    if tok.isupper() and len(tok) > 1:
        f.append("upper")
    if any(c.isdigit() for c in tok):
        f.append("digit")
        if core.isdigit():
            f.append(f"num{min(len(core), 5)}")
    if _YEAR_RE.match(tok):
        f.append("year")
    if _PAGES_RE.match(tok):
        f.append("pages")
    if _INITIAL_RE.match(tok):
        f.append("initial")
    if tok.endswith("."):
        f.append("end.")
    if core in MONTHS:
        f.append("month")
    if core in words:
        f.append("jword")
    if core in ("in", "eds", "ed", "editor", "editors", "(eds", "(ed"):
        f.append("edword")
    if core in ("vol", "volume", "no", "issue", "pp", "p", "pages"):
        f.append("locword")
    if "http" in low or "www." in low or low.startswith("doi") or "10." in low[:3]:
        f.append("link")
    return tuple(f)


_OPEN_QUOTES = frozenset("\"“‘«")
_CLOSE_QUOTES = frozenset("\"”’»")
# Attributes are handed to crfsuite as UTF-8 bytes, built once: converting str on every call
# cost a sixth of tagging time.
_SENTENCE = tuple(f"sent={n}".encode() for n in range(7))
_POSITION = tuple(f"pos={n}".encode() for n in range(10))
_SFIRST, _AFTERQ, _INQ, _INP, _AFTERY = b"sfirst", b"afterq", b"inq", b"inp", b"aftery"
_BOS, _EOS = (b"BOS",), (b"EOS",)
Row = tuple[bytes, ...]


def _state_features(tokens: list[str]) -> list[Row]:
    """Where each token stands: inside quotes or brackets, which sentence, after the year."""
    out = []
    quoted = False
    depth = 0
    sentence = 0
    seen_year = False
    closed_quote = False
    new_sentence = True
    for tok in tokens:
        row: Row = (_SENTENCE[min(sentence, 6)],)
        if new_sentence:
            row += (_SFIRST,)
        if closed_quote:
            row += (_AFTERQ,)
        if quoted:
            row += (_INQ,)
        if depth:
            row += (_INP,)
        if seen_year:
            row += (_AFTERY,)
        out.append(row)
        if tok in _OPEN_QUOTES or tok in _CLOSE_QUOTES:
            closed_quote = closed_quote or quoted
            quoted = not quoted if tok == '"' else tok in _OPEN_QUOTES
        elif tok in "([":
            depth += 1
        elif tok in ")]":
            depth = max(0, depth - 1)
        new_sentence = (tok.endswith((".", "?", "!")) and len(tok) > 2
                        and not _INITIAL_RE.match(tok))
        sentence += new_sentence
        seen_year = seen_year or bool(_YEAR_RE.match(tok))
    return out


Views = tuple[Row, Row, Row, Row, Row]


@lru_cache(maxsize=65536)
def _views(tok: str) -> Views:
    """A token's features as itself and as seen from neighbours at -1, +1, -2 and +2, cached
    together: punctuation, initials and years repeat endlessly, and one lookup beats five."""
    feats = _token_features(tok)

    def encoded(prefix: str, names: tuple[str, ...]) -> Row:
        return tuple((prefix + x).encode() for x in names)

    return (encoded("", feats), encoded("-1", (*feats[:2], *feats[4:])),
            encoded("+1", feats[:2]), encoded("-2", feats[:2]), encoded("+2", feats[:2]))


def features(tokens: list[str]) -> list[Row]:
    """Per-token feature lists, with neighbours' words and shapes."""
    state = _state_features(tokens)
    views = [_views(tok) for tok in tokens]
    n = len(tokens)
    out = []
    for i in range(n):
        row = views[i][0] + state[i] + (_POSITION[10 * i // n],)
        row += views[i - 1][1] if i else _BOS
        row += views[i + 1][2] if i < n - 1 else _EOS
        if i > 1:
            row += views[i - 2][3]
        if i < n - 2:
            row += views[i + 2][4]
        out.append(row)
    return out


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


def repair(tokens: list[str], labels: list[str]) -> list[str]:
    """Label fixes no style disputes: ``338(6103)`` after a volume is its issue, whatever the
    tagger made of the number in brackets (a four-digit issue looks like pages); ``10 (1978)``
    stays a year."""
    out = list(labels)
    for i in range(1, len(tokens) - 2):
        if (tokens[i] == "(" and out[i - 1] == "volume" and tokens[i + 2] == ")"
                and out[i + 1] not in ("volume", "issue", "date")
                and _ISSUE_RE.fullmatch(tokens[i + 1]) and not _YEAR_RE.match(tokens[i + 1])):
            out[i + 1] = "issue"
    return out


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


def _volume_issue(volume: str | None, issue: str | None) -> tuple[str | None, str | None]:
    if volume:
        v = re.sub(r"^(?:vol(?:ume)?\.?\s*)", "", clean(volume), flags=re.IGNORECASE)
        m = re.match(r"^(\w+)\s*(?:\(([^)]+)\)|\.(\d+))", v)
        if m:
            volume, issue = m.group(1), issue or m.group(2) or m.group(3)
        else:
            volume = v.strip("()") or None
    if issue:
        issue = re.sub(r"^(?:no\.?|issue)\s*", "", clean(issue).strip("()"), flags=re.IGNORECASE)
    return volume, issue or None


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
        editors, _ = names.parse_any(re.sub(r"\(?\b[Ee]ds?\b\.?\)?|^In:?\s", "",
                                            " ".join(fields["editor"])))
        if editors:
            csl["editor"] = editors
    for label, key in (("title", "title"), ("container-title", "container-title"),
                       ("collection-title", "collection-title"), ("publisher", "publisher"),
                       ("location", "publisher-place"), ("edition", "edition")):
        if label in fields:
            value = clean(re.sub(r"^In:?\s+", "", fields[label][0]))
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
    text = text[:2000]  # bounded time on garbage; no reference is longer
    spans = token_spans(text)
    tokens = [s[0] for s in spans]
    labels = repair(tokens, tagger.tag(tokens))
    csl = to_csl(_spans(text, labels, spans))
    csl["type"] = guess_type(csl, text)
    return csl
