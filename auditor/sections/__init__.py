"""Find the reference lists of a document and split them into records.

Two line models do the work (:mod:`auditor.sections.crf`): the finder labels every line of
the document (reference, text, heading, page furniture); each run of reference lines is a
zone, and the segmenter labels the zone's lines (starts a record, continues one, furniture to
drop). Lines are joined into record text (:mod:`auditor.sections.join`), a numbered list
keeps its printed labels, and a record that holds several works is cut into parts
(:mod:`auditor.sections.compound`). What was left out is reported in ``SplitResult.dropped``.
"""

from __future__ import annotations

import dataclasses
import gc
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from auditor.lexicon import TRAILING_OPENERS, URL_ANNOUNCERS, link_furniture_only
from auditor.models import Document, Dropped, Reference, SplitResult, Zone
from auditor.sections import compound
from auditor.sections.features import (
    MAX_SCANNED,
    LineView,
    author_kind,
    bullet_width,
    document_lines,
    heading_word,
    label_number,
    near_ahead,
    resumes_ahead,
)
from auditor.sections.finder import find
from auditor.sections.join import hyphenated_words, join_lines
from auditor.sections.policy import POLICY
from auditor.sections.segmenter import segment

_STRAY_RE = re.compile(r"^(?P<label>\d{1,3}[.)])\s*(?=[A-Z\"“'])")
_EXCERPT = 80


@dataclass
class _Record:
    items: list[int]  # view indices of the record's lines
    text: str
    line_starts: frozenset[int]  # offsets in text where a new line began
    offsets: list[tuple[int, int]]  # (offset in text, document line number)
    begun: frozenset[int]  # line starts the segmenter began a work at


def split_lines(doc: Document) -> SplitResult:
    """``--from lines``: exactly one reference per non-empty line."""
    refs = [Reference(i, line.strip(), None, n, n) for i, (n, line) in enumerate(
        ((n, s) for n, s in enumerate(doc.lines, start=1) if s.strip()), start=1)]
    return SplitResult(tuple(refs), "lines", None, False)


def split_text(text: str, source: str = "<text>") -> SplitResult:
    """:func:`split` of plain text."""
    from auditor.readers.text import read

    return split(read(text, source))


