"""The facts about each line that the finder and the segmenter read.

A reference list is recognised the way a reader recognises one: lines that open with a label
in sequence or an author's name, hold a year, initials, page ranges and identifiers, end on a
period, hang below each other, and sit together under a heading near the end. Each of those
is a fact here, never a decision: the models weigh them (``auditor/data/finder.crfsuite`` and
``segmenter.crfsuite``, trained by ``benchmarks/train_sections.py``). Training and tagging
both call :func:`document_lines` and :mod:`auditor.sections.context`, so they cannot drift
apart.

Blank lines are not items of the sequences; how many preceded a line is one of its facts.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from sys import intern

from auditor.identifiers import DOI_PREFIX
from auditor.lexicon import LINK_FURNITURE, REPEATED_AUTHORS_RE, RULES, is_page_number
from auditor.models import Block
from auditor.sections import shipped

# Reference headings (several languages) and the headings of the parts that follow a list.
REFERENCE_HEADINGS = (
    "references", "reference list", "references cited", "list of references", "bibliography",
    "select bibliography", "selected bibliography", "literature cited", "cited literature",
    "works cited", "works consulted", "sources", "notes and references", "references and notes",
    "literature", "citations", "further reading", "bibliography and references",
    "bibliografía", "referencias", "referencias bibliográficas", "références",
    "références bibliographiques", "bibliographie", "literatur", "literaturverzeichnis",
    "quellen", "quellenverzeichnis", "bibliografia", "riferimenti bibliografici", "referências",
    "referências bibliográficas", "piśmiennictwo", "literatura", "bibliografie", "referenties",
    "litteratur", "referenser", "kaynaklar", "kaynakça", "список литературы", "литература",
    "библиография", "参考文献", "文献", "참고문헌", "المراجع", "βιβλιογραφία",
    # web pages and books
    "notes and sources", "sources and notes", "reading list",
    "suggested reading", "recommended reading", "additional reading", "sources cited",
)
OTHER_HEADINGS = (
    "abstract", "introduction", "background", "methods", "materials and methods", "results",
    "discussion", "conclusion", "conclusions", "summary", "acknowledgements",
    "acknowledgments", "acknowledgement", "acknowledgment", "appendix", "appendices",
    "supplementary material", "supplementary materials", "supplementary information",
    "supporting information", "footnotes", "notes", "endnotes", "about the author",
    "about the authors", "author information", "author contributions", "funding",
    "conflict of interest", "conflicts of interest", "competing interests", "declarations",
    "declaration of competing interest", "data availability", "ethics statement", "keywords",
    "abbreviations", "figures", "tables", "figure legends", "table of contents", "contents",
    "cited by", "related articles", "how to cite", "cite this article", "license", "licence",
    "copyright", "downloads", "metrics", "share", "comments", "index", "glossary", "vita",
    "curriculum vitae", "preface", "foreword", "dedication", "list of figures",
    "list of tables", "chapter",
)
_NUMBERING = r"(?:(?:chapter|section|part)\s+)?(?:\d+(?:\.\d+)*\.?|[IVXivx]+\.|[A-Z]\.)?"


def _lexicon_re(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(r"(?:#{1,6}\s*)?" + _NUMBERING + r"\s*(?P<word>" + alternatives
                      + r")\s*:?", re.IGNORECASE)


_REF_HEADING_RE = _lexicon_re(REFERENCE_HEADINGS)
_OTHER_HEADING_RE = _lexicon_re(OTHER_HEADINGS)
_REF_HEADING_START_RE = re.compile(
    r"(?:" + "|".join(re.escape(w) for w in sorted(REFERENCE_HEADINGS, key=len, reverse=True))
    + r")\b", re.IGNORECASE)

# Printed labels at the start of a line: [12], (12), 12., 12), a bare 12, and sub-labels.
# A printed label: "[12]", "(12)", "12." or "12)" (up to 99,999: lists of many thousand
# entries exist), a bare "12 " (up to 9,999), or a key "[Smi04]".
LABEL_RE = re.compile(r"(?:\[(\d{1,5})\]|\((\d{1,5})\)|(\d{1,5})(?=[.)](?!\d))[.)]|"
                      r"(\d{1,4})(?=\s)|\[([A-Z][A-Za-z+.\-]{0,10}\d{0,4}[a-z]?)\])")
_SUBLABEL_RE = re.compile(r"\(?[a-h]\s?\)\s")
# A bullet, or Wikipedia's "^" before a note with the letters of its back-links ("^ a b ").
_BULLET_RE = re.compile(r"(?:[•·▪◦‣*\-–—]|\^(?:\s[a-z]{1,2}(?=\s))*)\s")
_YEAR_RE = re.compile(r"(?<![\d/.])(?:1[6-9]\d\d|20\d\d)(?:[a-z]|[-–/]\d{2,4})?(?![\d/])")
_YEAR_PAREN_RE = re.compile(r"\(\s*(?:1[6-9]\d\d|20\d\d)[a-z]?\s*\)")
_ID_RE = re.compile(r"\b" + DOI_PREFIX + r"|doi\s*:|https?://|www\.|\bpmid\b|\bisbn\b|\barxiv\b|"
                    r"\bpmc\d", re.IGNORECASE)
# Locators: "12(3):", "12: 45", "45-67" after a digit; "pp. 4", "Vol.", "No. 3" by word.
# Two patterns, the word one run only where a period or "olume" is: an alternation of
# word-boundary branches is tried at every position of a line and cost a fifth of the facts.
_DIGIT_LOCATOR_RE = re.compile(r"\d\s*(?:\(\s*[\w\-–/ ]{1,12}\)\s*[:,]|[:;]\s*[A-Za-z]?\d|"
                               r"[-–]\s*\d)")
_WORD_LOCATOR_RE = re.compile(r"\bpp?\.\s*\d|\b[Vv]ol\.|\bVolume\b|\bNo\.\s*\d")
# Author-like openings, by style: "Smith, J." / "Smith JA," / "J. Smith" / "Smith, John" /
# "SMITH, J." / "van der Berg, A." / an organisation ending in a period. A capital is any
# Latin, Greek or Cyrillic capital ("Štvrtinová V", "İ. H. Adil", "Ørsted, H.", "Большаков
# В.Д.", "Παπαδόπουλος, Γ."), a lower case letter any of theirs: a list of Czech, Turkish,
# Danish, Greek or Russian names is a list like any other.
_ALPHABETS = (*range(0x41, 0x250), *range(0x370, 0x530))  # Latin; Greek and Cyrillic
_UP = "A-Z" + "".join(chr(c) for c in _ALPHABETS if c >= 0xC0 and chr(c).isupper() and
                      chr(c).isalpha())
_LOW = "a-z" + "".join(chr(c) for c in _ALPHABETS if c >= 0xDF and chr(c).islower())
_NAME_LETTERS = frozenset(chr(c) for c in _ALPHABETS if chr(c).isalpha())


def _letters(pattern: str) -> str:
    """``pattern`` with "UP" and "LOW" standing for every capital and lower case letter."""
    return pattern.replace("UP", _UP).replace("LOW", _LOW)


def _author_re(pattern: str) -> re.Pattern[str]:
    return re.compile(_letters(pattern))


_AUTHOR_RES = (
    ("sc_i", _author_re(r"(?:[LOW]{1,4}\s){0,2}[UP][\w'’\-]+(?:\s[UP][\w'’\-]+)?,\s?"
                        r"(?:[UP]\.\s?-?){1,3}")),
    ("s_ii", _author_re(r"(?:[LOW]{1,4}\s){0,2}[UP][\w'’\-]+(?:\s[UP][\w'’\-]+)?\s"
                        r"[UP]{1,3}[,.:]")),
    ("i_s", _author_re(r"(?:[UP]\.\s?-?){1,3}\s?(?:[LOW]{1,4}\s){0,2}[UP][\w'’\-]+[,.]?")),
    ("sc_w", _author_re(r"[UP][\w'’\-]+,\s[UP][LOW][\w\-]*")),
    ("caps", _author_re(r"[UP]{2}[UP'’\-]*,")),  # {2,} then * over the same letters: quadratic
    ("ws_w", _author_re(r"[UP][LOW]+\s[UP][\w'’\-]+[,.]\s")),
    # IOP and Nature physics: "Karassiov V P 1994", "Lee Y-H, Yang W-L and Zhang Y-Z 2010"
    ("s_i_i", _author_re(r"(?:[LOW]{1,4}\s){0,2}[UP][\w'’\-]+(?:\s[UP](?:-[UP])?){1,3}"
                         r"(?:,\s|\sand\s|\s(?:1[6-9]|20)\d\d\b)")),
    # Physics and astronomy lists name the first author only: "Bashir Inam-ul et al.,"
    ("etal", _author_re(r"(?:[LOW]{1,4}\s){0,2}[UP][\w'’\-]+(?:\s[UP][\w'’\-]+){0,2},?"
                        r"\set\.?\s?al\b")),
)
# All forms in one pattern, tried in the order above (an alternation tries its branches in
# order, as the separate patterns would be): one call per line instead of seven.
_AUTHOR_RE = re.compile("|".join(f"(?P<{name}>{pattern.pattern})"
                                 for name, pattern in _AUTHOR_RES))
_INITIAL_RE = _author_re(r"(?<![\w])[UP]\.(?=[\s,\-]|[UP]\.)")
# A label a text layer glued to the entry it numbers ("1Berman RM", "12Štvrtinová V", "3J.
# Smith", "2DEA United States", "4———. 1999.", "4-, 1855.", "5“Chinooks,”", '6"Handbook',
# "7김미정"): a superscript or bold number printed without a period, copied without the space
# after it. Up to three digits: "2000Smith" is a year run on; a capital alone ("3D
# printing", "1H NMR"), a lower case letter ("2nd ed."), a hyphen before a digit ("12-15")
# and a quote after a number (12", inches in a figure) are no entry's opening. It counts as
# a label only in the list's sequence, as any other.
_CASELESS_SCRIPTS = ("\u0590-\u08ff\u0900-\u0dff\u0e00-\u0eff\u1100-\u11ff\u3040-\u30ff"
                     "\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af")
GLUED_OPENING = _letters(r"[UP](?:[LOW]|\.|[UP]+[\s,.])|[—―_“«]|-+(?=[\s,.])|-{2,}|"
                         r"\"(?=[^\W\d_])|" f"[{_CASELESS_SCRIPTS}]")
_GLUED_RE = re.compile(rf"(\d{{1,3}})(?={GLUED_OPENING})")
_WORD_RE = re.compile(r"[^\W\d_]+")
# How the notes around a list open: the editor who handled it, dates of receipt and review,
# correspondence, funding, captions, licences, and the back matter a journal runs into its
# paragraph ("Acknowledgements We thank ...", "Author Contributions P.Z. designed ..."), often
# right below the last entry. One fact for all of them, so that a form the training lists
# print rarely ("Communicated by", "Page last reviewed") shares what the common ones taught.
NOTE_OPENINGS = (
    "acknowledgements", "acknowledgments", "acknowledgement", "acknowledgment",
    "author contributions", "author information", "additional information",
    "supplementary information", "data availability",
    "received", "accepted", "revised", "published online", "communicated by", "edited by",
    "editor:", "editors:", "handling editor", "academic editor", "reviewed by",
    "peer reviewed by", "medically reviewed by", "last updated", "last reviewed",
    "last modified", "page last reviewed", "page last updated", "updated:", "correspondence",
    "corresponding author", "copyright", "©", "all rights reserved", "presented in part",
    "presented at", "this work was supported", "this study was supported",
    "this research was supported", "this work was funded", "supported by", "funded by",
    "funding:", "note:", "notes:", "conflict of interest", "conflicts of interest",
    "competing interests", "table ", "figure ", "fig. ", "fig ",
)
_NOTE_RE = re.compile(r"\*?\s*(?:" + "|".join(
    re.escape(w).replace(r"\ ", r"\s+") + (r"\d" if w.endswith(" ") else "")
    for w in sorted(NOTE_OPENINGS, key=len, reverse=True)) + ")", re.IGNORECASE)
# What a download platform stamps on every page of a PDF, anywhere in the line ("This content
# downloaded from 38.66.77.2 on ...", "14698137, 2019, 3, Downloaded from https://...
# Wiley Online Library", "Authorized licensed use limited to: ... IEEE Xplore"): page
# furniture, which a text layer puts among the entries. "Downloaded on 22 August 2017" is
# left out: the IUCN Red List's entries print it.
DOWNLOAD_STAMPS = ("downloaded from", "downloaded by", "all use subject to",
                   "authorized licensed use", "for personal use only")
_LEADER_RE = re.compile(r"(?:\.\s?){4,}|…{2,}")
_GAP_RE = re.compile(r"(?<!\s)\s{3,}(?=\S)")  # from a run's start only: linear
_DIGITS = "0123456789"
_LOWER_WORD_RE = re.compile(r"[a-z]{2,}[,.;:)]*$")  # a word of prose, not a name or a code
_ZERO_DIGITS = str.maketrans("123456789", "000000000")
PROSE_WORDS = frozenset(
    "that is are was were this these which has have been it its we our can could may would "
    "should will about there their they he she his her you your not than also such when "
    "because however where while into between both".split()
)
JOIN_WORDS = frozenset("and of the in for on to with from by at a an &".split())
_TAB = 4
# Strings one of which an identifier holds: the costlier _ID_RE runs only after one is seen.
_ID_HINT_RE = re.compile(r"10\.|doi|http|www\.|pmid|isbn|arxiv|pmc")
# A line longer than this is read for its facts only this far: no reference line is, and a
# 5 MB single-line document must not cost more than a page.
MAX_SCANNED = 2000


WORDS_FILE = "line-words.txt"


@lru_cache(maxsize=1)
def line_words() -> frozenset[str]:
    """Words that open or close lines in many documents of the training data ("In",
    "Proceedings", "pp", "doi", "Medline"); any other word is just a word, so that the models
    cannot learn one document's running head by heart."""
    found = shipped.path(WORDS_FILE)
    if found is None:
        return frozenset()
    return frozenset(w for w in found.read_text(encoding="utf-8").split("\n") if w)


