"""The heuristic splitter the trained finder and segmenter replaced, kept only as the
baseline that ``split_eval`` scores in the same run. The package no longer uses it.

It finds the section at a reference heading (in several languages) and ends it at the first
block that is a heading of something else or plainly not a reference. Without a heading, the
whole text is a list only when most of its blocks look like references.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from auditor.models import Reference, SplitResult

_HEADING_WORDS = (
    "references", "reference list", "references cited", "list of references", "bibliography",
    "select bibliography", "literature cited", "cited literature", "works cited", "sources",
    "notes and references", "references and notes", "literature", "citations",
    "bibliografía", "referencias", "referencias bibliográficas", "références",
    "références bibliographiques", "bibliographie", "literatur", "literaturverzeichnis",
    "quellen", "bibliografia", "riferimenti bibliografici", "referências",
    "referências bibliográficas", "piśmiennictwo", "literatura", "bibliografie",
    "referenties", "litteratur", "referenser", "kaynaklar", "kaynakça", "список литературы",
    "литература", "библиография", "参考文献", "文献", "참고문헌", "المراجع", "βιβλιογραφία",
)
_HEADING_RE = re.compile(
    r"^\s*(?:#{1,6}\s*)?(?:\d+(?:\.\d+)*\.?\s+|[IVX]+\.\s+)?(?P<word>"
    + "|".join(re.escape(w) for w in sorted(_HEADING_WORDS, key=len, reverse=True))
    + r")\s*:?\s*$",
    re.IGNORECASE,
)
_END_WORDS = (
    "downloads", "download", "published", "how to cite", "cite this article", "license",
    "licence", "copyright", "acknowledgements", "acknowledgments", "acknowledgement",
    "appendix", "appendices", "supplementary material", "supplementary materials",
    "supplementary information", "footnotes", "notes", "about the author", "about the authors",
    "author information", "author contributions", "cited by", "related articles", "figures",
    "tables", "keywords", "conflict of interest", "conflicts of interest", "funding",
    "comments", "share", "metrics", "issue", "section", "stats", "article information",
    "declaration of competing interest", "data availability", "ethics statement",
    "publication history", "abbreviations", "tags", "search", "browse", "information",
)
_END_RE = re.compile(
    r"^\s*(?:#{1,6}\s*)?(?:" + "|".join(re.escape(w) for w in _END_WORDS) + r")\s*:?\s*$",
    re.IGNORECASE,
)
LABEL_RE = re.compile(r"^\s*(?P<label>\[\d{1,4}\]|\(\d{1,4}\)|\d{1,3}[.)](?=\s|[A-Z\[\"“']))\s*")
_STRAY_RE = re.compile(r"^(?P<label>\d{1,3}[.)])\s*(?=[A-Z\"“'])")
_YEAR_RE = re.compile(r"(?<!\d)(1[6-9]\d{2}|20\d{2})[a-z]?(?!\d)")
_ID_RE = re.compile(r"\b10\.\d{4,9}/\S+|\bPMID\b|https?://|\bwww\.|\bISBN\b", re.IGNORECASE)
_AUTHOR_START_RE = re.compile(
    r"^(?:\[\d+\]\s*|\d{1,3}[.)]\s*)?(?:[A-Z][\w'’\-]+(?:\s[A-Z][\w'’\-]+)?,?\s(?:[A-Z]\.?\s?){1,3}[,.]"
    r"|[A-Z][\w'’\-]+,\s[A-Z][\w\-]+|[A-Z][\w.\-]*(?:\s[A-Z][\w.\-]*){0,3}[.,]\s)"
)
_LOCATOR_RE = re.compile(
    r"\d+\s*\(\s*[\w\-–/ ]+\)\s*[:,]|\d+\s*[:;]\s*\d+|\bpp?\.\s*\d|\d+\s*[-–]\s*\d+"
    r"|\bvol\.|\bVolume\b",
    re.IGNORECASE,
)
_PROSE_WORDS = frozenset(
    "that is are was were this these which has have been it its we our can could may would "
    "should will about there their they he she his her you your".split()
)


@dataclass(frozen=True)
class _Block:
    lines: tuple[str, ...]
    start: int  # 1-based line number of the first line

    @property
    def text(self) -> str:
        return " ".join(s.strip() for s in self.lines)


def reference_likeness(text: str) -> int:
    """Score 0-4: how much a block looks like one reference (year, ids, authors, locators)."""
    stripped = text.strip()
    if not 20 <= len(stripped) <= 3000 or is_prose(stripped):
        return 0
    score = 0
    score += bool(_YEAR_RE.search(stripped))
    score += bool(_ID_RE.search(stripped))
    score += bool(_AUTHOR_START_RE.match(stripped))
    score += bool(_LOCATOR_RE.search(stripped))
    return score


def is_prose(text: str) -> bool:
    """Running prose (verbs, pronouns) rather than a citation, which rarely has either."""
    words = re.findall(r"[A-Za-z']+", text.lower())
    if len(words) < 25:
        return False
    hits = sum(1 for w in words if w in _PROSE_WORDS)
    return hits / len(words) > 0.05


def _looks_like_reference(text: str) -> bool:
    return reference_likeness(text) >= 2


def _blocks(lines: list[str], offset: int) -> list[_Block]:
    """Group lines into blank-line separated blocks, numbering lines from ``offset`` + 1."""
    out: list[_Block] = []
    current: list[str] = []
    start = 0
    for i, line in enumerate(lines):
        if line.strip():
            if not current:
                start = offset + i + 1
            current.append(line)
        elif current:
            out.append(_Block(tuple(current), start))
            current = []
    if current:
        out.append(_Block(tuple(current), start))
    return out


def _is_heading_like(text: str) -> bool:
    """A short line with no sentence punctuation, year or identifier: a heading of a new part."""
    t = text.strip()
    if _END_RE.match(t):
        return True
    return len(t.split()) <= 5 and not re.search(r"[.;:]\s|\d{4}|https?://", t) and len(t) < 50


def _find_heading(lines: list[str]) -> tuple[int, str] | None:
    """The reference heading followed by the most reference-like text (nav menus lose)."""
    best: tuple[int, int, str] | None = None
    for i, line in enumerate(lines):
        m = _HEADING_RE.match(line)
        if not m:
            continue
        following = [b for b in _blocks(lines[i + 1 : i + 60], i + 1)][:8]
        score = sum(1 for b in following if _looks_like_reference(b.text))
        if best is None or score >= best[0]:
            best = (score, i, m.group("word"))
    if best is None or best[0] == 0:
        return None
    return best[1], best[2]


def _section_blocks(lines: list[str], heading_index: int) -> list[_Block]:
    """Blocks after the heading, up to the first one that ends the list."""
    blocks = _blocks(lines[heading_index + 1 :], heading_index + 1)
    kept: list[_Block] = []
    misses = 0
    for block in blocks:
        first = block.lines[0]
        if _END_RE.match(first) or (kept and _is_heading_like(block.text)):
            break
        if _HEADING_RE.match(first) and kept:
            break
        if _looks_like_reference(block.text) or _has_labels(block):
            misses = 0
        else:
            misses += 1
            if misses >= 2 or not kept:
                if kept:
                    kept = kept[: len(kept) - (misses - 1)]
                break
        kept.append(block)
    while kept and not _looks_like_reference(kept[-1].text) and not _has_labels(kept[-1]):
        kept.pop()
    return kept


def _has_labels(block: _Block) -> bool:
    return sum(1 for line in block.lines if LABEL_RE.match(line)) >= 2


def _join(lines: list[str]) -> str:
    """Join wrapped lines, undoing end-of-line hyphenation of lower-case words."""
    out = ""
    for line in (s.strip() for s in lines):
        if not out:
            out = line
        elif re.search(r"[a-z]-$", out) and re.match(r"[a-z]", line):
            out = out[:-1] + line
        elif out.endswith(("/", "-")) and not out.endswith(" -"):
            out += line  # URLs and DOIs broken at a slash or hyphen
        else:
            out += " " + line
    return out


def _starts_record(prev: str, line: str) -> bool:
    """Whether ``line`` begins a new record in a list with one reference per (wrapped) line."""
    if LABEL_RE.match(line):
        return True
    p = prev.rstrip()
    if not p or re.search(r"[-,;:&(]$", p) or re.match(r"\s*[a-z0-9(\[]", line):
        return False
    return bool(re.search(r"[.)\]\d]$", p)) or p.endswith(("?", "!"))


def _records_from_lines(lines: list[str], start: int) -> list[tuple[list[str], int]]:
    """Split a run of lines (no blank lines) into records: per label, or per line with joins."""
    labelled = sum(1 for line in lines if LABEL_RE.match(line))
    records: list[tuple[list[str], int]] = []
    for i, line in enumerate(lines):
        if not records:
            records.append(([line], start + i))
            continue
        prev = records[-1][0][-1]
        new = LABEL_RE.match(line) is not None if labelled >= 2 else _starts_record(prev, line)
        if new:
            records.append(([line], start + i))
        else:
            records[-1][0].append(line)
    return records


def _to_references(groups: list[tuple[list[str], int]]) -> tuple[list[Reference], bool]:
    labels = [LABEL_RE.match(g[0][0]) for g in groups]
    numbered = len(groups) > 0 and sum(1 for m in labels if m) >= max(2, 0.6 * len(groups))
    refs: list[Reference] = []
    for index, ((lines, start), m) in enumerate(zip(groups, labels, strict=True), start=1):
        text = _join(lines)
        label: str | None = None
        stray: str | None = None
        if numbered and m:
            label = m.group("label")
            text = text[m.end() :].strip()
        else:
            s = _STRAY_RE.match(text)
            if s:
                stray = s.group("label")
        end = start + len(lines) - 1
        refs.append(Reference(index, text, label, start, end, stray))
    return refs, numbered


def _groups_from_blocks(blocks: list[_Block]) -> tuple[list[tuple[list[str], int]], str]:
    """Records from blocks: one per block, unless blocks hold several labelled or listed lines."""
    if len(blocks) >= 2 and all(not _has_labels(b) for b in blocks):
        return [(list(b.lines), b.start) for b in blocks], "blocks"
    groups: list[tuple[list[str], int]] = []
    for block in blocks:
        groups.extend(_records_from_lines(list(block.lines), block.start))
    labelled = sum(1 for g in groups if LABEL_RE.match(g[0][0]))
    return groups, ("numbered" if labelled >= 0.6 * max(1, len(groups)) else "lines")


def split_lines(text: str) -> SplitResult:
    """``--from lines``: exactly one reference per non-empty line."""
    refs = [
        Reference(i, line.strip(), None, n, n)
        for i, (n, line) in enumerate(
            ((n, s) for n, s in enumerate(text.split("\n"), start=1) if s.strip()), start=1
        )
    ]
    return SplitResult(tuple(refs), "lines", None, False)


def split(text: str) -> SplitResult:
    """Find the reference list in ``text`` and split it into records."""
    lines = text.split("\n")
    found = _find_heading(lines)
    if found is not None:
        index, word = found
        blocks = _section_blocks(lines, index)
    else:
        word = None
        blocks = _blocks(lines, 0)
        looks = sum(1 for b in blocks if _looks_like_reference(b.text) or _has_labels(b))
        single_block_list = len(blocks) == 1 and len(blocks[0].lines) > 1
        if not blocks or (looks < 0.6 * len(blocks) and not single_block_list):
            return SplitResult((), "none", None, False)
        if single_block_list:
            candidates = _records_from_lines(list(blocks[0].lines), blocks[0].start)
            hits = sum(1 for g, _ in candidates if _looks_like_reference(_join(g)))
            if hits < 0.6 * len(candidates):
                return SplitResult((), "none", None, False)
    if not blocks:
        return SplitResult((), "none", word, False)
    groups, mode = _groups_from_blocks(blocks)
    refs, numbered = _to_references(groups)
    if numbered:
        mode = "numbered"
    mode = f"section:{mode}" if word else mode
    return SplitResult(tuple(refs), mode, word, numbered)
