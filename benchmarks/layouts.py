"""Generated documents in every layout a user brings, with their gold lines and records.

References come from the parsing data (AnyStyle and GROBID strings) and the styles data (one
work in 17 styles), prose and headings from the whole documents of the finding data, each
drawn from the training or the held-out side of its own source, so the held-out documents of
``split_eval`` share no reference and no paragraph with the training documents.

Layouts (the benchmark reports each): a pasted numbered list, numbered lists with blank lines
or wrapped with hanging indents, unnumbered lists with blank lines, hanging indents or one per
line, text copied from a PDF (wrapped and hyphenated, running heads and page numbers, labels
right-aligned), an article with body text (and numbered or bulleted lists of its own: criteria,
steps) before and sections after, Markdown, HTML (with navigation, footers and publishers' link
lines), a list without a heading, and documents with no reference list at all.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from html import escape

from auditor.models import Document
from auditor.readers import html as html_reader
from auditor.readers import markdown as markdown_reader
from auditor.readers import text as text_reader
from auditor.sections.features import OTHER_HEADINGS, REFERENCE_HEADINGS
from auditor.sections.join import join_lines
from benchmarks.parsing_data import all_sequences, is_held_out
from benchmarks.sections_data import DATA, Sample, anystyle_samples

STYLES = DATA / "styles" / "same-work-17-styles-dev.csv"
_LEADING_LABEL = re.compile(r"^\s*(?:\[\d{1,4}\]|\(\d{1,4}\)|\d{1,4}[.)]?)\s*(?=\S)")
_YEARS = re.compile(r"\s?\(?(?:1[89]\d\d|20[0-2]\d)[a-z]?\)?[.,;]?(?=\s|$)")
LAYOUTS = (
    "pasted-numbered", "numbered-blank", "numbered-wrapped", "unnumbered-blank",
    "unnumbered-hanging", "unnumbered-lines", "pdf-text", "article", "markdown", "html",
    "web-page", "no-heading", "no-list",
)
# Layouts the models are not taught, scored by the benchmark only: text copied from a PDF
# whose labels the text layer glued to their entries ("1Berman RM, ..."), a superscript or
# bold number printed without a period: the numbering alone must carry them; and a PDF's
# layout text of a double-spaced manuscript, a blank line after every line, where the line
# facts count blank lines in the document's own spacing.
UNTAUGHT_LAYOUTS = ("glued-labels", "double-spaced")
COMPOUND_STYLES = frozenset({
    "iop", "american-institute-of-physics", "american-chemical-society", "elsevier-without-titles",
    "elsevier-with-titles", "american-chemical-society-with-titles", "ieee", "vancouver",
})
NAV_WORDS = ("Home", "About", "Contact", "Login", "Register", "Search", "Archives", "Current",
             "Submissions", "Editorial Team", "Announcements", "Menu", "Subscribe", "Help",
             "Privacy Policy", "Terms of Use", "Sitemap", "Journals", "Books", "Share")
AFTER_HEADINGS = ("Acknowledgements", "Acknowledgments", "Appendix", "Appendix A",
                  "Author contributions", "Funding", "Conflict of interest", "Figure legends",
                  "Tables", "Supplementary material", "Data availability", "Footnotes",
                  "About the authors", "Competing interests")
LINK_LINES = ("View Article", "PubMed/NCBI", "Google Scholar", "CrossRef", "PubMed",
              "PMC free article", "Scopus")


def _held(key: str, buckets: int = 10) -> bool:
    return hashlib.sha1(key.encode("utf-8")).digest()[0] % buckets == 0


def _in_part(key: str, part: str | None) -> bool:
    """Within the training side, ``fit`` and ``check`` split each source one in five, so
    that ``train_sections --validate`` scores documents made of strings it never trained on."""
    if part is None:
        return True
    return (hashlib.sha1(key.encode("utf-8")).digest()[1] % 5 == 0) == (part == "check")


@dataclass
class Pools:
    """What documents are made of, all from one side (train or held out) of each source."""

    refs: list[str]
    styles: dict[str, list[str]]
    paragraphs: list[str]
    titles: list[str]  # headings of the finding data's documents
    names: list[str] = field(default_factory=list)  # authors of the parsing data
    organisations: list[str] = field(default_factory=list)  # its publishers
    journals: list[str] = field(default_factory=list)
    papers: list[str] = field(default_factory=list)  # its article titles


_SPAN_FIELDS = {"author": "names", "publisher": "organisations", "container-title": "journals",
                "title": "papers"}
_NAME_SPLIT = re.compile(r"\s*(?:;|\band\b|&|,\s(?=[A-Z][a-z]+,))\s*")


def _spans(tokens: list[str], labels: list[str]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for token, label in zip(tokens, labels, strict=True):
        if out and out[-1][0] == label:
            out[-1] = (label, out[-1][1] + " " + token)
        else:
            out.append((label, token))
    return [(label, re.sub(r"\s+([,.;:)])", r"\1", re.sub(r"([(])\s+", r"\1", text)))
            for label, text in out]


def _add_spans(pools: Pools, tokens: list[str], labels: list[str]) -> None:
    for label, text in _spans(tokens, labels):
        name = _SPAN_FIELDS.get(label)
        if name == "names":
            pools.names.extend(n.strip(" ,.") for n in _NAME_SPLIT.split(text)
                               if 4 <= len(n.strip(" ,.")) <= 40 and n[:1].isupper())
        elif name and 5 <= len(text.strip(" ,.")) <= 90:
            getattr(pools, name).append(text.strip(" ,."))


# An AIP entry: "J. Kang, S. Gwon, and K. Cho, Asian Journal of Technology Innovation 21, 72
# (2013)." The styles data has no IOP style; its entries are made from these.
_AIP_ENTRY = re.compile(r"(?P<names>.+?), (?P<journal>[^,]+?) (?P<volume>[A-Z]?\d+), "
                        r"(?P<page>[A-Za-z]?\d+) \((?P<year>\d{4})\)\.$")
_AIP_NAME = re.compile(r"(?P<initials>(?:[A-Z]\.-?)+)\s(?P<surname>\S.*)")


def iop_entry(aip: str) -> str | None:
    """An AIP entry as the Institute of Physics prints it: surname first, initials without
    periods, the year after the authors, no punctuation between journal, volume and page
    ("Kang J, Gwon S and Cho K 2013 Asian Journal of Technology Innovation 21 72")."""
    m = _AIP_ENTRY.fullmatch(aip)
    if not m:
        return None
    names = []
    for name in re.split(r",\s(?:and\s)?|\sand\s", m["names"]):
        part = _AIP_NAME.fullmatch(name.strip())
        if not part:
            return None
        initials = " ".join(part["initials"].replace(".-", "-").rstrip(".").split("."))
        names.append(f"{part['surname']} {initials}")
    authors = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"{authors} {m['year']} {m['journal']} {m['volume']} {m['page']}"


# The styles data was rendered without each work's URL, so a fifth of its entries end on
# the word that announces it: no printed list does. The URL (from the row's DOI) is put back.
_DANGLING = (("Available from:", " https://doi.org/{doi}"), ("Retrieved", " (https://doi.org/{doi})."),
             ("doi:", " {doi}"), ("Disponível em:", " https://doi.org/{doi}"))


def completed(text: str, doi: str) -> str:
    """``text`` with the URL or DOI its last word announces."""
    for ending, rest in _DANGLING:
        if text.endswith(ending) and doi:
            return text + rest.format(doi=doi)
    return text


_ID_OR_URL = re.compile(r"\S*(?:10\.\d{4,9}/|https?://|www\.)\S*|doi:?", re.IGNORECASE)
# An author-date or author-title entry's authors, up to what follows them: ". 2013." /
# ". “Title" (Chicago, MLA), " (2013)." (APA), ", 2013." (Harvard).
_AUTHORS = re.compile(r"(?P<authors>[^“\"(]{3,160}?)(?P<rest>\.\s(?=(?:1[6-9]|20)\d\d|[“\"])|"
                      r",\s(?=(?:1[6-9]|20)\d\d)|\s\((?=(?:1[6-9]|20)\d\d).*)", re.DOTALL)
# Sorted lists that print the rule for "the same authors as above", and how many of their
# entries do (a random entry is given the rule: its authors are not compared).
REPEAT_LISTS, REPEAT_SHARE = 0.2, 0.25
# Numbered lists that print notes among their references ("References and Notes").
NOTE_LISTS = 0.1
# Share of PDF documents downloaded from a platform that stamps every page with who
# downloaded it and when (JSTOR, Oxford Academic, IEEE Xplore ...): the stamp repeats at
# every page break, inside the list too, and is no part of any entry.
STAMPED_PDFS = 0.3
# Share of PDF documents whose running head is the list's own heading, as theses and books
# print the chapter's title ("REFERENCES"), and share whose page number shares the running
# head's line, set apart by a wide gap ("154          REFERENCES", "REFERENCES          155").
HEADING_HEADS, SPREAD_HEADS = 0.4, 0.4
# Share of those whose pages set the running head off from the text by one or two blank
# lines, as a thesis's top margin does ("REFERENCES 155", blank, blank, the next entry).
HEAD_MARGINS = 0.5
# Share of PDF documents whose entries stand a blank line apart, as theses print them.
SPACED_PDFS = 0.3
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")  # as JSTOR prints them
RULES = ("———", "———", "——", "---", "—", "______", "-")
# Share of documents whose bodies cite through links in their prose ("A trial in the New England
# Journal of Medicine (https://doi.org/...) compared ..."), a sentence to a line or inside
# a paragraph, as web pages and Markdown notes do: prose with DOIs, and no list.
LINKED_BODIES = 0.3
# Share of a body's paragraphs followed by a list of its own (criteria, steps, findings),
# numbered or bulleted, as methods sections and web pages print them: a numbered list
# that is no reference list.
BODY_LISTS = 0.2
_BODY_MARKERS = ("{n}.", "{n}.", "{n})", "({n})", "{a})", "({a})", "{r}.", "•", "-", "–", "*")
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii")
_LINK_OPENINGS = ("A trial in", "A study in", "A review in", "As reported in", "Writing in",
                  "A paper in", "Research published in", "A meta-analysis in", "An article in",
                  "A recent report in", "According to a study in", "Findings in")
_LINK_VERBS = ("found that", "reported that", "showed that", "compared", "suggests that",
               "argued that", "confirmed that", "described how", "concluded that", "noted that")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


_WORD = re.compile(r"[^\W\d_]{3,}")  # a word of three letters or more


def _has_words(text: str) -> bool:
    """Whether an entry holds words besides its identifiers."""
    return len(_WORD.findall(_ID_OR_URL.sub(" ", text))) >= 2


def _repeated(entry: str, rng: random.Random) -> str:
    """``entry`` with its authors printed as the rule that repeats the entry above's."""
    m = _AUTHORS.match(entry)
    rest = entry[m.end("authors"):] if m else ""
    if len(_WORD.findall(rest)) < 3:
        return entry  # the authors and a year, or a page: the rule would leave no entry
    return rng.choice(RULES) + ("." if rest.startswith(" (") else "") + rest