@dataclass(frozen=True)
class LineView:
    """The non-blank lines of a document as the models see them."""

    numbers: tuple[int, ...]  # index of each item in Document.lines
    texts: tuple[str, ...]  # each line stripped
    facts: tuple[tuple[str, ...], ...]  # each line's facts, as "name=value" strings
    labels: tuple[int | None, ...]  # the number each line's label prints, if any
    keys: tuple[tuple[str, str, str], ...]  # (how it ends, how it starts, its length)
    # the number a line that is nothing but a label prints ("25." above its entry, as a
    # text layer reads a label set in a column of its own); years and labels with a body
    # are None
    alone: tuple[int | None, ...]
    # how many lines of the document share each line's running-head shape when a page
    # number at its end is set aside ("Chapter 1 – Introduction 273" and "... Introduction")
    loose: tuple[int, ...]
    indents: tuple[int, ...]  # how far each line is set in, in columns


def _indent(line: str) -> int:
    head = line[: len(line) - len(line.lstrip(" \t"))]
    return head.count(" ") + _TAB * head.count("\t")


def bucket(value: float, edges: tuple[float, ...]) -> int:
    """How many of ``edges`` (ascending) ``value`` has reached."""
    return bisect_right(edges, value)


class Buckets:
    """A fact that names which of its ``edges`` (ascending) a value has reached: "len=3".
    The fact strings are made once, not per line."""

    def __init__(self, name: str, edges: tuple[float, ...]) -> None:
        self.edges = edges
        self.names = tuple(intern(f"{name}={i}") for i in range(len(edges) + 1))

    def __call__(self, value: float) -> str:
        return self.names[bisect_right(self.edges, value)]


