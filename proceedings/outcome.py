"""What the build says: the error that stops it when a paper is not admitted, the summary
of the volume it made, and both as JSON (``build --json``)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from workshop.core import wording
from workshop.core.manifest import MANIFEST, OPENING_VIEW, PAPERS, VOLUME_BIB, VolumeResult
from workshop.core.problems import WorkshopError, shown_path
from workshop.engine.records import CheckRecord, Verdict


def refused(records: Sequence[CheckRecord], papers_file: Path | str = "papers.yaml") -> WorkshopError | None:
    """The error that stops the build when a paper is not admitted by the check, else None.

    ``records`` are :class:`~workshop.engine.records.CheckRecord` of the accepted papers: a
    paper goes into the volume when it passes or a chair's decision in the data admits it."""
    bad = [r for r in records if not r.admitted]
    if not bad:
        return None
    lines = []
    for record in bad:
        why = list(record.reasons[1:]) or list(record.reasons[:1]) or ["no verdict"]
        lines.append(f"  {record.paper_id or record.file} ({record.verdict}): {'; '.join(why)}")
    count = f"{len(bad)} paper{'s' if len(bad) > 1 else ''}"
    them = "them" if len(bad) > 1 else "it"
    # A decision admits a paper the check judged; a file it cannot read must be replaced.
    if all(r.verdict == Verdict.ERROR for r in bad):
        advice = "Fix the PDF (or its path): no chair's decision admits a file that cannot be read."
    else:
        advice = (
            "Fix the PDF, or record the chair's decision (decision: references_start_page, or exception: "
            "{pages, reason, approved_by}) for the paper in papers.yaml"
            + (
                "; a file that cannot be read must be fixed."
                if any(r.verdict == Verdict.ERROR for r in bad)
                else "."
            )
        )
    return WorkshopError(
        f"the volume is not built: {count} did not pass the page-limit check and no chair's decision "
        f"admits {them}:\n" + "\n".join(lines) + "\n" + advice,
        file=shown_path(papers_file),
    )


def summary(result: VolumeResult) -> str:
    """What was built, and what was left out of which paper (a paper's opening view, left
    out of nearly every one, in one line for all)."""
    papers = result.papers
    lines = [
        (
            f"volume: {result.volume} ({result.pages} pages: front matter i-{wording.roman(result.front_matter_pages)}, "
            f"{len(papers)} paper{'s' if len(papers) != 1 else ''} on pages 1-{papers[-1].last}, "
            f"author index from page {result.index_first})"
        ),
        f"each paper's stamped PDF and BibTeX: {result.folder / PAPERS}/; all BibTeX: {result.folder / VOLUME_BIB}",
    ]
    views = 0  # harmless, and in nearly every paper: said once, not a line per paper
    for paper in papers:
        views += OPENING_VIEW in paper.removed
        removed = [
            f"{what} ({count})" if count > 1 else what
            for what, count in paper.removed.items()
            if what != OPENING_VIEW
        ]
        if removed:
            lines.append(f"{paper.id}: not carried into the volume: {', '.join(removed)}")
        lines.extend(f"{paper.id}: {warning}" for warning in paper.warnings)
    if views:
        lines.append(
            f"opening view of {views} paper{'s' if views != 1 else ''} (where a viewer opens the file: "
            "most PDF writers set one) not carried in: the volume and each stamped paper open at "
            "their first page"
        )
    lines.append(f"manifest: {result.folder / MANIFEST}")
    return "\n".join(lines)


def build_json(records: Sequence[CheckRecord], result: VolumeResult | None) -> dict[str, Any]:
    """``build --json``: the check's report (as ``check --json`` prints it) and the volume
    (as ``volume.json`` records it, with the folder it is in), ``null`` when none was built."""
    from proceedings.check.report import report_json

    volume = None if result is None else {"folder": str(result.folder), **result.to_json()}
    return report_json(records) | {"volume": volume}
