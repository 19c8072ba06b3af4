"""RA101 duplicate-reference: the same work listed more than once, in whatever styles.

Two entries are one work when they share a DOI or PMID, or when their fields say so: the
title when both print one, otherwise the first author, year, first page and volume or
journal (``M.P. Wickens, ..., Gene 5 (1979) 19.`` against the full APA entry). A printed
year, volume, first page or first author that disagrees vetoes the pair: "Part I" and
"Part II", or two papers of one author in one year, are different works. Fields the parser
missed are looked up in the other entry's text, so a parsing slip costs a pair no veto.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from rapidfuzz import fuzz

from auditor.checks.base import Check, CheckContext, describe, list_style, register
from auditor.compare import MISMATCH, compare_journal, expand_pages
from auditor.identifiers import IDENTIFIER_SPAN_RE
from auditor.models import Finding, ParsedReference, Severity, first_author, issued_year
from auditor.parse.normalize import strip_marks


@dataclass(frozen=True)
class SameWorkRules:
    """Every number the decision uses, in one place."""

    title_same: float = 90.0  # token-sort ratio of two printed titles
    title_min_chars: int = 20  # shorter titles ("Editorial") prove nothing
    title_different_work: float = 60.0  # shared identifier, titles this far apart: a wrong id
    author_same: float = 85.0  # ratio of two first-author surnames (diacritics, OCR slips)
    # Without titles, the numbers one entry prints (year, volume, issue, pages) all found in
    # the other: at least this many, a year among them.
    numbers_min: int = 3
    # A parsed title whose words are nearly all in the other entry is no second title (a
    # journal name the parser took for one, "notes and queries s8 vi 1894").
    title_words_printed: float = 0.8
    # Comparisons per entry within one block: a list of 20,000 entries by one author in one
    # year must stay linear; real duplicates sit in far smaller blocks.
    block_candidates: int = 50
    # A container of at least this many words printed in the other entry stands for a title.
    container_words: int = 3


RULES = SameWorkRules()
# Placeholders that name no author: "Anon." is as good as nothing.
_NO_AUTHOR = frozenset({"anon", "anonymous", "n a", "na", "unknown"})
_NUMBER_RE = re.compile(r"(?<![^\W\d_])[a-z]?\d+[a-z]?(?![^\W\d_])")
_RANGE_RE = re.compile(r"(?<!\w)(?<!\d\.)([a-z]?\d+)\s*[-–—]\s*([a-z]?\d+)(?!\w)(?!\.\d)")
_YEAR_RE = re.compile(r"^(?:1[6-9]|20)\d\d$")
_WORDS_RE = re.compile(r"[^\w\s]|_")
# Numbers in a title that tell one work from its sibling: "Part I" / "Part II", "..., 3" / ", 4".
_NUMERALS = frozenset("i ii iii iv v vi vii viii ix x xi xii".split())
_COMPLETE_FIELDS = ("author", "title", "container-title", "volume", "issue", "page", "DOI")


@dataclass(frozen=True)
class _Key:
    """What duplicate detection compares, computed once per reference."""

    raw: str
    text: str  # folded words of the whole entry, identifiers removed, space-padded
    title: str
    family: str | None
    year: int | None
    volume: str | None
    first_page: str | None
    container: str
    numbers: frozenset[str]
    ranges: frozenset[str]  # page ranges printed anywhere in the entry, as "first-last"
    last_range: str | None  # the last of them: the pages, where an issue range comes first
    numerals: frozenset[str]  # numbers in the title ("part ii")
    ids: frozenset[str]


def _words(text: str) -> str:
    """Lower-case words without accents or punctuation, in any script (Cyrillic titles too)."""
    plain = strip_marks(text).casefold()
    return " ".join(_WORDS_RE.sub(" ", plain).split())


def _numerals(title: str) -> frozenset[str]:
    return frozenset(w for w in title.split() if w in _NUMERALS or (w.isdigit() and len(w) < 3))


def _family(csl: dict[str, object]) -> str | None:
    words = _words(first_author(csl))
    return None if not words or words in _NO_AUTHOR else words


def _key(ref: ParsedReference, limit: int) -> _Key:
    """What an entry is compared by. Of an entry longer than ``limit`` (--max-entry-chars)
    only its beginning is read, as the parser reads it; its whole text is still told apart
    from another's by a digest, so only copies are verbatim copies."""
    csl = ref.csl
    whole = ref.ref.text
    read = whole[:limit]
    raw = _words(read)
    if len(whole) > limit:
        raw += " #" + hashlib.blake2b(whole.encode("utf-8", "replace"), digest_size=8).hexdigest()
    text = IDENTIFIER_SPAN_RE.sub(" ", read)
    page = expand_pages(str(csl.get("page") or ""))[0].lower() or None
    # The volume's number only: "58, 01" or "R-31" as parsed from some styles is 58 and 31.
    volume_number = re.search(r"\d+", str(csl.get("volume") or ""))
    volume = volume_number.group() if volume_number else None
    ids = frozenset(f"{i.type}:{i.value}" for i in ref.identifiers if i.valid and i.type in
                    ("doi", "pmid", "pmcid"))
    words = _words(text)
    ranges = _ranges(text)
    title = _words(str(csl.get("title") or ""))
    return _Key(raw, f" {words} ", title, _family(csl), issued_year(csl),
                volume, page, str(csl.get("container-title") or ""),
                frozenset(_NUMBER_RE.findall(words)), frozenset(ranges),
                ranges[-1] if ranges else None, _numerals(title), ids)


