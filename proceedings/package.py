"""``python -m proceedings package TARGET...``: the packages archives take, from the data and
the built volume (:mod:`workshop.core.packages` renders them; this writes them).

The pages and the stamped PDFs come from the volume ``build`` wrote (its ``volume.json``):
a deposit describes the volume the chair built, checked and published, so a volume that is
missing, or was built from other papers or other PDFs, stops the command with one line that
says to build it (``python -m proceedings build``) rather than being rebuilt behind the
chair's back (a build checks every paper and can take minutes, and may stop for a paper).

Each target is written on its own and all or nothing (:mod:`workshop.core.outputs`: staged,
then moved in; files of an earlier package that this one no longer holds are removed): one
that the data cannot make says so in one line (the target, the file, the field) and writes
nothing, while the others are still written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import fnmatch
import os
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from workshop.core import epoch, paths
from workshop.core.load import Loaded, WithInfo, WithPapers
from workshop.core.manifest import FRONTMATTER, MANIFEST, VOLUME, built_papers, digest
from workshop.core.outputs import cannot_write, publish, staging

if TYPE_CHECKING:
    from workshop.core.packages.common import Package, StampedPaper, Volume
from workshop.core.plan import paper_order
from workshop.core.problems import WorkshopError, shown_path, terminal
from workshop.core.volumefacts import volume_facts

#: Where packages go, relative to the repository: one folder per target.
PACKAGES_DIR = Path("_build/packages")
#: Where ``build`` writes the volume by default (:data:`proceedings.cli.VOLUME_DIR`), relative to the
#: repository: the packages read it there.
VOLUME_DIR = Path("_build/proceedings")
#: What each target writes, by pattern: an earlier package's files that match and that the
#: new one does not hold are removed; nothing else in the folder is touched.
OWNS = {
    "crossref": ("crossref.xml",),
    "datacite": ("volume.xml", "papers/*.xml", "urls.tsv"),
    "ceur": ("index.html", "paper*.pdf", "*.bib"),
    "acl": ("inputs/*.yml", "watermarked_pdfs/*.pdf", "proceedings.pdf"),
    "pmlr": ("*.bib", "*.pdf"),
}
#: The targets, in the order ``all`` makes them (those of :data:`workshop.core.packages.TARGETS`).
NAMES = tuple(OWNS)


def moment(loaded: Loaded[WithInfo]) -> dt.datetime:
    """When the packages are made: ``SOURCE_DATE_EPOCH`` when set (CI and Read the Docs set it
    from the commit), else the clock, so that a deposit made later carries a later timestamp."""
    if os.environ.get(epoch.VARIABLE, "").strip():
        return epoch.build_moment(loaded.workshop.info)
    return dt.datetime.now(dt.UTC)


def read_volume(loaded: Loaded[WithPapers], folder: Path) -> Volume:
    """The built volume in ``folder`` with the data, or :class:`WorkshopError` (one line) when
    there is none, or one of other papers or PDFs."""
    again = "build it with `python -m proceedings build` (or --volume DIR where it was built)"
    results = built_papers(folder)
    if results is None:
        raise WorkshopError(f"holds no built volume (no {MANIFEST}): {again}", file=shown_path(folder))
    papers = paper_order(loaded.workshop)
    pdfs = [loaded.locate(paper.pdf) for paper in papers]
    if [r.id for r in results] != [p.id for p in papers] or any(
        not (pdf.ok and digest(pdf.path) == r.sha256) for pdf, r in zip(pdfs, results, strict=True)
    ):
        raise WorkshopError(
            f"the volume here was built from other papers or PDFs: {again}", file=shown_path(folder)
        )
    for name in (VOLUME, FRONTMATTER, *(r.pdf for r in results)):
        if not paths.locate(folder, name, folder).ok:
            raise WorkshopError(f"the volume here has no file {name!r}: {again}", file=shown_path(folder))
    from workshop.core.packages.common import Volume, built

    return Volume(
        workshop=loaded.workshop,
        files=loaded.files,
        folder=folder,
        papers=built(loaded.workshop, results, folder),
        frontmatter=folder / FRONTMATTER,
        moment=moment(loaded),
        facts=volume_facts(loaded.workshop),
    )


def write(
    target: str, package: Package, out: Path, stamp: Callable[[StampedPaper, Path], None] | None = None
) -> list[str]:
    """``package`` into ``out``, all or nothing; the names written (unchanged files are not).
    A paper to stamp again is written by ``stamp`` (:func:`stamper`)."""
    previous = [
        p.relative_to(out).as_posix()
        for p in (out.rglob("*") if out.is_dir() else [])
        if p.is_file() and not p.relative_to(out).parts[0].startswith(".")
    ]
    gone = [n for n in previous if n not in package and any(fnmatch.fnmatch(n, g) for g in OWNS[target])]
    try:
        with staging(out) as staged:
            for name, content in sorted(package.items()):
                path = staged / name
                path.parent.mkdir(parents=True, exist_ok=True)
                if isinstance(content, Path):
                    shutil.copyfile(content, path)
                elif isinstance(content, bytes):
                    path.write_bytes(content)
                elif stamp is not None:
                    stamp(content, path)
                else:
                    raise ValueError(f"{name}: a paper to stamp, and nothing to stamp it with")
            return publish(staged, out, move=True, gone=gone)
    except OSError as error:
        words = cannot_write(error, again="run the command again", elsewhere="--out DIR")
        raise WorkshopError(
            f"{words}; the {target} package there is as it was", file=shown_path(out)
        ) from None


def stamper(loaded: Loaded[WithPapers], volume: Volume) -> Callable[[StampedPaper, Path], None]:
    """What writes a package's paper to stamp again: its camera-ready, stamped as the volume
    stamps it, with the package's footnote (:func:`proceedings.volume.single.write_paper`)."""
    from proceedings.volume.single import write_paper

    def stamp(paper: StampedPaper, path: Path) -> None:
        write_paper(loaded, volume.facts, paper.built.placement, path, paper.footnote)

    return stamp


