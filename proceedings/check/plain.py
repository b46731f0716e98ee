"""A record in plain words for its authors: what the verdict means, and each thing to fix
with what to do, the most pressing first.  The authors' pages (:mod:`.html`) and letters
(:mod:`.letters`) both say it this way, and are written into their folder alike."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from workshop.core.outputs import cannot_write, replace_all
from workshop.core.problems import WorkshopError, shown_path
from workshop.core.rules import POLICED
from workshop.engine.records import CheckRecord, Verdict

#: What each finding is called for an author.
TITLES = {
    "metadata": "Title and authors on page 1",
    "camera-ready": "Review-mode leftovers",
    "page-size": "Page size",
    "mixed-sizes": "Pages of different sizes",
    "margin": "Outside the margins",
    "fonts-not-embedded": "Fonts not embedded",
    "type3-bitmap": "Bitmap fonts",
    "main-font": "Not the template's font",
    "footer-band": "Page numbers or footers",
    "encrypted": "Encrypted file",
}

VERDICTS = {
    Verdict.PASS: "meets the workshop's rules",
    Verdict.FAIL: "must be fixed before it can go into the proceedings",
    Verdict.REVIEW: "needs a chair to look at it: please check what follows",
    Verdict.ERROR: "could not be read",
}


@dataclasses.dataclass(frozen=True)
class Item:
    """One thing to fix: a heading, what is wrong, what to do, and whether it holds the
    paper back (``must``) or is advised."""

    title: str
    message: str
    todo: str
    must: bool
    pages: tuple[int, ...] = ()
    code: str = ""


def verdict_words(record: CheckRecord) -> str:
    if record.admitted_by_decision:
        return "is admitted by the chairs' decision"
    return VERDICTS[record.verdict]


def items_of(record: CheckRecord) -> list[Item]:
    """What the authors should fix, what holds the paper back first."""
    items: list[Item] = []
    said = {f.message for f in record.findings}
    # The reasons (after the summary line) that are not a finding's: length, the references, an unreadable file.
    reasons = record.reasons[1:] if record.verdict != Verdict.ERROR else record.reasons
    for reason in reasons:
        if not any(message in reason for message in said):
            items.append(Item(_title(reason), reason, _todo(reason), True))
    accepted = {a.finding for a in record.decision.accept} if record.decision else set()
    for finding in record.findings:
        holds = (
            finding.code in POLICED
            and finding.code not in accepted
            and any(finding.message in r for r in record.reasons)
        ) or any(f"format (strict): {finding.message}" == r for r in record.reasons)
        if finding.code in accepted:
            continue
        items.append(
            Item(
                TITLES.get(finding.code, finding.code),
                finding.message,
                finding.advice,
                holds,
                finding.pages,
                finding.code,
            )
        )
    return sorted(items, key=lambda i: not i.must)


def _title(reason: str) -> str:
    if "too long" in reason or "too short" in reason:
        return "Length"
    return "References" if "references" in reason else "The file"


def _todo(reason: str) -> str:
    if "too long" in reason:
        return "shorten the paper to the track's limit (references and appendices after them do not count)"
    if "too short" in reason:
        return "the paper is shorter than the track's minimum: check it is the right file"
    if "references" in reason:
        return "make the references' heading stand out (a heading 'References' in bold), or tell the chair"
    return "export the PDF again from its source and send the new file"


def write_folder(out: Path, files: dict[str, str], option: str) -> None:
    """Each of ``files`` (name: text) into ``out``, all or none: a disk that fills up or
    refuses a file leaves the pages or letters of the last run as they were, and is said in
    one line naming the folder and ``option`` (``--html DIR``) to write elsewhere."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        replace_all([(out / name, text.encode("utf-8")) for name, text in files.items()])
    except OSError as error:
        said = cannot_write(error, again="run the check again", elsewhere=option)
        if option not in said:  # an error the disk's words do not cover: still say where else
            said += f": write them elsewhere with {option}"
        raise WorkshopError(said, file=shown_path(out)) from None