def _ranges(text: str) -> list[str]:
    out = []
    for m in _RANGE_RE.finditer(text.lower()):
        first, last = expand_pages(f"{m.group(1)}-{m.group(2)}")
        out.append(f"{first}-{last}")
    return out


def _blocking_keys(k: _Key) -> Iterator[str]:
    """Blocks that a duplicate pair must share at least one of (avoids comparing all pairs)."""
    yield f"raw:{k.raw}"
    yield from (f"id:{i}" for i in k.ids)
    # Years as printed, not only as parsed: a style the parser reads badly still blocks. The
    # surname's last word ("de felice" and "felice" meet), and each other number printed
    # (volume, pages) with the year.
    years = {n for n in k.numbers if _YEAR_RE.match(n)} | ({str(k.year)} if k.year else set())
    surname = k.family.split()[-1] if k.family else "-"
    others = {n for n in k.numbers if n not in years and len(n) > 1}
    for year in years:
        yield f"ay:{surname}:{year}"
        yield from (f"yn:{year}:{n}" for n in others)
    if k.volume and k.first_page:
        yield f"vp:{k.volume}:{k.first_page}"
    words = k.title.split()
    if len(words) >= 3:
        yield f"t:{' '.join(words[:3])}"


def _same_value(a: object, b: object, b_numbers: frozenset[str]) -> bool | None:
    """True or False where both entries print the field; where only ``a`` does, whether
    ``b``'s text carries it anyway (a field its parse missed); None where neither does."""
    if a and b:
        return str(a).lower() == str(b).lower()
    if a:
        return str(a).lower() in b_numbers or None
    return None


def _agrees(a: _Key, b: _Key, field: str) -> bool | None:
    one = _same_value(getattr(a, field), getattr(b, field), b.numbers)
    return one if one is not None else _same_value(getattr(b, field), getattr(a, field), a.numbers)


