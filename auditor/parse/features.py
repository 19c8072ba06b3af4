"""Reference tokens and the features the field tagger reads.

Tokens are words with punctuation split off (``2018;23(4):801-811`` is seven tokens), each with
features of shape, case, punctuation, position and dictionary hits, plus the shape of the
sentence and of the run between commas it stands in, and whether it is inside a known journal
name: a linear-chain model sees two tokens either side, and where a title ends and a journal
begins is decided by the whole part. Training (``benchmarks/train_parser.py``) and tagging
(:mod:`auditor.parse.crf`) both call :func:`features`, so they cannot drift apart.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from auditor.identifiers import DOI_PREFIX
from auditor.parse.normalize import MONTHS

WORDS_FILE = "journal-words.txt"
NAMES_FILE = "journal-names.txt"
# Links and DOIs are one token each: split at their brackets and colons, a DOI such as
# 10.1016/s0006-3223(99)00230-9 would hand the tagger a volume and pages to misplace.
_TOKEN_RE = re.compile(
    r"(?:https?://|www\.|\b" + DOI_PREFIX + r")\S+|[\"“”()\[\];:,]|[^\s\"“”()\[\];:,]+")
YEAR_RE = re.compile(r"^\(?(1[5-9]\d\d|20\d\d)[a-z]?\)?[.,;:]?$")
_PAGES_RE = re.compile(r"^[A-Za-z]?\d+[A-Za-z]?[-–—][A-Za-z]?\d+[.,;]?$")
_INITIAL_RE = re.compile(r"^(?:[A-Z]\.){1,3}[,;]?$|^[A-Z]{1,3}[.,]?$")


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


def _data_lines(name: str) -> list[str]:
    """The lines of a shipped lexicon; none when the package was built without it (the
    tagger then runs without that feature rather than fail)."""
    try:
        text = resources.files("auditor.data").joinpath(name).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return []
    return [line for line in text.split("\n") if line]


@lru_cache(maxsize=1)
def journal_words() -> frozenset[str]:
    """Words seen in journal titles and abbreviations (a dictionary feature)."""
    return frozenset(_data_lines(WORDS_FILE))


_CORE_RE = re.compile(r"[^\W_]+|&")


def name_core(text: str) -> str:
    """A word as journal names are matched: lower case, letters, digits and '&' only."""
    return "".join(_CORE_RE.findall(text.lower()))


@lru_cache(maxsize=1)
def journal_names() -> tuple[frozenset[str], frozenset[str]]:
    """Known journal titles (words joined by spaces) and abbreviations (words run together),
    with every prefix a match can pass through: a linear-chain model sees two tokens either
    side, and "Leukemia research" after a title is a journal only to one that knows it."""
    full = frozenset(_data_lines(NAMES_FILE))
    prefixes: set[str] = set()
    for name in full:
        words = name.split(" ")
        prefixes.update(" ".join(words[:n]) for n in range(1, len(words)))
        if len(words) == 1:
            prefixes.update(name[:n] for n in range(1, len(name)))
    return full, frozenset(prefixes)


_MAX_NAME_TOKENS = 12
# Words run together shorter than this are initials more often than a journal ("J. P. A.").
MIN_JOINED = 5


_OPEN_QUOTES = frozenset("\"“‘«")
_CLOSE_QUOTES = frozenset("\"”’»")
_SMALL_WORDS = frozenset("a an and as at by de for from in of on or the to with".split())
_SEGMENT_BREAKS = frozenset(",;:()[]")
_OTHER, _CAPITAL, _LOWER, _NUMBER = range(4)
_PLAIN, _TOGGLE_QUOTE, _OPEN_QUOTE, _CLOSE_QUOTE, _OPEN_BRACKET, _CLOSE_BRACKET = range(6)


class Word(NamedTuple):
    """What the state features need of a token, computed once per distinct token."""

    core: str  # lower-case letters and digits, as journal names are matched
    kind: int  # _CAPITAL (or a small linking word), _LOWER, _NUMBER or _OTHER
    stop: bool  # ends a sentence (a period after a word, not after an initial)
    year: bool
    mark: int  # quote or bracket
    breaks: bool  # a run between commas, semicolons, colons or brackets ends here


@lru_cache(maxsize=65536)
def _word(tok: str) -> Word:
    """Cached: punctuation, initials and years recur in every reference, and the state
    features read these facts for each token of it."""
    if tok[:1].isalpha():
        kind = _CAPITAL if tok[:1].isupper() or tok.lower() in _SMALL_WORDS else _LOWER
    else:
        kind = _NUMBER if tok[:1].isdigit() else _OTHER
    stop = tok.endswith((".", "?", "!")) and len(tok) > 2 and not _INITIAL_RE.match(tok)
    mark = (_TOGGLE_QUOTE if tok == '"' else _OPEN_QUOTE if tok in _OPEN_QUOTES
            else _CLOSE_QUOTE if tok in _CLOSE_QUOTES else _OPEN_BRACKET if tok in ("(", "[")
            else _CLOSE_BRACKET if tok in (")", "]") else _PLAIN)
    return Word(name_core(tok), kind, stop, bool(YEAR_RE.match(tok)), mark,
                tok in _SEGMENT_BREAKS)


def journal_spans(tokens: list[str]) -> list[int]:
    """For each token, the length in words of the longest known journal name covering it (0
    when none). Titles match word by word, abbreviations ("Leuk Res") with words run together;
    punctuation inside a name is passed over."""
    return _journal_cover([_word(t).core for t in tokens])


def _journal_cover(cores: list[str]) -> list[int]:
    full, prefixes = journal_names()
    n = len(cores)
    cover = [0] * n
    if not full:
        return cover
    for i, core in enumerate(cores):
        if not core or (core not in prefixes and core not in full):
            continue
        spaced = joined = core
        best, size, words = (i + 1, 1, 1) if core in full else (0, 0, 1)
        for j in range(i + 1, min(n, i + _MAX_NAME_TOKENS)):
            core = cores[j]
            if not core:
                continue
            spaced, joined, words = f"{spaced} {core}", joined + core, words + 1
            if spaced in full or (len(joined) >= MIN_JOINED and joined in full):
                best, size = j + 1, words
            if spaced not in prefixes and joined not in prefixes:
                break
        for k in range(i, best):
            cover[k] = max(cover[k], size)
    return cover


def _token_features(tok: str) -> tuple[str, ...]:
    """Features of a token alone (cached through :func:`_views`, their only caller)."""
    words = journal_words()
    low = tok.lower()
    core = low.strip(".,;:'’\"")
    # Each earns its place on the validation tenth (micro-F1 0.904 with all): without the
    # two-letter prefix 0.903, without the shapes of tokens two away 0.899.
    f = [f"w={core}", f"sh={_shape(tok)}", f"s3={core[-3:]}", f"p2={core[:2]}"]
    if tok[:1].isupper():
        f.append("cap")
    if tok.isupper() and len(tok) > 1:
        f.append("upper")
    if any(c.isdigit() for c in tok):
        f.append("digit")
        if core.isdigit():
            f.append(f"num{min(len(core), 5)}")
    if YEAR_RE.match(tok):
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


Row = tuple[bytes, ...]
# Attributes are handed to crfsuite as UTF-8 bytes, built once: converting str on every call
# cost a sixth of tagging time.
_SENTENCE = tuple(f"sent={n}".encode() for n in range(7))  # the seventh and beyond are one
_POSITION = tuple(f"pos={n}".encode() for n in range(10))
_SFIRST, _AFTERQ, _INQ, _INP, _AFTERY = b"sfirst", b"afterq", b"inq", b"inp", b"aftery"
_BOS, _EOS = (b"BOS",), (b"EOS",)
# Stand-ins for the views of missing neighbours: BOS/EOS next to an edge, nothing beyond it.
_START: tuple[Row, ...] = ((), _BOS, (), (), ())
_END: tuple[Row, ...] = ((), (), _EOS, (), ())
_EDGE: tuple[Row, ...] = ((), (), (), (), ())


# By the length in words of the journal name a token is in (names run to _MAX_NAME_TOKENS).
_JNAME: tuple[Row, ...] = ((), (b"jname1",), (b"jname",), (b"jname",),
                           *[(b"jname4",)] * (_MAX_NAME_TOKENS - 3))
# Part lengths in tokens, bucketed: 1, 2, 3, 4-6, 7-12, 13 and more.
_LENGTH_BUCKETS = (0, 1, 2, 3, 4, 4, 4, 7, 7, 7, 7, 7, 7, 13)


class _PartNames:
    """Prebuilt attribute names for one way of cutting a reference into parts: one attribute
    per token for the part's whole shape (length bucket and flags), one for its last token."""

    def __init__(self, prefix: str) -> None:
        self.shape = {(n, flags): f"{prefix}={n}{flags}".encode()
                      for n in set(_LENGTH_BUCKETS[1:])
                      for flags in ("".join(f) for f in _flag_sets())}
        self.end = f"{prefix}end".encode()


