"""In-text checks on whole documents: uncited entries found, false alarms per citation style.

    python -m benchmarks.intext_eval [--docs N] [--seed S] [--formats md,html,docx,txt,pdf]

Builds N Markdown manuscripts per citation style from ../shared/data/styles (real Crossref
works, each rendered in 17 styles; the link the data cut off after "Available from:",
"Retrieved" or "doi:" put back from the work's DOI): a list of 8 to 30 works in the style, and
a body that cites all but zero to two of them the way the style cites (APA "(Kang et al.,
2013)", Harvard "(Kang et al. 2013)", Chicago "(Kang et al. 2013, 12)", MLA "(Kang et al. 12)",
a narrative "Kang et al. (2013)", Vancouver and IEEE "[3]"), a third of the citations naming
two or three works at once ("(Kang et al., 2013; Lee, 2019)", "[3, 4]", "[5–7]"); and Chicago's
notes and bibliography: the text calls Markdown notes, each note names its works ("Kang et al.,
“Determinants of Successful Technology,” 12."; in half of the documents a work's first note
cites it in full, as IEEE renders it), some notes are "Ibid., 45." and some works are cited
again later, and the bibliography lists them all. Each document is written as Markdown, as a
web page (numbered calls as plain superscripts in half, a numbered list as an <ol> in half, the
notes as a page's footnotes) and as a Word file (numbered calls as superscript runs in half,
the notes as Word's footnotes, called by reference marks), as text copied from a PDF (wrapped
at 70-95 columns, the list flush with blank lines or with hanging indents, a note's call its
digits after the word) and as a PDF of that text (a running head, page numbers; accents set
apart, and left out where a cited surname has no glyph in its font), and audited offline
through the real pipeline; every style is reported for Markdown, the others' styles where they
err. Gold: the works left uncited. Scored per style: RA501 (uncited) precision and recall on
the entries; RA502 (missing) findings, all false since every citation names a listed work;
RA101 (duplicate) and RA104 (mixed styles) findings, all false since each list holds each work
once, in one style; and the share of documents with any false alarm of these.

The baseline, measured in the same run, is a grep: an entry is cited when its first author's
surname occurs anywhere in the body (numbered styles: when its number does).

First authors, their co-authors' count and years come from each work's APA rendering (not
from the parser under test); works whose APA rendering opens with no "Surname, I." author,
prints no year, or garbles a name ("Lepp?nen", U+FFFD, "Gill.") are left out.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import tempfile
import unicodedata
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

from auditor.formats.json_format import report_json
from auditor.pipeline import AuditOptions, run_audit
from auditor.resolvers.factory import ResolverConfig
from auditor.testing.pdf_maker import column_pages, make_pdf
from benchmarks.layouts import completed, wrap

STYLES_CSV = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "styles" / \
    "same-work-17-styles-dev.csv"
# Styles and how their text cites: "author-date", "mla" or "numbered" (with the label form).
STYLES = {"apa": "author-date", "harvard3": "author-date", "chicago-author-date": "author-date",
          "springer-basic-author-date": "author-date", "american-sociological-association":
          "author-date", "iso690-author-date-en": "author-date",
          "modern-language-association": "mla", "vancouver": "numbered", "ieee": "numbered",
          "acm-sig-proceedings": "numbered", "american-chemical-society": "numbered",
          "american-chemical-society-with-titles": "numbered",
          "american-institute-of-physics": "numbered", "bmc-bioinformatics": "numbered",
          "elsevier-with-titles": "numbered", "elsevier-without-titles": "numbered",
          "springer-lecture-notes-in-computer-science": "numbered", "chicago-notes": "notes"}
# The rendering a style's list prints, where the data names it otherwise: the notes-and-
# bibliography style's bibliography is close to the author-date style's list.
_RENDERED = {"chicago-notes": "chicago-author-date"}
# How a numbered style labels its entries, and how its text cites them (where not "[3]").
_LABELS = {"vancouver": "{n}. ", "ieee": "[{n}] ", "acm-sig-proceedings": "[{n}] ",
           "american-chemical-society": "({n}) ", "american-chemical-society-with-titles":
           "({n}) ", "american-institute-of-physics": "{n} ", "bmc-bioinformatics": "{n}. ",
           "elsevier-with-titles": "[{n}] ", "elsevier-without-titles": "[{n}] ",
           "springer-lecture-notes-in-computer-science": "{n}. "}
_CITES = {"american-chemical-society": "()", "american-chemical-society-with-titles": "()"}
_APA = re.compile(r"^(?P<authors>.+?) \((?P<year>(?:19|20)\d\d)[a-z]?\)\.")
_APA_AUTHOR = re.compile(r"(?:& )?(?P<surname>[^\W\d_][^,]{0,40}), (?:[A-Z]\.[ -]?)+")
_CLEAN_NAME = re.compile(r"[^\W\d_]{2,}(?:[-'’ ][^\W\d_]+)*")
_LABEL = re.compile(r"^\s*(?:\[\d+\]|\(\d+\)|\d+\.?)\s*")
_FILLER = ("Ketamine acts within hours in depression that resisted other treatment",
           "The effect was seen again in a larger sample",
           "Later work asked how long the effect lasts",
           "A nasal spray was tested against placebo",
           "Several reviews weighed the evidence",
           "The mechanism remains debated")


@dataclass(frozen=True)
class Work:
    doi: str
    surname: str
    second: str | None  # the second author's surname, for a work of two
    authors: int
    year: str
    title: str  # as APA prints it, for the notes that name it
    rendered: dict[str, str]  # style -> the work as that style prints it


def works() -> list[Work]:
    """The works whose APA rendering names a first author and a year."""
    by_doi: dict[str, dict[str, str]] = defaultdict(dict)
    with STYLES_CSV.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            # the data cut each work's link off after the word that announces it ("Available
            # from:", "doi:"): it is put back, as the split benchmark's documents do
            by_doi[row["doi"]][row["style"]] = completed(row["reference"].strip(), row["doi"])
    out: list[Work] = []
    for doi, rendered in sorted(by_doi.items()):
        m = _APA.match(rendered.get("apa", ""))
        if not m or not all(_RENDERED.get(style, style) in rendered for style in STYLES) or \
                "\ufffd" in m.group(0):
            continue  # no author-year to cite, or a name the data garbled ("G\ufffdpfert")
        names = _APA_AUTHOR.findall(m.group("authors"))  # whole: "Carneiro Rio", "van Zee"
        if not names or not _APA_AUTHOR.match(m.group("authors")) or "?" in m.group(0) or \
                not all(_CLEAN_NAME.fullmatch(name) for name in names[:2]):
            continue  # no author, a name the data garbled ("Lepp?nen"), or "Gill.", "R."
        title = rendered["apa"][m.end():].strip().split(". ")[0]
        out.append(Work(doi, names[0], names[1] if len(names) == 2 else None, len(names),
                        m.group("year"), title, rendered))
    return out


def _author_year(work: Work, style: str, rng: random.Random) -> str:
    who = (f"{work.surname} et al." if work.authors > 2 else
           f"{work.surname} {'&' if style == 'apa' else 'and'} {work.second}"
           if work.authors == 2 else work.surname)
    if rng.random() < 0.25:  # narrative
        return f"{who} ({work.year})"
    sep = ", " if style == "apa" else " "
    page = f", {rng.randint(2, 400)}" if style == "chicago-author-date" and rng.random() < 0.5 \
        else ""
    return f"({who}{sep}{work.year}{page})"


def _mla(work: Work, rng: random.Random) -> str:
    who = (f"{work.surname} et al." if work.authors > 2 else
           f"{work.surname} and {work.second}" if work.authors == 2 else work.surname)
    return f"({who} {rng.randint(2, 400)})"


@dataclass
class Doc:
    style: str
    text: str
    entries: int
    uncited: set[int]  # 1-based entry indexes left uncited
    body: str
    surnames: list[str]  # by entry index - 1
    # the entries counted are the unnumbered ones only (the notes-bibliography style: its
    # notes come first, and a note naming several works may be cut into parts)
    listed_only: bool = False
    # the parts the other formats are written from: the body's paragraphs (citations as in
    # Markdown) and each list under its heading (a numbered entry with its printed label)
    paragraphs: list[str] = field(default_factory=list)
    lists: list[tuple[str, list[str]]] = field(default_factory=list)


def build(style: str, pool: list[Work], rng: random.Random) -> Doc:
    """One manuscript of ``style``: works with distinct surnames (so that each citation names
    one work), a body citing all but a few, the list in the style's order."""
    chosen: list[Work] = []
    seen: set[str] = set()
    size = rng.randint(8, 30)
    for work in rng.sample(pool, 60):
        if work.surname.casefold() not in seen:
            seen.add(work.surname.casefold())
            chosen.append(work)
        if len(chosen) == size:
            break
    left_out = set(rng.sample(range(len(chosen)), rng.choice([0, 1, 1, 2])))
    cited = [w for k, w in enumerate(chosen) if k not in left_out]
    kind = STYLES[style]
    if kind == "notes":
        return _notes_document(style, chosen, cited, rng)
    if kind == "numbered":  # numbered in the order of first citation, the uncited last
        ordered = cited + [w for k, w in enumerate(chosen) if k in left_out]
    else:
        ordered = sorted(chosen, key=lambda w: (w.surname.casefold(), w.year))
    index = {w.doi: n for n, w in enumerate(ordered, start=1)}
    sentences = []
    at = 0
    while at < len(cited):
        # a third of the citations name two or three works at once: "(A, 2013; B, 2019)",
        # "[3, 4]", "[5–7]"
        group = cited[at:at + (rng.choice([2, 3]) if rng.random() < GROUPED else 1)]
        at += len(group)
        filler = rng.choice(_FILLER)
        mark = _mark(group, kind, style, index, rng)
        sentences.append(f"{mark} {filler.lower()}." if mark[0] not in "([" else
                         f"{filler} {mark}.")
    body = "\n\n".join(" ".join(sentences[i:i + 4]) for i in range(0, len(sentences), 4))
    heading = "Works Cited" if kind == "mla" else "References"
    lines = []
    for n, work in enumerate(ordered, start=1):
        entry = work.rendered[style]
        if kind == "numbered":
            entry = _LABELS[style].format(n=n) + _LABEL.sub("", entry)
        lines.append(entry)
    text = f"# A review\n\n{body}\n\n## {heading}\n\n" + "\n\n".join(lines) + "\n"
    return Doc(style, text, len(ordered), {index[w.doi] for w in ordered if w not in cited},
               body, [w.surname for w in ordered], paragraphs=body.split("\n\n"),
               lists=[(heading, lines)])


