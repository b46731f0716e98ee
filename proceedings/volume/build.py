"""The proceedings volume: front matter, the papers stamped with their volume page
numbers, bookmarks, page labels and an author index, in one PDF; each paper's stamped
pages as a PDF of its own; BibTeX; and a manifest that says what was built and what was
removed from the papers.

The build streams: each paper is opened, copied into the volume and into its own PDF
(:mod:`proceedings.volume.assemble`, :mod:`proceedings.volume.copy`), and let go, so memory
does not grow with the volume.  The front matter and index are laid out
(:mod:`proceedings.volume.typeset`) once the papers' places are known, and written after
them (page order is set by the page tree, not by where objects sit in the file).  What the
volume prints of itself (title, editors, footer, citation line, BibTeX note) is decided
once, here, as the :class:`~workshop.core.volumefacts.VolumeFacts` every part reads.

Outputs are written into a staging folder and moved into place only when all of them
are complete, the volume and its manifest last; a file whose bytes did not change is
left alone (so the site does not rebuild for nothing).  A failed or interrupted build
leaves the previous outputs as they were.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from pathlib import Path

from proceedings.volume.assemble import Assembly
from proceedings.volume.printable import Texts, volume_texts
from workshop.core import bibtex, epoch
from workshop.core.load import Complete, Loaded, WithPapers
from workshop.core.manifest import MANIFEST, PAPERS, VOLUME, VOLUME_BIB, VolumeResult, built_papers
from workshop.core.model import Paper
from workshop.core.outputs import cannot_write, publish, staging
from workshop.core.plan import Placement, paper_order
from workshop.core.problems import WorkshopError, shown_path
from workshop.core.volumefacts import VolumeFacts, volume_facts
from workshop.engine.pdf.opener import DEFAULT_MAX_BYTES


def build_volume(
    loaded: Loaded[WithPapers],
    out_dir: Path,
    *,
    progress: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
    moment: dt.datetime | None = None,
) -> VolumeResult:
    """Build the volume and everything beside it into ``out_dir`` (reading no paper's PDF
    larger than ``max_bytes``), dated ``moment`` (by default the data's
    :func:`workshop.core.epoch.build_moment`); raises :class:`WorkshopError` (and leaves
    ``out_dir`` as it was) on any problem."""
    papers = paper_order(loaded.workshop)
    if not papers:
        raise WorkshopError(
            "lists no accepted papers: there is no volume to build", file=loaded.files["papers"]
        )
    volume = loaded.narrowed(Complete)
    if volume is None:
        raise WorkshopError(
            "is needed for the volume's front matter (the committees)", file=loaded.files["people"]
        )
    facts = volume_facts(volume.workshop)
    # Before the papers are copied: a name the fonts cannot print stops the build.
    texts = volume_texts(volume, facts, papers)
    when = moment or epoch.build_moment(volume.workshop.info)
    try:
        return _build(volume, facts, texts, papers, out_dir, when, progress, max_bytes)
    except OSError as error:  # a full disk, a read-only folder: the staging folder is gone, the outputs stay
        if error.filename and not Path(os.path.abspath(error.filename)).is_relative_to(
            os.path.abspath(out_dir)
        ):
            raise WorkshopError(
                f"cannot be read: {error.strerror}", file=shown_path(error.filename)
            ) from None
        words = cannot_write(error, again="run the build again", elsewhere="--out DIR")
        raise WorkshopError(words, file=shown_path(out_dir)) from None


def _build(
    loaded: Loaded[Complete],
    facts: VolumeFacts,
    texts: Texts,
    papers: list[Paper],
    out_dir: Path,
    moment: dt.datetime,
    progress: bool,
    max_bytes: int,
) -> VolumeResult:
    with staging(out_dir) as folder:
        volume = Assembly(loaded, facts, texts, folder, moment, max_bytes)
        try:
            volume.add_papers(papers, progress)
            result = volume.finish()
        finally:
            volume.close()
        _write_bibtex(facts, result, [p.placement for p in volume.placed])
        result.write_manifest()
        # The volume and its manifest last; the files of papers no longer in it go.
        previous = [
            f for p in built_papers(out_dir) or [] for f in (p.pdf, p.bib) if f.startswith(f"{PAPERS}/")
        ]
        publish(folder, out_dir, move=True, last=[VOLUME, MANIFEST], gone=previous)
    return dataclasses.replace(result, folder=out_dir)


def _write_bibtex(facts: VolumeFacts, result: VolumeResult, placements: list[Placement]) -> None:
    entries = []
    for placement, paper in zip(placements, result.papers, strict=True):
        entry = bibtex.paper_entry(facts, placement.paper, placement)
        (result.folder / paper.bib).write_text(entry, encoding="utf-8")
        entries.append(entry)
    (result.folder / VOLUME_BIB).write_text(
        "\n".join([bibtex.volume_entry(facts), *entries]), encoding="utf-8"
    )