def _clean_ref(text: str) -> str:
    text = re.sub(r"\s+", " ", _LEADING_LABEL.sub("", text, count=1)).strip()
    return text


@lru_cache(maxsize=4)
def pools(held_out: bool, part: str | None = None) -> Pools:
    refs = []
    spans = Pools([], {}, [], [])
    for _, (raw, tokens, labels), key in all_sequences():
        if is_held_out(key) == held_out and _in_part(key, part):
            text = _clean_ref(raw)
            if 25 <= len(text) <= 500:
                refs.append(text)
                _add_spans(spans, tokens, labels)
    styles: dict[str, list[str]] = {}
    with STYLES.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if _held(row["doi"]) == held_out and _in_part(row["doi"], part):
                text = completed(_clean_ref(row["reference"]), row["doi"])
                if len(text) >= 25:
                    styles.setdefault(row["style"], []).append(text)
                iop = iop_entry(text) if row["style"] == "american-institute-of-physics" else None
                if iop:
                    styles.setdefault("iop", []).append(iop)
    paragraphs: list[str] = []
    titles: list[str] = []
    for sample in anystyle_samples(held_out):
        assert sample.finder is not None
        run: list[str] = []
        kind = ""
        for line, label in [*zip(sample.doc.lines, sample.finder, strict=True), ("", "")]:
            if label == kind and label:
                run.append(line.strip())
                continue
            if kind == "text" and run:
                text = join_lines(run)
                if (len(text) >= 150 and _in_part(text, part)
                        and len(re.findall(r"\b(?:the|is|of|that)\b", text)) >= 3):
                    paragraphs.append(text)
            elif kind == "title" and run:
                text = " ".join(run)
                if 3 <= len(text) <= 80 and text.lower() not in REFERENCE_HEADINGS:
                    titles.append(text)
            run, kind = ([line.strip()] if label else []), label
    return Pools(refs, styles, paragraphs, titles, spans.names, spans.organisations,
                 spans.journals, spans.papers)


@dataclass
class Row:
    text: str
    finder: str  # ref / text / title / meta / "" (blank)
    seg: str = ""  # B / I / O inside the zone
    record: int = -1


@dataclass
class Builder:
    rows: list[Row] = field(default_factory=list)
    records: list[str] = field(default_factory=list)

    def blank(self) -> None:
        self.rows.append(Row("", ""))

    def add(self, text: str, finder: str, seg: str = "", record: int = -1) -> None:
        self.rows.append(Row(text, finder, seg, record))

    def record(self, text: str) -> int:
        self.records.append(text)
        return len(self.records) - 1


def wrap(text: str, width: int, first: str, rest: str, hyphenate: bool,
         rng: random.Random) -> list[str]:
    """Greedy word wrap, breaking long words with a hyphen the way justified PDFs do."""
    lines: list[str] = []
    current = first
    empty = True
    for word in text.split(" "):
        candidate = current + ("" if empty else " ") + word
        if len(candidate) <= width or empty:
            current, empty = candidate, False
            continue
        room = width - len(current) - 2
        if (hyphenate and word.isalpha() and len(word) >= 7 and room >= 3
                and rng.random() < 0.6):
            cut = rng.randint(3, min(room, len(word) - 3))
            lines.append(current + " " + word[:cut] + "-")
            current, empty = rest + word[cut:], False
            continue
        lines.append(current)
        current, empty = rest + word, False
    lines.append(current)
    return lines