def split(doc: Document, limit: int | None = None) -> SplitResult:
    """Find the reference lists in ``doc`` and split them into records.

    A document longer than ``POLICY.whole_lines`` lines (no article or dissertation is) is
    read in windows of ``POLICY.window_lines``, so its cost per line and its memory stay
    flat; with a ``limit``, reading stops after the window in which the records reached
    it, and the lines not read are reported (``Dropped`` kind ``not-read``) for RA903 to
    name: a 100,000-line file is not worth minutes when only the first entries are checked.
    """
    with _collector_paused():
        if len(doc.lines) <= POLICY.whole_lines:
            return _split_whole(doc)
        return _split_windows(doc, limit)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector held off while a document is split. Splitting makes a few
    hundred small tuples and lists per line and no cycle among them (reference counting
    frees every one), yet the allocations set the collector off again and again, and each
    of its full passes walks the caller's whole heap: a tenth of the time of a split, more
    in a process that holds many documents. It runs again as soon as the split is done; a
    caller that had it off keeps it off."""
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _split_windows(doc: Document, limit: int | None) -> SplitResult:
    parts: list[tuple[int, SplitResult]] = []
    start, total, found = 0, len(doc.lines), 0
    hyphenated = hyphenated_words(doc.text)  # the whole document's vocabulary
    while start < total:
        end = _window_end(doc.lines, start)
        result = _split_whole(_window(doc, start, end), hyphenated)
        following = end
        if end < total and len(result.references) >= 2:
            # The window's last record may run on past its edge: it is read again, whole,
            # as the first of the next window.
            refs = result.references
            at = len(refs) - 1
            while at > 1 and refs[at].start_line <= refs[at - 1].end_line:
                at -= 1  # a work cut from a line shared with the one before: both again
            result = _before(result, refs[at].start_line)
            following = start + refs[at].start_line - 1
        parts.append((start, result))
        found += len(result.references)
        start = following
        if limit is not None and found >= limit:
            break
    merged = _merged(doc, parts)
    if start >= total:
        return merged
    first = next((i for i in range(start, total) if doc.lines[i].strip()), None)
    if first is None:
        return merged
    last = next(i for i in range(total - 1, first - 1, -1) if doc.lines[i].strip())
    unread = Dropped(first + 1, last + 1, "not-read", doc.lines[first].strip()[:_EXCERPT])
    return dataclasses.replace(merged, dropped=(*merged.dropped, unread))


def _before(result: SplitResult, line: int) -> SplitResult:
    """``result`` without what starts at ``line`` or after (window line numbers)."""
    refs = tuple(r for r in result.references if r.start_line < line)
    zones = tuple(dataclasses.replace(z, end_line=min(z.end_line, line - 1),
                                      records=sum(1 for r in refs
                                                  if z.start_line <= r.start_line <= z.end_line))
                  for z in result.zones if z.start_line < line)
    return dataclasses.replace(
        result, references=refs, zones=zones,
        dropped=tuple(d for d in result.dropped if d.start_line < line),
        uncertain=tuple(n for n in result.uncertain if n < line))


def _window_end(lines: Sequence[str], start: int) -> int:
    """Where the window from ``start`` ends: at a blank line near its nominal end when there
    is one (a record is seldom cut), else at the nominal end."""
    end = start + POLICY.window_lines
    if end + POLICY.window_lines // 2 >= len(lines):  # no short last window
        return len(lines)
    for at in range(end, end - POLICY.window_lines // 10, -1):
        if not lines[at - 1].strip():
            return at
    return end


def _window(doc: Document, start: int, end: int) -> Document:
    blocks = tuple(dataclasses.replace(b, start=max(b.start, start) - start,
                                       end=min(b.end, end) - start)
                   for b in doc.blocks if b.start < end and b.end > start)
    return Document(doc.source, doc.reader, doc.lines[start:end], blocks)


def _merged(doc: Document, parts: list[tuple[int, SplitResult]]) -> SplitResult:
    """One result from the windows' results, with the document's line numbers; a list
    running across a window's edge is one zone, and a record the edge cut in two (its second
    part has no label in a numbered list) is joined again."""
    references: list[Reference] = []
    zones: list[Zone] = []
    dropped: list[Dropped] = []
    heading: str | None = None
    numbered = False
    confidence = 1.0
    uncertain: list[int] = []
    for shift, result in parts:
        refs = [dataclasses.replace(r, start_line=r.start_line + shift,
                                    end_line=r.end_line + shift) for r in result.references]
        own = [dataclasses.replace(z, start_line=z.start_line + shift,
                                   end_line=z.end_line + shift) for z in result.zones]
        if zones and own and _continues(doc, zones[-1].end_line, own[0].start_line):
            if refs and refs[0].label is None and numbered and references and \
                    label_number(refs[0].raw)[1] is None:
                last = references[-1]
                references[-1] = dataclasses.replace(last, raw=f"{last.raw} {refs[0].raw}",
                                                     end_line=refs[0].end_line)
                refs = refs[1:]
                own[0] = dataclasses.replace(own[0], records=own[0].records - 1)
            zones[-1] = Zone(zones[-1].start_line, own[0].end_line, zones[-1].heading,
                             zones[-1].records + own[0].records)
            own = own[1:]
        zones.extend(own)
        before = len(references)
        references.extend(dataclasses.replace(r, index=before + k)
                          for k, r in enumerate(refs, start=1))
        dropped.extend(dataclasses.replace(d, start_line=d.start_line + shift,
                                           end_line=d.end_line + shift) for d in result.dropped)
        heading = heading or result.heading
        numbered = numbered or result.numbered
        confidence = min(confidence, result.confidence)
        uncertain.extend(n + shift for n in result.uncertain)
    if not references:
        return SplitResult((), "none", None, False, confidence=confidence)
    mode = ("section" if heading else "list") + (":numbered" if numbered else ":unnumbered")
    return SplitResult(tuple(references), mode, heading, numbered, tuple(zones),
                       tuple(dropped), confidence, tuple(uncertain))


def _continues(doc: Document, end_line: int, start_line: int) -> bool:
    """Whether only blank lines lie between a zone's last line and the next zone's first."""
    return all(not doc.lines[i].strip() for i in range(end_line, start_line - 1))


def _split_whole(doc: Document, hyphenated: frozenset[str] | None = None) -> SplitResult:
    view = document_lines(doc.lines, doc.blocks)
    if not view.numbers:
        return SplitResult((), "none", None, False)
    found = find(view)
    if hyphenated is None:
        hyphenated = (hyphenated_words(doc.text) if any("-" in t for t in view.texts)
                      else frozenset())
    references: list[Reference] = []
    zones: list[Zone] = []
    dropped: list[Dropped] = []
    numbered_any = False
    heading: str | None = None
    headings: set[int] = set()
    numbers = _item_numbers(doc, view)
    for zone in found.zones:
        labels, starts = segment(view, zone.items, zone.furniture)
        records = _records(view, zone.items, labels, starts, hyphenated, dropped)
        word = heading_word(zone.heading) if zone.heading else None
        whole = zone.items[0] == 0 and zone.items[-1] == len(view.numbers) - 1 and any(
            len(r.text[:MAX_SCANNED].split()) >= POLICY.pasted_words for r in records)
        if word is None and not whole and len(records) < POLICY.unheaded_records:
            continue
        if _lists_people(records):
            continue
        refs, numbered = _references(records, len(references), numbers)
        if not refs:
            continue
        numbered_any = numbered_any or numbered
        references.extend(refs)
        if zone.heading_item is not None:
            number = view.numbers[zone.heading_item] + 1
            dropped.append(Dropped(number, number, "heading",
                                   view.texts[zone.heading_item][:_EXCERPT]))
            headings.add(zone.heading_item)
        first, last = view.numbers[zone.items[0]] + 1, view.numbers[zone.items[-1]] + 1
        zones.append(Zone(first, last, zone.heading, len(refs)))
        heading = heading or word
    if not references:
        return SplitResult((), "none", None, False, confidence=found.confidence)
    dropped.extend(_outside(view, zones, headings))
    mode = ("section" if heading else "list") + (":numbered" if numbered_any else ":unnumbered")
    return SplitResult(tuple(references), mode, heading, numbered_any, tuple(zones),
                       tuple(sorted(dropped, key=lambda d: d.start_line)), found.confidence,
                       found.uncertain)


# An ORCID iD names a person, never a work: "https://orcid.org/0000-0002-1825-0097".
_ORCID_RE = re.compile(r"orcid\.org/\d{4}-", re.IGNORECASE)


def _lists_people(records: list[_Record]) -> bool:
    """Whether at least ``POLICY.people_share`` of a zone's records carry an ORCID iD: a
    journal page's author list ("Surovtsev, P. M https://orcid.org/...") reads like a
    list of short entries, and no reference list links its entries to their authors."""
    with_ids = sum(1 for r in records if _ORCID_RE.search(r.text[:MAX_SCANNED]))
    return with_ids >= POLICY.people_share * len(records)


def _records(view: LineView, items: list[int], labels: list[str], starts: set[int],
             hyphenated: frozenset[str], dropped: list[Dropped]) -> list[_Record]:
    """The zone's records as the segmenter's labels group its lines; ``starts`` are the
    unlabelled lines it surely began a record at, kept as ``begun`` where a numbered list
    joins them to the entry above."""
    groups: list[list[int]] = []
    last: int | None = None  # the last label the zone printed at a line's start
    for item, label in zip(items, labels, strict=True):
        if label == "O" and _next_label_alone(view, item, last):
            label = "B"
        printed = view.labels[item] if view.labels[item] is not None else view.alone[item]
        if printed is not None and label != "O":
            last = printed
        if label == "O":
            number = view.numbers[item] + 1
            facts = view.facts[item]
            kind = ("page-number" if "pagenum" in facts else
                    "download-stamp" if "stamp" in facts else
                    "running-head" if any(f.startswith("rep=") for f in facts) else "furniture")
            dropped.append(Dropped(number, number, kind, view.texts[item][:_EXCERPT]))
        elif label == "B" or not groups:
            groups.append([item])
        else:
            groups[-1].append(item)
    out = []
    for group in _regroup(view, groups, dropped):
        texts = [view.texts[i] for i in group]
        text = join_lines(texts, hyphenated)
        offsets = _line_offsets(text, texts, [view.numbers[i] + 1 for i in group])
        begun = frozenset(offsets[k][0] for k in range(1, len(group)) if group[k] in starts
                          and not _trails(view.texts[group[k]], view.texts[group[k] - 1]))
        out.append(_Record(group, text, frozenset(o for o, _ in offsets[1:]), offsets, begun))
    return out


def _regroup(view: LineView, groups: list[list[int]],
             dropped: list[Dropped]) -> list[list[int]]:
    """Records start where a numbered list prints a label that follows its sequence: in a
    list numbered in one kind, a record the segmenter started without such a label (none,
    or a wrapped locator "133." far from the count either way) joins the record above; several works
    under one number are the compound cutter's to separate, as it was trained. In an
    unnumbered list, first lines that can only trail (a locator wrapped onto its own line,
    "CrossRef Medline") end the record above, and what followed them starts the next."""
    if len(groups) < 2:
        return groups
    firsts = [label_number(view.texts[g[0]].strip()) for g in groups]
    main_kind, numbered = _numbering(firsts)
    if numbered:
        groups = _cut_at_next_labels(view, groups, main_kind)
        firsts = [label_number(view.texts[g[0]].strip()) for g in groups]
        return _regroup_numbered(view, groups, firsts, main_kind, dropped)
    out: list[list[int]] = []
    for group in groups:
        if out and _trails(view.texts[group[0]], view.texts[out[-1][-1]]):
            lead = next((k for k, i in enumerate(group)
                         if not _trails(view.texts[i], view.texts[i - 1])), len(group))
            out[-1] = out[-1] + group[:lead]
            if group[lead:]:
                out.append(group[lead:])
        else:
            out.append(group)
    return out


def _regroup_numbered(view: LineView, groups: list[list[int]],
                      firsts: Sequence[tuple[str, int | None, int]], main_kind: str | None,
                      dropped: list[Dropped]) -> list[list[int]]:
    """A numbered list's records: a label counts when it is near the last one that counted,
    or when it counts on from a label up to ``RESUME_GAP`` ahead that was joined to the
    record above (a text layer that lost a run of labels: "1." then "100.", "101."), which
    then starts its own record again, as the line facts read the numbering."""
    out: list[list[int]] = []
    last: int | None = None
    ahead: tuple[int, int] | None = None  # a joined label far ahead, and where it was joined
    adjacent = _adjacent_share(view, groups, firsts, main_kind)
    for group, (kind, value, _) in zip(groups, firsts, strict=True):
        number = value if kind == main_kind else None
        labelled = number is not None and (last is None or abs(number - last) <= POLICY.label_jump)
        if number is not None and not labelled and ahead is not None and number == ahead[0] + 1:
            out[-1], tail = out[-1][: ahead[1]], out[-1][ahead[1]:]
            out.append(tail)
            labelled = True
        ahead = None
        if labelled:
            last = number
        if out and not labelled and adjacent >= POLICY.adjacent_share and \
                _after_blank(view, group[0]):
            # Set off by a blank line in a list whose entries follow each other line
            # by line: a note or a copyright line, part of no entry.
            first, end = view.numbers[group[0]] + 1, view.numbers[group[-1]] + 1
            dropped.append(Dropped(first, end, "outside-list",
                                   view.texts[group[0]][:_EXCERPT]))
        elif out and not labelled:
            if number is not None and resumes_ahead(last, number):
                ahead = (number, len(out[-1]))
            out[-1] = out[-1] + group
        else:
            out.append(group)
    return out


def _next_label_alone(view: LineView, item: int, last: int | None) -> bool:
    """Whether the line ``item`` prints nothing but the list's next label ("30." after
    entry 29; up to ``NEAR_AHEAD`` past ``last``, the zone's last label), as a text layer
    sets a label in a column of its own: the segmenter may drop it as a page number, and
    its entry would join the one above. A bare number ("30") is as often a page's."""
    value = view.alone[item]
    return value is not None and near_ahead(last, value) and view.keys[item][1] != "bare"


