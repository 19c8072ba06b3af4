"""In-text citations: where the body text cites the list, and which entries each names.

Two systems are read. Numbered: ``[1]``, ``[2, 3]``, ``[1-3, 7]`` (and, in a numbered list
without any bracketed citation, the same in parentheses), each number taken as the entry with
that label. Author-year: ``(Smith, 2020)``, ``(Smith & Jones, 2020a; Lee et al., 2019)``,
``Smith et al. (2019)``, ``Smith and colleagues (2019)``, matched to entries by first
author's surname and year, the letter suffix choosing between entries of one author-year.
Author-page (MLA, beside an unnumbered list): ``(Muecke 19)``, ``(Hutcheon, Irony's Edge 12)``,
matched by surname (and short title) where the surname opens an entry.
Only lines outside the reference lists are read, so an entry's own "(2019)" is never a
citation.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from auditor.lexicon import REPEATED_AUTHORS_RE
from auditor.models import (
    Document,
    InTextCitation,
    ParsedReference,
    SplitResult,
    first_author,
    issued_year,
)
from auditor.parse.normalize import strip_marks

# Capitalised words that stand before a year without being an author ("in March 2020",
# "Figure 2019"...): an author-year citation of one of these is no citation.
NOT_AUTHORS = frozenset(w.casefold() for w in """
January February March April May June July August September October November December Jan Feb
Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Spring Summer Autumn Fall Winter In Since From Until
Before After Between During Around About By Of On At To For The This That These Those Table
Figure Fig Figures Tables Supplementary Appendix Version Vol Volume Issue Year Years COVID
SARS Census Survey Report Act Law Decree Statistics Edition Ed Eds Phase Wave Class Cohort
""".split())
# A citation names at most this many entries ("[1-400]" is a range of a table, not a cite).
MAX_RANGE = 50
# The numbers of a numbered citation: "3", "1-3", "2, 5, 7-9" (readers that see superscripts
# use it too, to tell a citation from an exponent).
CITED_NUMBERS = r"\d{1,4}(?:\s*[-–,]\s*\d{1,4})*"
# A citation in brackets, or a range of two ("[1]–[3]", as IEEE prints entries 1 to 3).
_NUMBERED_RE = re.compile(rf"\[(?P<low>\d{{1,4}})\]\s?[-–—]\s?\[(?P<high>\d{{1,4}})\]|"
                          rf"\[(?P<spec>{CITED_NUMBERS})\]")
_PAREN_NUMBERED_RE = re.compile(rf"\((?P<spec>{CITED_NUMBERS})\)")
# The capital letters a surname may open with: Latin with its accents ("Štvrtinová",
# "Özdemir", "Åberg"), Greek and Cyrillic; ASCII's A-Z alone lost every citation of them.
_CAPITALS = "".join(ch for ch in map(chr, range(0x41, 0x530)) if ch.isupper() and ch.isalpha())
_CAPITAL = f"[{re.escape(_CAPITALS)}]"
# A surname: letters (no digits: "Al2O3 1995" in a table is no citation), hyphens, apostrophes;
# up to three capitalised words ("De Felice", "Le Potier", "Medeiro Júnior", "Di Cristo
# Bertali", which one word lost) and a lower-case particle ("van Zee"). Its last word is the
# one matched against an entry's. Names start where a word starts and are at most 40 letters a
# part: a 100,000-letter "word" is then one failed attempt, not one per letter.
_WORD = rf"{_CAPITAL}[^\W\d_]{{1,40}}(?:[-'’]{_CAPITAL}?[^\W\d_]{{1,40}}){{0,3}}"
_NAME = (rf"(?<![^\W\d_]){_WORD}(?:\s{_WORD}){{0,2}}"
         rf"(?:\s(?:van|von|de|der|den|da|del|la|le)\s{_WORD})?")
# "Smith and colleagues (2019)" names a team as "Smith et al. (2019)" does.
_TEAM = r"(?:colleagues|co-?workers|co-?authors)"
# One author, a team, or up to seven names the last joined by "&" or "and" ("Zarate, Singh, &
# Carlson, 2006", as APA cites three to five authors the first time); a narrative citation
# may take the possessive ("Berman et al.'s (2000) trial").
_AUTHORS = (rf"{_NAME}(?:\s+et\s+al\.?|\s+(?:&|and)\s+{_TEAM}|"
            rf"(?:,\s*{_NAME}){{0,6}},?\s*(?:&|and)\s*{_NAME})?")
_MANY_RE = re.compile(rf"\bet\s+al|\s{_TEAM}$")
_POSSESSIVE = r"(?:['’]s)?"
_POSSESSIVE_END_RE = re.compile(r"['’]s$")
_ITEM_RE = re.compile(rf"(?P<who>{_AUTHORS}),?\s{{1,2}}(?P<year>(?:1[6-9]\d\d|20\d\d))"
                      r"(?P<suffix>[a-z]?)\b")
_GROUP_RE = re.compile(r"\(([^()]{4,400})\)")
# A narrative citation's year in parentheses, with the page Harvard and APA may add ("Zarate
# (2006: 858)", "Smith (2019, p. 4)"), or in brackets as AGU prints it ("Popova et al.
# [2019]").
_CITED_PAGE = r"(?:\s*[:,]\s*(?:pp?\.\s*)?\d{1,5}(?:\s*[-–]\s*\d{1,5})?)?"
_NARRATIVE_RE = re.compile(rf"(?P<who>{_AUTHORS}){_POSSESSIVE}\s{{1,2}}(?:\((?P<year>"
                           rf"(?:1[6-9]\d\d|20\d\d))(?P<suffix>[a-z]?){_CITED_PAGE}\)|"
                           r"\[(?P<byear>(?:1[6-9]\d\d|20\d\d))(?P<bsuffix>[a-z]?)\])")
# More works of the same authors in one citation: "(Murrough et al., 2013a, 2013b)",
# "(Smith, 2019a, b)"; a page ("(Smith, 2019, p. 12)") is none. At most MORE_WORKS are read
# after the first: a longer run of years is a table's or a timeline's, not a citation.
MORE_WORKS = 10
_MORE_YEARS_RE = re.compile(r"\s*,\s*(?:(?P<year>(?:1[6-9]\d\d|20\d\d))(?P<suffix>[a-z]?)|"
                            r"(?P<letter>[a-z]))(?=\s*(?:[,;)]|$))")
# Names in a list of authors: the first is the surname an entry opens with.
_NAME_RE = re.compile(_NAME)
# MLA's author-page citation, one item of a parenthesis split at ";": "(Muecke 19)",
# "(Booth 45-48; Hutcheon 12)", "(Hutcheon, Irony's Edge 12)" (a short title chooses among
# one author's works), "(Gilbert and Gubar xii)", "(qtd. in Booth 12)". It prints no year,
# so it counts only where its surname opens an entry of the list.
_PAGES = r"(?:\d{1,4}|[ivxlc]{1,7})(?:\s*[-–]\s*(?:\d{1,4}|[ivxlc]{1,7}))?"
_AUTHOR_PAGE_RE = re.compile(rf"\s*(?:(?:see(?:\s+also)?|cf\.|qtd\.\s+in)\s+)?"
                             rf"(?P<who>{_AUTHORS}),?\s(?:(?P<title>[^;]{{1,80}}?)\s)?"
                             rf"(?P<pages>{_PAGES}(?:,\s*{_PAGES}){{0,5}})\s*")


def fold(name: str) -> str:
    """A surname as compared: no accents, any script, case-folded, hyphens kept."""
    return strip_marks(name).casefold()


_SUPERSCRIPT_DIGITS_RE = re.compile(rf"\[?\(?{CITED_NUMBERS}\)?\]?")
# A superscript after one of these is an exponent ("3 cm²"), not a citation.
UNITS = frozenset({"m", "cm", "mm", "km", "nm", "µm", "μm", "kg", "g", "mg", "s", "ms", "l",
                   "ml", "mL", "L", "mol", "in", "ft", "ha", "Hz", "W", "J", "N", "Pa", "x"})
_UNIT_BEFORE_RE = re.compile(r"(?:^|[\s\d])(\S{1,3})$")


def superscript_call(before: str, shown: str) -> str | None:
    """A superscript (Word's raised run, a page's ``<sup>``) that is a citation, as the call
    the readers print ("[1,2]"): numbers after a word or punctuation ("depression.¹²"), not
    an exponent after a number or a unit ("3 cm²"). None for any other superscript."""
    if not _SUPERSCRIPT_DIGITS_RE.fullmatch(shown.strip() or "x"):
        return None
    if not (before[-1:].isalpha() or before[-1:] in ".,;:)]\"'’”"):
        return None
    unit = _UNIT_BEFORE_RE.search(before)
    if unit and unit.group(1) in UNITS:
        return None
    return f"[{shown.strip().strip('[]()')}]"


def label_number(ref: ParsedReference) -> int | None:
    """The number an entry's printed label carries ("[12]", "12." -> 12), or None."""
    digits = re.match(r"\d+", (ref.ref.label or "").strip("[]().").strip())
    return int(digits.group()) if digits else None