def _conflicts(a: _Key, b: _Key) -> bool:
    """Whether a field printed in both references disagrees: such a pair is not one work. A
    value the other entry prints anyway is a parsing slip, not a disagreement. The cheap
    comparisons come first: in a block of thousands of one author's entries of one year,
    nearly every pair ends at its first page."""
    for va, vb in ((a.first_page, b.first_page), (a.volume, b.volume), (a.year, b.year)):
        if va and vb and va != vb and str(va) not in b.numbers and str(vb) not in a.numbers:
            return True
    if a.last_range and b.last_range and a.last_range not in b.ranges and \
            b.last_range not in a.ranges:
        return True  # parsed or not, the page ranges printed differ
    if a.numerals and b.numerals and a.numerals != b.numerals:
        return True  # a number in the title
    return bool(a.family and b.family and not _authors_agree(a, b))


def _authors_agree(a: _Key, b: _Key) -> bool:
    """Both first authors alike, or neither names one, or the one named is printed in the
    other entry (a corporate author that the other style prints as its title)."""
    if a.family and b.family:
        return fuzz.ratio(a.family, b.family) >= RULES.author_same or \
            f" {a.family} " in b.text or f" {b.family} " in a.text
    named, other = (a, b) if a.family else (b, a)
    return named.family is None or f" {named.family} " in other.text


def _journals_agree(a: _Key, b: _Key) -> bool:
    """Same journal (abbreviations allowed), or the one parsed is printed in the other."""
    if a.container and b.container and compare_journal(a.container, b.container) != MISMATCH:
        return True
    for named, other in ((a, b), (b, a)):
        words = _words(named.container)
        if words and f" {words} " in other.text:
            return True
    return False


def _titles_agree(a: _Key, b: _Key) -> bool:
    """One title printed in the other entry, or the two printed titles alike."""
    for x, y in ((a, b), (b, a)):
        if len(x.title) >= RULES.title_min_chars and f" {x.title} " in y.text:
            return True
    if len(a.title) < RULES.title_min_chars or len(b.title) < RULES.title_min_chars:
        return False
    return fuzz.token_sort_ratio(a.title, b.title) >= RULES.title_same


def _real_title(k: _Key, other: _Key) -> bool:
    """A parsed title long enough to tell works apart, and not a journal's name that the
    parser took for one ("notes and queries 1889")."""
    title = f" {k.title} "
    for journal in (_words(c) for c in (k.container, other.container) if c):
        at = title.find(f" {journal} ")
        if at >= 0:
            title = title[:at]  # what runs into the journal's name is not the title
    return len(title.strip()) >= RULES.title_min_chars


def _title_printed(a: _Key, b: _Key) -> bool:
    """Whether either parsed title is, nearly word for word, somewhere in the other entry
    (a title the parser cut or ran into the journal still shows in the text)."""
    for x, y in ((a, b), (b, a)):
        words = x.title.split()
        if words and sum(f" {w} " in y.text for w in words) >= RULES.title_words_printed * len(
                words):
            return True
        if fuzz.partial_ratio(x.title, y.text) >= RULES.title_same:
            return True
    return False


def _fields_agree(a: _Key, b: _Key) -> list[str] | None:
    """Without a shared title: first author, year, first page, and volume or journal."""
    if _agrees(a, b, "year") is not True or _agrees(a, b, "first_page") is not True:
        return None
    if not _authors_agree(a, b):
        return None  # one entry names an author the other does not print
    named = bool(a.family and b.family)
    agreed = ["year", "first page"] + (["first author"] if named else [])
    if _agrees(a, b, "volume"):
        agreed.append("volume")
    if _journals_agree(a, b):
        agreed.append("journal")
    return agreed if len(agreed) >= 4 - (not named) else None


def _locators_agree(a: _Key, b: _Key) -> list[str] | None:
    """Journal, volume and first page name one article, whatever else an entry leaves out
    (a year, or an author that another style does not print: "Zimbabwe. (1980). The Round
    Table, 70(278), 123" is "The Round Table 70 (1980) 123"). Two named first authors that
    disagree were vetoed before."""
    if _agrees(a, b, "volume") and _agrees(a, b, "first_page") and _journals_agree(a, b):
        return ["journal", "volume", "first page"]
    return None


