"""The proceedings volume the site offers: the folder ``workshop_proceedings`` names, as
``python -m proceedings build`` wrote it, read through its manifest
(:mod:`workshop.core.manifest`), the one source of where each paper sits in the volume.

The manifest records the digest of every camera-ready PDF it was made from, so a volume
built from other papers or PDFs is refused (with the reason, for a warning).  Without a
volume there are no page numbers: the site links the camera-ready PDFs.  No PDF is opened
here: the site needs no PDF library.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

from workshop.core import paths
from workshop.core.load import Loaded
from workshop.core.manifest import MANIFEST, VOLUME, VOLUME_BIB, PaperResult, built_papers, digest
from workshop.core.model import Paper, Workshop
from workshop.core.plan import Placement, paper_order


@dataclasses.dataclass(frozen=True)
class SiteVolume:
    """What the site knows of the volume: its folder and papers (``None`` when there is no
    usable volume), the files it depends on, and why it was refused (``None`` when it was
    not)."""

    folder: Path | None
    papers: dict[str, PaperResult]
    depends: tuple[Path, ...] = ()
    problem: str | None = None

    def placement(self, paper: Paper) -> Placement | None:
        built = self.papers.get(paper.id)
        return Placement(paper, built.first, built.last - built.first + 1) if built else None


NONE = SiteVolume(None, {})


def resolve_setting(app: Sphinx, config: Config) -> None:
    """(``config-inited``) ``workshop_proceedings`` made absolute, against the folder of
    ``conf.py`` (where the reader of the setting has no application to ask)."""
    if config.workshop_proceedings:
        config.workshop_proceedings = str((Path(app.confdir) / config.workshop_proceedings).resolve())


def site_volume(config: Config, loaded: Loaded[Workshop]) -> SiteVolume:
    """The volume ``workshop_proceedings`` names, checked against the papers as they are
    (every camera-ready PDF hashed: :class:`workshop.site.data.BuildData` asks once per build)."""
    setting = config.workshop_proceedings
    papers = paper_order(loaded.workshop)
    if not setting or not papers:  # no papers (yet): no volume
        return NONE
    return _check(Path(setting), papers, [loaded.locate(paper.pdf) for paper in papers])


def _check(folder: Path, papers: list[Paper], pdfs: list[paths.Located]) -> SiteVolume:
    readable = tuple(p.path for p in pdfs if p.code not in ("path-escape", "not-a-file"))
    depends = (folder / MANIFEST, *readable)
    built = built_papers(folder)
    if built is None:
        return SiteVolume(
            None,
            {},
            depends,
            f"workshop_proceedings: {folder} holds no proceedings volume: run "
            "`python -m proceedings build` first (nox -s docs does)",
        )
    for name in (VOLUME, VOLUME_BIB, *(n for p in built for n in (p.pdf, p.bib))):
        if not paths.locate(folder, name, folder).ok:  # missing, or a link out of the folder
            return SiteVolume(
                None,
                {},
                depends,
                f"workshop_proceedings: the volume in {folder} has no file {name!r} inside it: "
                "run `python -m proceedings build` again",
            )
    # A PDF the loader refused (outside the repository, no file) is never read.
    if [p.id for p in built] != [p.id for p in papers] or any(
        not (pdf.ok and digest(pdf.path) == result.sha256) for pdf, result in zip(pdfs, built, strict=True)
    ):
        return SiteVolume(
            None,
            {},
            depends,
            f"workshop_proceedings: the volume in {folder} was built from other papers or PDFs: "
            "run `python -m proceedings build` again",
        )
    return SiteVolume(folder, {p.id: p for p in built}, depends)