@dataclass(frozen=True)
class _Index:
    """The entries by (surname, year) of their parsed first author, and all of them for the
    entries whose parse missed that author or year."""

    by_author: dict[tuple[str, str], list[ParsedReference]]
    entries: tuple[ParsedReference, ...]
    openings: tuple[str, ...]  # each entry's first characters, folded, read once
    by_surname: dict[str, list[ParsedReference]]  # whatever the year


def _spec(m: re.Match[str]) -> str:
    """The numbers a numbered citation names, as one spec ("[1]–[3]" is "1-3")."""
    low = m.groupdict().get("low")
    return f"{low}-{m.group('high')}" if low else m.group("spec")


def _numbers(spec: str) -> tuple[int, ...]:
    out: list[int] = []
    for part in re.split(r"\s*,\s*", spec):
        bounds = re.split(r"\s*[-–]\s*", part)
        if len(bounds) == 2 and bounds[0].isdigit() and bounds[1].isdigit():
            low, high = int(bounds[0]), int(bounds[1])
            if low > high or high - low > MAX_RANGE:
                return ()
            out.extend(range(low, high + 1))
        elif part.isdigit():
            out.append(int(part))
    return tuple(out)


# Characters read on each side of a citation for the sentence that holds it: a paragraph
# without a full stop is not copied whole for each of its citations.
SENTENCE_REACH = 400


