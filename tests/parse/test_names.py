from __future__ import annotations

from auditor.parse import names


def test_vancouver_names_with_suffix_particles_and_et_al() -> None:
    parsed, et_al = names.parse_vancouver("Zarate CA Jr, van Asselt ADI, Smith-Apeldoorn SY, et al")
    assert parsed == [
        {"family": "Zarate", "given": "CA", "suffix": "Jr"},
        {"family": "van Asselt", "given": "ADI"},
        {"family": "Smith-Apeldoorn", "given": "SY"},
    ]
    assert et_al


def test_mla_first_inverted_then_given_first() -> None:
    parsed, _ = names.parse_mla("Gerhard, Danielle M., Eric S. Wohleb, and Ronald S. Duman")
    assert [n["family"] for n in parsed] == ["Gerhard", "Wohleb", "Duman"]
    assert parsed[0]["given"] == "Danielle M."


def test_apa_pairs_and_corporate_author() -> None:
    parsed, _ = names.parse_inverted_pairs("Duman, R. S., & Aghajanian, G. K.")
    assert parsed == [{"family": "Duman", "given": "R. S."}, {"family": "Aghajanian", "given": "G. K."}]
    corporate, _ = names.parse_vancouver("World Health Organization")
    assert corporate == [{"literal": "World Health Organization"}]


def test_given_first_keeps_particles_with_family() -> None:
    assert names.given_first("Ludwig van Beethoven") == {"family": "van Beethoven", "given": "Ludwig"}
    assert names.given_first("Ben Julian A. Palanca") == {"family": "Palanca", "given": "Ben Julian A."}