_WORDS_BUCKETS = Buckets("nw", (2, 4, 8, 14))
_DIGITS_BUCKETS = Buckets("dig", (0.01, 0.1, 0.3, 0.6))
_RELATIVE_BUCKETS = Buckets("rel", (0.3, 0.6, 0.85, 1.1))
_LENGTH_BUCKETS = Buckets("len", (3, 10, 30, 60, 90))
_INDENT_BUCKETS = Buckets("ind", (0, 1, 5, 13))


def glued_label(text: str) -> tuple[int, int] | None:
    """The number and width of a label ``text`` opens with run into its entry ("1Berman"),
    or None."""
    m = _GLUED_RE.match(text)
    return (int(m.group(1)), m.end()) if m else None


def label_number(stripped: str) -> tuple[str, int | None, int]:
    """The kind of label a line opens with, its number and the length of the label."""
    m = LABEL_RE.match(stripped)
    if m:
        kind = ("br" if m.group(1) else "pa" if m.group(2) else "key" if m.group(5) else
                "bare" if m.group(4) else
                "dot" if stripped[m.end(3) : m.end(3) + 1] == "." else "par")
        number = next((int(g) for g in m.groups()[:4] if g), None)
        return kind, number, m.end()
    glued = glued_label(stripped)
    if glued:
        return "glu", *glued
    if _SUBLABEL_RE.match(stripped):
        return "sub", None, 0
    if _BULLET_RE.match(stripped):
        return "bul", None, 0
    return "", None, 0


