"""What a volume build leaves in its folder, and ``volume.json``, the manifest that says so.

The outputs' names, the results the volume build returns (:class:`VolumeResult`,
written as the manifest), and the one reader of the manifest, :func:`built_papers`: the
site asks it where each paper sits in the volume it offers (and where its stamped PDF
and BibTeX are), the next build which per-paper files the last one wrote.  Each paper
records the SHA-256 of the camera-ready PDF it was made from (:func:`digest`), so that
the site can tell a volume built from other PDFs without opening one.  Plain data and
the standard library only.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path

from workshop.core.outputs import read_output

VOLUME = "volume.pdf"
MANIFEST = "volume.json"
#: The largest manifest read back: a line or two of JSON per paper.
MAX_MANIFEST = 64 * 2**20
VOLUME_BIB = "volume.bib"
FRONTMATTER = "frontmatter.pdf"  # the volume's front matter on its own, as archives ask for it
PAPERS = "papers"  # each paper's stamped PDF and BibTeX: papers/<id>.pdf, papers/<id>.bib
#: How :attr:`PaperResult.removed` names an open action that only says where a viewer opens
#: the paper (a destination, or a go-to one with nothing chained): fpdf2 and LaTeX's
#: hyperref write one into nearly every PDF.  Harmless, yet not carried in (the volume opens
#: at its own first page); any other open action (JavaScript, launch, web link...) is
#: "open action".
OPENING_VIEW = "opening view"


@dataclasses.dataclass(frozen=True)
class PaperResult:
    id: str
    title: str
    first: int  # printed page numbers in the volume
    last: int
    pdf: str  # the stamped PDF, relative to the output folder
    bib: str
    source: str  # the camera-ready PDF it was made from
    sha256: str  # ... and its digest (:func:`digest`)
    removed: dict[str, int]  # what was not carried in, and how often
    warnings: tuple[str, ...]

    def to_json(self) -> dict:
        return dataclasses.asdict(self) | {"warnings": list(self.warnings)}


@dataclasses.dataclass(frozen=True)
class VolumeResult:
    folder: Path
    pages: int  # physical pages of the volume
    front_matter_pages: int
    index_first: int  # printed number of the author index's first page
    papers: tuple[PaperResult, ...]

    @property
    def volume(self) -> Path:
        return self.folder / VOLUME

    def to_json(self) -> dict:
        return {
            "volume": VOLUME,
            "bibtex": VOLUME_BIB,
            "frontmatter": FRONTMATTER,
            "pages": self.pages,
            "front_matter_pages": self.front_matter_pages,
            "author_index_page": self.index_first,
            "papers": [p.to_json() for p in self.papers],
        }

    def write_manifest(self) -> None:
        text = json.dumps(self.to_json(), indent=2, ensure_ascii=False) + "\n"
        (self.folder / MANIFEST).write_text(text, encoding="utf-8")


def digest(path: Path) -> str:
    """The SHA-256 of a file, in hexadecimal (read in blocks: a PDF may be large)."""
    hasher = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            hasher.update(block)
    return hasher.hexdigest()


def built_papers(folder: Path) -> list[PaperResult] | None:
    """The papers of the volume in ``folder``, as its manifest lists them; ``None`` when
    there is no manifest, or not one this build writes."""
    try:
        built = json.loads(read_output(folder / MANIFEST, MAX_MANIFEST).decode("utf-8"))
        return [PaperResult(**(paper | {"warnings": tuple(paper["warnings"])})) for paper in built["papers"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