def _cut_at_next_labels(view: LineView, groups: list[list[int]],
                        main_kind: str | None) -> list[list[int]]:
    """``groups`` cut before every line that opens with the list's next label (of its kind,
    up to ``NEAR_AHEAD`` past the last that counted) where the segmenter continued a record:
    a label alone on its line after an entry that ends in a comma ("Fortress," then "15."),
    or "16. Uncertainty ..." after a line that ran entries 14 and 15 on. After a line that
    ends in a hyphen or a dash such a line is a page range's end ("903-" then "10."), and
    one that goes on with what closes an entry is a date's day ("Epub 2021 Mar" then "17.
    PMID: ...")."""
    out: list[list[int]] = []
    last: int | None = None
    for group in groups:
        cut = 0
        for k, item in enumerate(group):
            kind, value, width = label_number(view.texts[item])
            if kind != main_kind or value is None:
                continue
            if k == 0:
                if last is None or abs(value - last) <= POLICY.label_jump:
                    last = value
            elif near_ahead(last, value) and \
                    view.texts[group[k - 1]][-1:] not in _RANGE_DASHES and \
                    not compound.opens_note(view.texts[item], width):
                out.append(group[cut:k])
                cut, last = k, value
        out.append(group[cut:])
    return out


_RANGE_DASHES = "-‐‑‒–—"