def _numbers_agree(a: _Key, b: _Key) -> list[str] | None:
    """Without a shared title and with fields the parser may have misread: every number the
    shorter entry prints (year, volume, pages) is in the other, and the first author (or the
    journal, where neither names one) agrees."""
    small, large = sorted((a, b), key=lambda k: len(k.numbers))
    if len(small.numbers) < RULES.numbers_min or not small.numbers <= large.numbers:
        return None
    if not any(_YEAR_RE.match(n) for n in small.numbers):
        return None
    if not _authors_agree(a, b):
        return None
    if a.family and b.family:
        return ["first author", "year, volume and pages"]
    return ["journal", "year, volume and pages"] if _journals_agree(a, b) else None


def _classify(a: _Key, b: _Key) -> tuple[str, float, list[str]] | None:
    """Kind of duplicate, title similarity, and the fields that agreed."""
    if a.raw == b.raw:
        return "verbatim", 100.0, ["text"]
    if not a.ids & b.ids and _conflicts(a, b):
        return None
    similarity = fuzz.token_sort_ratio(a.title, b.title) if a.title and b.title else 0.0
    if a.ids & b.ids:
        return "same-identifier", similarity, ["identifier"]
    same_title = _titles_agree(a, b)
    titled = _real_title(a, b) and _real_title(b, a)
    if titled and not same_title and not _title_printed(a, b):
        return None  # two titles printed, two works: locators alone do not make them one
    if same_title:
        agreed = ["title"] + [name for name, f in (("first author", "family"), ("year", "year"))
                              if getattr(a, f) and getattr(b, f)]
        return "same-work", max(similarity, 100.0 if a.title in b.text else 0.0), agreed
    fields = (_fields_agree(a, b) or _numbers_agree(a, b) or _locators_agree(a, b)
              or _printed_title_agrees(a, b))
    return ("same-work", similarity, fields) if fields else None


def _container_printed(a: _Key, b: _Key) -> bool:
    """Whether one entry's container, of several words (a book, not "Nature"), is printed
    in the other: the title another style parsed as the container."""
    for x, y in ((a, b), (b, a)):
        words = _words(x.container)
        if len(words.split()) >= RULES.container_words and f" {words} " in y.text:
            return True
    return False


def _words_printed(a: _Key, b: _Key) -> bool:
    """Whether every word of the shorter entry (names and numbers aside, at least
    ``container_words`` of them) is printed in the longer: a style that prints the title
    where the parser found none."""
    short, long = sorted((a, b), key=lambda k: len(k.text))
    words = [w for w in short.text.split() if len(w) > 1 and not w.isdigit()]
    if len(words) < RULES.container_words + 2:  # two of them are the authors' names
        return False
    return all(f" {w} " in long.text for w in words)


def _printed_title_agrees(a: _Key, b: _Key) -> list[str] | None:
    """One entry's title printed in the other (a chapter's book, a title cut short), and
    both name the same first author, year and first page: "Weishaupt D, Nanz D: Bildgebung
    ... Wie funktioniert MRI? 2009:133-136" is "D. Weishaupt, D. Nanz, Wie Funktioniert MRI?
    (2009) 133"."""
    if not (a.family and b.family and (_title_printed(a, b) or _container_printed(a, b)
                                       or _words_printed(a, b))):
        return None
    if _agrees(a, b, "year") is not True or _agrees(a, b, "first_page") is not True:
        return None
    return ["title printed", "first author", "year", "first page"]


def _completeness(ref: ParsedReference) -> int:
    return sum(bool(ref.csl.get(f)) for f in _COMPLETE_FIELDS) + bool(issued_year(ref.csl))


