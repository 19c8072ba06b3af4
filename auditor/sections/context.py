"""How the models read a line in its context: neighbours, numbering, a first reading.

:func:`window` gives each line its own facts (:mod:`auditor.sections.features`), its
label's place in the list's numbering and its neighbours' facts, in crfsuite's nested form.
The second readings add what a first reading (a draft) said: :func:`surroundings` for the
finder, :func:`regularities` for the segmenter.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

from auditor.sections.features import Buckets, LineView, bucket, sequence_facts

# One line as crfsuite reads it: the names of its attributes (each of weight 1), as UTF-8
# bytes; a neighbour's facts carry its prefix ("p:len=3" is the line before's "len=3").
# Flat byte names are what crfsuite converts fastest: nested dicts of str cost it three
# times as much, for the same attributes.
Item = list[bytes]
# How much of a zone's lines carry a label in sequence.
_NUMBERED = Buckets("zn", (0.02, 0.1, 0.25, 0.5))
# Facts a line's neighbours lend it: the nearest on each side lends all, the next ones only
# the facts that describe a line's role (a label, an author, a heading, a page number).
_FAR_FACTS = ("lab=", "seq=", "au=", "head=", "pagenum", "rep=", "end=", "year=", "bk=",
              "gap=", "len=", "prose=", "et=")
# The encoder keeps the names it made; a document of unheard-of facts (random text) makes
# it forget them all rather than grow without bound.
_MAX_NAMES = 50_000


class _Names:
    """Each fact's attribute names, made once per fact: its own, as the line after and the
    line before read it ("p:...", "n:..."), and, for the facts that describe a line's role,
    as the lines two away read it ("pp:...", "nn:..."). A line's names are then one lookup
    per fact and name, each a ``map`` over a table, which is most of what reading a
    document's neighbours costs."""

    def __init__(self) -> None:
        self.own_names: dict[str, bytes] = {}
        self.as_previous: dict[str, bytes] = {}
        self.as_next: dict[str, bytes] = {}
        # only the facts that describe a line's role have these
        self.as_two_before: dict[str, bytes] = {}
        self.as_two_after: dict[str, bytes] = {}

    def _learn(self, facts: Sequence[str]) -> None:
        if len(self.own_names) > _MAX_NAMES:
            for table in (self.own_names, self.as_previous, self.as_next,
                          self.as_two_before, self.as_two_after):
                table.clear()
        for fact in facts:
            if fact not in self.own_names:
                self.own_names[fact] = fact.encode()
                self.as_previous[fact] = f"p:{fact}".encode()
                self.as_next[fact] = f"n:{fact}".encode()
                if fact.startswith(_FAR_FACTS):
                    self.as_two_before[fact] = f"pp:{fact}".encode()
                    self.as_two_after[fact] = f"nn:{fact}".encode()

    def own(self, facts: Sequence[str]) -> tuple[bytes, ...]:
        """``facts`` as the line's own attribute names; every one of ``facts`` is known to
        the tables once this returns."""
        try:
            return tuple(map(self.own_names.__getitem__, facts))
        except KeyError:  # a fact not seen yet
            self._learn(facts)
            return tuple(map(self.own_names.__getitem__, facts))

    def lent(self, facts: Sequence[str], role: Sequence[str]) -> tuple[
            tuple[bytes, ...], tuple[bytes, ...], tuple[bytes, ...], tuple[bytes, ...],
            tuple[bytes, ...]]:
        """``facts`` as the line's own names, as the line after reads them and as the line
        before does; then ``role`` (the line's facts before its place in the numbering,
        all among ``facts``) as the lines two after and two before read those that describe
        a line's role."""
        own = self.own(facts)
        return (own, tuple(map(self.as_previous.__getitem__, facts)),
                tuple(map(self.as_next.__getitem__, facts)),
                tuple(filter(None, map(self.as_two_before.get, role))),
                tuple(filter(None, map(self.as_two_after.get, role))))


_NAMES = _Names()
_OWN = _NAMES.own
_START, _END = (b"p:start",), (b"n:end",)


