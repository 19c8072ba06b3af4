"""Labeled reference strings from ../shared/data/parsing (AnyStyle XML and GROBID TEI).

Both corpora become ``(tokens, labels)`` sequences over one label set. The train/held-out split
is fixed by a hash of the reference text, so training and evaluation agree without a file.
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from auditor.parse.features import token_spans, tokenize
from auditor.parse.normalize import strip_markup

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "parsing"
HELD_OUT_BUCKETS = 10  # one reference in ten is held out of training

ANYSTYLE_LABELS = {
    "author": "author", "title": "title", "journal": "container-title",
    "container-title": "container-title", "collection-title": "collection-title",
    "date": "date", "volume": "volume", "pages": "pages", "publisher": "publisher",
    "location": "location", "editor": "editor", "translator": "editor", "doi": "identifier",
    "url": "url", "isbn": "identifier", "citation-number": "citation-number",
    "edition": "edition", "genre": "note", "note": "note", "source": "note", "medium": "note",
    "director": "author", "producer": "author", "dataset": "note",
}
Sequence = tuple[str, list[str], list[str]]  # raw text, tokens, labels


def _labelled(parts: list[tuple[str, str]], sep: str) -> Sequence | None:
    """Join labelled parts into the raw string and label each token by its first character."""
    raw = ""
    owner: list[str] = []
    for n, (text, label) in enumerate(parts):
        if n and sep:
            raw += sep
            owner.append("other")
        raw += text
        owner.extend([label] * len(text))
    raw_stripped = raw.strip()
    offset = len(raw) - len(raw.lstrip())
    spans = token_spans(raw_stripped)
    if not spans:
        return None
    tokens = [t for t, _, _ in spans]
    labels = [owner[offset + start + _first_alnum(tok)] for tok, start, _ in spans]
    return raw_stripped, tokens, labels


def _first_alnum(token: str) -> int:
    """Where a token's label is read: its first letter or digit, so that a quote glued to a
    title word ('State) does not hand the word the label of the quote (which sits outside
    GROBID's title element)."""
    return next((i for i, c in enumerate(token) if c.isalnum()), 0)


def anystyle(path: Path) -> Iterator[tuple[Sequence, str]]:
    """Each reference with its split key: the tokens of the text as the file gives it, inline
    markup included, so that what the parser is taught to skip does not move the split."""
    root = ET.parse(path).getroot()
    for seq in root.iter("sequence"):
        texts = [((el.text or "").strip(), ANYSTYLE_LABELS.get(el.tag, "note")) for el in seq]
        parts = [(strip_markup(text).strip(), label) for text, label in texts]
        item = _labelled(parts, " ")
        if item:
            yield item, " ".join(tokenize(" ".join(text for text, _ in texts)))


def _grobid_label(el: ET.Element) -> str | None:
    tag = el.tag.split("}")[-1]
    level, kind = el.get("level"), (el.get("type") or el.get("unit") or "").lower()
    if tag == "title":
        return {"a": "title", "j": "container-title", "m": "title-m",
                "s": "collection-title"}.get(level or "a", "title")
    if tag == "biblScope":
        if kind in ("vol", "volume"):
            return "volume"
        if kind == "issue":
            return "issue"
        if kind in ("pp", "page"):
            return "pages"
        return "note"
    return {"author": "author", "editor": "editor", "date": "date", "publisher": "publisher",
            "pubPlace": "location", "pubplace": "location", "idno": "identifier",
            "ptr": "url", "note": "note", "orgName": "author"}.get(tag)


def _grobid_parts(bibl: ET.Element) -> list[tuple[str, str]]:
    parts: list[tuple[str, str]] = [(bibl.text or "", "other")]
    has_article_title = any(
        c.tag.split("}")[-1] == "title" and c.get("level") == "a" for c in bibl)
    for child in bibl:
        label = _grobid_label(child)
        text = "".join(child.itertext())
        if label == "title-m":
            label = "container-title" if has_article_title else "title"
        parts.append((text, label or "other"))
        parts.append((child.tail or "", "other"))
    return parts


def grobid(path: Path) -> Iterator[tuple[Sequence, str]]:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"<lb\s*/>", " ", text)
    try:
        root = ET.fromstring(text)
    except ET.ParseError:
        return
    for bibl in root.iter():
        if bibl.tag.split("}")[-1] == "bibl":
            item = _labelled(_grobid_parts(bibl), "")
            if item:
                yield item, " ".join(item[1])


def all_sequences() -> Iterator[tuple[str, Sequence, str]]:
    """Every labeled sequence with its corpus name and split key, in a fixed order."""
    for path in sorted((SHARED / "anystyle").glob("*.xml")):
        for item, key in anystyle(path):
            yield f"anystyle/{path.stem}", item, key
    for path in sorted((SHARED / "grobid").glob("*.xml")):
        for item, key in grobid(path):
            yield "grobid", item, key


def is_held_out(key: str) -> bool:
    digest = hashlib.sha1(key.encode("utf-8")).digest()  # stable across runs
    return digest[0] % HELD_OUT_BUCKETS == 0


def split_by_corpus() -> tuple[list[Sequence], list[tuple[str, Sequence]]]:
    """(train, held_out with each one's corpus), deduplicated by text so a string never sits
    on both sides."""
    seen: set[str] = set()
    train: list[Sequence] = []
    held: list[tuple[str, Sequence]] = []
    for corpus, item, key in all_sequences():
        if key in seen:
            continue
        seen.add(key)
        if is_held_out(key):
            held.append((corpus, item))
        else:
            train.append(item)
    return train, held


def split_data() -> tuple[list[Sequence], list[Sequence]]:
    """(train, held_out): the split of :func:`split_by_corpus` without corpus names."""
    train, held = split_by_corpus()
    return train, [item for _, item in held]