class Generator:
    """Documents for one side of the data, reproducible from a seed."""

    def __init__(self, held_out: bool, seed: int, part: str | None = None,
                 compound_share: float | None = None) -> None:
        self.pools = pools(held_out, part)
        # The share of numbered lists in a compound style that print several works under
        # one number; None keeps each style's own (what the benchmark's documents use).
        self.compound_share = compound_share
        self.seed = seed
        # an article-numbered journal's article, the same for every document of the seed
        self.article = random.Random(seed).randint(10000, 99999)
        self.reseed("")

    def reseed(self, name: str) -> None:
        """Each document draws from streams of its own (the main one, and one per feature
        added later), so that a change to how some documents are made leaves the others as
        they were, and two generators are compared on the same documents."""
        self.rng = random.Random(f"{self.seed}:{name}")
        self.marks = random.Random(f"marks:{self.seed}:{name}")
        self.notes = random.Random(f"notes:{self.seed}:{name}")
        self.stamps = random.Random(f"stamps:{self.seed}:{name}")
        self.heads = random.Random(f"heads:{self.seed}:{name}")
        self.spaced = random.Random(f"spaced:{self.seed}:{name}")
        self.margins = random.Random(f"margins:{self.seed}:{name}")
        self.links = random.Random(f"links:{self.seed}:{name}")
        self.linking = self.links.random() < LINKED_BODIES
        self.lists = random.Random(f"lists:{self.seed}:{name}")
        self.list_heading = ""

    # -- parts ------------------------------------------------------------------------------

    def references(self, count: int) -> list[str]:
        rng = self.rng
        self.style = ""
        if rng.random() < 0.55:
            self.style = rng.choice(sorted(self.pools.styles))
            chosen = rng.sample(self.pools.styles[self.style], count)
        else:
            chosen = rng.sample(self.pools.refs, count)
        if rng.random() < 0.15:  # year-less entries (IEEE, ACS, web pages)
            chosen = [_YEARS.sub("", r) if rng.random() < 0.6 else r for r in chosen]
        ordered = rng.random() < 0.5
        if ordered:
            chosen.sort()
        # A figure or supplement DOI the styles data rendered alone ("doi:10.1371/journal.
        # pone.0154087.g001") is no entry a list prints. Left out after the draw, so that the
        # other documents stay as they were.
        chosen = [r for r in chosen if _has_words(r)] or chosen
        if ordered and self.marks.random() < REPEAT_LISTS:
            chosen = [_repeated(r, self.marks) if n and self.marks.random() < REPEAT_SHARE
                      else r for n, r in enumerate(chosen)]
        return chosen

    def count(self, most: int) -> int:
        """How many references a list holds: a few lists are very short."""
        return self.rng.randint(1, 2) if self.rng.random() < 0.1 else self.rng.randint(3, most)

    def heading(self) -> str:
        rng = self.rng
        word = rng.choice(REFERENCE_HEADINGS[:18]) if rng.random() < 0.9 else rng.choice(
            REFERENCE_HEADINGS)
        form = rng.random()
        word = word.upper() if form < 0.3 else word.title() if form < 0.8 else word.capitalize()
        if rng.random() < 0.2:
            word = rng.choice(["7. ", "VI. ", "5 ", "12. ", "A. ", "3.4 "]) + word
        if rng.random() < 0.1:
            word += ":"
        return word

    def label(self, style: str, number: int) -> str:
        return {"dot": f"{number}.", "bracket": f"[{number}]", "paren": f"({number})",
                "rparen": f"{number})", "bare": f"{number}"}[style]

    def paragraphs(self, count: int) -> list[str]:
        return self.rng.sample(self.pools.paragraphs, count)

    def furniture(self, page: int, head: str, spread: int) -> list[str]:
        """A page break's lines; with ``spread``, the page number and the running head on
        one line that many spaces apart, the number on the outer side (left on even
        pages)."""
        rng = self.rng
        number = rng.choice([f"{page}", f"- {page} -", f"Page {page}", f"{page} of 40",
                             f"{page}", f"0{self.article}-{page % 12 + 1}"])
        pad = " " * rng.choice([0, 0, 30, 60])
        lines = [pad + number]
        if head:
            # drawn even when ``spread`` replaces the line: the main stream must not shift,
            # so that every other document stays as it was
            lines.append(head if rng.random() < 0.7 else f"{head} {page}")
            if spread:
                gap = " " * (spread + self.heads.randint(0, 6))
                lines = [f"{page}{gap}{head}" if page % 2 == 0 else f"{head}{gap}{page}"]
        if rng.random() < 0.1:  # a caption that strayed between two pages of the list
            lines.append(self.stray_line())
        return lines if rng.random() < 0.5 else lines[::-1]

    # -- the list itself ---------------------------------------------------------------------

    def wrapped(self, text: str, opening: str, shape: tuple[int | None, str, bool]) -> list[str]:
        """``text`` as lines of at most ``width`` (one line when no width), continuation
        lines opening with ``rest``."""
        width, rest, hyphenate = shape
        if not width:
            return [opening + text]
        return wrap(text, width, opening, rest, hyphenate, self.rng)

    def reference_list(self, b: Builder, refs: list[str], numbering: str, blank: bool,
                       width: int | None, indent: str, hyphenate: bool, pdf: bool,
                       right_align: bool, glued: bool = False) -> None:
        """The list; with ``glued``, each label is its bare number run into the entry
        ("1Berman RM"), as a PDF's text layer copies a superscript number."""
        rng = self.rng
        label_width = len(self.label(numbering, len(refs))) if numbering else 0
        # Several works under one number, as physics and chemistry journals print them.
        iop = self.style == "iop"
        share = self.compound_share
        compound = (bool(numbering) and self.style in COMPOUND_STYLES
                    and rng.random() < (share if share is not None else 0.6 if iop else 0.3))
        lettered = compound and not iop and rng.random() < 0.3
        # IOP style: each work under one number opens a line of its own, with no "; ".
        own_lines = compound and not lettered and (iop or rng.random() < 0.4)
        bare_ends = own_lines and (iop or rng.random() < 0.5)
        # A PDF whose text layer breaks after every word, for some of its entries.
        word_lines = pdf and rng.random() < 0.08
        # A PDF whose text layer runs some numbered entries on after the one before.
        run_on = pdf and bool(numbering) and rng.random() < 0.25
        label_alone = pdf and bool(numbering) and rng.random() < 0.15
        if numbering and not compound and self.notes.random() < NOTE_LISTS:
            refs = self.with_notes(refs)
        number = 0
        i = 0
        while i < len(refs):
            number += 1
            parts = [refs[i]]
            i += 1
            while compound and i < len(refs) and len(parts) < 4 and rng.random() < 0.35:
                parts.append(refs[i])
                i += 1
            label = self.label(numbering, number) if numbering else ""
            if right_align and label:
                label = label.rjust(label_width)
            if lettered and len(parts) > 1:
                parts = [f"{chr(97 + n)}) {p}" for n, p in enumerate(parts)]
            if own_lines and bare_ends and len(parts) > 1:  # IOP: no period after a work
                parts = [p.rstrip(".") for p in parts]
            first = f"{label} " if label else ""
            if glued and label and not label_alone:
                label = str(number).rjust(len(label)) if right_align else str(number)
                first = label
            if label_alone and label:
                b.add(label, "ref", "B", -1)
                first = ""
            if indent == "first":
                first = "    " + first
            rest = {"hanging": " " * rng.choice([2, 3, 4, 5]),
                    "aligned": " " * len(first), "none": "", "first": ""}[indent]
            narrow = word_lines and rng.random() < 0.5
            shape = (1 if narrow else width, rest, hyphenate and not narrow)
            if len(parts) == 1:
                records = [b.record(f"{label} {parts[0]}".strip())]
                blocks = [self.wrapped(parts[0], first, shape)]
            elif own_lines:
                records = [b.record(f"{label} {parts[0]}".strip())]
                records += [b.record(p) for p in parts[1:]]
                blocks = [self.wrapped(parts[0], first, shape)] + [self.wrapped(p, rest, shape) for p in parts[1:]]
            else:
                text = "; ".join(p.rstrip(".") for p in parts[:-1]) + "; " + parts[-1]
                pieces = [p.rstrip(".") + ";" for p in parts[:-1]] + [parts[-1]]
                records = [b.record(f"{label} {pieces[0]}".strip())]
                records += [b.record(p) for p in pieces[1:]]
                blocks = [self.wrapped(text, first, shape)]
            joined = (run_on and not (label_alone and label) and number > 1
                      and b.rows and b.rows[-1].seg in ("B", "I") and rng.random() < 0.3)
            for k, lines in enumerate(blocks):
                for n, line in enumerate(lines):
                    start = n == 0 and not (k == 0 and label_alone and label)
                    if joined and k == 0 and n == 0:
                        b.rows[-1].text += "  " + line.strip()  # the line holds two entries
                        continue
                    b.add(line, "ref", "B" if start else "I", records[k] if n == 0 else -1)
            if blank:
                b.blank()
        if rng.random() < 0.3:  # notes, captions, footnotes right after the list, no heading
            for _ in range(rng.choice([1, 1, 2])):
                if blank or rng.random() < 0.5:
                    b.blank()
                b.add(self.stray_line(), "text")

    def with_notes(self, refs: list[str]) -> list[str]:
        """``refs`` with a few notes numbered among them, as physics journals and Science
        print "References and Notes": a sentence of prose under the list's next number."""
        out = list(refs)
        for _ in range(self.notes.randint(1, 3)):
            found = re.match(r".{60,250}?\.(?=\s)", self.notes.choice(self.pools.paragraphs))
            if found:
                out.insert(self.notes.randint(0, len(out)), found.group())
        return out

    def stamp(self) -> list[str]:
        """The lines a download platform prints on every page of one download: the same
        on every page, since one person downloaded the file once."""
        rng, p = self.stamps, self.pools
        ip = ".".join(str(rng.randint(1, 254)) for _ in range(4))
        day, month, year = rng.randint(1, 28), rng.choice(_MONTHS), rng.randint(2005, 2025)
        clock = f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
        place = rng.choice(p.organisations)
        doi = f"10.{rng.randint(1000, 9999)}/{rng.choice(['j.', 's', ''])}{rng.randint(10**5, 10**8)}"
        form = rng.randrange(8)
        if form == 0:  # JSTOR, two lines or one
            weekday = _WEEKDAYS[datetime.date(year, _MONTHS.index(month) + 1, day).weekday()]
            lines = [f"This content downloaded from {ip} on {weekday}, {day:02d} "
                     f"{month[:3]} {year} {clock}:{rng.randint(0, 59):02d} UTC",
                     "All use subject to https://about.jstor.org/terms"]
            return lines if rng.random() < 0.7 else [" ".join(lines)]
        if form == 1:
            return [f"Downloaded from https://academic.oup.com/{rng.choice(['brain', 'mnras', 'ije', 'qje', 'nar'])}"
                    f"/article/{rng.randint(1, 150)}/{rng.randint(1, 12)}/{rng.randint(1, 3000)}"
                    f"/{rng.randint(10**6, 10**7)} by guest on {day} {month} {year}"]
        if form == 2:  # HighWire journals
            site = rng.choice(["www.jbc.org", "www.pnas.org", "jcs.biologists.org",
                               "www.jneurosci.org", "science.sciencemag.org"])
            return [f"Downloaded from https://{site}/ by guest on {month} {day}, {year}"
                    if rng.random() < 0.5 else
                    f"Downloaded from https://{site} by {ip} on {month} {day}, {year} from IP "
                    f"address {ip}."]
        if form == 3:
            return [f"Authorized licensed use limited to: {place}. Downloaded on {month[:3]} "
                    f"{day:02d},{year} at {clock}:{rng.randint(10, 59)} UTC from IEEE Xplore.  "
                    "Restrictions apply."]
        if form == 4:  # Taylor & Francis
            return [f"Downloaded by [{place}] at {clock} {day:02d} {month} {year}"]
        if form == 5:
            return [f"Downloaded from journals.sagepub.com/doi/{doi} at {place.upper()} on "
                    f"{month} {day}, {year}"]
        if form == 6:  # Wiley: the ISSN and year come first
            return [f"{rng.randint(10**7, 10**8 - 1)}, {year - rng.randint(1, 15)}, "
                    f"{rng.randint(1, 12)}, Downloaded from https://onlinelibrary.wiley.com/doi/"
                    f"{doi} by {place}, Wiley Online Library on [{day:02d}/{rng.randint(1, 12):02d}"
                    f"/{year}]. See the Terms and Conditions (https://onlinelibrary.wiley.com/"
                    "terms-and-conditions) on Wiley Online Library for rules of use; OA articles "
                    "are governed by the applicable Creative Commons License"]
        return [f"{rng.choice(p.journals)} {year}.{rng.randint(1, 60)}. Downloaded from "
                f"www.worldscientific.com by {place.upper()} on {rng.randint(1, 12):02d}/{day:02d}"
                f"/{year % 100:02d}. For personal use only."]

    def paginate(self, b: Builder, refs: list[str]) -> None:
        """Page furniture through the whole document, as a PDF's text has it: a page number
        and a running head at every page break, sometimes a stray caption, and for some
        documents a download stamp; inside the list the segmenter drops them."""
        stamp = self.stamp() if self.stamps.random() < STAMPED_PDFS else []
        rng = self.rng
        head = rng.choice(self.pools.titles) if rng.random() < 0.5 or not refs else (
            refs[0].split(",")[0][:30] + " et al. " + rng.choice(
                ["eLife 2015;4:e04490", "J Neurosci 2012", "PLoS ONE", "Nature"]))
        if rng.random() < 0.15:  # Springer and others: the authors' names alone
            head = rng.choice(self.pools.names)
        if rng.random() < 0.15:
            head = ""
        if self.list_heading and self.heads.random() < HEADING_HEADS:
            head = self.list_heading.rstrip(":").upper() if self.heads.random() < 0.6 else \
                self.list_heading.rstrip(":")
        spread = self.heads.randint(20, 70) if head and self.heads.random() < SPREAD_HEADS else 0
        margin = self.margins.choice((1, 2)) if head and self.list_heading and \
            head.lower() == self.list_heading.rstrip(":").lower() and \
            self.margins.random() < HEAD_MARGINS else 0
        page_length = rng.randint(35, 60)
        page = rng.randint(2, 300)
        on_page = rng.randint(0, page_length)
        rows: list[Row] = []
        for row in b.rows:
            if row.text and on_page >= page_length:
                furniture = self.furniture(page, head, spread)
                if stamp:  # under the page's foot or above its head
                    at = self.stamps.choice([0, len(furniture)])
                    furniture[at:at] = stamp
                rows.extend(Row(text, "meta", "O") for text in furniture)
                rows.extend(Row("", "") for _ in range(margin))
                page += 1
                on_page = 0
            rows.append(row)
            on_page += 1
        b.rows = rows

    def stray_line(self) -> str:
        rng, p = self.rng, self.pools
        return rng.choice([
            f"Table {rng.randint(1, 9)}. {rng.choice(p.papers)}",
            f"Figure {rng.randint(1, 9)}. {rng.choice(p.papers)}.",
            f"FIG. {rng.randint(1, 9)}. {rng.choice(p.papers)}",
            f"Note: {rng.choice(p.paragraphs)[:rng.randint(40, 120)]}",
            f"* Corresponding author: {rng.choice(p.names).split()[0].lower()}@example.org",
            f"Received {rng.randint(1, 28)} March {rng.randint(1990, 2024)}; accepted "
            f"{rng.randint(1, 28)} June {rng.randint(1990, 2024)}",
            f"© {rng.randint(1990, 2024)} {rng.choice(p.organisations)}. All rights reserved.",
            f"{rng.choice(p.names)} is a researcher at {rng.choice(p.organisations)}. "
            f"{rng.choice(p.paragraphs)[:rng.randint(40, 100)]}",
            f"Correspondence: {rng.choice(p.names)}, {rng.choice(p.organisations)}.",
            f"This work was supported by {rng.choice(p.organisations)} (grant "
            f"{rng.randint(100, 99999)}), {rng.randint(1990, 2024)}.",
            f"Presented in part at {rng.choice(p.journals)}, {rng.randint(1990, 2024)}.",
            f"Accepted for publication {rng.randint(1, 28)} May {rng.randint(1990, 2024)}.",
            # the editor who handled the article, after its list (Springer, PNAS)
            f"{rng.choice(['Communicated by', 'Edited by', 'Editor:', 'Handling editor:'])} "
            f"{rng.choice(p.names)}",
            rng.choice(p.paragraphs)[:rng.randint(60, 200)],
        ])

    def table(self, b: Builder) -> None:
        """A table whose rows cite studies ("1   Alves-Costa (2004)   Brazil   31.2"), as
        reviews and meta-analyses print them: text, not a reference list."""
        rng, p = self.rng, self.pools
        widths = [rng.randint(3, 6), rng.randint(24, 34), rng.randint(10, 14), rng.randint(20, 36)]
        b.add(f"Table {rng.randint(1, 9)}. {rng.choice(p.papers)}", "text")
        b.blank()
        b.add("".join(h.ljust(w) for h, w in zip(("No", "Reference", "Site", "Variable"),
                                                    widths, strict=True)) + "Value", "text")
        number = 0
        for _ in range(rng.randint(4, 30)):
            if rng.random() < 0.6:
                number += 1
            name = rng.choice(p.names).split(",")[0]
            cited = f"{name}{' et al.' if rng.random() < 0.5 else ''} ({rng.randint(1970, 2020)})"
            cells = [str(number), cited, rng.choice(p.organisations)[:12],
                     rng.choice(p.papers)[:widths[3] - 2]]
            b.add("".join(c.ljust(w) for c, w in zip(cells, widths, strict=True))
                  + f"{rng.uniform(0, 100):.2f}", "text")
        b.blank()

    def link(self, words: str, markdown: bool) -> str:
        """``words`` linked to a DOI as a page prints it: a Markdown link, or the address
        after the words, as a reader shows a link."""
        r = self.links
        doi = f"10.{r.randint(1000, 99999)}/{r.choice(['j.', 's', 'nejm', ''])}{r.randint(10**3, 10**8)}"
        url = r.choice(("https://doi.org/", "https://doi.org/", "http://dx.doi.org/")) + doi
        if markdown:
            return f"[{words}]({url})"
        return r.choice((f"{words} ({url})", f"{words} ({url})", f"{words}, {url},",
                         f"{words} (doi:{doi})", f"{words} [{url}]"))

    @cached_property
    def sentences(self) -> list[str]:
        """The prose pool's sentences of six to 35 words, in a fixed order."""
        return sorted({s for text in self.pools.paragraphs for s in _SENTENCE.split(text)
                       if 6 <= len(s.split()) <= 35})

    def linked_sentence(self, markdown: bool) -> str:
        """A sentence of prose that cites a work through a link: a phrase of it linked,
        or, as news pages write, the journal it appeared in."""
        r = self.links
        tail = r.choice(self.sentences)
        if r.random() < 0.65:
            return self.linked_paragraph(tail, markdown, most=1)
        tail = tail[:1].lower() + tail[1:] if tail[1:2].islower() else tail
        the = "the " if r.random() < 0.4 else ""
        return (f"{r.choice(_LINK_OPENINGS)} {the}{self.link(r.choice(self.pools.journals), markdown)} "
                f"{r.choice(_LINK_VERBS)} {tail}")

    def linked_paragraph(self, text: str, markdown: bool, most: int = 3) -> str:
        """``text`` with one to ``most`` of its phrases linked to DOIs; a sentence's closing
        stop stays outside the link."""
        r = self.links
        words = text.split(" ")
        for _ in range(r.randint(1, most)):
            if len(words) < 3:
                break
            span = r.randint(1, min(4, len(words) - 1))
            at = r.randrange(1, len(words) - span + 1)
            phrase = " ".join(words[at:at + span])
            stop = phrase[-1:] if phrase[-1:] in (".", ",", ";", ":") else ""
            if len(phrase.strip()) <= len(stop):
                continue
            words[at:at + span] = [self.link(phrase[:len(phrase) - len(stop)], markdown) + stop]
        return " ".join(words)

    def linked_lines(self, markdown: bool) -> list[str]:
        """Prose that cites through links: sentences a line each, or one paragraph."""
        r = self.links
        if r.random() < 0.6:
            return [self.linked_sentence(markdown) for _ in range(r.randint(2, 6))]
        return [self.linked_paragraph(r.choice(self.pools.paragraphs), markdown)]

    def body(self, b: Builder, paragraphs: int, width: int | None, headings: bool,
             lists: bool = True) -> None:
        rng = self.rng
        if rng.random() < 0.1:
            self.table(b)
        linked = self.links.randint(0, paragraphs) if self.linking else -1
        for n, text in enumerate(self.paragraphs(paragraphs)):
            if n == linked:
                self.linked_body(b, width, markdown=False)
            if headings and (n == 0 or rng.random() < 0.3):
                title = rng.choice(self.pools.titles) if rng.random() < 0.6 else rng.choice(
                    OTHER_HEADINGS[:12]).title()
                b.add(title, "title")
                b.blank()
            for line in (wrap(text, width, "", "", False, rng) if width else [text]):
                b.add(line, "text")
            b.blank()
            if self.lists.random() < BODY_LISTS and lists:  # drawn either way: same streams
                self.body_list(b)
        if linked == paragraphs:
            self.linked_body(b, width, markdown=False)

    def list_items(self) -> tuple[str, list[str]]:
        """A marker form and two to eight items of prose (clauses of the prose pool's
        sentences, some citing a work as prose does), for a list in a body."""
        r, p = self.lists, self.pools
        items = []
        for _ in range(r.randint(2, 8)):
            words = r.choice(self.sentences).split()
            item = " ".join(words[: r.randint(2, min(len(words), 24))]).rstrip(",;:")
            if r.random() < 0.2:
                surname = max(_WORD.findall(r.choice(p.names)), key=len, default="Smith")
                item += f" ({surname}{' et al.' if r.random() < 0.5 else ''}, {r.randint(1970, 2024)})"
            items.append(item + r.choice((".", ".", ";", "")))
        return r.choice(_BODY_MARKERS), items

    @staticmethod
    def marker(form: str, n: int) -> str:
        return form.format(n=n + 1, a=chr(97 + n), r=_ROMAN[n % len(_ROMAN)])

    def body_list(self, b: Builder) -> None:
        """A list of the body's own, an item to a line as a manuscript's text gives it,
        then a blank line."""
        r = self.lists
        form, items = self.list_items()
        indent = r.choice(("", "", "  ", "    "))
        if r.random() < 0.5:  # a lead-in sentence ending in a colon
            b.add(r.choice(self.sentences).rstrip(".") + ":", "text")
        for n, item in enumerate(items):
            b.add(f"{indent}{self.marker(form, n)} {item}", "text")
        b.blank()

    def linked_body(self, b: Builder, width: int | None, markdown: bool) -> None:
        """Linked prose set as the body around it is: wrapped at its width, then a blank."""
        for text in self.linked_lines(markdown):
            for line in (wrap(text, width, "", "", False, self.links) if width else [text]):
                b.add(line, "text")
        b.blank()

    # -- layouts -----------------------------------------------------------------------------

    def text_document(self, layout: str) -> Builder:
        rng = self.rng
        b = Builder()
        numbering = rng.choice(["dot", "bracket", "paren", "rparen", "bare"])
        count = rng.randint(1, 3) if rng.random() < 0.12 else rng.randint(4, 75)
        width: int | None = None
        blank = False
        indent = "none"
        hyphenate = pdf = right_align = False
        heading = True
        before = after = 0
        if layout == "pasted-numbered":
            heading = rng.random() < 0.8
        elif layout == "numbered-blank":
            blank = True
            width = rng.choice([None, rng.randint(60, 100)])
        elif layout == "numbered-wrapped":
            width = rng.randint(60, 100)
            indent = rng.choice(["hanging", "aligned", "none"])
            hyphenate = rng.random() < 0.5
        elif layout == "unnumbered-blank":
            numbering, blank = "", True
            width = rng.choice([None, rng.randint(60, 100)])
            indent = rng.choice(["hanging", "none"])
        elif layout == "unnumbered-hanging":
            numbering, indent = "", "hanging"
            width = rng.randint(60, 100)
            hyphenate = rng.random() < 0.5
        elif layout == "unnumbered-lines":
            numbering = ""
        elif layout in ("pdf-text", "glued-labels", "double-spaced"):
            numbering = rng.choice(["", "dot", "bracket"])
            if layout == "glued-labels":
                numbering = "dot"  # printed as its bare number, run into the entry
            width = rng.randint(45, 100)  # two-column PDFs wrap at 45-60
            indent = rng.choice(["none", "none", "hanging", "aligned"])
            hyphenate = pdf = True
            right_align = bool(numbering) and rng.random() < 0.4
            before = rng.choice([0, 2, 4, 8])  # pages of the article before its list
            after = rng.choice([0, 1])
            blank = self.spaced.random() < SPACED_PDFS
        elif layout == "article":
            numbering = rng.choice(["", "dot", "bracket", "paren"])
            width = rng.choice([None, rng.randint(60, 100)])
            blank = rng.random() < 0.5
            indent = rng.choice(["none", "hanging"]) if width else "none"
            hyphenate = bool(width) and rng.random() < 0.5
            before, after = rng.randint(2, 8), rng.randint(1, 3)
        elif layout == "no-heading":
            heading = False
            numbering = rng.choice(["", "", "dot", "bracket"])
            blank = rng.random() < 0.5
            width = rng.choice([None, rng.randint(60, 100)])
            indent = rng.choice(["none", "hanging"]) if width else "none"
        body_width = width or rng.choice([None, rng.randint(60, 100)])
        # A PDF's body gets no lists of its own: wrapped and set in as its entries are, they
        # taught the models to cut PDF lists short (held out, PDF text 74% exact, not 78%).
        if before:
            self.body(b, before, body_width, headings=True, lists=not pdf)
        if heading:
            self.list_heading = self.heading()
            b.add(self.list_heading, "title")
            if rng.random() < 0.7:
                b.blank()
        refs = self.references(count)
        glued = layout == "glued-labels"
        self.reference_list(b, refs, numbering, blank, width, indent, hyphenate, pdf,
                            right_align, glued)
        for _ in range(after):
            b.blank()
            b.add(rng.choice(AFTER_HEADINGS), "title")
            b.blank()
            self.body(b, 1, body_width, headings=False, lists=not pdf)
        if pdf:
            self.paginate(b, refs)
        return b

    def orcid(self) -> str:
        r = self.rng
        return "https://orcid.org/" + "-".join(f"{r.randint(0, 9999):04d}" for _ in range(4))

    def bullets(self, b: Builder, items: list[str], indent: str = "  ") -> None:
        marker = self.rng.choice(["• ", "• ", "- ", "* ", ""])
        for item in items:
            b.add(f"{indent}{marker}{item}", "text")

    def web_page(self, with_list: bool) -> Builder:
        """A journal's article page as a browser copies it: menus, authors with ORCID links,
        a breadcrumb, keywords, the abstract, the references, then downloads, "How to cite"
        with the page's own citation, issue and licence facts and a list of partners."""
        rng, p = self.rng, self.pools
        b = Builder()
        journal = rng.choice(p.journals)
        title = rng.choice(p.papers)
        if rng.random() < 0.5:
            b.add(rng.choice(["Skip to main content", "Skip to main content Skip to main "
                              "navigation menu Skip to site footer", "Access keys Main Content"]),
                  "text")
        self.bullets(b, rng.sample(NAV_WORDS, rng.randint(3, 12)))
        b.blank()
        b.add(journal, "title")
        b.blank()
        b.add(title, "title")
        if rng.random() < 0.6:  # a breadcrumb, sometimes numbered
            crumbs = ["Home /", "Archives /", f"Vol. {rng.randint(1, 99)} ({rng.randint(1990, 2025)}) /",
                      rng.choice(p.titles)]
            numbered = rng.random() < 0.5
            for n, crumb in enumerate(crumbs, start=1):
                b.add(f"  {n}. {crumb}" if numbered else f"  • {crumb}", "text")
            b.blank()
        b.add(title, "title")
        b.blank()
        b.add(rng.choice(["Authors", "Author", "Authors and affiliations"]), "title")
        b.blank()
        people = [f"{name} {rng.choice(p.organisations) + ' ' if rng.random() < 0.3 else ''}"
                  f"{self.orcid() if rng.random() < 0.7 else ''}".strip()
                  for name in rng.sample(p.names, rng.randint(1, 10))]
        self.bullets(b, people)
        b.blank()
        if rng.random() < 0.7:
            b.add("DOI:", "text")
            b.blank()
            b.add(f"https://doi.org/10.{rng.randint(1000, 99999)}/{rng.randint(1, 10**6)}",
                  "text")
            b.blank()
        if rng.random() < 0.7:
            b.add("Keywords", "title")
            b.blank()
            b.add(", ".join(w.lower() for w in rng.sample(p.papers, 4)), "text")
            b.blank()
        b.add("Abstract", "title")
        b.blank()
        self.body(b, rng.randint(1, 4), None, headings=False)
        if with_list:
            b.add(self.heading(), "title")
            b.blank()
            numbering = rng.choice(["", "", "dot"])
            self.reference_list(b, self.references(self.count(60)), numbering,
                                rng.random() < 0.7, None, "none", False, False, False)
        for heading, lines in (("Downloads", ["  • PDF"]), ("Published", [
                f"{rng.randint(2000, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"])):
            b.add(heading, "title")
            b.blank()
            for line in lines:
                b.add(line, "text")
            b.blank()
        if rng.random() < 0.6:
            b.add("How to Cite", "title")
            b.blank()
            if rng.random() < 0.5:
                b.add("1.", "text")
            b.add(rng.choice(p.refs), "text")
            self.bullets(b, rng.sample(["ISO 690", "ACM", "ACS", "APA", "ABNT", "Chicago",
                                        "Harvard", "IEEE", "MLA", "Turabian", "Vancouver"], 6))
            b.add("Download Citation", "text")
            b.blank()
        for heading, value in (("Issue", f"Vol. {rng.randint(1, 99)} ({rng.randint(1990, 2025)})"),
                               ("Section", rng.choice(p.titles)),
                               ("License", f"Copyright (c) {rng.randint(2000, 2025)} "
                                           f"{rng.choice(p.names)}")):
            if rng.random() < 0.7:
                b.add(heading, "title")
                b.blank()
                b.add(value, "text")
                b.blank()
        if rng.random() < 0.6:
            b.add(rng.choice(["Partners", "Indexed in", "Most read articles by the same author(s)",
                              "Similar articles"]), "title")
            b.blank()
            self.bullets(b, rng.sample(p.organisations, rng.randint(3, 15)))
            b.blank()
        b.add(f"© {rng.randint(2000, 2025)} {rng.choice(p.organisations)}", "text")
        return b

    def no_list(self) -> Builder:
        b = Builder()
        self.body(b, self.rng.randint(2, 12), self.rng.choice([None, 72, 90]), headings=True)
        if self.rng.random() < 0.5:
            b.add(self.rng.choice(AFTER_HEADINGS), "title")
            b.blank()
            self.body(b, 1, None, headings=False)
        return b

    def markdown_document(self, with_list: bool = True) -> Builder:
        rng = self.rng
        b = Builder()
        b.add("# " + rng.choice(self.pools.titles), "title")
        b.blank()
        self.body_markdown(b, rng.randint(0, 5))
        if not with_list:
            self.body_markdown(b, rng.randint(2, 6))
            return b
        heading = self.heading()
        form = rng.random()
        b.add(("## " + heading) if form < 0.6 else ("**" + heading + "**") if form < 0.8
              else heading, "title")
        b.blank()
        marker = rng.choice(["1.", "-", "*", "", "1)"])
        blank = marker == "" or rng.random() < 0.3
        for n, ref in enumerate(self.references(self.count(60)), start=1):
            ref = self.markdown_links(ref)
            prefix = "" if not marker else f"{n}{marker[1:]}" if marker[0] == "1" else marker
            text = f"{prefix} {ref}".strip()
            record = b.record(text if marker[:1] == "1" else ref)
            width = rng.choice([None, None, 80])
            # Continuation lines indented to the item's text, as an editor wraps them: less,
            # and a wrapped line that opens with a number ("1998.") is an item of its own.
            rest = " " * (len(prefix) + 1) if prefix else ""
            lines = wrap(text, width, "", rest, False, rng) if width else [text]
            for i, line in enumerate(lines):
                b.add(line, "ref", "B" if i == 0 else "I", record if i == 0 else -1)
            if blank:
                b.blank()
        if rng.random() < 0.5:
            b.blank()
            b.add("## " + rng.choice(AFTER_HEADINGS), "title")
            b.blank()
            self.body_markdown(b, 1)
        return b

    def markdown_links(self, ref: str) -> str:
        doi = re.search(r"10\.\d{4,9}/\S+[^\s.,;]", ref)
        if doi and self.rng.random() < 0.6:
            return ref.replace(doi.group(), f"[{doi.group()}](https://doi.org/{doi.group()})")
        if self.rng.random() < 0.2:
            return ref + " [Google Scholar](https://scholar.google.com/)"
        return ref

    def body_markdown(self, b: Builder, count: int) -> None:
        linked = self.links.randint(0, count) if self.linking else -1
        for n, text in enumerate(self.paragraphs(count)):
            if n == linked:
                self.linked_body(b, None, markdown=True)
            if self.rng.random() < 0.3:
                b.add("## " + self.rng.choice(self.pools.titles), "title")
                b.blank()
            b.add(text, "text")
            b.blank()
            if self.lists.random() < BODY_LISTS:
                form, items = self.list_items()
                ordered = "{n}" in form
                for n, item in enumerate(items):
                    b.add(f"{n + 1}. {item}" if ordered else f"- {item}", "text")
                b.blank()
        if linked == count:
            self.linked_body(b, None, markdown=True)

    def html_document(self, with_list: bool = True) -> tuple[str, list[Row], list[str]]:
        rng = self.rng
        rows: list[Row] = []
        records: list[str] = []
        parts = ["<!DOCTYPE html><html><head><title>Article</title>"
                 "<style>p {margin: 0}</style><script>var x = '<p>no</p>';</script></head><body>"]
        nav = rng.sample(NAV_WORDS, rng.randint(3, 10))
        if rng.random() < 0.6:
            parts.append("<nav><ul>" + "".join(f"<li><a href='/{w}'>{w}</a></li>" for w in nav)
                         + "</ul></nav>")
        else:  # a menu outside <nav>, as on many pages: visible text
            parts.append("<div class='menu'><ul>" + "".join(
                f"<li><a href='/{w}'>{w}</a></li>" for w in nav) + "</ul></div>")
            rows.extend(Row(w, "text") for w in nav)
        title = rng.choice(self.pools.titles)
        parts.append(f"<main><article><h1>{escape(title)}</h1>")
        rows.append(Row(title, "title"))
        for text in self.paragraphs(rng.randint(1 if with_list else 2, 6)):
            if rng.random() < 0.3:
                heading = rng.choice(self.pools.titles)
                parts.append(f"<h2>{escape(heading)}</h2>")
                rows.append(Row(heading, "title"))
            parts.append(f"<p>{escape(text)}</p>")
            rows.append(Row(text, "text"))
        if with_list:
            heading = self.heading()
            level = rng.choice(["h2", "h2", "h3", "h4"])
            parts.append(f"<{level}>{escape(heading)}</{level}>")
            rows.append(Row(heading, "title"))
            container = rng.choice(["ol", "ul", "p", "div"])
            links = rng.random() < 0.3
            numbered_text = container in ("p", "div") and rng.random() < 0.5
            if container in ("ol", "ul"):
                parts.append(f"<{container} class='references'>")
            for n, ref in enumerate(self.references(self.count(60)), start=1):
                shown = f"{n}. {ref}" if numbered_text else ref
                extra = ""
                if links:
                    extra = " ".join(f"<a href='https://example.org/{n}'>{w}</a>"
                                     for w in rng.sample(LINK_LINES, 3))
                body = escape(shown)
                doi = re.search(r"10\.\d{4,9}/\S+[^\s.,;]", shown)
                if doi and rng.random() < 0.5:
                    body = body.replace(escape(doi.group()), f"<a href='https://doi.org/"
                                        f"{escape(doi.group())}'>{escape(doi.group())}</a>")
                tag = "li" if container in ("ol", "ul") else container
                klass = " class='ref'" if tag == "div" else ""
                parts.append(f"<{tag}{klass}>{body} {extra}</{tag}>")
                records.append(shown)
                rows.append(Row(shown, "ref", "B", len(records) - 1))
            if container in ("ol", "ul"):
                parts.append(f"</{container}>")
        if rng.random() < 0.5:
            heading = rng.choice(AFTER_HEADINGS)
            text = self.paragraphs(1)[0]
            parts.append(f"<h2>{escape(heading)}</h2><p>{escape(text)}</p>")
            rows.extend([Row(heading, "title"), Row(text, "text")])
        parts.append("</article></main><footer><p>© 2024 Publisher. All rights reserved.</p>"
                     "</footer></body></html>")
        return "".join(parts), rows, records

    # -- samples -----------------------------------------------------------------------------

    def sample(self, layout: str, name: str) -> Sample | None:
        if layout == "html" or (layout == "no-list" and self.rng.random() < 0.3):
            source, rows, records = self.html_document(with_list=layout != "no-list")
            doc = html_reader.read(source, name + ".html")
            return _aligned(name, layout, doc, rows, records)
        if layout == "markdown" or (layout == "no-list" and self.rng.random() < 0.3):
            b = self.markdown_document(with_list=layout != "no-list")
            source = "\n".join(r.text for r in b.rows) + "\n"
            doc = markdown_reader.read(source, name + ".md")
            return _from_rows(name, layout, doc, b, rendered=True)
        if layout == "web-page" or (layout == "no-list" and self.rng.random() < 0.4):
            b = self.web_page(with_list=layout != "no-list")
        else:
            b = self.no_list() if layout == "no-list" else self.text_document(layout)
        if layout == "double-spaced":
            b.rows = [row for kept in b.rows for row in (kept, Row("", ""))]
        doc = text_reader.read("\n".join(r.text for r in b.rows) + "\n", name + ".txt")
        return _from_rows(name, layout, doc, b, rendered=False)