def _keep(first: ParsedReference, dup: ParsedReference, majority: str | None
          ) -> tuple[ParsedReference, str]:
    """The entry to keep: the one in the list's majority style, then the more complete."""
    in_style = [r for r in (first, dup) if majority and r.style == majority]
    if len(in_style) == 1:
        return in_style[0], f"it is in the list's style ({majority})"
    a, b = _completeness(first), _completeness(dup)
    if a != b:
        return (first if a > b else dup), "it has more of the fields"
    return first, "it comes first"


@register
class DuplicateReference(Check):
    """What it finds: a work listed more than once: verbatim copies, entries sharing a DOI or
    PMID, and the same work written in another style (the title agrees, or without titles
    the first author, year, first page and volume or journal), with no printed year, volume,
    first page or first author disagreeing.

    Why it matters: duplicates inflate the list, shift the numbering of every later entry and
    usually mean citations in the text point at two numbers for one source.

    Example: ``Short B, ... Lancet Psychiatry 2018; 5:65–78`` and ``Short B, ... Lancet
    Psychiatry. 2018 Jan;5(1):65-78. doi: ...`` are one work.

    Fix: keep one entry (the one in the list's style, else the more complete) and renumber
    the citations that pointed at the other.
    """

    code = "RA101"
    name = "duplicate-reference"
    severity = Severity.WARNING
    confidence = 0.9
    summary = "The same work appears more than once in the list."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        refs = ctx.listed
        keys = [_key(r, ctx.max_entry_chars) for r in refs]
        majority = list_style(ctx)
        blocks: dict[str, list[int]] = defaultdict(list)
        seen: set[int] = set()
        for j, kj in enumerate(keys):
            names = list(_blocking_keys(kj))
            candidates = sorted({i for b in names for i in blocks[b][-RULES.block_candidates:]})
            for b in names:
                blocks[b].append(j)
            for i in candidates:
                if i in seen:
                    continue
                verdict = _classify(keys[i], kj)
                if verdict is None:
                    continue
                seen.add(j)
                yield self._report(refs[i], refs[j], keys[i], kj, verdict, majority)
                break

    def _report(self, first: ParsedReference, dup: ParsedReference, a: _Key, b: _Key,
                verdict: tuple[str, float, list[str]], majority: str | None) -> Finding:
        kind, similarity, agreed = verdict
        shared = sorted(a.ids & b.ids)
        evidence = {
            "kind": kind,
            "first": describe(first),
            "duplicate": describe(dup),
            "title_similarity": round(similarity, 1),
            "shared_identifiers": shared,
            "agreeing_fields": agreed,
        }
        n1, n2 = first.ref.index, dup.ref.index
        if kind == "same-identifier" and similarity < RULES.title_different_work and \
                a.title and b.title:
            evidence["conflicting_fields"] = ["title"]
            return self.finding(
                [first, dup],
                f"Entries {n1} and {n2} carry the same identifier ({', '.join(shared)}) but their "
                "titles differ: one identifier is probably wrong",
                evidence,
                "Check which entry the identifier belongs to and correct the other.",
                confidence=0.7,
            )
        confidence = {"verbatim": 1.0, "same-identifier": 0.95, "same-work": 0.85}[kind]
        how = {
            "verbatim": "is a verbatim copy of",
            "same-identifier": f"shares {', '.join(shared)} with",
            "same-work": "describes the same work as",
        }[kind]
        why_same = f" ({', '.join(agreed)} agree)" if kind == "same-work" else ""
        kept, why = _keep(first, dup, majority)
        keep = kept.ref.index
        drop = n2 if keep == n1 else n1
        evidence["keep"] = {"index": keep, "why": why}
        dropped = dup if kept is first else first
        evidence["delete"] = {"index": drop, "id": dropped.id}
        return self.finding(
            [first, dup],
            f"Entry {n2} {how} entry {n1}{why_same}",
            evidence,
            f"Keep entry {keep} ({why}), delete entry {drop} and point its citations at entry "
            f"{keep}.",
            confidence=confidence,
        )