def _sentence(text: str, start: int, end: int) -> str:
    low, high = max(0, start - SENTENCE_REACH), min(len(text), end + SENTENCE_REACH)
    left = text.rfind(". ", low, start)
    right = text.find(". ", end, high)
    return text[left + 1 if left >= 0 else low : right + 1 if right >= 0 else high].strip()


def body_lines(doc: Document, split: SplitResult) -> list[tuple[int, str]]:
    """(1-based line number, text) of the lines outside every reference list."""
    inside: set[int] = set()
    for zone in split.zones:
        inside.update(range(zone.start_line, zone.end_line + 1))
    for ref in split.references:
        inside.update(range(ref.start_line, ref.end_line + 1))
    last = split.read_until or len(doc.lines)
    return [(n, line) for n, line in enumerate(doc.lines[:last], start=1)
            if n not in inside and line.strip()]


Paragraph = tuple[list[tuple[int, int]], str]  # (offset, line number) of each line; text


def _paragraphs(lines: list[tuple[int, str]]) -> list[Paragraph]:
    """Consecutive body lines joined (a citation may wrap: "(McIntyre et al.,\n2021)"),
    with where each line starts in the joined text."""
    runs: list[tuple[list[tuple[int, int]], list[str]]] = []
    previous = -2
    length = 0  # of the current paragraph's text so far
    for number, line in lines:
        piece = line.strip()
        if number == previous + 1 and runs:
            starts, pieces = runs[-1]
            starts.append((length + 1, number))
            pieces.append(piece)
            length += 1 + len(piece)
        else:
            runs.append(([(0, number)], [piece]))
            length = len(piece)
        previous = number
    return [(starts, " ".join(pieces)) for starts, pieces in runs]


