"""An import that accepts nothing: what the export said of its submissions, counted, and how
to name the accepted ones.

An export taken before the decisions (EasyChair's "no decision", HotCRP's ``submitted``,
OpenReview's ``.../Submission``), or one whose accepted papers carry a decision or venue id
the reader does not take for acceptance, would otherwise merge nothing and call every paper
of ``papers.yaml`` withdrawn.  Instead the import stops (exit status 1), writes nothing, and
says what it saw.
"""

from __future__ import annotations

from collections import Counter

from proceedings.imports.common import SYSTEMS, Export
from workshop.core.problems import WorkshopError, shown_path

#: The most different values a message lists (the rest are counted together).
SHOWN = 8

#: What each system's submissions are told apart by, and how a chair names the accepted ones.
_NAMED = {
    "easychair": (
        "decisions",
        (
            "if one of these decisions means accepted, name it with --accept WORD (--accept 'Accept as "
            "poster' 'Oral', say); if the decisions are not made yet, download the data again once they are"
        ),
    ),
    "hotcrp": (
        "statuses",
        (
            "papers 'submitted' with no decision are not decided yet: set the decisions in HotCRP and "
            "download the JSON again; where a decision of these means accepted, name it with --accept WORD"
        ),
    ),
    "openreview": (
        "venue ids",
        (
            "name the venue id of the accepted papers with --venueid ID (the venue's own id, such as "
            "MLBench/2023/Workshop); notes whose venue id ends in /Submission are still under review: "
            "export again after the decisions"
        ),
    ),
}


def counted(export: Export) -> str:
    """``decision 'Reject' (21), no decision (480)``: most frequent first."""
    counts = Counter(s.seen or "nothing said" for s in export.submissions)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    shown = [f"{seen} ({count})" for seen, count in ranked[:SHOWN]]
    rest = ranked[SHOWN:]
    if rest:
        shown.append(f"{len(rest)} other(s) ({sum(count for _, count in rest)})")
    return ", ".join(shown)


def nothing_accepted(export: Export) -> WorkshopError | None:
    """The error that stops an import of ``export`` when it accepts no submission, else None."""
    if export.accepted:
        return None
    system = SYSTEMS[export.system]
    if not export.submissions:
        return WorkshopError(
            f"holds no submissions: this {system} export is empty; export the submissions again",
            file=shown_path(export.files[0]),
        )
    what, how = _NAMED[export.system]
    return WorkshopError(
        f"none of its {len(export.submissions)} submission(s) is accepted, so nothing was imported; "
        f"the {what} it holds: {counted(export)}. {how[0].upper()}{how[1:]}",
        file=shown_path(export.files[0]),
    )