def bullet_width(stripped: str) -> int:
    """The length of the bullet ``stripped`` opens with (with its space), or 0."""
    m = _BULLET_RE.match(stripped)
    return m.end() if m else 0


_SHAPE_TABLE = {c: ("X" if chr(c).isupper() else "x" if chr(c).isalpha() else "d"
                     if chr(c).isdigit() else chr(c)) for c in range(0x530)}


_RUNS = {kind: re.compile(kind + "{2,}") for kind in ("X", "x", "d")}


@lru_cache(maxsize=65536)
def _token_shape(token: str) -> str:
    shaped = token[:10].translate(_SHAPE_TABLE)
    for kind in ("X", "x", "d"):
        shaped = _RUNS[kind].sub(kind, shaped)
    return shaped


@lru_cache(maxsize=65536)
def _last_word_fact(word: str) -> str:
    """"et=" and the shape of a line's last word (one token: ``shape`` of it, made once)."""
    return intern(f"et={shape(word)}")


def shape(text: str) -> str:
    """The character classes of the first three tokens, runs collapsed: "Xx,_X._" for
    "Smith, J.", "X._Xx,_" for "J. Smith,"."""
    tokens = text[:40].split(None, 3)[:3]
    if not tokens:
        return "_"
    return ("_".join(map(_token_shape, tokens)) + "_")[:24]