def _numbering(labels: Sequence[tuple[str, int | None, int]]) -> tuple[str | None, bool]:
    """The label kind most records open with, and whether the list is numbered: at least
    ``numbered_share`` of its records (and two) open with a label of that kind."""
    return _prevailing([kind for kind, value, _ in labels if value is not None], len(labels))


def _prevailing(marks: list[str], records: int) -> tuple[str | None, bool]:
    """The mark most of ``marks`` share (a label's kind, a bullet), and whether at least
    ``numbered_share`` of the ``records`` (and two) print it: then it is the list's own."""
    main = max(set(marks), key=marks.count) if marks else None
    return main, main is not None and marks.count(main) >= max(
        2, POLICY.numbered_share * records)


def _adjacent_share(view: LineView, groups: list[list[int]],
                    firsts: Sequence[tuple[str, int | None, int]],
                    main_kind: str | None) -> float:
    """Of the labelled entries after the first, the share that start right under a printed
    line: 1.0 in a pasted list, 0.0 in one whose entries are set off by blank lines."""
    starts = [g[0] for g, (kind, value, _) in zip(groups, firsts, strict=True)
              if kind == main_kind and value is not None][1:]
    if not starts:
        return 0.0
    return sum(not _after_blank(view, item) for item in starts) / len(starts)