GROUPED = 0.3  # share of citations that name several works


def _note(work: Work, rng: random.Random) -> str:
    """A short note naming ``work``: "Kang et al., “Determinants of Successful,” 12"."""
    who = (f"{work.surname} et al." if work.authors > 2 else
           f"{work.surname} and {work.second}" if work.authors == 2 else work.surname)
    short = " ".join(work.title.split()[:4]).rstrip(",:;")
    return f"{who}, “{short},” {rng.randint(2, 400)}"


# Share of the notes-bibliography documents whose notes cite a work in full the first time
# (Chicago's full note: "R. M. Berman et al., “Antidepressant effects ...,” Biol. Psychiatry,
# vol. 47, ..."; IEEE's rendering of the work stands for it), short after; share of notes
# naming one work that the next note cites again ("Ibid., 353."); share of works cited again
# later, short.
FULL_NOTES, IBID, AGAIN = 0.5, 0.25, 0.2


def _full_note(work: Work) -> str:
    """A first note citing ``work`` in full, as IEEE renders it (its label and last period
    left out)."""
    return _LABEL.sub("", work.rendered["ieee"]).rstrip(". ")


def _notes_document(style: str, chosen: list[Work], cited: list[Work],
                    rng: random.Random) -> Doc:
    """The notes-bibliography style: the text calls numbered notes ("[^3]"), each note names
    one to three works, the bibliography lists every work. The pipeline's entries are the
    notes, then the bibliography's."""
    ordered = sorted(chosen, key=lambda w: (w.surname.casefold(), w.year))
    full = rng.random() < FULL_NOTES
    again = [w for w in cited if rng.random() < AGAIN]
    notes: list[str] = []
    sentences = []
    seen: set[str] = set()
    at = 0
    walk = cited + again
    while at < len(walk):
        group = walk[at:at + (rng.choice([2, 3]) if rng.random() < GROUPED else 1)]
        at += len(group)
        notes.append("; ".join(_full_note(w) if full and w.doi not in seen else _note(w, rng)
                               for w in group) + ".")
        seen.update(w.doi for w in group)
        sentences.append(f"{rng.choice(_FILLER)}.[^{len(notes)}]")
        if len(group) == 1 and rng.random() < IBID:
            notes.append(f"Ibid., {rng.randint(2, 400)}.")
            sentences.append(f"{rng.choice(_FILLER)}.[^{len(notes)}]")
    body = "\n\n".join(" ".join(sentences[i:i + 4]) for i in range(0, len(sentences), 4))
    defined = "\n".join(f"[^{n}]: {note}" for n, note in enumerate(notes, start=1))
    listed = "\n\n".join(w.rendered[_RENDERED[style]] for w in ordered)
    text = f"# A review\n\n{body}\n\n## Notes\n\n{defined}\n\n## Bibliography\n\n{listed}\n"
    return Doc(style, text, len(ordered),
               {n for n, w in enumerate(ordered, start=1) if w not in cited},
               body + "\n" + defined, [w.surname for w in ordered], listed_only=True,
               paragraphs=body.split("\n\n"),
               lists=[("Notes", [f"{n}. {note}" for n, note in enumerate(notes, start=1)]),
                      ("Bibliography", [w.rendered[_RENDERED[style]] for w in ordered])])