# A label at most this far past the numbering is near it: a list that skips a number or two
# (a text layer lost a line, an entry was withdrawn) goes on from it.
NEAR_AHEAD = 3
# A text layer can lose a run of labels (a column it did not read): two labels in a row
# that count on from each other, up to this far past the numbering, resume it there.
RESUME_GAP = 100


def near_ahead(last: int | None, value: int) -> bool:
    """Whether a label ``value`` is up to ``NEAR_AHEAD`` past the numbering (at ``last``)."""
    return last is not None and last < value <= last + NEAR_AHEAD


def resumes_ahead(last: int | None, value: int) -> bool:
    """Whether a label ``value`` off the numbering (which stands at ``last``) is near enough
    ahead that the next label counting on from it resumes the numbering there."""
    return last is not None and last < value <= last + RESUME_GAP


def sequence_facts(labels: tuple[int | None, ...]) -> list[str]:
    """Whether each line's label continues the numbering of the lines before it: a label
    counts only in sequence, so a "(2006)" or a page number "12" does not. The numbering
    resumes where two labels in a row count on ("100.", "101." after "1." whose next
    labels the text lost), and after a stray "1" when the next label continues the list
    from before it."""
    out: list[str] = []
    last: int | None = None
    before_one: int | None = None  # where the numbering stood before a "1" restarted it
    ahead: int | None = None  # the label just before, when it was off but not far ahead
    for value in labels:
        if value is None:
            out.append("")
            continue
        resumes = (ahead is not None and value == ahead + 1) or (
            before_one is not None and value == before_one + 1)
        if (last is not None and value == last + 1) or resumes:
            fact = "seq=next"
        elif near_ahead(last, value):  # past the next label, which the branch above took
            fact = "seq=near"
        elif value == 1:
            fact = "seq=one"
        elif last is None:
            fact = "seq=first"  # a list that starts elsewhere than 1
        elif value == last:
            fact = "seq=same"
        else:
            fact = "seq=off"
        if fact == "seq=one":
            before_one = last
        elif fact in ("seq=next", "seq=near"):
            before_one = None
        ahead = value if fact == "seq=off" and resumes_ahead(last, value) else None
        if fact in ("seq=next", "seq=near", "seq=one", "seq=first"):
            last = value
        out.append(fact)
    return out


def heading_word(text: str) -> str | None:
    """The reference heading's word as printed ("References" in "7. References:")."""
    m = _REF_HEADING_RE.fullmatch(text.strip())
    return m.group("word") if m else None


def _heading_kind(stripped: str) -> str:
    if len(stripped) > 60:
        return ""
    if _REF_HEADING_RE.fullmatch(stripped):
        return "ref"
    if _OTHER_HEADING_RE.fullmatch(stripped):
        return "other"
    if _REF_HEADING_START_RE.match(stripped):
        return "refstart"
    return ""


def author_kind(text: str) -> str:
    """The author form ``text`` opens with ("sc_i" for "Smith, J."), "rep" for the rule that
    repeats the authors above, or ""."""
    first = text[:1]
    if first not in _NAME_LETTERS:
        return "rep" if first and first in RULES and REPEATED_AUTHORS_RE.match(text) else ""
    m = _AUTHOR_RE.match(text)
    return m.lastgroup or "" if m else ""


_END_TAIL = 120
_LAST_CHARACTER = {".": "dot", ",": "com", ";": "semi", ":": "col", ")": "par", "]": "br",
                   "/": "slash", "-": "dash", "–": "dash"}