def window(view: LineView, items: list[int] | None = None, pairs: bool = False,
           neighbours: bool = True) -> list[Item]:
    """Each line's attributes: its own facts, its label's place in the numbering, and its
    neighbours' facts (two either side; none without ``neighbours``), as crfsuite reads them
    ("p:len=3" is the line before's "len=3"); with ``pairs``, how the line before ends
    joined with how this one starts (a period then a name is where a segmenter starts a
    record)."""
    chosen = list(range(len(view.facts))) if items is None else items
    owns = _owns(view, chosen, zone=pairs)
    if not neighbours:
        return [list(_OWN(own)) for own in owns]
    return _with_neighbours(view, chosen, owns, pairs)


def finder_windows(view: LineView) -> tuple[list[Item], list[Item]]:
    """``window(view)`` and ``window(view, neighbours=False)``, the two readings the finder
    makes of a whole document, from one pass over its lines."""
    chosen = list(range(len(view.facts)))
    owns = _owns(view, chosen)
    return _with_neighbours(view, chosen, owns, False), [list(_OWN(own)) for own in owns]


def _owns(view: LineView, chosen: list[int], zone: bool = False) -> list[tuple[str, ...]]:
    """Each chosen line's own facts with its label's place in the numbering; with
    ``zone`` (the segmenter's reading of a zone), a line that prints nothing but a label
    has its place too: inside a list, "25." after "24." above an entry is where the entry
    starts, whereas the finder reads a lone number anywhere in a document as a number. And
    a line whose running-head shape repeats once a page number at its end is set aside
    says how often ("loose="): a PDF prints "Chapter 1 – Introduction 273" on one page and
    "Chapter 1 – Introduction" on the next, which "rep=" counts apart."""
    labels = view.labels
    printed = tuple(labels[k] if labels[k] is not None or not zone else view.alone[k]
                    for k in chosen)
    sequence = sequence_facts(printed)
    in_sequence = sum(1 for seq in sequence if seq in ("seq=next", "seq=one", "seq=first"))
    numbered = _NUMBERED(in_sequence / max(1, len(chosen)))
    share = numbered[3:]
    owns: list[tuple[str, ...]] = []
    for k, seq in zip(chosen, sequence, strict=True):
        label = view.keys[k][1].split("/")[0]
        place = (seq, f"zn|ls={share}|{label}/{seq[4:]}") if seq else (
            f"zn|ls={share}|{label}",)
        loose = (_LOOSE[min(view.loose[k], 3)],) if zone and view.loose[k] >= 2 else ()
        owns.append((*view.facts[k], numbered, *place, *loose))
    return owns


_LOOSE = {n: f"loose={n}" for n in (2, 3)}  # as "rep=", a trailing page number set aside


def _with_neighbours(view: LineView, chosen: list[int], owns: list[tuple[str, ...]],
                     pairs: bool) -> list[Item]:
    count = len(owns)
    lent = [_NAMES.lent(facts, view.facts[k]) for facts, k in zip(owns, chosen, strict=True)]
    keys = [view.keys[k] for k in chosen]
    out: list[Item] = []
    for i in range(count):
        row = (lent[i][0] + (lent[i - 1][1] if i >= 1 else _START)
               + (lent[i + 1][2] if i + 1 < count else _END))
        if i >= 2:
            row += lent[i - 2][3]
        if i + 2 < count:
            row += lent[i + 2][4]
        if pairs and i >= 1:
            ending, _, length = keys[i - 1]
            opening = keys[i][1]
            row += _OWN((f"pe|s={ending}|{opening}", f"pl|s={length}|{opening}",
                         f"pe|pl={ending}|{length}"))
        out.append(list(row))
    return out


_REGULAR_FACTS = ("sh=", "au=", "ind=", "c0=", "lab=", "gap=", "pe|s=")
# Lines since the draft last began a record, against the usual record length.
_SINCE = Buckets("since", (0.5, 1.0, 1.5, 2.5))
_SHARE_EDGES = (0.1, 0.3, 0.7, 0.9)
_MIN_SUPPORT = 4  # other lines opening alike, before a share says anything


