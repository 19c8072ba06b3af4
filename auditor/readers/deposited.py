"""A DOI as the input: the reference list its publisher deposited with Crossref.

``refauditor audit 10.1016/j.neurobiolaging.2010.03.024`` (or ``doi:...``, or a doi.org link)
fetches ``/works/{doi}`` (offline: reads the work from the snapshot) and audits its
``reference`` list as fielded records: the deposited
fields (author, article-title, journal-title, volume, first-page, year, DOI) are read as
they are, an ``unstructured`` string is parsed like printed text. Offline or with Crossref out
of reach, the list cannot be had: that is said as such, never as "no references".
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor import identifiers
from auditor.errors import InputError, ResolverError
from auditor.models import CSL, Document
from auditor.readers.records import TEXT_ONLY, display_line

if TYPE_CHECKING:
    from auditor.resolvers.factory import ResolverConfig
    from auditor.resolvers.snapshot import Snapshot


def doi_argument(source: str) -> str | None:
    """The DOI a command-line argument names, when it names one and no file of that name
    exists ("10.1000/x", "doi:10.1000/x", "https://doi.org/10.1000/x")."""
    if source == "-" or Path(source).exists():
        return None
    text = source.strip()
    if not (text.lower().startswith(("10.", "doi:", "https://doi.org/", "http://doi.org/",
                                     "https://dx.doi.org/"))):
        return None
    return identifiers.normalize_doi(text)


def _person(name: str) -> dict[str, str]:
    parts = name.replace(",", " ").split()
    if not parts:
        return {}
    if len(parts) == 1:
        return {"family": parts[0]}
    # Deposits write "AF Arnsten" (initials first) or "Arnsten AF"; initials are short caps.
    if parts[0].isupper() and len(parts[0]) <= 3:
        return {"family": " ".join(parts[1:]), "given": parts[0]}
    if parts[-1].isupper() and len(parts[-1]) <= 3:
        return {"family": " ".join(parts[:-1]), "given": parts[-1]}
    return {"family": parts[-1], "given": " ".join(parts[:-1])}


def _record(item: dict[str, Any]) -> CSL:
    if not item.get("article-title") and not item.get("volume-title") and item.get(
            "unstructured"):
        return {TEXT_ONLY: str(item["unstructured"])}
    csl: CSL = {
        "type": "article-journal" if item.get("journal-title") else "book",
        "title": item.get("article-title") or item.get("volume-title") or "",
        "author": [p for p in [_person(str(item.get("author") or ""))] if p],
        "container-title": item.get("journal-title") or item.get("series-title") or "",
        "volume": item.get("volume"), "issue": item.get("issue"),
        "page": item.get("first-page"), "DOI": item.get("DOI"),
        "issued": {"date-parts": [[int(str(item["year"])[:4])]]}
        if str(item.get("year") or "")[:4].isdigit() else None,
    }
    return {k: v for k, v in csl.items() if v not in (None, "", [])}


def _stamp(path: str) -> tuple[int, int]:
    """The file's size and modification time: a changed file is opened again."""
    try:
        stat = Path(path).stat()
    except OSError:
        return (-1, -1)  # open_snapshot says what is wrong with it
    return stat.st_size, stat.st_mtime_ns


@lru_cache(maxsize=2)
def _store(path: str, stamp: tuple[int, int]) -> Snapshot:
    """The snapshot a run reads deposited lists from, opened once per file as it is: an
    issue asks it for every work, and a JSON Lines snapshot is loaded whole when opened."""
    del stamp  # part of the cache key only
    from auditor.resolvers.snapshot import open_snapshot

    return open_snapshot(path)


def fetch(doi: str, config: ResolverConfig) -> Document:
    """The deposited reference list of ``doi`` as a document of fielded records."""
    source = f"doi:{doi}"
    if config.offline and config.snapshot:
        work = _store(config.snapshot, _stamp(config.snapshot)).work(doi)
        if work is None:
            raise InputError(f"{source}: unverified: offline, and not in the snapshot")
    elif config.offline:
        raise InputError(f"{source}: unverified: offline (the deposited reference list is "
                         "fetched from Crossref, or read from a snapshot)")
    else:
        from auditor.resolvers.factory import ask_crossref

        try:
            work = ask_crossref(config, lambda client: client.work(doi))
        except ResolverError as exc:
            raise InputError(f"{source}: unverified: Crossref could not be reached ({exc})"
                             ) from None
        if work is None:
            raise InputError(f"{source}: not registered at Crossref")
    items = [i for i in work.get("reference") or [] if isinstance(i, dict)]
    if not items:
        raise InputError(f"{source}: Crossref holds no deposited reference list for this work")
    records = [_record(i) for i in items]
    lines = tuple(display_line(r) for r in records)
    return Document(source=source, reader="doi", lines=lines, records=tuple(records))