def _end_kind(text: str) -> str:
    last = text[-1]
    tail = text[-_END_TAIL:]  # the last words are all that is read: a long line costs no more
    words = tail.lower().replace("[", " ").replace("]", " ").split()
    if len(words) < 3 and len(tail) < len(text):
        words = text.lower().replace("[", " ").replace("]", " ").split()
    if words and (words[-1] in LINK_FURNITURE or " ".join(words[-2:]) in LINK_FURNITURE):
        return "link"  # "... 26:255-271. CrossRef Medline": a publisher's links end an entry
    if last.isalpha() and tail.rsplit(None, 1)[-1].lower() in JOIN_WORDS:
        return "join"  # "... F. J. Gilman and" goes on
    if last == "-" and len(text) > 1 and text[-2].isalpha():
        return "hyph"
    if last.isdigit():
        return "dig"
    if last.isalpha():
        return "low" if last.islower() else "up"
    return _LAST_CHARACTER.get(last, "oth")


def _block_facts(blocks: tuple[Block, ...], count: int) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = [(intern("bk=none"),)] * count
    for block in blocks:
        kind = f"h{min(block.level, 3)}" if block.kind == "heading" else block.kind
        marker = "mk=ord" if block.marker and block.marker[:1].isdigit() else (
            "mk=bul" if block.marker else "mk=none")
        for i in range(block.start, min(block.end, count)):
            where = ("first" if i == block.start else "cont") + (
                "last" if i == block.end - 1 else "")
            out[i] = (intern(f"bk={kind}"), intern(f"bp={where}"), intern(marker))
    return out


def _shape_key(text: str) -> str:
    """A line as running heads repeat it: case, spacing and page numbers aside."""
    return " ".join(text.lower().split()).translate(_ZERO_DIGITS)


def _opening(text: str, out: list[str]) -> tuple[tuple[str, int | None, bool, str, str], int]:
    """Facts of how a line opens and ends: its label, case, author form, last character.
    Returns (label kind, label number, whether the label is all the line prints, how it
    starts, how it ends) for the pair features, and where the text after the label begins."""
    kind, value, width = label_number(text)
    body = text[width:].lstrip() if width else text
    if kind:
        out.append(f"lab={kind}")
        if not body:
            out.append("labonly")
    out.append(f"sh={shape(body)}")
    start = kind or "none"
    end = "none"
    if body:
        first = body[0]
        case = ("up" if first.isupper() else "low" if first.islower() else
                "dig" if first.isdigit() else "q" if first in "\"“‘'«" else "pun")
        out.append(f"c0={case}")
        author = author_kind(body)
        if author:
            out.append(f"au={author}")
        end = _end_kind(body)
        out.append(f"end={end}")
        # The last word, looked for in the tail first (a line scanned to MAX_SCANNED may end
        # in a run of blanks, then the whole body is read).
        last_word = (body[-40:].rsplit(None, 1) or body.rsplit(None, 1))[-1]
        out.append(_last_word_fact(last_word[-12:]))
        start += "/" + (author or case)
        words = _WORD_RE.findall(body)
        lowered = list(map(str.lower, words))
        if words:
            known = line_words()
            first_word, last = lowered[0], lowered[-1]
            out.append(f"w0={first_word if first_word in known else 'other'}")
            out.append(f"wl={'join' if last in JOIN_WORDS else last if last in known else 'other'}")
        out.append(_WORDS_BUCKETS(len(words)))
        prose = sum(map(PROSE_WORDS.__contains__, lowered))
        out.append(f"prose={min(prose, 3)}")
        if body.isupper() and words:
            out.append("caps")
        if len(words) >= 2 and all(w[0].isupper() for w in words if len(w) > 3):
            out.append("title_case")
    # a bare number before a run of blanks is as often a table's first column ("800   Pd")
    return (kind, value, bool(kind) and not body, start, end), (
        0 if kind == "bare" else len(text) - len(body))


def has_year(text: str) -> bool:
    """Whether ``text`` prints a year of publication (1600-2099, not inside a number)."""
    return _YEAR_RE.search(text) is not None


def has_locator(text: str) -> bool:
    """Whether ``text`` prints a volume, issue or page, as the line facts read one."""
    return _has_locator(text, sum(c.isdigit() for c in text))


def _has_locator(text: str, digits: int) -> bool:
    """Whether ``text`` (holding ``digits`` digits) prints a volume, issue or page."""
    if digits and _DIGIT_LOCATOR_RE.search(text):
        return True
    return ("." in text or "olume" in text) and _WORD_LOCATOR_RE.search(text) is not None