def _from_rows(name: str, layout: str, doc: Document, b: Builder, rendered: bool) -> Sample:
    finder = [r.finder if doc.lines[i].strip() else "" for i, r in enumerate(b.rows)]
    seg = [r.seg if doc.lines[i].strip() else "" for i, r in enumerate(b.rows)]
    finder += [""] * (len(doc.lines) - len(finder))
    seg += [""] * (len(doc.lines) - len(seg))
    records = list(b.records)
    if rendered:  # Markdown: the gold text is what the reader shows of the record's lines
        records = _records_from_lines(doc, seg, b)
    return Sample(name, layout, doc, finder, _zone_only(seg), records)


def _records_from_lines(doc: Document, seg: list[str], b: Builder) -> list[str]:
    out: list[str] = []
    for i, label in enumerate(seg):
        if label == "B":
            out.append(doc.lines[i].strip())
        elif label == "I" and out:
            out[-1] += " " + doc.lines[i].strip()
    return out


def _zone_only(seg: list[str]) -> list[str]:
    """Segmenter labels from the first to the last record line; blank inside stays ""."""
    marked = [i for i, s in enumerate(seg) if s in ("B", "I")]
    if not marked:
        return [""] * len(seg)
    first, last = marked[0], marked[-1]
    return [s if first <= i <= last else "" for i, s in enumerate(seg)]


