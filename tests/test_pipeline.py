from __future__ import annotations

from auditor.pipeline import AuditOptions, named_journal, run_audit
from auditor.resolvers.factory import ResolverConfig
from tests.conftest import FIXTURES


def test_progress_is_reported_per_reference() -> None:
    seen: list[tuple[int, int]] = []
    run_audit([str(FIXTURES / "checks" / "clean-vancouver.txt")], AuditOptions(offline=True),
              ResolverConfig(offline=True), progress=lambda d, t: seen.append((d, t)))
    assert seen == [(i, 7) for i in range(1, 8)]


def test_named_journal_from_link_text_or_sentence() -> None:
    assert named_journal("Journal of Psychopharmacology", "") == "Journal of Psychopharmacology"
    assert named_journal("this study", "A study published in Frontiers in Pharmacology found "
                         "that it works.") == "Frontiers in Pharmacology"
    assert named_journal("a trial", "Researchers found it helps.") is None


def test_a_long_citing_sentence_is_kept_once() -> None:
    from auditor.models import InTextCitation, Reference
    from auditor.pipeline import MAX_SENTENCE, _with_context, parse_references

    (ref,) = parse_references([Reference(1, "Smith J. A paper. J Test. 2020;1:1-9.", None, 5, 5)], 1)
    long = "Ketamine " * 200
    cites = tuple(InTextCitation("numbered", "[1]", n, long, targets=(ref.id,)) for n in (1, 2))
    (out,) = _with_context((ref,), cites)
    assert out.context == (long[:MAX_SENTENCE],)