def run(loaded: Loaded[WithPapers], targets: Sequence[str], volume_dir: Path, out: Path | None) -> int:
    """Each target's package, each written or refused on its own; 0 when all were written."""
    from workshop.core.packages import TARGETS
    from workshop.core.packages.common import Refused

    volume = read_volume(loaded, volume_dir)
    status = 0
    for target in targets:
        folder = (out if len(targets) == 1 else out / target) if out else loaded.root / PACKAGES_DIR / target
        try:
            package = TARGETS[target].render(volume)
            written = write(target, package, folder, stamper(loaded, volume))
        except (Refused, WorkshopError) as error:
            line = f"error: {error}" if isinstance(error, Refused) else f"error: {target}: {error}"
            print(terminal(line), file=sys.stderr)
            status = 1
            continue
        changed = f"{len(written)} written" if written else "unchanged"
        files = f"{len(package)} file{'s' if len(package) != 1 else ''}"
        print(f"{target}: {shown_path(folder)}/ ({TARGETS[target].label}: {files}, {changed})")
    return status


def add_package(commands: argparse._SubParsersAction) -> None:
    """``package``'s arguments (the renderers, and lxml, are loaded only when it runs)."""
    parser = commands.add_parser(
        "package",
        help="make what an archive takes: Crossref, DataCite, CEUR-WS, ACL Anthology, PMLR",
        description="Make each TARGET's package from the data and the built volume (build it first): "
        + ", ".join(NAMES)
        + ".  A target the data cannot make is one line, and the others are still written.",
    )
    parser.add_argument(
        "targets", nargs="+", choices=[*NAMES, "all"], metavar="TARGET", help="|".join([*NAMES, "all"])
    )
    parser.add_argument("--data", default="docs/data", type=Path, help="the data folder (default: docs/data)")
    parser.add_argument(
        "--volume",
        type=Path,
        metavar="DIR",
        help=f"the built volume (default: {VOLUME_DIR} in the repository, where build writes it)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="the package's folder (default: _build/packages/<target>); with several targets, each in DIR/<target>",
    )
    parser.set_defaults(run=run_package)


def run_package(args: argparse.Namespace) -> int:
    from proceedings.data import load_for_proceedings

    targets = list(NAMES) if "all" in args.targets else list(dict.fromkeys(args.targets))
    loaded = load_for_proceedings(args.data)
    return run(loaded, targets, args.volume or loaded.root / VOLUME_DIR, args.out)
