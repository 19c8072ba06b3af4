"""A journal issue as the input: its works' deposited reference lists, audited as a batch.

``refauditor issue --issn 0006-3223 --volume 47 --issue 4`` lists the journal's works from
Crossref (``/journals/{issn}/works``, filtered by publication dates and DOI prefix where given,
then by volume and issue, which Crossref cannot filter on) or, offline, from the snapshot;
each work then becomes a DOI argument, whose deposited list is audited like any document.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from stdnum import issn as stdnum_issn

from auditor.errors import InputError, ResolverError

if TYPE_CHECKING:
    from auditor.resolvers.factory import ResolverConfig

MAX_WORKS = 5_000  # more than any issue; a query that would list a whole journal is cut


@dataclass(frozen=True)
class IssueQuery:
    """Which works: a journal by ISSN, and optionally its volume, issue, DOI prefix and a
    range of publication dates (YYYY, YYYY-MM or YYYY-MM-DD)."""

    issn: str
    volume: str | None = None
    issue: str | None = None
    prefix: str | None = None
    from_date: str | None = None
    until_date: str | None = None

    def __str__(self) -> str:
        parts = [f"ISSN {self.issn}"]
        parts += [f"{name} {value}" for name, value in (
            ("volume", self.volume), ("issue", self.issue), ("prefix", self.prefix),
            ("from", self.from_date), ("until", self.until_date)) if value]
        return ", ".join(parts)


def valid_issn(value: str) -> str:
    """The ISSN in its printed form, or an input error naming what is wrong with it."""
    try:
        return str(stdnum_issn.format(stdnum_issn.validate(value)))
    except Exception:  # stdnum raises one of several ValidationError kinds
        raise InputError(f"--issn {value}: not a valid ISSN (NNNN-NNNC)") from None


def issue_dois(query: IssueQuery, config: ResolverConfig) -> list[str]:
    """The issue's works as DOI arguments (``doi:10...``), in page order."""
    from auditor.resolvers.snapshot import in_issue, open_snapshot

    if config.offline:
        if not config.snapshot:
            raise InputError(f"{query}: offline, the works of an issue come from a snapshot "
                             "(--snapshot PATH)")
        works = open_snapshot(config.snapshot).issue_works(
            query.issn, query.volume, query.issue, query.prefix)
        where = f"the snapshot {config.snapshot}"
    else:
        from auditor.resolvers.factory import ask_crossref

        try:
            listed = ask_crossref(config, lambda client: client.journal_works(
                query.issn, {"from-pub-date": query.from_date or "",
                             "until-pub-date": query.until_date or "",
                             "prefix": query.prefix or ""}, MAX_WORKS))
        except ResolverError as exc:
            raise InputError(f"{query}: unverified: Crossref could not be reached ({exc})"
                             ) from None
        works = [w for w in listed if in_issue(w, query.issn, query.volume, query.issue)]
        where = "Crossref"
    if not works:
        raise InputError(f"{query}: no works found in {where}")
    return [f"doi:{w['DOI']}" for w in works[:MAX_WORKS] if w.get("DOI")]

