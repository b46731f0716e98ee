"""The packages archives take, one pure renderer per archive behind a registry (as
:mod:`workshop.core.exports` does for calendars): ``(Volume) -> Package``, made from the data
and the built volume, the same bytes for the same input (Crossref's timestamp aside, which is
the package's moment).  :mod:`proceedings.package` writes them, each all or nothing.

* ``crossref``: the conference-proceedings deposit (:mod:`.crossref`);
* ``datacite``: a DataCite record per paper and one for the volume (:mod:`.datacite`);
* ``ceur``: CEUR-WS.org's upload folder (:mod:`.ceur`);
* ``acl``: the ACL Anthology's aclpub2 layout (:mod:`.acl`);
* ``pmlr``: PMLR's BibTeX and PDFs (:mod:`.pmlr`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from workshop.core.packages import acl, ceur, crossref, datacite, pmlr
from workshop.core.packages.common import Package, Volume

__all__ = ["TARGETS", "Target"]


@dataclasses.dataclass(frozen=True)
class Target:
    #: The name on the command line, and the package's folder.
    name: str
    #: What the package is, in the command's summary.
    label: str
    render: Callable[[Volume], Package]


TARGETS: dict[str, Target] = {
    target.name: target
    for target in [
        Target("crossref", "Crossref deposit (schema 5.3.1)", crossref.render),
        Target("datacite", "DataCite records (kernel 4.6)", datacite.render),
        Target("ceur", "CEUR-WS.org upload folder", ceur.render),
        Target("acl", "ACL Anthology aclpub2 delivery", acl.render),
        Target("pmlr", "PMLR BibTeX and PDFs", pmlr.render),
    ]
}
