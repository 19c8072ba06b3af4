"""Tokens and the features the tagger reads: what one token cannot show, its part shows."""

from __future__ import annotations

from auditor.parse import features


def test_links_and_dois_are_single_tokens() -> None:
    text = "Biol Psychiatry. 2000;47(4):351-4. doi: 10.1016/s0006-3223(99)00230-9. https://x.org/a(b)"
    tokens = features.tokenize(text)
    assert "10.1016/s0006-3223(99)00230-9." in tokens and "https://x.org/a(b)" in tokens
    assert tokens[:6] == ["Biol", "Psychiatry.", "2000", ";", "47", "("]
    assert [t for t, _, _ in features.token_spans(text)] == tokens


def test_journal_names_are_found_as_titles_and_as_run_together_abbreviations() -> None:
    tokens = features.tokenize("Soverini S. Implications of resistance. Leukemia research. "
                               "2014;38(1):10-20. Kim JP. A title. Leuk Res. 2015;1:2.")
    cover = dict(zip(tokens, features.journal_spans(tokens), strict=False))
    assert cover["Leukemia"] == cover["research."] == 2
    assert cover["Leuk"] == cover["Res."] == 2
    assert cover["JP."] == 0 and cover["Soverini"] == 0  # initials are not an abbreviation


def test_sentence_and_comma_run_shapes_reach_every_token_of_the_run() -> None:
    tokens = features.tokenize("Smith J. A study of things. Journal of Stuff. 2001;4:5-9.")
    rows = dict(zip(tokens, features.features(tokens), strict=False))
    # The journal's sentence: three tokens, all capitalised, followed by a number.
    assert b"s=3CN" in rows["Journal"] and b"s=3CN" in rows["Stuff."]
    assert b"send" in rows["Stuff."] and b"send" not in rows["Journal"]
    assert b"s=4" in rows["study"]  # a lower-case word: not capitalised
    assert b"c=1DL" in rows["5-9."] and b"c=2DN" in rows["2001"]  # runs between ; and :
    assert not any(a.startswith(b"jname") for a in rows["Stuff."])  # not a known journal