def _line_at(starts: list[tuple[int, int]], offset: int) -> int:
    """The line of a paragraph that holds ``offset`` (``starts`` is in offset order)."""
    at = bisect.bisect_right(starts, (offset, float("inf"))) - 1
    return starts[max(0, at)][1]


def find(doc: Document, split: SplitResult, refs: Sequence[ParsedReference],
         notes: frozenset[str]) -> list[InTextCitation]:
    """Every in-text citation of the body text, with the entries it names; ``notes`` are the
    entries that are the text's notes (:func:`note_entries`)."""
    if doc.cited:  # the format marks its citations (JATS xref): no pattern needed
        return [InTextCitation("xref", text, line, doc.lines[line - 1][:600],
                               targets=(refs[i].id,))
                for i, line, text in doc.cited if i < len(refs)]
    by_label: dict[int, str] = {}
    for ref in refs:
        number = label_number(ref)
        if number is not None and ref.ref.part in (None, "a"):
            by_label.setdefault(number, ref.id)
    index = _author_index(refs)
    paragraphs = _paragraphs(body_lines(doc, split))
    # Numbers in parentheses are citations only in a numbered list's document that cites no
    # other way: elsewhere "(2)" enumerates, or is a count.
    brackets = any(_NUMBERED_RE.search(text) for _, text in paragraphs)
    parens = split.numbered and not brackets and bool(by_label)
    words = _lower_words(paragraphs)
    found: list[InTextCitation] = []
    for starts, text in paragraphs:
        # Numbers cite a numbered list only: beside an author-year list "[0, 1]" is an interval.
        matches = list(_NUMBERED_RE.finditer(text)) if split.numbered else []
        if parens:
            matches += [m for m in _PAREN_NUMBERED_RE.finditer(text)
                        if (nums := _numbers(_spec(m))) and set(nums) <= set(by_label)]
        for m in matches:
            nums = _numbers(_spec(m))
            if not nums or 0 in nums:
                continue
            found.append(InTextCitation(
                "numbered", m.group(0), _line_at(starts, m.start()),
                _sentence(text, m.start(), m.end()), numbers=nums,
                targets=tuple(by_label[n] for n in nums if n in by_label)))
        found.extend(c for c in _author_year(text, starts, index)
                     if c.targets or c.author not in words)
        if not split.numbered:
            found.extend(_author_page(text, starts, index))
    if split.numbered and by_label and not any(c.kind == "numbered" for c in found):
        found.extend(_copied_calls(paragraphs, by_label, once=bool(notes)))
    found.extend(_through_notes(refs, found))
    return sorted(found, key=lambda c: c.line)


# A call as text copied from a PDF prints its superscript: digits straight after the word or
# its punctuation ("a week apart.1 The effect", "hours,12 and", "depression3,4").
_COPIED_CALL_RE = re.compile(r"(?:(?<=[^\W\d_][.,;:!?’”\"')])|(?<=[a-z]))"
                             r"(\d{1,3}(?:[,–-]\d{1,3}){0,20})(?=[\s.,;:]|$)")