def _by_prefix(row: tuple[str, ...]) -> dict[str, str]:
    """A line's facts by their name ("sh=" -> "sh=Xx,_X._"), the first of each name."""
    found: dict[str, str] = {}
    for fact in row:
        cut = fact.find("=")
        if cut > 0:
            found.setdefault(fact[: cut + 1], fact)
    return found


def regularities(view: LineView, items: list[int], rows: list[Item],
                 draft: list[str]) -> list[Item]:
    """``rows`` (extended in place) with what a first reading of the zone (``draft``: B/I/O
    per item) says of the document's own habits: how often lines that open like this one
    (same shape, author form, indent, case, label, blank lines above) start a record
    elsewhere in the list, how many of its records open under a blank line, how firmly it
    keeps one indent for the lines that start records and sets the others apart from it,
    how far this line is from the last start relative to the usual record length, and
    whether its first letter keeps the alphabetical order of the starts before it. A list
    is consistent with itself; the second reading uses that."""
    facts = [view.facts[k] for k in items]
    out = rows
    keys = [view.keys[k] for k in items]
    # how a line opens after how the line before it ends: "I. Surname" after "... and"
    pairs = ["pe|s=start"] + [f"pe|s={keys[i - 1][0]}|{keys[i][1]}" for i in range(1, len(keys))]
    by_prefix = [_by_prefix(row) for row in facts]
    columns = {prefix: pairs if prefix == "pe|s=" else [
        found.get(prefix, prefix + "none") for found in by_prefix] for prefix in _REGULAR_FACTS}
    for prefix, values in columns.items():
        seen: Counter[str] = Counter()
        starts: Counter[str] = Counter()
        for value, label in zip(values, draft, strict=True):
            if label != "O":
                seen[value] += 1
                starts[value] += label == "B"
        for i, value in enumerate(values):
            own = draft[i] != "O"
            share = _share(starts[value] - (draft[i] == "B"), seen[value] - own)
            out[i].extend(_OWN((f"r{prefix}{share}",)))
    _blank_habit(out, draft, columns["gap="])
    _indent_habit(out, draft, [view.indents[k] for k in items])
    for i, label in enumerate(draft):
        out[i].extend(_OWN((f"d={label}",)))  # what the first reading said of this very line
    _open_record(view, items, out, draft, keys)
    begins = [i for i, label in enumerate(draft) if label == "B"]
    lengths = sorted(b - a for a, b in pairwise(begins))
    usual = lengths[len(lengths) // 2] if lengths else 1
    last_start: int | None = None
    for i, label in enumerate(draft):
        if last_start is not None:
            extra = [_SINCE((i - last_start) / max(1, usual))]
            before = view.texts[items[last_start]][:1].lower()
            here = view.texts[items[i]][:1].lower()
            if before.isalpha() and here.isalpha():
                extra.append("alpha=" + ("ge" if here >= before else "lt"))
            out[i].extend(_OWN(extra))
        if label == "B":
            last_start = i
    return out


def _share(part: int, whole: int) -> str:
    """Which of ``_SHARE_EDGES`` ``part`` of ``whole`` lines has reached ("0" to "4"), or
    "na" where fewer than ``_MIN_SUPPORT`` lines say anything."""
    return "na" if whole < _MIN_SUPPORT else str(bucket(part / whole, _SHARE_EDGES))


def _blank_habit(out: list[Item], draft: list[str], gaps: list[str]) -> None:
    """How many of the records the draft began (after the first) open under a blank line,
    joined with whether this line does: a list that sets every entry off by a blank line
    does not start one inside a block, and one that never does gives a blank line no
    weight."""
    opened = [gaps[i] != "gap=0" for i, label in enumerate(draft) if label == "B"][1:]
    habit = _share(sum(opened), len(opened))
    for i, gap in enumerate(gaps):
        out[i].extend(_OWN((f"bs={habit}|{gap}",)))


def _indent_habit(out: list[Item], draft: list[str], indents: list[int]) -> None:
    """How firmly the list keeps one indent for the lines that start its records and sets
    every other line apart from it (a hanging indent, or a first line set in), joined with
    whether this line sits at the starting indent: in such a list a line set like a
    continuation continues, however much it opens like a name ("C.C. Whitehead, Carfax
    ..."), and a line at the starting indent starts, however little it prints a name
    ("Eleventh International Congress ..."). The habit is read from the lines set apart,
    so that the draft's own misses at the starting indent do not hide it, and from the
    indents as printed, not as bucketed around the document's usual one: a PDF's text
    sets one entry's continuation lines in by 2 columns and the next one's by 5."""
    kept = [(indent, label) for indent, label in zip(indents, draft, strict=True)
            if label != "O"]
    starting = Counter(indent for indent, label in kept if label == "B")
    start_indent, at_start = starting.most_common(1)[0] if starting else (-1, 0)
    apart = [label for indent, label in kept if indent != start_indent]
    # the weaker of the two shares (a bucket of the lesser share is the lesser bucket)
    shares = (_share(at_start, sum(starting.values())), _share(apart.count("I"), len(apart)))
    habit = "na" if "na" in shares else min(shares)
    for i, indent in enumerate(indents):
        out[i].extend(_OWN((f"hang={habit}|{'b' if indent == start_indent else 'o'}",)))


_NOTHING = (0, False, False)


def _holds(facts: tuple[str, ...]) -> tuple[int, bool, bool]:
    """How many years (up to 2), and whether a locator and an identifier, a line prints."""
    years = 2 if "year=2" in facts else 1 if "year=1" in facts else 0
    return years, "loc" in facts, "id" in facts


def _joined(a: tuple[int, bool, bool], b: tuple[int, bool, bool]) -> tuple[int, bool, bool]:
    return min(2, a[0] + b[0]), a[1] or b[1], a[2] or b[2]


def _sketch(held: tuple[int, bool, bool]) -> str:
    """"1l-": one year, a locator, no identifier."""
    return f"{held[0]}{'l' if held[1] else '-'}{'i' if held[2] else '-'}"


def _open_record(view: LineView, items: list[int], out: list[Item], draft: list[str],
                 keys: list[tuple[str, str, str]]) -> None:
    """Entries as the draft cut them, read whole. Before each line: what the entry open
    above it printed so far (years, a locator, an identifier: an entry seldom ends before
    its year, and one that printed two years and two locators holds two works), and what
    the lines from this one to the draft's next start print, the entry this line would
    open; and how the last line that is not furniture ended joined with how this one
    starts (page furniture between two lines of one record hides the pair from the plain
    neighbour facts); and whether the entry open above still holds a quote or a bracket
    it opened and has not closed."""
    count = len(draft)
    own = [_holds(view.facts[items[i]]) for i in range(count)]
    ahead: list[tuple[int, bool, bool]] = [_NOTHING] * count
    held = _NOTHING
    for i in range(count - 1, -1, -1):
        if i + 1 == count or draft[i + 1] == "B":
            held = _NOTHING
        if draft[i] != "O":
            held = _joined(own[i], held)
        ahead[i] = held
    habit = _year_habit(ahead, draft)
    opened = _NOTHING
    unclosed = (0, 0, 0)
    previous: int | None = None
    for i, label in enumerate(draft):
        if previous is not None:
            above, here = _sketch(opened), _sketch(ahead[i])
            out[i].extend(_OWN((f"pc|s={keys[previous][0]}|{keys[i][1]}", f"open={above}",
                                f"ahead={here}", f"open|ahead={above}|{here}",
                                f"open|{habit}|{above[0]}", f"ahead|{habit}|{here[0]}")))
            quoted, bracketed = unclosed[0] > 0 or unclosed[1] > 0, unclosed[2] > 0
            if quoted or bracketed:
                out[i].extend(_OWN((_UNCLOSED[(quoted, bracketed)],)))
        if label == "O":
            continue
        if label == "B":
            opened, unclosed = _NOTHING, (0, 0, 0)
        opened = _joined(opened, own[i])
        unclosed = _balance(view.texts[items[i]], unclosed)
        previous = i


# what the record open above a line has opened and not closed: a quoted title, a bracket
_UNCLOSED = {(True, False): "unc=q", (False, True): "unc=p", (True, True): "unc=qp"}


def _balance(text: str, held: tuple[int, int, int]) -> tuple[int, int, int]:
    """``held`` after ``text``: curly quotes opened and not closed, whether a straight quote
    is open, brackets opened and not closed. A record whose quoted title is still open at
    a line's end most often goes on, however the next line opens ("... “How to Sustain the
    Chinese Economic Miracle? The Risk of" then "Unraveling the Global Rebalancing.” ...")."""
    curly = held[0] + text.count("“") - text.count("”")
    straight = (held[1] + text.count('"')) % 2
    brackets = held[2] + text.count("(") + text.count("[") - text.count(")") - text.count("]")
    return max(0, curly), straight, max(0, brackets)


def _year_habit(ahead: list[tuple[int, bool, bool]], draft: list[str]) -> str:
    """How many of the draft's records print a year (``_YEARS_HELD``), read from what each
    record holds at its first line (``ahead``): in a list whose every entry prints its
    year, a record that would end before its year is no record ("Bars, I., Terning, J.:
    Extra Dimensions in Space and Time, p. 27." had been cut before "Springer, Berlin
    (2009)"); in an IEEE list of web pages, it is one. The open record's facts are read
    with this habit."""
    first = next((i for i, label in enumerate(draft) if label != "O"), None)
    dated = [ahead[i][0] > 0 for i, label in enumerate(draft) if label == "B" or i == first]
    return "na" if len(dated) < _MIN_SUPPORT else _YEARS_HELD(sum(dated) / len(dated))


_YEARS_HELD = Buckets("yh", (0.5, 0.8, 0.95))
_DISTANCE_EDGES = (2, 4, 11, 40)


def _distances(marks: list[bool]) -> tuple[list[int | None], list[int | None]]:
    """For each item, how far the nearest marked item above and below is (None: none)."""
    count = len(marks)
    above: list[int | None] = [None] * count
    below: list[int | None] = [None] * count
    last: int | None = None
    for i in range(count):
        above[i] = None if last is None else i - last
        if marks[i]:
            last = i
    last = None
    for i in range(count - 1, -1, -1):
        below[i] = None if last is None else last - i
        if marks[i]:
            last = i
    return above, below


def _far(distance: int | None) -> str:
    return "none" if distance is None else str(bucket(distance, _DISTANCE_EDGES))


def surroundings(view: LineView, rows: list[Item], draft: list[str]) -> list[Item]:
    """``rows`` (extended in place) with what a first reading of the whole document
    (``draft``: a finder label per line) says around each line: its own draft label, how
    many of the three lines on each side are references, how far the nearest reference line
    and the nearest heading are, and whether that heading is a reference heading. A line
    that reads like text between two pages of a list is part of the list; a line that reads
    like a reference in a table far from any list is not."""
    refs = [label == "ref" for label in draft]
    titles = [label == "title" for label in draft]
    ref_above, ref_below = _distances(refs)
    title_above, _ = _distances(titles)
    heading_of: list[bool] = []
    last_heading = False
    for i, label in enumerate(draft):
        heading_of.append(last_heading)
        if label == "title":
            last_heading = "head=ref" in view.facts[i]
    for i, row in enumerate(rows):
        before = sum(refs[max(0, i - 3) : i])
        after = sum(refs[i + 1 : i + 4])
        extra = [f"d={draft[i]}", f"around={before}/{after}", f"refup={_far(ref_above[i])}",
                 f"refdown={_far(ref_below[i])}", f"titleup={_far(title_above[i])}",
                 f"d|around={draft[i]}|{min(before, after)}"]
        if heading_of[i]:
            extra.append(f"underref={_far(title_above[i])}")
        row.extend(_OWN(extra))
    return rows
