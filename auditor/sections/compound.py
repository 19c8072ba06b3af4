"""Where a second work starts inside one record.

Physics and chemistry lists print several works under one number ("[3] A, Phys. Rev. D 41,
142 (1990); B, Z. Phys. C 46, 93 (1990)." or "[1] a) ... b) ..."), and a PDF's text can put
two references on one line. Each candidate cut, a ``;`` or ``.`` followed by a space, is
described by the text on both sides (how the left part ends, whether it already holds a year
and a locator, how the right part opens) and ``compound.crfsuite`` decides, one candidate at
a time. A cut at a line start is a candidate too: in a numbered list, the segmenter keeps an
unlabelled line with the number above it, and the works under that number are cut here.
"""

from __future__ import annotations

import re

from auditor.sections import crf
from auditor.sections.features import (
    GLUED_OPENING,
    LABEL_RE,
    Buckets,
    author_kind,
    glued_label,
    has_locator,
    has_year,
    label_number,
    shape,
)

_CANDIDATE_RE = re.compile(r"[;.]\s+(?=[^\s\d,;:.)\]-])")
# The list's next label inside an entry: "[12]", "(12)", "12." or "12)", or glued to the
# work it numbers ("... (2013).  2A. Quinn, ...", as a PDF's text layer copies it).
_LABEL_INSIDE_RE = re.compile(r"(?<=\s)(?:(?:\[(\d{1,5})\]|\((\d{1,5})\)|(\d{1,5})[.)])(?=\s)|"
                              rf"(\d{{1,3}})(?={GLUED_OPENING}))")
_SUBLABEL_RE = re.compile(r"\(?([a-h])\s?\)\s*")
# What follows a number that is a date or a locator, never the list's next label
# ("Epub 2021 Mar 17. PMID: ...", "2019 Dec 1. doi: ...").
# (A URL may be an entry of its own: "4. https://github.com/...".)
NOT_AN_ENTRY = ("pmid", "pmcid", "doi", "epub", "isbn", "issn", "available", "accessed",
                "retrieved", "pp", "p.")
# What ends a finished work besides the locators the line facts read (features.has_locator):
# a volume and a page with no punctuation between, IOP's "27 153" or "52 e44", or a page
# after the year, Elsevier's "(2004) 351".
_END_LOCATOR_RE = re.compile(r"\d+\s*[,(]\s*\d|\d\)\s*[A-Za-z]?\d|"
                             r"(?<![\d.])\d{1,4}\s[A-Za-z]?\d{1,6}[a-z]?[.;]?$")
# A line that ends with one of these is no finished work ("New York:" wants its
# publisher, "Smith, J.," the next author), so the line after it opens none.
UNFINISHED_MARKS = (":", ",")
_TOKEN_RE = re.compile(r"\S+")
_LEFT_LENGTH = Buckets("leftlen", (20, 40, 80, 160))  # characters since the last cut
_RIGHT_LENGTH = Buckets("rightlen", (20, 40, 80, 160))  # characters after this one
# A compound record is rare and a wrong cut breaks a correct record: cut only where the model
# is this sure (its marginal probability of "cut").
CUT_CONFIDENCE = 0.5
_NEAR = 400  # characters read on each side of a candidate cut
MAX_CANDIDATES = 200  # more than any real record holds; a runaway line is not searched


def candidates(text: str, next_label: int | None = None,
               line_starts: frozenset[int] = frozenset()) -> list[int]:
    """Offsets in ``text`` where a second work could start: after a ``;`` or ``.``, at a
    line start (IOP lists print each work under one number on a line of its own, with no
    punctuation before it), or at the list's next labels printed inside this entry, in their
    order ("... (2012) 11. Benesch, J. ... 12. Cole, R."), when the entry has a label."""
    found = {m.end() for m in _CANDIDATE_RE.finditer(text) if not opens_note(text, m.end())}
    found.update(o for o in line_starts if 0 < o < len(text))
    if next_label is not None:
        expected = next_label
        for m in _LABEL_INSIDE_RE.finditer(text):
            if int(next(g for g in m.groups() if g)) == expected and \
                    not opens_note(text, m.end()):
                found.add(m.start())
                expected += 1
    return sorted(found)[:MAX_CANDIDATES]


_NOTE_WORDS = frozenset(word.rstrip(".") for word in NOT_AN_ENTRY)
_FIRST_WORD_RE = re.compile(r"\s*([A-Za-z]+)")  # spaces before it aside


def opens_note(text: str, at: int) -> bool:
    """Whether the text at ``at`` (spaces aside) opens with what follows a work inside its
    entry ("PMID: 36670198; PMCID: PMC10611576.", "Epub 2023 Jan 20.", "doi: ..."): no work
    starts there.
    The same words can open an author's name: "p. 12" is a page, "P. Turner" an initial;
    "doi:", "DOI 10.1007/..." and "doi.org/..." are identifiers, "Doi K, Sato Y." and
    "Doi, K." an author."""
    m = _FIRST_WORD_RE.match(text, at)
    if m is None:
        return False
    word = m.group(1)
    lower = word.lower()
    if lower not in _NOTE_WORDS:
        return False
    if len(word) <= 2:
        return word.islower()
    return lower != "doi" or _DOI_NOTE_RE.match(text, m.end()) is not None


_DOI_NOTE_RE = re.compile(r"\s*[:.]|\s+10\.")


