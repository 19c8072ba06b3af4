"""Studies the text reports without citing them.

Press releases, news pieces and careless manuscripts describe a study by where it appeared
("a new study appearing online today from the American Journal of Psychiatry", "researchers
reported last spring in a leading oncology journal") and cite nothing. A sentence is such a
mention when it names a study (study, trial, researchers, findings...), a venue (a journal's
name, or "a ... journal"), and a verb of publishing (published, appearing, reported, online,
issue), and nothing on its line cites or links anything. Each mention becomes a query (the
journal, the people the paragraph names, a year, the sentence's content words) that the
resolver searches like an unmatched reference, so the finding can offer a candidate, or say
why it could not look.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from auditor.models import CSL, Document, InTextCitation, SplitResult

_STUDY = re.compile(r"\b(?:stud(?:y|ies)|trials?|research(?:ers)?|scientists|paper|"
                    r"meta-analys[ie]s|analysis|survey|findings|investigators)\b", re.IGNORECASE)
_PUBLISHED = re.compile(r"\b(?:publish\w*|appear\w*|report\w*|online|issue of|"
                        r"released|according to)\b", re.IGNORECASE)
_VENUE_WORD = (r"(?:Journal|Review|Lancet|Letters|Proceedings|Annals|Archives|Bulletin|"
               r"Reports|Medicine|Psychiatry)")
_CAP = r"[A-Z][\w&'’-]*"
_NAMED_VENUE = re.compile(
    rf"\b(?:(?:{_CAP}\s+){{0,5}}{_VENUE_WORD}(?:\s+(?:of|for|on|in)(?:\s+(?:the\s+)?{_CAP})+)?"
    r"|Nature(?:\s+[A-Z]\w+)?|Science|JAMA(?:\s+[A-Z]\w+)?|BMJ|PLOS\s+\w+|PNAS|NEJM|Cell)\b")
_GENERIC_VENUE = re.compile(r"\b(?:a|an|the)\s+(?:[a-z-]+\s+){0,3}journal\b")
_PERSON = re.compile(r"\b((?:[A-Z][a-z]+\s+){1,2}(?:[A-Z]\.\s+)?[A-Z][a-z]+)"
                     r"(?=,\s+(?:M\.?D\.?|Ph\.?D\.?|Dr\.?P\.?H\.?))")
# A citation by number on the line: "[3]", "[1-4]", "(12)".
_NUMBER_CITES = re.compile(r"\[\d{1,4}(?:\s*[-–,]\s*\d{1,4})*\]|\(\d{1,3}(?:\s*[-–,]\s*\d{1,3})*\)")
# A year in parentheses, and what precedes it inside them: "(Smith et al., 2019)".
_YEAR_CITES = re.compile(r"\(([^()]{0,200})\b(?:1[6-9]|20)\d\d[a-z]?\)")
# The name a narrative citation ends with, right before its "(2019)": "Smith", "et al.".
_NARRATOR = re.compile(r"(?:\b[A-Z][\w'’-]*|\bal\.)\s*$")
_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")
_WORD = re.compile(r"[A-Za-z][A-Za-z-]{3,}")
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+|$)")
# Words a query gains nothing from.
_STOP = frozenset("""
that this these those with from have been were which their there about after before among
into onto over under than then them they what when where while will would could should also
such only most more many much very just first time shows show found finds find study studies
new online today appearing appeared published reports reported research researchers journal
american article editorial led""".split())
MAX_MENTIONS = 20  # per document: a page of news items is reported, not flooded
QUERY_WORDS = 12


@dataclass(frozen=True)
class StudyMention:
    """One sentence that reports a study without citing it, and what to search for."""

    line: int  # 1-based
    sentence: str
    venue: str
    people: tuple[str, ...]
    year: str | None
    topic: str  # the sentence's content words
    query: str  # what a bibliographic search is sent: people, venue, year, topic

    def record(self) -> CSL:
        """The mention as a reference to search for: the venue as container, the people
        as authors, the content words as a title."""
        csl: CSL = {"type": "article-journal", "container-title": self.venue,
                    "title": self.topic}
        if self.people:
            csl["author"] = [{"family": p.split()[-1], "given": " ".join(p.split()[:-1])}
                             for p in self.people]
        if self.year:
            csl["issued"] = {"date-parts": [[int(self.year)]]}
        return csl


def _venue(sentence: str) -> str | None:
    named = _NAMED_VENUE.search(sentence)
    if named and not named.group().strip().lower().startswith(("the study", "this study")):
        return named.group().strip()
    generic = _GENERIC_VENUE.search(sentence)
    return generic.group().strip() if generic else None


def _outside_lists(doc: Document, split: SplitResult) -> list[int]:
    inside: set[int] = set()
    for ref in split.references:
        inside.update(range(ref.start_line, ref.end_line + 1))
    last = split.read_until or len(doc.lines)
    return [n for n in range(1, last + 1) if n not in inside]


def cites(line: str, venues: list[str]) -> bool:
    """Whether ``line`` cites something: a number ("[3]", "(12)"), an author and year in
    parentheses ("(Smith et al., 2019)"), or a name before a year ("Smith (2019)"). A year
    alone after the venue ("in JAMA (2007)") is a date, not a citation."""
    if _NUMBER_CITES.search(line):
        return True
    for m in _YEAR_CITES.finditer(line):
        if any(c.isalpha() for c in m.group(1)):
            return True
        name = _NARRATOR.search(line[max(0, m.start() - 60) : m.start()])
        if name and not any(name.group().strip() in venue for venue in venues):
            return True
    return False


def find(doc: Document, split: SplitResult,
         in_text: tuple[InTextCitation, ...]) -> list[StudyMention]:
    """Sentences outside the lists that report a study with nothing on their line citing."""
    cited_lines = {c.line for c in in_text} | {line for _, _, line in doc.links}
    cited_lines |= {line for _, line, _ in doc.cited}
    out: list[StudyMention] = []
    for number in _outside_lists(doc, split):
        line = doc.lines[number - 1]
        if number in cited_lines or len(line) < 40:
            continue
        sentences = [m.group().strip() for m in _SENTENCE.finditer(line)]
        venues = [_venue(sentence) for sentence in sentences]
        if cites(line, [v for v in venues if v]):
            continue
        people = tuple(dict.fromkeys(m.group(1) for m in _PERSON.finditer(line)))
        for sentence, venue in zip(sentences, venues, strict=True):
            if not (venue and _STUDY.search(sentence) and _PUBLISHED.search(sentence)):
                continue
            out.append(_mention(number, sentence, venue, people, line))
            if len(out) >= MAX_MENTIONS:
                return out
    return out


def _mention(number: int, sentence: str, venue: str, people: tuple[str, ...],
             line: str) -> StudyMention:
    years = _YEAR.findall(line)
    rest = sentence.replace(venue, " ")
    words = [w for w in _WORD.findall(rest) if w.lower() not in _STOP][:QUERY_WORDS]
    topic = " ".join(words)
    year = years[0] if years else None
    surnames = [p.split()[-1] for p in people[:3]]
    query = " ".join([*surnames, venue if venue[:1].isupper() else "", year or "", topic])
    return StudyMention(number, sentence[:600], venue, people[:3], year, topic,
                        " ".join(query.split()))