def _mark(group: list[Work], kind: str, style: str, index: dict[str, int],
          rng: random.Random) -> str:
    """How the text cites ``group`` (one work, or several in one citation)."""
    if kind == "numbered":
        numbers = [index[w.doi] for w in group]
        opening, closing = _CITES.get(style, "[]")
        if len(numbers) == 3 and numbers == list(range(numbers[0], numbers[0] + 3)):
            return f"{opening}{numbers[0]}–{numbers[2]}{closing}"
        return opening + ", ".join(map(str, numbers)) + closing
    if len(group) == 1:
        return _mla(group[0], rng) if kind == "mla" else _author_year(group[0], style, rng)
    while True:  # parenthetical forms only: a narrative one names one work
        parts = [(_mla(w, rng) if kind == "mla" else _author_year(w, style, rng))
                 for w in group]
        if all(p.startswith("(") for p in parts):
            return "(" + "; ".join(p[1:-1] for p in parts) + ")"


# A numbered citation as Markdown prints it ("[3, 4]", "(5–7)", a note's "[^2]"), and a
# numbered entry's printed label.
_CALL_RE = re.compile(r"\[\^(\d+)\]|[\[(](\d+(?:[,–] ?\d+)*)[\])]")
_ENTRY_LABEL_RE = re.compile(r"^(?:\[\d+\]|\(\d+\)|\d+\.?)\s")
# Share of the HTML and DOCX documents whose numbered calls are superscripts ("depression
# <sup>3,4</sup>"), and of the HTML documents whose numbered list is an <ol>, its labels
# the browser's.
SUPERSCRIPTS, ORDERED_LISTS = 0.5, 0.5


