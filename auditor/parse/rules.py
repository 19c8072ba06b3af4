"""The rule-based field extractor: recognise the citation style, then read its fields.

Each common style has a recognisable skeleton (Vancouver's ``2018 Jan;5(1):65-78``, MLA's quoted
title and ``62.1 (2012): 35-41``, Elsevier's ``Volume 383, 2020``). Finding the skeleton names the
style, which both the style-consistency check and the field reader need. Identifiers are removed
first with the rules of :mod:`auditor.identifiers`, so no field swallows one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from auditor import identifiers
from auditor.identifiers import DOI_LABEL_PATTERN, DOI_PREFIX
from auditor.models import CSL
from auditor.parse import names
from auditor.parse.normalize import clean, date_parts, find_accessed, normalize_pages, year_of

_Y = r"(?:1[5-9]|20)\d{2}"
_SEASON = r"(?:Winter|Spring|Summer|Fall|Autumn)"
_MON = rf"(?:{_SEASON}|[A-Z][a-z]{{2}}(?:[a-z]{{0,6}})\.?)"
VANCOUVER_SOURCE = re.compile(
    rf"(?P<year>{_Y})[a-z]?(?P<date>\s+{_MON}(?:\s*[-–/]\s*{_MON})?(?:\s+\d{{1,2}})?)?\s*;\s*"
    r"(?P<vol>[\w.]+?)?\s*(?:\((?P<issue>[^)]+)\))?\s*:\s*"
    r"(?P<pages>[A-Za-z]{0,2}\d[\w.]*(?:\s*[-–]\s*[A-Za-z]{0,2}\d+\w*)?)"
)
_VNAME = (
    r"(?:(?:[a-z]{1,3}\s){0,2}[A-Z][\w'’\-]*(?:[\s\-](?:[a-z]{1,3}\s){0,2}[A-Z][\w'’\-]*)*"
    r"\s[A-Z]{1,4}(?:,?\s(?:Jr|Sr|II|III|IV|2nd|3rd)\b\.?)?)"
)
VANCOUVER_AUTHORS = re.compile(
    rf"^(?P<a>{_VNAME}(?:,\s*{_VNAME})*(?:,?\s*et\.?\s*al)?)\.?\s*:?\s+(?=\S)"
)
MLA_RE = re.compile(
    r"^(?P<a>[^\"“]+?)\.\s+[\"“](?P<title>.+?)[.,]?[\"”]\s+(?P<journal>.+?)\s+"
    rf"(?P<vol>\d+)(?:\.(?P<issue>\w+))?\s+\((?P<year>{_Y})\):\s*(?P<pages>[\w\-–]+)"
)
MLA8_RE = re.compile(
    r"^(?P<a>[^\"“]+?)\.\s+[\"“](?P<title>.+?)[.,]?[\"”]\s+(?P<journal>[^,]+),\s+vol\.\s*"
    rf"(?P<vol>\w+)(?:,\s+no\.\s*(?P<issue>\w+))?,\s+(?P<date>[^,]*?{_Y}),\s+"
    r"pp?\.\s*(?P<pages>[\w\-–]+)"
)
CHICAGO_RE = re.compile(
    r"^(?P<a>[^\"“]+?)\.\s+[\"“](?P<title>.+?)[.,]?[\"”]\s+(?P<journal>.+?)\s+(?P<vol>\d+)"
    rf"(?:,\s+no\.\s*(?P<issue>\w+))?\s+\((?:[A-Za-z]+\.?\s+)?(?P<year>{_Y})\):\s*"
    r"(?P<pages>[\w\-–]+)"
)
# An issue may be a range ("no. 1–2").
_IEEE_SOURCE = (
    r"\s+(?:in\s+)?(?P<journal>[^,]+),\s+"
    r"(?:vol\.\s*(?P<vol>\w+),\s+)?(?:no\.\s*(?P<issue>\w+(?:[-–]\w+)?),\s+)?"
    rf"(?:(?:pp?\.|Art\. no\.)\s*(?P<pages>[\w\-–]+),\s+)?(?P<date>[^,]*?{_Y})"
)
# Its authors print no year (ACM's "Hickman, J. 2014. ... Liverpool, “The World ...”" is none).
IEEE_RE = re.compile(r"^(?P<a>(?:(?!\b\d{4}\b)[^\"“])+?),\s+[\"“](?P<title>.+?),?[\"”]"
                     + _IEEE_SOURCE)
# An entry without authors opens with its quoted title, a comma inside the quotes (MLA's
# title closes with a period).
IEEE_UNAUTHORED_RE = re.compile(r"^(?P<a>)[\"“](?P<title>.+?),[\"”]" + _IEEE_SOURCE)
ELSEVIER_RE = re.compile(
    r"^(?P<pre>.+?),\s+(?P<journal>[^,]+),\s+Volume\s+(?P<vol>\w+)"
    rf"(?:,\s+Issue\s+(?P<issue>[\w\-–]+))?,\s+(?P<year>{_Y}),\s*"
    r"(?:Pages?\s+)?(?P<pages>[\w\-–]+)"
)
# APA's journal: its name may go on after a comma with capitalised words ("Chaos, Solitons &
# Fractals", "Applied Physiology, Nutrition, and Metabolism"), never with a number, a bracket
# or a sentence's end ("B200", "Vol 22(6)", "Justice. Or, ..."); then the volume, issue and
# pages.
_APA_GOES_ON = r"(?:,\s+(?:and\s+|&\s+)?[A-Z][^,\d.?!()]*?)*"
_APA_LOCATOR = r",\s+(?P<vol>\d+)\b(?:\s*\((?P<issue>[^)]+)\))?"
_APA_SOURCE = rf"(?P<journal>[^,]+?{_APA_GOES_ON}){_APA_LOCATOR}(?:,\s+(?P<pages>[\w\-–]+))?"
_APA_DATE = rf"\s*\((?P<year>{_Y})[a-z]?(?:,[^)]*)?\)\.\s+"
APA_RE = re.compile(rf"^(?P<a>.+?){_APA_DATE}(?P<title>.+?[.?!][\"”’]?)\s+" + _APA_SOURCE)
# A work the registry gave no title is printed without one ("Wang, X.-J. (1996).
# Transactions of the American Mathematical Society, 348(11), 4501–4525."): its journal is
# all that follows the date, to the pages that end the entry.
APA_UNTITLED_RE = re.compile(
    rf"^(?P<a>.+?){_APA_DATE}(?P<title>)(?P<journal>[^,.?!“”\"]+?{_APA_GOES_ON}){_APA_LOCATOR}"
    r",\s+(?P<pages>[\w\-–]+)\.?\s*$"
)
# A work without authors: APA moves its title to their place ("Idyll wild. (2012). Archives
# of Internal Medicine, 172(8), 633."). Its title is one sentence: a period inside
# ("Freeman, B., & Coll, K. M. (1997).") is an author's initial, or a corporate author's end
# ("Australia. Department of Health and Aged Care. (1999).").
APA_UNAUTHORED_RE = re.compile(
    rf"^(?P<a>)(?P<title>[^().?!]+[.?!][\"”’]?)\s+\((?P<year>{_Y})[a-z]?\)\.\s+" + _APA_SOURCE
)
HARVARD_RE = re.compile(
    rf"^(?P<a>.+?)\s*\(?(?P<year>{_Y})[a-z]?\)?[.,]?\s+[‘'\"“]?(?P<title>.+?)[.?!,]?['’\"”]?,?\s+"
    r"(?P<journal>[A-Z][^,]+?),\s+(?:vol\.\s*)?(?P<vol>\d+)(?:\s*\((?:no\.\s*)?(?P<issue>[^)]+)\))?"
    r",\s+(?:pp?\.\s*)?(?P<pages>[\w\-–]+)"
)
NATURE_TAIL = re.compile(
    rf"\s(?P<vol>\d+),\s+(?P<pages>[\w\-–]+)\s+\((?P<year>{_Y})\)\.?\s*$"
)
NATURE_AUTHOR = re.compile(
    r"(?:[a-z]{1,3}\s)?[A-Z][\w'’\-]+(?:\s[A-Z][\w'’\-]+)?,\s(?:[A-Z][a-z]?\.\s?-?){1,4}"
    r"(?:,\s*|\s*&\s*|\s+and\s+|\s*et al\.\s*)?"
)
MAX_RULE_TEXT = 1500  # longer strings are cut before matching: bounded time on garbage
_STRIP_PATTERNS = (
    r"\bErratum in:.*?(?=PMID|PMCID|$)",
    r"\b(?:Comment|Retraction|Update) in:.*?(?=PMID|PMCID|$)",
    r"\bEpub(?: ahead of print)?\s*(?:" + _Y + r")?(?:\s+[A-Z][a-z]{2,8})?(?:\s+\d{1,2})?\.?",
    DOI_LABEL_PATTERN + DOI_PREFIX + r"\S+",
    r"\bPMID\s*:?\s*\d+;?",
    r"\bPMCID\s*:?\s*PMC\d+\.?",
    r"\bPMC\d{4,}\b",
    r"\b(?:e?ISSN|ISBN)\s*:?\s*[\dXx\-]{8,17}",
    r"\barXiv\s*:\s*\S+",
    r"\b(?:https?://|www\.)\S+",
    r"\b(?:Available (?:from|at|online)|Retrieved from|URL)\s*:?",
    r"\[(?:Internet|Online|online)\]",
)
_FUNCTION_WORDS = frozenset(
    "of and the in for on de et la und des der y di del du & a an to".split()
)


def strip_identifiers(text: str) -> str:
    """The reference without identifiers, links, epub and erratum notes."""
    for pattern in _STRIP_PATTERNS:
        text = re.sub(pattern, " ", text)
    text = re.sub(r"\s+([.,;:])", r"\1", text)
    text = re.sub(r"([.,;:])(?:\s+[.,;:](?=\s|$))+", r"\1", text)
    return re.sub(r"\s+", " ", text).strip(" ;,")


def _journal_like(text: str) -> bool:
    """Abbreviated or capitalised words only: ``J. Clin. Psychiatr.``, ``Neurosci (Berl)``.
    """
    words = text.strip().rstrip(".").split()
    if not words or len(words) > 14:
        return False
    for w in words:
        core = w.strip("().,:;[]")
        if not core or core.lower() in _FUNCTION_WORDS:
            continue
        if not (core[0].isupper() or core[0].isdigit()):
            return False
    return True


def split_title_journal(text: str) -> tuple[str, str | None]:
    """Split ``Title. Journal`` at the first sentence boundary followed by a journal-like tail."""
    for m in re.finditer(r"[.?!]\s+(?=[A-Z(\[])", text):
        tail = text[m.end() :]
        if _journal_like(tail):
            return text[: m.start() + 1], tail
    return text, None


def _set(csl: CSL, key: str, value: str | None) -> None:
    if value is not None:
        value = clean(value)
        if value:
            csl[key] = value


def _set_names(csl: CSL, parsed: tuple[list[dict[str, Any]], bool]) -> None:
    authors, et_al = parsed
    if authors:
        csl["author"] = authors
    if et_al:
        csl["_et_al"] = True


def _set_locator(csl: CSL, m: re.Match[str]) -> None:
    groups = m.groupdict()
    _set(csl, "volume", groups.get("vol"))
    _set(csl, "issue", groups.get("issue"))
    if groups.get("pages"):
        csl["page"] = normalize_pages(groups["pages"])
    date_text = " ".join(g for g in (groups.get("year"), groups.get("date")) if g)
    parts = date_parts(date_text) if date_text else None
    if parts:
        csl["issued"] = {"date-parts": [parts]}


def _vancouver(text: str) -> CSL | None:
    source = VANCOUVER_SOURCE.search(text)
    if source is None:
        return None
    csl: CSL = {}
    pre = text[: source.start()].strip()
    authors = VANCOUVER_AUTHORS.match(pre)
    if authors:
        _set_names(csl, names.parse_vancouver(authors.group("a")))
        pre = pre[authors.end() :]
    title, journal = split_title_journal(pre)
    _set(csl, "title", title)
    _set(csl, "container-title", journal)
    _set_locator(csl, source)
    return csl


def _quoted_title(parser: Callable[[str], tuple[list[dict[str, Any]], bool]]) -> Callable[
    [re.Match[str]], CSL
]:
    """A builder for skeletons with named groups a/title/journal and a locator (MLA, Chicago,
    IEEE, APA, Harvard): names read by ``parser``."""

    def build(m: re.Match[str]) -> CSL:
        csl: CSL = {}
        _set_names(csl, parser(m.group("a") or ""))
        _set(csl, "title", m.group("title"))
        _set(csl, "container-title", m.group("journal"))
        _set_locator(csl, m)
        return csl

    return build


def _name_segment(segment: str) -> bool:
    """``Omar K. Sial``, ``Ben Julian A. Palanca``: capitalised words and initials only."""
    tokens = segment.split()
    if not 2 <= len(tokens) <= 5:
        return False
    return all(t[0].isupper() or t.lower() in names.PARTICLES for t in tokens) and not any(
        t in _FUNCTION_WORDS for t in tokens
    )


def _elsevier(m: re.Match[str]) -> CSL:
    csl: CSL = {}
    segments = [s.strip() for s in m.group("pre").split(",")]
    count = 0
    while count < len(segments) and _name_segment(segments[count]):
        count += 1
    if count == len(segments) and split_title_journal(m.group("journal"))[1] is None:
        count -= 1  # the last "name" was a short title
    if count:
        csl["author"] = [names.given_first(s) for s in segments[:count]]
    title = ", ".join(segments[count:])
    journal = m.group("journal")
    if not title:  # no comma between title and journal: "end? Behavioural Brain Research"
        title, tail = split_title_journal(journal)
        journal = tail or ""
    _set(csl, "title", title)
    _set(csl, "container-title", journal or None)
    _set_locator(csl, m)
    return csl


# A year printed straight after the authors, as ACM prints it ("et al. 2012. Title.").
_YEAR_FIRST_RE = re.compile(rf"\s*{_Y}\.\s")


def _nature(text: str) -> CSL | None:
    """``Duman, R. S. & Aghajanian, G. K. Title. Science 338, 68-72 (2012).``"""
    tail = NATURE_TAIL.search(text)
    if tail is None:
        return None
    pre = text[: tail.start()]
    pos = 0
    while (m := NATURE_AUTHOR.match(pre, pos)) and m.end() > pos:
        pos = m.end()
    if pos == 0 or _YEAR_FIRST_RE.match(pre, pos):
        return None  # a year after the authors: ACM's "Den Hollander, F. et al. 2012. ..."
    title, journal = split_title_journal(pre[pos:].strip())
    if journal is None:
        return None
    csl: CSL = {}
    _set_names(csl, names.parse_inverted_pairs(pre[:pos]))
    _set(csl, "title", title)
    _set(csl, "container-title", journal)
    _set_locator(csl, tail)
    return csl


STYLES: tuple[tuple[str, re.Pattern[str], Callable[[re.Match[str]], CSL]], ...] = (
    ("elsevier", ELSEVIER_RE, _elsevier),
    ("mla", MLA_RE, _quoted_title(names.parse_mla)),
    ("mla", MLA8_RE, _quoted_title(names.parse_mla)),
    ("chicago", CHICAGO_RE, _quoted_title(names.parse_mla)),
    ("ieee", IEEE_RE, _quoted_title(names.parse_given_first_list)),
    ("ieee", IEEE_UNAUTHORED_RE, _quoted_title(names.parse_given_first_list)),
    ("apa", APA_RE, _quoted_title(names.parse_inverted_pairs)),
    ("apa", APA_UNAUTHORED_RE, _quoted_title(names.parse_inverted_pairs)),
    ("apa", APA_UNTITLED_RE, _quoted_title(names.parse_inverted_pairs)),
    ("harvard", HARVARD_RE, _quoted_title(names.parse_inverted_pairs)),
)


def _sentences(text: str) -> list[str]:
    """Split on sentence ends that are not initials or common abbreviations."""
    parts: list[str] = []
    start = 0
    for m in re.finditer(r"[.?!]\s+(?=[A-Z0-9\"“(])", text):
        before = text[start : m.start()].split()
        last = before[-1] if before else ""
        if re.fullmatch(r"[A-Z]|al|vs|Vol|No|pp|St|Dr|eds?", last):
            continue
        parts.append(text[start : m.start()])
        start = m.end()
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def _generic(text: str) -> CSL:
    """Fallback for unrecognised skeletons: first sentence author (if name-like), next title."""
    csl: CSL = {}
    sentences = _sentences(text)
    if len(sentences) >= 2:
        first = sentences[0]
        if names.is_corporate(first) or VANCOUVER_AUTHORS.match(first + ". x"):
            if names.is_corporate(first):
                csl["author"] = [{"literal": clean(first)}]
            else:
                _set_names(csl, names.parse_vancouver(first))
            sentences = sentences[1:]
    if sentences:
        _set(csl, "title", sentences[0])
    year = year_of(text)
    if year:
        csl["issued"] = {"date-parts": [[year]]}
    return csl


def _type(csl: CSL, text: str, has_url: bool, has_doi: bool) -> str:
    lowered = text.lower()
    if re.search(r"\b(?:thesis|dissertation)\b", lowered):
        return "thesis"
    if re.search(r"\bin:?\s+(?:[A-Z][\w.]*\s+)+\(?eds?\.?\)?", text) or "(eds" in lowered:
        return "chapter"
    if "container-title" in csl:
        if re.search(r"\b(?:proceedings|conference|symposium|workshop)\b", lowered):
            return "paper-conference"
        return "article-journal"
    if has_url and not has_doi and ("accessed" in csl or "available" in lowered):
        return "webpage"
    if re.search(r"\breport\b", lowered):
        return "report"
    if has_url and not has_doi:
        return "webpage"
    return "article"


def parse(text: str) -> tuple[CSL, str | None]:
    """Fields (CSL-JSON, without identifiers) and the detected style of one reference."""
    accessed, work = find_accessed(text[:MAX_RULE_TEXT])
    work = strip_identifiers(work)
    style: str | None = None
    csl: CSL | None = None
    for name, pattern, build in STYLES:
        m = pattern.search(work)
        if m:
            style, csl = name, build(m)
            break
    if csl is None and (csl := _nature(work)) is not None:
        style = "nature"
    if csl is None:
        csl = _vancouver(work)
        style = "vancouver" if csl is not None else None
    if csl is None:
        csl = _generic(work)
    if accessed:
        csl["accessed"] = accessed
    has_url = bool(re.search(r"https?://|www\.", text))
    has_doi = identifiers.has_doi(text)
    csl["type"] = _type(csl, work, has_url, has_doi)
    return csl, style