def _words_after_id(text: str) -> int | None:
    """How many lower-case words (up to 3) follow the line's last identifier, or None where
    it prints none: an entry prints its DOI or URL last, or before an access note
    ("Accessed 5 May 2020"), while prose that cites through a link goes on with its
    sentence ("... (https://doi.org/...) compared psilocybin with escitalopram.")."""
    starts = [m.start() for m in _ID_RE.finditer(text)]
    if not starts:
        return None
    after = text[starts[-1]:].split()[1:]
    return min(sum(1 for word in after if _LOWER_WORD_RE.match(word)), 3)


def _content(text: str, body_at: int, length: int, out: list[str]) -> None:
    """Facts of what a line holds: years, identifiers, locators, initials, punctuation.
    Each pattern runs only where the characters it needs are present. ``body_at`` is where
    the text after the line's label begins."""
    lower = text.lower()
    digits = sum(map(text.count, _DIGITS))
    heading = _heading_kind(text)
    if heading:
        out.append(f"head={heading}")
    if digits >= 4:
        years = _YEAR_RE.findall(text)
        if years:
            out.append(f"year={min(len(years), 2)}")
            if _YEAR_PAREN_RE.search(text):
                out.append("yearp")
    # one pass of the identifier pattern says both whether the line holds one and what
    # follows the last
    after_id = _words_after_id(text) if _ID_HINT_RE.search(lower) else None
    if after_id is not None:
        out.extend(("id", f"idw={after_id}"))
    if _has_locator(text, digits):
        out.append("loc")
    initials = len(_INITIAL_RE.findall(text)) if "." in text else 0
    out.append(f"ini={min(initials, 3)}")
    out.append(f"com={min(text.count(','), 4)}")
    if _NOTE_RE.match(text):
        out.append("note")
    if "et al" in text:
        out.append("etal")
    # each stamp holds "ownload" or " use ": the table is read only then
    if ("ownload" in lower or " use " in lower) and any(
            stamp in lower for stamp in DOWNLOAD_STAMPS):
        out.append("stamp")
    if "“" in text or "”" in text or '"' in text:
        out.append("quote")
    if is_page_number(text):
        out.append("pagenum")
    if (text.count(".") >= 4 or "……" in text) and _LEADER_RE.search(text):
        out.append("leader")
    if "   " in text or "\t" in text:
        # from the label's end: a label set in a column of its own ("1.   Berman, R. M.",
        # "[12]    Kay, S.", as a PDF's layout text prints it) is a label, not a table's column
        gaps = len(_GAP_RE.findall(text, body_at))
        if gaps:
            out.append(f"gaps={min(gaps, 3)}")  # columns of a table
    out.append(_DIGITS_BUCKETS(digits / max(1, length)))


# A document of ``SPACED_LINES`` lines at least is double-spaced (a blank line after every
# line, as a PDF's layout text of a double-spaced manuscript prints it) when at most
# ``SINGLE_SHARE`` of its lines follow the line before with no blank line between, all but
# ``ODD_SHARE`` of the runs of blank lines are of an odd length, and one at least is of
# three or more (a paragraph or an entry break, doubled): then blank lines count in its own
# spacing. A web page's text of one-line paragraphs has a blank line after every line too,
# and no longer breaks: its blank lines count as they are.
SPACED_LINES = 8
SINGLE_SHARE = 0.02
ODD_SHARE = 0.95


def line_spacing(numbers: list[int]) -> int:
    """2 for a double-spaced document (``numbers``: its non-blank lines), 1 otherwise."""
    gaps = [b - a - 1 for a, b in pairwise(numbers)]
    if len(gaps) < SPACED_LINES:
        return 1
    single = sum(1 for gap in gaps if gap == 0)
    odd = sum(gap % 2 for gap in gaps)
    breaks = sum(1 for gap in gaps if gap >= 3)
    count = len(gaps)
    if single <= SINGLE_SHARE * count and odd >= ODD_SHARE * count and breaks:
        return 2
    return 1


_REPEATS: dict[int, tuple[str, ...]] = {1: (), 2: ("rep=2",), 3: ("rep=3",)}
# How many blank lines came before a line (9: the document's first), where in the document
# it sits (tenths), and how its indent steps from the line before's.
_GAPS = {gap: intern(f"gap={gap}") for gap in (0, 1, 2, 9)}
_POSITIONS = tuple(intern(f"pos={tenth}") for tenth in range(10))
_INDENT_STEPS = {0: intern("dind=same"), 1: intern("dind=more"), -1: intern("dind=less")}