def _calls(text: str, numbered: bool, superscript: bool) -> list[tuple[str, bool]]:
    """``text`` as runs (text, superscript): a note's call is always a superscript, a
    numbered citation where ``superscript``."""
    runs: list[tuple[str, bool]] = []
    at = 0
    for m in _CALL_RE.finditer(text):
        note = m.group(1)
        if not note and not (numbered and superscript):
            continue
        runs.append((text[at:m.start()].rstrip() if not note else text[at:m.start()], False))
        runs.append((note or m.group(2).replace(" ", ""), True))
        at = m.end()
    runs.append((text[at:], False))
    return [r for r in runs if r[0]]


def write_html(doc: Doc, rng: random.Random) -> str:
    """The manuscript as a web page: paragraphs, headings, the notes as a page's footnotes
    (an <ol> whose items link back to their calls), a numbered list as an <ol> or as
    paragraphs that print their labels."""
    numbered = STYLES[doc.style] == "numbered"
    superscript = rng.random() < SUPERSCRIPTS
    ordered = rng.random() < ORDERED_LISTS
    out = ["<html><head><title>A review</title></head><body><h1>A review</h1>"]
    for paragraph in doc.paragraphs:
        parts = []
        for text, sup in _calls(paragraph, numbered, superscript):
            parts.append(f'<sup><a href="#fn{text}" id="ref{text}">{text}</a></sup>'
                         if sup and STYLES[doc.style] == "notes" else
                         f"<sup>{escape(text)}</sup>" if sup else escape(text))
        out.append("<p>" + "".join(parts) + "</p>")
    for heading, entries in doc.lists:
        out.append(f"<h2>{escape(heading)}</h2>")
        if heading == "Notes":
            out.append("<ol>" + "".join(
                f'<li id="fn{n}">{escape(_ENTRY_LABEL_RE.sub("", e))} <a href="#ref{n}">↩</a>'
                "</li>" for n, e in enumerate(entries, start=1)) + "</ol>")
        elif numbered and ordered:
            out.append("<ol>" + "".join(f"<li>{escape(_ENTRY_LABEL_RE.sub('', e))}</li>"
                                        for e in entries) + "</ol>")
        else:
            out.extend(f"<p>{escape(e)}</p>" for e in entries)
    out.append("</body></html>")
    return "\n".join(out)


