"""The decisions taken around the line models, in one table."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Policy:
    """The decisions around the models, in one place.

    A zone without a reference heading above it counts as a list only with at least
    ``unheaded_records`` records, unless it is the whole document (one pasted reference): a
    single citation line in a page's header (a journal's "2025 Oct;352:116697. doi: ..."
    banner) is not a reference list; that one reference prints ``pasted_words`` words. A
    list is numbered when at least ``numbered_share`` of its records open with a label of one
    kind; a zone is a list of people when ``people_share`` of its records carry an ORCID iD.
    The finder is unsure of an edge when its probability for the edge's lines is below
    ``sure_edge``; the segmenter's start of an unlabelled line counts under a number from
    ``sure_start``.
    """

    unheaded_records: int = 2
    # A document that is one pasted reference prints at least this many words in it: a
    # single token (a 5 MB run of one letter) is no reference.
    pasted_words: int = 3
    numbered_share: float = 0.5
    # A label counts in a numbered list when it is at most this far from the last one
    # (a gap or a swap of a few is the list's own fault and a finding; "133." after "12."
    # is a locator).
    label_jump: int = 5
    # In a numbered list whose entries follow each other line by line (this share of them
    # at least), an unlabelled paragraph set off by a blank line belongs to no entry.
    adjacent_share: float = 0.8
    # A zone in which at least this share of the records carry an ORCID iD lists people (a
    # journal page's authors), not works.
    people_share: float = 0.5
    sure_edge: float = 0.9
    # In a numbered list, a line without a label that the segmenter starts a record at
    # with at least this probability starts a work printed under the number above. A wrong
    # cut breaks a correct entry, so only near-certain starts count: on the validation
    # documents no wrongly started line reached 0.9, but in two real sections of the held-out
    # side wrapped lines ("Publishing)", "Terzic T., 2017, ...") reached 0.88 and 0.98.
    sure_start: float = 0.99
    # In an ordered list whose page shows each item's number, an item whose text opens with
    # another number ("<li>17. Economics and finance ...</li>", the seventh) is labelled by
    # the page's number when at most this share of the list's items do so; where more do,
    # the numbers the items print are their labels (a page of a longer list).
    own_numbers: float = 0.2
    # A zone is set with hanging indents when at least ``hanging_starts`` of the records the
    # segmenter starts (``hanging_lines`` of them at least) open at one indent and at least
    # ``hanging_continued`` of the lines it continues them with are set in further: there an
    # unlabelled line set in as they are continues its record, however much it opens like an
    # author ("Drug Design, Development and Therapy [online]. ..."). Chosen on whole
    # documents: the split benchmark at 50 a layout (one list more split exactly, none fewer)
    # and the in-text benchmark's copied text and PDFs (4 documents with a false alarm
    # fewer of 5,200, none more).
    hanging_starts: float = 0.7
    hanging_continued: float = 0.9
    hanging_lines: int = 5
    # Where the lines a zone continues its records with are set in but for at most this
    # many at the starting indent for each set in (``hanging_lines`` set in at least),
    # those few start records: in a list so set, a flush line that the model joined to the
    # entry above opens an entry that prints no name ("Eleventh International Congress
    # ..."). Chosen on whole documents: the split benchmark at 50 a layout, held-out seeds
    # 2, 3 and 4 (one list more split exactly in each, none fewer; 0.1 the same there, but
    # not for a list of 8 entries with one such line), the in-text benchmark's copied text
    # and PDFs unchanged.
    hanging_stray: float = 0.2
    # A document of more lines than this (the longest dissertation in the data has 18,815)
    # is read in windows of ``window_lines``: the models' cost and memory per window stay
    # flat, and with a limit of entries reading stops once the windows gave that many.
    whole_lines: int = 20_000
    window_lines: int = 8_000


POLICY = Policy()
