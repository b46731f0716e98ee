"""One paper's own stamped PDF made on its own, as the volume build makes it beside the
volume (:meth:`proceedings.volume.assemble.Assembly.add_paper`), with lines of a package's
below the citation line on its first page: CEUR-WS's copyright footnote
(:class:`workshop.core.packages.StampedPaper`).  The camera-ready is copied again (cleaned
as in the volume), not the volume's stamped copy stamped twice."""

from __future__ import annotations

from pathlib import Path

from proceedings.volume.copy import PaperCopy
from proceedings.volume.files import StampedFile, close_paper_file
from proceedings.volume.stamps import StampFont
from workshop.core import citation, epoch
from workshop.core.load import Loaded, WithPapers
from workshop.core.plan import Placement
from workshop.core.problems import WorkshopError
from workshop.core.volumefacts import VolumeFacts
from workshop.core.xmp import paper_metadata
from workshop.engine.pdf.opener import DEFAULT_MAX_BYTES, open_paper


def write_paper(
    loaded: Loaded[WithPapers],
    facts: VolumeFacts,
    placement: Placement,
    path: Path,
    footnote: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> None:
    """Write ``placement``'s paper to ``path``: its pages stamped with the volume's numbers
    and footer, its first page with its citation line and ``footnote``, its Info and XMP
    dated as the volume is (:func:`workshop.core.epoch.build_moment`)."""
    paper = placement.paper
    source = loaded.pdf_path(paper.pdf)
    reader, _ = open_paper(source, max_bytes)
    if len(reader.pages) != placement.pages:
        raise WorkshopError(
            f"has {len(reader.pages)} pages, not the {placement.pages} of the built volume: build it again",
            file=source,
        )
    parts = "\n".join(citation.stamp_parts(facts, placement))
    font = StampFont(facts.footer + parts + footnote)
    own = StampedFile(path, font.objects())
    target = own.target(own.pages)
    labels: list[str | None] = [str(placement.first + i) for i in range(placement.pages)]
    copy = PaperCopy(reader, source, paper.id, font, facts.footer, (parts, footnote))
    try:
        copy.copy([target], labels)
    except BaseException:
        own.handle.close()
        raise
    moment = epoch.build_moment(facts.info)
    close_paper_file(own, target, copy, paper_metadata(facts, placement), moment)