# Text copied from a PDF: the measure its lines are wrapped at, and the share of lists set
# with hanging indents (the others flush, a blank line between entries).
TEXT_WIDTHS, HANGING = (70, 95), 0.5
# A note's call copied from a PDF's superscript: the digits after the word ("apart.1").
_NOTE_CALL_RE = re.compile(r"\[\^(\d+)\]")


def write_text(doc: Doc, rng: random.Random) -> list[str]:
    """The manuscript as text copied from a PDF: paragraphs wrapped at a measure, each list
    under its heading, an entry wrapped with a hanging indent or flush under a blank line;
    a note's call, and a numbered style's in half the documents, is its numbers after the
    word ("depression3,4."), as a superscript is copied."""
    width = rng.randint(*TEXT_WIDTHS)
    hanging = rng.random() < HANGING
    superscript = STYLES[doc.style] == "numbered" and rng.random() < SUPERSCRIPTS
    lines = ["A review", ""]
    for paragraph in doc.paragraphs:
        copied = "".join(text for text, _ in _calls(paragraph, True, superscript))
        lines += [*wrap(_NOTE_CALL_RE.sub(r"\1", copied), width, "", "", False, rng), ""]
    for heading, entries in doc.lists:
        lines += [heading, ""]
        for entry in entries:
            lines += wrap(entry, width, "", "    " if hanging else "", False, rng)
            if not hanging:
                lines.append("")
        lines.append("")
    return lines


def _folded(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(ch))


def _printable(doc: Doc, lines: list[str]) -> list[str] | None:
    """``lines`` as the PDF maker's font prints them (accents set apart, as a PDF's text
    layer gives "e" and a mark; a letter it has no glyph for a "?"), or None where a
    surname the text cites is among those (Cyrillic, CJK): no citation of it could be read."""
    try:
        "".join(map(_folded, doc.surnames)).encode("cp1252")
    except UnicodeEncodeError:
        return None
    return [_folded(line).encode("cp1252", "replace").decode("cp1252") for line in lines]