def _after_blank(view: LineView, item: int) -> bool:
    """Whether a blank line comes right before the line ``item`` (or it opens the document)."""
    return item == 0 or view.numbers[item] - view.numbers[item - 1] > 1


def _trails(text: str, before: str) -> bool:
    """A line that can only end the entry above it (``before`` is the line above): no
    letters (a locator or page number wrapped onto its own line), only publishers' link
    words, an identifier or access line ("URL https:", "doi: 10..."), a URL after a line
    that announces one ("Available from:", "URL"), or the rest of a URL broken across lines
    ("org/religious-landscape-study/", "courses.asp?courseID=209."). A URL's rest never
    opens with a bracket; a key label alone on its line does ("[Wor92]" after a line that
    ends in a URL and a period)."""
    lower = text.lower()
    if not any(ch.isalpha() for ch in text) or link_furniture_only(text):
        return True
    if lower.startswith(TRAILING_OPENERS) or lower == "url":
        return True
    above = before.lower().rstrip()
    if lower.startswith(("http", "www.")) and above.endswith(URL_ANNOUNCERS):
        return True
    return " " not in lower and not lower.startswith("[") and (
        _url_rest(lower) or (_open_url(above) and not _word_after_closed_url(text, above)))


def _word_after_closed_url(text: str, above: str) -> bool:
    """Whether ``text`` is a plain word (letters and at most a closing mark) under a URL
    that ends with a period: that period most often closes the entry, and "Bernstein," in a
    text layer that prints a word a line opens the next; a URL's rest holds a URL's
    characters ("gov/pubmed", "aspx")."""
    return above.endswith(".") and _PLAIN_WORD_RE.fullmatch(text) is not None


_PLAIN_WORD_RE = re.compile(r"[^\W\d_]+[,.;:]?")


def _url_rest(lower: str) -> bool:
    """A single token that carries on a URL: a path with a slash that is not a URL's start."""
    return "/" in lower.rstrip("/.") and not lower.startswith(("http", "www", "doi.org", "10."))


def _open_url(above: str) -> bool:
    """Whether the line above ends inside a URL (its last token is one and ends with a
    character a URL is broken after)."""
    last = above.rsplit(" ", 1)[-1]
    return ("://" in last or last.startswith(("www.", "//"))) and last.endswith(("/", "-", "_", ".",
                                                                           "?", "=", "&"))