# Calls read so only where they count the list from 1 in the order the text first cites it
# (each new number the next one: a note is called once, in order; Vancouver and the other
# numbered styles number by first citation), and reach this share of its numbers: digits
# after a word are otherwise a gene ("p53"), a variant ("COVID19") or a figure's panel.
COPIED_CALLS_SHARE = 0.5
# Numbers a new call may pass over: entries the text never cites (RA501's), in between.
COPIED_SKIP = 3


def _copied_calls(paragraphs: list[Paragraph], by_label: dict[int, str], once: bool
                  ) -> list[InTextCitation]:
    """The calls of a numbered list's text copied from a PDF, where each superscript became
    digits after the word ("apart.1", "depression3,4"): read where, in the text's order,
    every number not cited before is the next one (1, 2, 3 ...), or one a few entries on
    (``COPIED_SKIP``: the ones between are never cited); with ``once`` (the list is the
    text's notes) each is cited once only. Without them the text cited nothing, and no
    in-text check ran."""
    labels = by_label.keys()
    out: list[InTextCitation] = []
    seen = 0  # the highest number cited so far
    for starts, text in paragraphs:
        for m in _COPIED_CALL_RE.finditer(text):
            nums = _numbers(m.group(1))
            fresh = [n for n in nums if n > seen]
            first = fresh[0] if fresh else seen + 1
            if not nums or first > seen + 1 + COPIED_SKIP or \
                    fresh != list(range(first, first + len(fresh))) or \
                    (once and len(fresh) != len(nums)) or not labels >= set(nums):
                continue
            seen = max(seen, *nums)
            out.append(InTextCitation(
                "numbered", m.group(1), _line_at(starts, m.start()),
                _sentence(text, m.start(), m.end()), numbers=nums,
                targets=tuple(by_label[n] for n in nums)))
    return out if seen >= COPIED_CALLS_SHARE * len(by_label) else []


# A word of a note, hyphens and apostrophes inside it kept ("Garcia-Barnes", "O'Brien").
_NOTE_WORD_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# A title's first words of at least this many letters tell one author's works apart in a note.
_TITLE_WORDS, _TITLE_WORD_LETTERS = 3, 4
MAX_NOTE = 600  # characters of a note kept as the citation and the sentence that cites


def _through_notes(refs: Sequence[ParsedReference], found: list[InTextCitation]
                   ) -> list[InTextCitation]:
    """The bibliography's entries that the text's notes name. In the notes-bibliography
    style (Chicago, most history and law journals) the text cites numbered notes ("[^2]",
    "2."), each note names a work ("Berman et al., "Antidepressant Effects," 352."), and the
    unnumbered bibliography lists the works: an entry is cited where a cited note names its
    first author (and, among one author's works, words of its title). Without this every
    bibliography entry was reported uncited."""
    cited = {t for c in found if c.kind == "numbered" for t in c.targets}
    # every work of a cited note: "[4]" names note 4's first work, 4a; 4b is in it too
    numbers = {label_number(r) for r in refs if r.id in cited} - {None}
    notes = [r for r in refs if r.id in cited or label_number(r) in numbers]
    listed = _bibliography(refs)
    if not notes or not listed:
        return []
    by_surname = _author_index(listed).by_surname
    out: list[InTextCitation] = []
    for note in notes:
        words = set(_NOTE_WORD_RE.findall(fold(note.ref.text)))
        for surname in sorted(_named_in(note.ref.text) & by_surname.keys()):
            entries = by_surname[surname]
            if len(entries) > 1:
                entries = [r for r in entries if _title_words(r) & words] or entries
            shown = note.ref.text[:MAX_NOTE]
            out.append(InTextCitation("note", shown, note.ref.start_line, shown,
                                      author=surname, targets=tuple(r.id for r in entries)))
    return out


def _bibliography(refs: Sequence[ParsedReference]) -> list[ParsedReference]:
    """The entries of a notes-bibliography document's bibliography: those without a number
    (or a part of one)."""
    return [r for r in refs if label_number(r) is None and r.ref.part is None]