def _said(text: str, length: int) -> tuple[tuple[str, ...], tuple[str, int | None, bool, str,
                                                                  str]]:
    """The facts of how ``text`` opens and what it holds, and what :func:`_opening` returns."""
    out: list[str] = []
    opened, body_at = _opening(text, out)
    _content(text, body_at, length, out)
    return tuple(map(intern, out)), opened


def document_lines(lines: tuple[str, ...], blocks: tuple[Block, ...] = ()) -> LineView:
    """The facts of every non-blank line of a document."""
    numbers = [i for i, line in enumerate(lines) if line.strip()]
    if not numbers:
        return LineView((), (), (), (), (), (), (), ())
    texts = [lines[i].strip() for i in numbers]
    scanned = [t[:MAX_SCANNED] for t in texts]
    indents = [_indent(lines[i]) for i in numbers]
    lengths = [len(t) for t in texts]
    usual_indent = Counter(indents).most_common(1)[0][0]
    long_lengths = sorted(lengths)
    usual_length = max(20, long_lengths[int(0.8 * (len(long_lengths) - 1))])
    shape_keys = [_shape_key(t) for t in scanned]
    shapes = Counter(shape_keys)
    block_facts = _block_facts(blocks, len(lines))
    facts: list[tuple[str, ...]] = []
    values: list[int | None] = []
    alone: list[int | None] = []
    keys: list[tuple[str, str, str]] = []
    previous = -2
    total = len(lines)
    spacing = line_spacing(numbers)
    # What a line's text alone says, read once per distinct text: running heads, rules and
    # short lines repeat through a document (one line in eight of a dissertation).
    said: dict[str, tuple[tuple[str, ...], tuple[str, int | None, bool, str, str]]] = {}
    for n, (number, text) in enumerate(zip(numbers, scanned, strict=True)):
        gap = max(0, number - previous - spacing) // spacing
        previous = number
        relative = _RELATIVE_BUCKETS(lengths[n] / usual_length)
        # each fact a string made once (the tables above), not per line
        out = (_LENGTH_BUCKETS(lengths[n]), relative,
               _INDENT_BUCKETS(indents[n] - usual_indent), _GAPS[min(gap, 2) if n else 9],
               _POSITIONS[10 * number // total], *block_facts[number])
        if n:
            delta = indents[n] - indents[n - 1]
            out = (*out, _INDENT_STEPS[(delta > 0) - (delta < 0)])
        found = said.get(text)
        if found is None:
            found = _said(text, lengths[n])
            if lengths[n] == len(text):  # a line cut for scanning is not its text alone
                said[text] = found
        own, (_, value, bare, start, end) = found
        values.append(None if bare else value)
        alone.append(value if bare and value not in _YEARS else None)
        repeats = shapes[shape_keys[n]]
        # a few hundred distinct facts, each stored once
        facts.append((*out, *own, *_REPEATS[min(repeats, 3)]))
        keys.append((end, start, relative))
    for n in _page_sequence(texts, facts):
        facts[n] = (*facts[n], "pageseq")
    loose_keys = [key.rstrip("0 ") for key in shape_keys]
    loose = Counter(loose_keys)
    return LineView(tuple(numbers), tuple(texts), tuple(facts), tuple(values), tuple(keys),
                    tuple(alone), tuple(loose[key] for key in loose_keys), tuple(indents))


# The page a page-number line prints: an article-numbered journal's "087003-4" is page 4.
_PAGE_VALUE_RE = re.compile(r"(?:\d{6,7}|0\d{3,6})-(\d{1,3})\b|(\d{1,4})")
# Two page numbers count on only this many lines apart at least (a page holds more lines;
# a PDF's one-word lines "12", "–", "13" are a page range), and a number that could be a
# year is no page.
MIN_PAGE_LINES = 8
_YEARS = range(1600, 2100)


def _page_sequence(texts: list[str], facts: list[tuple[str, ...]]) -> set[int]:
    """The page-number lines whose number counts on from the page number before them or to
    the one after ("271", "- 272 -", "Page 273"): page furniture, wherever it falls, and the
    surest sign of it a text layer gives."""
    pages: list[tuple[int, int]] = []
    for n, found in enumerate(facts):
        if "pagenum" not in found:
            continue
        m = _PAGE_VALUE_RE.search(texts[n])
        value = int(m.group(1) or m.group(2)) if m else None
        if value is not None and value not in _YEARS:
            pages.append((n, value))
    out: set[int] = set()
    for (a, first), (b, second) in pairwise(pages):
        if 1 <= second - first <= 2 and b - a >= MIN_PAGE_LINES:
            out.update((a, b))
    return out