def write_docx(doc: Doc, rng: random.Random, path: Path) -> None:
    """The manuscript as a Word file: a heading, paragraphs whose numbered calls may be
    superscript runs, and each list under its heading, an entry a paragraph; the notes as
    Word's footnotes, each called by a reference mark in the text."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    numbered = STYLES[doc.style] == "numbered"
    superscript = rng.random() < SUPERSCRIPTS
    document = docx.Document()
    document.add_heading("A review", level=1)
    for paragraph in doc.paragraphs:
        written = document.add_paragraph()
        for text, sup in _calls(paragraph, numbered, superscript):
            if sup and STYLES[doc.style] == "notes":
                mark, run = OxmlElement("w:footnoteReference"), OxmlElement("w:r")
                mark.set(qn("w:id"), str(int(text) + 1))  # Word's separators take 0 and 1
                run.append(mark)
                written._p.append(run)
            else:
                written.add_run(text).font.superscript = sup
    notes: list[str] = []
    for heading, entries in doc.lists:
        if heading == "Notes":
            notes = [_ENTRY_LABEL_RE.sub("", e) for e in entries]
            continue
        document.add_heading(heading, level=2)
        for entry in entries:
            document.add_paragraph(entry)
    document.save(str(path))
    if notes:
        _add_footnotes(path, notes)


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


def _add_footnotes(path: Path, notes: list[str]) -> None:
    """``path`` given a footnotes part holding ``notes`` (ids from 2, after Word's two
    separators), which python-docx does not write itself."""
    body = "".join(f'<w:footnote w:id="{n + 2}"><w:p><w:r><w:t xml:space="preserve">'
                   f"{escape(note)}</w:t></w:r></w:p></w:footnote>"
                   for n, note in enumerate(notes))
    xml = (f'<w:footnotes xmlns:w="{_W}"><w:footnote w:type="separator" w:id="0"><w:p/>'
           '</w:footnote><w:footnote w:type="continuationSeparator" w:id="1"><w:p/>'
           f"</w:footnote>{body}</w:footnotes>")
    parts = {}
    with zipfile.ZipFile(path) as old:
        for name in old.namelist():
            parts[name] = old.read(name)
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        b"</Relationships>", f'<Relationship Id="rIdNotes" Type="{_FOOTNOTES_REL}" '
        'Target="footnotes.xml"/></Relationships>'.encode())
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", f'<Override PartName="/word/footnotes.xml" ContentType="{_FOOTNOTES_TYPE}"'
        "/></Types>".encode())
    parts["word/footnotes.xml"] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in parts.items():
            new.writestr(name, data)


def grep_uncited(doc: Doc) -> set[int]:
    """The baseline: an entry is cited when its surname (numbered: its number in brackets)
    occurs in the body."""
    if STYLES[doc.style] == "numbered":
        opening, closing = _CITES.get(doc.style, "[]")
        return {n for n in range(1, doc.entries + 1)
                if f"{opening}{n}{closing}" not in doc.body}
    return {n for n, s in enumerate(doc.surnames, start=1) if s not in doc.body}


def audit(doc: Doc, folder: Path, name: str, form: str = "md",
          rng: random.Random | None = None) -> tuple[set[int], int, int, int] | None:
    """RA501's entries, RA502's findings, RA101's and RA104's, and the records the pipeline
    split, for ``doc`` written as ``form`` (md, html, docx, txt or pdf); None where the
    format cannot print it (a PDF in a font without the letters of its names)."""
    path = folder / f"{name}.{form}"
    draw = rng or random.Random(name)
    if form == "html":
        path.write_text(write_html(doc, draw), encoding="utf-8")
    elif form == "txt":
        path.write_text("\n".join(write_text(doc, draw)) + "\n", encoding="utf-8")
    elif form == "pdf":
        lines = _printable(doc, write_text(doc, draw))
        if lines is None:
            return None
        path.write_bytes(make_pdf(column_pages(lines, head="A review")))
    elif form == "docx":
        write_docx(doc, draw, path)
    else:
        path.write_text(doc.text, encoding="utf-8")
    report = run_audit([str(path)], AuditOptions(offline=True), ResolverConfig(offline=True))
    out: dict[str, Any] = report_json(report)["documents"][0]
    counted = [r for r in out["references"] if r["label"] is None or not doc.listed_only]
    index = {r["id"]: n for n, r in enumerate(counted, start=1)}
    uncited = {index[i] for f in out["findings"] if f["code"] == "RA501"
               for i in f["references"] if i in index}
    missing = sum(1 for f in out["findings"] if f["code"] == "RA502")
    # every work is listed once, in one style: a duplicate or a mix of styles is false
    listing = sum(1 for f in out["findings"] if f["code"] in ("RA101", "RA104"))
    return uncited, missing, listing, len(counted)


def _score(found: set[int], gold: set[int]) -> tuple[int, int, int]:
    return len(found & gold), len(found - gold), len(gold - found)


FORMATS = ("md", "html", "docx", "txt", "pdf")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=50, help="documents per style")
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--formats", default=",".join(FORMATS),
                    help=f"the formats each manuscript is written in ({', '.join(FORMATS)})")
    args = ap.parse_args(argv)
    forms = [f.strip() for f in args.formats.split(",") if f.strip()]
    if not forms or any(f not in FORMATS for f in forms):
        ap.error(f"--formats: choose from {', '.join(FORMATS)}")
    if not STYLES_CSV.exists():
        print(f"skipped: {STYLES_CSV} is absent", file=sys.stderr)
        return 0
    pool = works()
    print(f"{len(pool)} works with an APA first author and year; {args.docs} documents a style "
          f"(seed {args.seed}), each written as {', '.join(forms)}")
    with tempfile.TemporaryDirectory() as tmp:
        for n, form in enumerate(forms):
            _run(form, pool, args.docs, args.seed, Path(tmp), baseline=n == 0,
                 every_style=n == 0)
    return 0


def _run(form: str, pool: list[Work], docs: int, seed: int, folder: Path, baseline: bool,
         every_style: bool) -> None:
    """Every style's documents written as ``form``, scored: a row per style (only those
    with an error where not ``every_style``) and one for all styles; with ``baseline``,
    the grep's rows too."""
    # tp fp fn missing listing docs-alarm
    totals = {"ours": [0, 0, 0, 0, 0, 0], "grep": [0, 0, 0, 0, 0, 0]}
    names = ("ours", "grep") if baseline else ("ours",)
    skipped = 0
    for style in STYLES:
        rng = random.Random(f"{seed}:{style}")
        rows = {"ours": [0, 0, 0, 0, 0, 0], "grep": [0, 0, 0, 0, 0, 0]}
        split_wrong = unprinted = 0
        for k in range(docs):
            doc = build(style, pool, rng)
            scored = audit(doc, folder, f"{style}-{k}", form,
                           random.Random(f"{seed}:{style}:{k}:{form}"))
            if scored is None:
                skipped += 1
                unprinted += 1
                continue
            found, missing, listing, records = scored
            split_wrong += records != doc.entries
            for name, guess, extra, listed in (("ours", found, missing, listing),
                                               ("grep", grep_uncited(doc), 0, 0)):
                tp, fp, fn = _score(guess, doc.uncited)
                alarmed = int(bool(fp or extra or listed))
                for i, v in enumerate((tp, fp, fn, extra, listed, alarmed)):
                    rows[name][i] += v
                    totals[name][i] += v
        wrong = any(rows["ours"][i] for i in (1, 2, 3, 4)) or split_wrong
        for name in names if every_style or wrong else ():
            print(_line(f"{form} {style}", name, rows[name], docs - unprinted)
                  + (f"  (split not exact in {split_wrong})" if name == "ours" and
                     split_wrong else ""))
    for name in names:
        print(_line(f"{form} all styles", name, totals[name], docs * len(STYLES) - skipped)
              + (f"  ({skipped} not printable in the format)" if skipped else ""))


def _line(style: str, name: str, row: list[int], docs: int) -> str:
    tp, fp, fn, missing, listing, alarmed = row
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    label = "refauditor" if name == "ours" else "baseline: grep"
    return (f"{style:32} {label:15} uncited P {p:.3f} R {r:.3f} (tp {tp}, fp {fp}, fn {fn})"
            f"  RA502 false {missing}  RA101/RA104 false {listing}  documents with a false "
            f"alarm {alarmed}/{docs}")


if __name__ == "__main__":
    raise SystemExit(main())