# A numbered list is the text's notes, citing the bibliography beside it, when at least this
# share of its notes name a bibliography entry's author ("Ibid., 353." names none).
NOTES_SHARE = 0.5


def note_entries(refs: Sequence[ParsedReference]) -> frozenset[str]:
    """The ids of the entries that are the text's notes in the notes-bibliography style
    (:func:`_through_notes`): a note that cites a work in full ("1. Robert M. Berman et al.,
    "Antidepressant Effects ...," 351-54.") is how the text cites the bibliography's entry
    for it, not a second entry of the list, and notes print a style of their own. Read from
    the notes and the bibliography alone, so that it holds where the text's note calls are
    not read (a PDF's superscripts, copied as "apart.1"). Empty unless most notes name a
    bibliography entry's author: a numbered list beside a "Further reading" list is a list
    of its own."""
    notes = [r for r in refs if label_number(r) is not None]
    listed = _bibliography(refs)
    if not notes or not listed:
        return frozenset()
    surnames = _author_index(listed).by_surname.keys()
    opening = [r for r in notes if r.ref.part in (None, "a")]
    named = sum(1 for r in opening if _named_in(r.ref.text) & surnames)
    if named < NOTES_SHARE * len(opening):
        return frozenset()
    return frozenset(r.id for r in notes)


# Where the authors a note names end, in each of its parts: the title's quote or the
# publication's parenthesis ("Edward W. Said, Orientalism (New York: ...").
_NOTE_TITLE_RE = re.compile(r"[“\"‘«(]")


def _named_in(note: str) -> set[str]:
    """The capitalised words, folded, that each work of a note ("; " apart) prints before
    its title: where its authors are ("Robert M. Berman et al., “Antidepressant ...,”").
    A title's words name no one: "An Analysis of ..." does not cite "An, Sojin"."""
    out: set[str] = set()
    for part in note.split(";"):
        cut = _NOTE_TITLE_RE.search(part)
        head = part[: cut.start()] if cut else part
        out.update(fold(w) for w in _NOTE_WORD_RE.findall(head) if w[0].isupper())
    return out


def _title_words(ref: ParsedReference) -> set[str]:
    words = _NOTE_WORD_RE.findall(fold(str(ref.csl.get("title") or "")))
    return set([w for w in words if len(w) >= _TITLE_WORD_LETTERS][:_TITLE_WORDS])


def _lower_words(paragraphs: list[Paragraph]) -> frozenset[str]:
    """Words the body prints in lower case: a capitalised one of them before a year
    ("Structure (1911)") is a word starting a sentence, not an author."""
    return frozenset(w for _, text in paragraphs for w in re.findall(r"\b[a-z][a-z\-]+\b", text))


def _by_author_count(refs: list[ParsedReference], who: str) -> list[ParsedReference]:
    """The entries whose number of authors fits the citation ("Smith" one, "Smith and Jones"
    two, "Smith et al." more), where that leaves any: "Andreeva 2002" is not "Andreeva,
    Idakiev, Tabakova... (2002)"."""
    if len(refs) < 2:
        return refs
    # an entry whose authors the parser did not find (a rule for the authors above) fits any
    if _MANY_RE.search(who):
        fits = [r for r in refs if len(r.csl.get("author") or []) != 1]
    else:
        named = len(_NAME_RE.findall(who)) if re.search(r"\s(?:&|and)\s|&", who) else 1
        fits = [r for r in refs if len(r.csl.get("author") or []) in (0, named)]
    return fits or refs


# Where the first name a citation gives ends; each match starts where a run of spaces does
# (the look-behind), so a long run is scanned once, not once from each of its spaces.
_FIRST_NAMED_RE = re.compile(r"(?<!\s)\s*&|(?<!\s)\s+(?:et\s+al|and\s)|,")