def _line_offsets(text: str, lines: list[str], numbers: list[int]) -> list[tuple[int, int]]:
    """Where each line's text begins in the joined ``text`` (joins only drop characters at
    line ends, so each line's last 8 characters are searched for from the previous one)."""
    out: list[tuple[int, int]] = [(0, numbers[0])]
    position = len(lines[0])
    for line, number in zip(lines[1:], numbers[1:], strict=True):
        head = line[:8]
        found = text.find(head, max(0, position - 2))
        start = found if found >= 0 else min(position, len(text))
        out.append((start, number))
        position = start + len(line)
    return out


def _line_at(offsets: list[tuple[int, int]], offset: int) -> int:
    line = offsets[0][1]
    for start, number in offsets:
        if start <= offset:
            line = number
    return line


def _item_numbers(doc: Document, view: LineView) -> dict[int, str]:
    """The number a page shows before each item of an ordered list ("4." for the fourth
    ``<li>`` of an HTML ``<ol>``), by the view index of the item's first line, where the
    item's text does not print it: the reader keeps it as the item's marker. A number the
    text opens with that is not the item's ("<li>17. Economics and finance ...</li>", the
    seventh item) is the entry's own; the page's number labels it."""
    at = {line: k for k, line in enumerate(view.numbers)}
    items: list[tuple[int, str, bool, bool]] = []  # first line, marker, prints, differs
    for block in doc.blocks:
        if block.kind != "item" or not block.marker or not _ORDINAL_RE.fullmatch(block.marker):
            continue
        first = next((at[n] for n in range(block.start, block.end) if n in at), None)
        if first is not None:
            kind, value, _ = label_number(view.texts[first])
            items.append((first, block.marker, bool(kind),
                          bool(kind) and value != int(block.marker[:-1])))
    # where items print numbers of their own (a page of a longer list, markers hidden by a
    # style sheet), those are the labels; one that differs among the others is its text's
    odd = sum(differs for *_, differs in items) <= POLICY.own_numbers * len(items)
    return {first: marker for first, marker, prints, differs in items
            if not prints or (differs and odd)}


_ORDINAL_RE = re.compile(r"\d{1,5}\.")
# The kind of label a page shows before an ordered item without printing it in the text.
_SHOWN = "shown"


def _label_of(record: _Record, numbers: dict[int, str]) -> tuple[str, int | None, int]:
    """The record's label as label_number reads it, or the number its page shows."""
    printed = label_number(record.text)
    shown = numbers.get(record.items[0])
    if shown is None or (printed[0] and printed[1] == int(shown[:-1])):
        return printed
    return _SHOWN, int(shown[:-1]), 0


def _references(records: list[_Record], before: int, numbers: dict[int, str]
                ) -> tuple[list[Reference], bool]:
    """References from the records of one zone: labels kept where the list is numbered (a
    number an ordered list shows without printing it included), works printed under one
    number cut into parts."""
    kinds = [_label_of(r, numbers) for r in records]
    main_kind, numbered = _numbering(kinds)
    if not numbered and kinds and _runs_on(records[0].text, kinds[0]):
        main_kind, numbered = kinds[0][0], True
    opening = {value for kind, value, _ in kinds if kind == main_kind and value is not None}
    bullets = [0] * len(records) if numbered else _bullets(records)
    out: list[Reference] = []
    group_label: str | None = None
    group_parts: list[int] = []  # positions in out of the works under the current number

    def close_group() -> None:
        if len(group_parts) > 1:
            for n, at in enumerate(group_parts):
                out[at] = _with_part(out[at], chr(ord("a") + n))
        group_parts.clear()

    for record, (kind, value, width), bullet in zip(records, kinds, bullets, strict=True):
        label: str | None = None
        text = record.text[bullet:].lstrip()
        if numbered and kind == main_kind and value is not None:
            close_group()
            label = f"{value}." if kind == _SHOWN else text[:width].strip()
            text = text[width:].lstrip()
            group_label = label
        elif numbered and group_label is not None:
            label = group_label  # a work printed under the number above
        skipped = len(record.text) - len(text)
        # The next number may be printed inside this entry only if no entry opens with it
        # ("... 2018 Mar 13. PMID ..." before "13. Eduardo TQ" is a date, not a label).
        following = value + 1 if label is not None and value is not None and \
            value + 1 not in opening else None
        # Line starts are candidates under a number only: in an unnumbered list the
        # segmenter has already said which lines start a work.
        starts_at = frozenset(o - skipped for o in record.line_starts) if label is not None \
            else frozenset()
        cuts = compound.split_points(text, starts_at, following)
        if label is not None and record.begun:
            cuts = sorted({*cuts, *(o - skipped for o in record.begun if o > skipped)})
        cuts = _works(text, cuts)
        starts = [0, *cuts]
        for n, start in enumerate(starts):
            end = starts[n + 1] if n + 1 < len(starts) else len(text)
            part_text = text[start:end].strip()
            if not part_text:
                continue
            if n and following is not None:
                # The list's next entry, run on inside this one by the text layer: an
                # entry of its own, under its own number.
                inner_kind, inner, inner_width = label_number(part_text)
                if inner_kind == main_kind and inner == following:
                    close_group()
                    label = group_label = part_text[:inner_width].strip()
                    part_text = part_text[inner_width:].lstrip()
                    following += 1
            letter, part_text = compound.sublabel(part_text)
            first = _line_at(record.offsets, start + skipped)
            last = _line_at(record.offsets, max(start, end - 1) + skipped)
            stray = None
            if label is None:
                m = _STRAY_RE.match(part_text)
                stray = m.group("label") if m else None
            ref = Reference(before + len(out) + 1, part_text, label, first, last, stray,
                            letter)
            out.append(ref)
            if label is not None:
                group_parts.append(len(out) - 1)
    close_group()
    return out, numbered