def _aligned(name: str, layout: str, doc: Document, rows: list[Row],
             records: list[str]) -> Sample | None:
    """HTML: every generated row is one non-blank line of what the reader shows."""
    shown = [i for i, line in enumerate(doc.lines) if line.strip()]
    if len(shown) != len(rows):
        return None
    finder = [""] * len(doc.lines)
    seg = [""] * len(doc.lines)
    for i, row in zip(shown, rows, strict=True):
        finder[i] = row.finder
        seg[i] = row.seg
    gold = [doc.lines[i].strip() for i, r in zip(shown, rows, strict=True) if r.seg == "B"]
    if len(gold) != len(records):
        return None
    return Sample(name, layout, doc, finder, _zone_only(seg), gold)


def generate(held_out: bool, per_layout: int, seed: int,
             layouts: tuple[str, ...] = LAYOUTS,
             keep: Callable[[Sample], bool] = lambda s: True,
             part: str | None = None, compound_share: float | None = None) -> list[Sample]:
    """``per_layout`` documents of each layout, the same ones for the same seed; ``part``
    (``fit`` or ``check``) takes one part of the training side only; ``compound_share``
    sets how many lists in a compound style print several works under one number."""
    gen = Generator(held_out, seed, part, compound_share)
    out: list[Sample] = []
    for layout in layouts:
        made = 0
        attempts = 0
        while made < per_layout and attempts < per_layout * 3:
            attempts += 1
            gen.reseed(f"{layout}-{attempts}")
            sample = gen.sample(layout, f"{layout}-{seed}-{made}")
            if sample is not None and keep(sample):
                out.append(sample)
                made += 1
    return out