def _surname(who: str) -> str:
    """The surname an entry is matched by: the last word of the first name a citation
    gives ("De Felice" in "De Felice & Rossi"), folded."""
    return fold(_FIRST_NAMED_RE.split(who)[0]).split()[-1]


def _printed_in(surname: str, year: str, index: _Index) -> list[ParsedReference]:
    """Entries whose own text opens with the surname and prints the year, when their parsed
    first author or year missed it (the citation is matched, not reported missing)."""
    return [r for r, opening in zip(index.entries, index.openings, strict=True)
            if surname in opening and year in r.ref.text]


def _author_index(refs: Sequence[ParsedReference]) -> _Index:
    """The entries by first author and year, and by first author alone. An entry that opens
    with a rule ("———. 2005.", MLA's "---. The Politics of ...") is the entry above's
    author's: the parser finds no author in it, and its citations matched none."""
    out: dict[tuple[str, str], list[ParsedReference]] = {}
    surnames: dict[str, list[ParsedReference]] = {}
    above = ""
    for ref in refs:
        # an edited book is cited by its first editor ("Wendel et al., eds.")
        name = fold(first_author(ref.csl) or first_author({"author": ref.csl.get("editor")}))
        year = issued_year(ref.csl)
        surname = name.split()[-1] if name.split() else ""
        if not surname and REPEATED_AUTHORS_RE.match(ref.ref.text.lstrip()):
            surname = above
        above = surname
        # a name the parser kept whole ("BECK, ALLAN D., and THE COMMITTEE ON ...") is
        # cited by its first family name too, and a family name it cut short ("CARNEIRO
        # RIO, Ana Carla" read as "Carneiro" with the given name "Rio") by the one printed
        keys = {surname, name.split(",")[0].strip()} if "," in name else {surname}
        keys.add(_printed_family(ref.ref.text, surname))
        for key in keys - {""}:
            surnames.setdefault(key, []).append(ref)
            if year:
                out.setdefault((key, str(year)), []).append(ref)
    return _Index(out, tuple(refs), tuple(fold(r.ref.text[:60]) for r in refs), surnames)


_PRINTED_FAMILY_RE = re.compile(rf"({_NAME}),\s")
_FAMILY_LETTERS = 3  # a printed family name's last word at least: "Smith JA," is no family


def _printed_family(text: str, surname: str) -> str:
    """The last word of the family name an entry opens with ("CARNEIRO RIO, Ana Carla" ->
    "rio"), where it begins with the parsed surname and runs on past it, or where no surname
    was parsed; else ""."""
    m = _PRINTED_FAMILY_RE.match(text.lstrip())
    words = fold(m.group(1)).split() if m else []
    if not words or len(words[-1]) < _FAMILY_LETTERS:
        return ""
    # where the parser found no author ("Editor, Editor. 1982."), the printed one stands
    return words[-1] if not surname or (len(words) > 1 and words[0] == surname) else ""


def _author_page(text: str, starts: list[tuple[int, int]], index: _Index
                 ) -> list[InTextCitation]:
    """MLA's citations (``_AUTHOR_PAGE_RE``) in the parentheses of ``text``: only those whose
    surname opens an entry, each naming that author's entries (those whose title holds the
    short title, when one is given and fits)."""
    out: list[InTextCitation] = []
    for group in _GROUP_RE.finditer(text):
        offset = group.start(1)
        # as many works as an author-year citation reads (a longer run is no citation's)
        for item in group.group(1).split(";", MORE_WORKS + 1)[: MORE_WORKS + 1]:
            m = _AUTHOR_PAGE_RE.fullmatch(item)
            if m and not _ITEM_RE.search(item):
                cite = _cite_page(m, text, starts, offset + m.start("who"), index)
                if cite is not None:
                    out.append(cite)
            offset += len(item) + 1
    return out


_ARTICLE_RE = re.compile(r"^(?:the|a|an)\s+")