def features(text: str, cut: int, previous_cut: int, next_label: int | None = None,
             line_start: bool = False) -> list[str]:
    # Only the text near the cut is read, so a runaway record costs no more per candidate.
    left = text[max(previous_cut, cut - _NEAR) : cut].rstrip()
    right = text[cut : cut + _NEAR]
    before = _TOKEN_RE.findall(left[-30:])
    after = right[:60]
    last = before[-1] if before else ""
    end = left[-1:]
    # A letter or a digit: the left part stops without punctuation (a wrapped line, or
    # IOP's bare page); which letter or digit says nothing more.
    punct = "a" if end.isalpha() else "9" if end.isdigit() else end
    out = [
        f"punct={punct}",
        f"last={shape(last)}",
        f"lastlen={min(len(last.strip('.;')), 4)}",
        _LEFT_LENGTH(cut - previous_cut),
        _RIGHT_LENGTH(len(text) - cut),
        f"sh={shape(after)}",
    ]
    # Absences are facts too: a left part with neither year nor page is no finished work.
    left_year = has_year(left)
    left_locator = has_locator(left) or _END_LOCATOR_RE.search(left) is not None
    finished = f"{'y' if left_year else '-'}{'l' if left_locator else '-'}"
    out.append(f"left={finished}")
    right_year = has_year(right[:120])
    out.append(f"right_year={right_year}")
    author = author_kind(after)
    if author:
        out.append(f"au={author}")
    # The model weighs facts one by one; these pairs are what tell "; Kiang, J.F." inside
    # an author list from "651; Kang, M." after a finished work.
    out.append(f"punct|left={punct}|{finished}")
    out.append(f"left|au={finished}|{author or '-'}")
    out.append(f"left|right_year={finished}|{right_year}")
    sub = _SUBLABEL_RE.match(after)
    if sub:
        out.append(f"sub={'next' if sub.group(1) != 'a' else 'a'}")
        # "a) ...; b) ...": the record opened with the first sub-label, so the next one
        # here opens its second work.
        opened = _SUBLABEL_RE.match(text)
        if opened and ord(sub.group(1)) - ord(opened.group(1)) in range(1, 8):
            out.append("sub=after_opening")
    label = LABEL_RE.match(after)
    if label:
        number = next((g for g in label.groups()[:4] if g), None)
    else:  # a label run into its work ("2A. Quinn")
        glued = glued_label(after)
        number = str(glued[0]) if glued else None
    if label or number:
        kind = "next_label" if number and int(number) == next_label else "label"
        # the list's next number printed inside an entry: after a finished work it opens
        # the next entry (a PDF's text layer ran the two together)
        out.extend([kind, f"{kind}|left={finished}", f"{kind}|punct={punct}"])
    first = after[:1]
    out.append("c0=" + ("up" if first.isupper() else "low" if first.islower() else "pun"))
    word = re.match(r"[^\W\d_]+", after)
    if word:
        out.append(f"w0={word.group().lower()[:10]}")
    if last.lower().rstrip(".;") in ("al", "eds", "ed", "vol", "no", "pp", "p"):
        out.append(f"lastword={last.lower().rstrip('.;')}")
    if line_start:
        # A work that opens a line of its own under the number above (IOP, AIP): how the
        # line before ended and how this one opens tell it from a wrapped line.
        out.extend(["line_start", f"line_start|left={finished}",
                    f"line_start|last={shape(last)}", f"line_start|au={author or '-'}",
                    f"line_start|punct|left={punct}|{finished}"])
    return out


def split_points(text: str, line_starts: frozenset[int] = frozenset(),
                 next_label: int | None = None) -> list[int]:
    """Offsets where the model starts a new work (after the whitespace), in order; never at
    a line start under a line that ends unfinished (:data:`UNFINISHED_MARKS`), whatever the
    model, trained on every candidate, makes of it."""
    model = crf.model(crf.COMPOUND)
    found = [cut for cut in candidates(text, next_label, line_starts) if not (
        cut in line_starts and text[max(0, cut - _NEAR):cut].rstrip()[-1:] in UNFINISHED_MARKS)]
    if model is None or not found:
        return []
    cuts: list[int] = []
    previous = 0
    expected = next_label
    for cut in found:
        if quote_open(text, previous, cut):
            continue
        labels, sure = model.tag_with_marginals([features(text, cut, previous, expected,
                                                          cut in line_starts)],
                                                lambda _: [0])
        if labels[0] == "cut" and sure[0] >= CUT_CONFIDENCE:
            cuts.append(cut)
            previous = cut
            if expected is not None and opens_with(text[cut:], expected):
                expected += 1
    return cuts


def quote_open(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` opens a curly quote it does not close: a work does not
    end inside its quoted title, however much the words before the cut read like an end
    ("... “Guest Editors’ Introduction to the EcmlPkdd 2016" on one line, "Journal Track
    Special Issue of Machine Learning.” Machine Learning 104.2-3 (2016): 149–150." on the
    next)."""
    part = text[max(start, end - _NEAR) : end]
    return part.count("“") > part.count("”")


def opens_with(text: str, number: int) -> bool:
    """Whether ``text`` opens with the label ``number`` (the next entry of the list)."""
    return label_number(text)[1] == number


def sublabel(text: str) -> tuple[str | None, str]:
    """A part's printed sub-label ("b)", "(b)") and the text after it."""
    m = _SUBLABEL_RE.match(text)
    if m and m.end() < len(text):
        return m.group(1), text[m.end() :]
    return None, text