def _flag_sets() -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = [()]
    for flag in "CDNL":
        out += [(*f, flag) for f in out]
    return out


_SENTENCE_PART, _SEGMENT_PART = _PartNames("s"), _PartNames("c")


def _part_rows(kinds: list[int], starts: list[int], names: _PartNames) -> list[Row]:
    """What a whole part (a sentence, or a run between commas) looks like, for each of its
    tokens: its length, whether every word is capitalised (journal and publisher names are),
    whether it holds numbers, whether the next part opens with a number (a journal before its
    volume), whether it is the last. A linear-chain model sees two tokens either side; these
    see the whole part."""
    bounds = [*starts, len(kinds)]
    last = len(starts) - 1
    out: list[Row] = []
    for n in range(len(starts)):
        a, b = bounds[n], bounds[n + 1]
        part = kinds[a:b]
        flags = ("C" if _CAPITAL in part and _LOWER not in part else "") + (
            "D" if _NUMBER in part else "") + (
            "N" if n < last and kinds[b] == _NUMBER else "") + ("L" if n == last else "")
        row: Row = (names.shape[_LENGTH_BUCKETS[b - a] if b - a < 13 else 13, flags],)
        out.extend([row] * (b - a - 1))
        out.append((*row, names.end))
    return out


def _state_features(tokens: list[str]) -> list[Row]:
    """Where each token stands: inside quotes or brackets, which sentence and what that
    sentence and the run between commas look like, after the year, inside a journal name."""
    words = [_word(t) for t in tokens]
    out = []
    quoted = closed_quote = seen_year = False
    depth = sentence = 0
    new_sentence = new_segment = True
    starts: list[int] = []
    segment_starts: list[int] = []
    for i, word in enumerate(words):
        row: Row = (_SENTENCE[sentence],)
        if new_sentence:
            row += (_SFIRST,)
            starts.append(i)
        if new_sentence or new_segment:
            segment_starts.append(i)
        if closed_quote:
            row += (_AFTERQ,)
        if quoted:
            row += (_INQ,)
        if depth:
            row += (_INP,)
        if seen_year:
            row += (_AFTERY,)
        out.append(row)
        mark = word.mark
        if mark == _OPEN_BRACKET:
            depth += 1
        elif mark == _CLOSE_BRACKET:
            depth = max(0, depth - 1)
        elif mark:
            closed_quote = closed_quote or quoted
            quoted = not quoted if mark == _TOGGLE_QUOTE else mark == _OPEN_QUOTE
        new_sentence, new_segment = word.stop, word.breaks
        sentence += new_sentence and sentence < 6
        seen_year = seen_year or word.year
    kinds = [w.kind for w in words]
    sentences = _part_rows(kinds, starts, _SENTENCE_PART)
    segments = _part_rows(kinds, segment_starts, _SEGMENT_PART)
    names = _journal_cover([w.core for w in words])
    return [(*row, *sentences[i], *segments[i], *_JNAME[names[i]])
            for i, row in enumerate(out)]


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
    # Padded so every token has two neighbours each side: one flat tuple per token, built
    # in one step (repeated concatenation cost a fifth of tagging time).
    padded = [_EDGE, _START, *views, _END, _EDGE]
    return [(*views[i][0], *state[i], _POSITION[10 * i // n], *padded[i + 1][1],
             *padded[i + 3][2], *padded[i][3], *padded[i + 4][4]) for i in range(n)]