def _titled(refs: list[ParsedReference], short: str) -> list[ParsedReference]:
    """The entries a short title names: those whose title opens with it (an article aside:
    "Politics" is "The Politics of Postmodernism"), else those whose title holds it, else
    all of them."""
    titles = [_ARTICLE_RE.sub("", fold(str(r.csl.get("title") or r.ref.text))) for r in refs]
    short = _ARTICLE_RE.sub("", short)
    return ([r for r, t in zip(refs, titles, strict=True) if t.startswith(short)]
            or [r for r, t in zip(refs, titles, strict=True) if short in t] or refs)


def _cite_page(m: re.Match[str], text: str, starts: list[tuple[int, int]], offset: int,
               index: _Index) -> InTextCitation | None:
    who = m.group("who")
    surname = _surname(who)
    candidates = _by_author_count(index.by_surname.get(surname, []), who)
    if not candidates:  # only an entry's own surname makes a citation of "(Winter 12)"
        return None
    title = fold((m.group("title") or "").strip(" ,*_\"'“”"))
    if title and len(candidates) > 1:
        candidates = _titled(candidates, title)
    shown = m.group(0).strip()
    return InTextCitation("author-page", shown, _line_at(starts, offset),
                          _sentence(text, offset, offset + len(shown)), author=surname,
                          targets=tuple(r.id for r in candidates))


def _author_year(text: str, starts: list[tuple[int, int]], index: _Index
                 ) -> list[InTextCitation]:
    out: list[InTextCitation] = []
    spans: list[tuple[int, int]] = []
    for group in _GROUP_RE.finditer(text):
        inside = group.group(1)
        for item in _ITEM_RE.finditer(inside):
            offset = group.start(1) + item.start()
            who, year = item.group("who"), item.group("year")
            found = [_cite(who, year, item.group("suffix"), item.group(0), text, starts,
                           offset, index)]
            at = item.end()
            while len(found) <= MORE_WORKS and (
                    more := _MORE_YEARS_RE.match(inside, at)) is not None:
                year = more.group("year") or year
                suffix = more.group("suffix") if more.group("year") else more.group("letter")
                found.append(_cite(who, year, suffix, more.group(0).lstrip(" ,"), text,
                                   starts, group.start(1) + more.start(), index))
                at = more.end()
            out.extend(cite for cite in found if cite is not None)
        spans.append(group.span())
    for m in _NARRATIVE_RE.finditer(text):
        inside = any(a <= m.start(0) < b for a, b in spans)  # "(Smith et al. (2019))"
        year, suffix = (m.group("year"), m.group("suffix")) if m.group("year") else (
            m.group("byear"), m.group("bsuffix"))
        cite = None if inside else _cite(m.group("who"), year, suffix, m.group(0), text,
                                         starts, m.start(), index)
        if cite is not None:
            out.append(cite)
    return out


def _cite(who: str, year: str, suffix: str | None, shown: str, text: str,
          starts: list[tuple[int, int]], offset: int, index: _Index) -> InTextCitation | None:
    """The citation of ``who`` and ``year`` (``shown`` as printed at ``offset``)."""
    surname = _POSSESSIVE_END_RE.sub("", _surname(who))  # "Smith's (2015) note"
    suffix = suffix or ""
    candidates = index.by_author.get((surname, year), []) or _printed_in(surname, year, index)
    if surname in NOT_AUTHORS and not candidates:  # "in March 2020"; but "Winter (1998)"
        return None
    candidates = _by_author_count(candidates, who)
    if suffix and len(candidates) > 1:
        chosen = [r for r in candidates if f"{year}{suffix}" in r.ref.text]
        candidates = chosen or candidates
    ambiguous = len(candidates) > 1
    return InTextCitation("author-year", shown, _line_at(starts, offset),
                          _sentence(text, offset, offset + len(shown)), author=surname,
                          year=year, suffix=suffix,
                          targets=tuple(r.id for r in candidates), ambiguous=ambiguous)