def _bullets(records: list[_Record]) -> list[int]:
    """The width of each record's bullet where the list is bulleted: at least
    ``numbered_share`` of its records (and two) open with one bullet ("•", "-", Wikipedia's
    "^"), which is then the list's markup, not the entry's text (as a number is a label).
    A rule that repeats the authors above ("— .", as author forms read it) is no bullet:
    an author's own bibliography may print more of them than names."""
    widths = [bullet_width(r.text) for r in records]
    widths = [0 if w and author_kind(r.text) == "rep" else w
              for r, w in zip(records, widths, strict=True)]
    marks = [r.text[:1] if w else "" for r, w in zip(records, widths, strict=True)]
    main, bulleted = _prevailing([m for m in marks if m], len(records))
    if not bulleted:
        return [0] * len(records)
    return [w if m == main else 0 for m, w in zip(marks, widths, strict=True)]


def _works(text: str, cuts: list[int]) -> list[int]:
    """The cuts that leave a work after them: link words alone ("Google Scholar
    (https://scholar.google.com/)" on a line of its own) end the work above."""
    if not cuts:
        return cuts
    ends = [*cuts[1:], len(text)]
    return [cut for cut, end in zip(cuts, ends, strict=True)
            if not link_furniture_only(text[cut:end])]


def _runs_on(text: str, label: tuple[str, int | None, int]) -> bool:
    """Whether a record that opens with a label prints the list's next label inside it
    ("1. Esteban ... 2017. doi: ...; 2. Kurtzer ..."): a PDF's text layer ran the numbered
    entries together, and the list is numbered though few records open with a label."""
    _, value, width = label
    if value is None:
        return False
    body = text[width:]
    return any(compound.opens_with(body[at:], value + 1)
               for at in compound.candidates(body, value + 1))


def _with_part(ref: Reference, letter: str) -> Reference:
    return Reference(ref.index, ref.raw, ref.label, ref.start_line, ref.end_line,
                     ref.stray_label, ref.part or letter)


def _outside(view: LineView, zones: list[Zone], headings: set[int]) -> list[Dropped]:
    """The runs of non-blank lines outside every list (headings apart), each reported once."""
    out: list[Dropped] = []
    edges = sorted((z.start_line, z.end_line) for z in zones)
    run: list[int] = []
    at = 0
    for item, number in enumerate(view.numbers):
        line = number + 1
        while at < len(edges) and edges[at][1] < line:
            at += 1
        if item in headings or (at < len(edges) and edges[at][0] <= line):
            if run:
                out.append(_run(view, run))
                run = []
            continue
        run.append(item)
    if run:
        out.append(_run(view, run))
    return out


def _run(view: LineView, items: list[int]) -> Dropped:
    return Dropped(view.numbers[items[0]] + 1, view.numbers[items[-1]] + 1, "outside-list",
                   view.texts[items[0]][:_EXCERPT])
