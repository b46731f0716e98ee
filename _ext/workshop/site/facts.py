"""Facts in running prose: ``{fact}`dates.submission``` and the submission button.

A fact is a dotted path into ``workshop.yaml``: attributes by name, list entries
by their ``id``, mapping entries by key.  The value is written as prose writes it
(dates as "April 3, 2023", a track's ``pages`` as "8-10").  Appending
``.deadline`` to a date gives its instant: "April 3, 2023, 23:59 AoE".

A few facts are worded from several fields (:data:`WORDED`): ``date`` is the workshop's
days ("May 17-18, 2024"), ``deadline_rule`` when deadlines fall due ("All deadlines are at
23:59 Anywhere on Earth (AoE)"), ``venue`` the place, its name linked to its page, and
``paper_page`` what a paper's own page offers ("its abstract, PDF and BibTeX"; no abstract
is promised where no paper has one), from ``papers.yaml``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx

from workshop.core import wording
from workshop.core.load import WithInfo
from workshop.core.model import ImportantDate, Papers, WorkshopInfo
from workshop.site.base import WorkshopDirective, WorkshopRole
from workshop.site.domain import build_data


class FactError(LookupError):
    pass


#: Facts worded from several fields, by their path.
WORDED: dict[str, Callable[[WorkshopInfo], str]] = {
    "date": lambda info: wording.date_span(info.workshop_dates),
    "deadline_rule": wording.deadline_rule,
    "conference": wording.conference,
    "venue": lambda info: wording.location(info.venue) if info.venue else _no("venue"),
}


def paper_page(papers: Papers | None) -> str:
    """``its abstract, PDF and BibTeX``: what a paper's own page offers, as prose says it,
    promising an abstract (or materials) only when a paper has one."""
    given = papers.papers if papers else []
    offers = ["abstract"] if any(p.abstract for p in given) else []
    offers += ["PDF", "BibTeX"]
    offers += ["materials (slides, code, ...)"] if any(p.links for p in given) else []
    return "its " + ", ".join(offers[:-1]) + " and " + offers[-1]


def _no(path: str) -> str:
    raise FactError(f"workshop.yaml has no {path!r}")


def resolve(info: WorkshopInfo, path: str) -> str:
    if path in WORDED:
        return WORDED[path](info)
    value: Any = info
    walked: list[str] = []
    for step in path.split("."):
        if isinstance(value, ImportantDate) and step == "deadline":
            return wording.deadline(info, value)
        walked.append(step)
        if isinstance(value, dict):
            found = value.get(step)
        elif isinstance(value, list):
            found = next((item for item in value if getattr(item, "id", None) == step), None)
        else:
            found = getattr(value, step, None) if not step.startswith("_") else None
        if found is None or callable(found):
            raise FactError(f"workshop.yaml has no {'.'.join(walked)!r}")
        value = found
    if isinstance(value, ImportantDate):
        return wording.date(value.date)
    if isinstance(value, dt.date):
        return wording.date(value)
    if isinstance(value, (list, dict)) or hasattr(value, "model_fields"):
        raise FactError(f"{path!r} is not a single fact; name one of its fields")
    return str(value)


class FactRole(WorkshopRole):
    """``{fact}`conference.short_name``` -> "MLSys 2023"."""

    def run(self) -> tuple[list[nodes.Node], list]:
        loaded = self.data(WithInfo)
        if loaded is None:
            return [nodes.inline(self.rawtext, self.text)], []
        path = self.text.strip()
        info = loaded.workshop.info
        if path == "paper_page":  # worded from papers.yaml
            papers = build_data(self.env).use(self.env, "papers").workshop.papers
            return [nodes.inline(self.rawtext, paper_page(papers), classes=["workshop-fact"])], []
        try:
            text = resolve(info, path)
        except FactError as error:
            return self.warn(f"{{fact}} role: {error}")
        if path == "venue" and info.venue is not None:  # the venue's name links to its page
            name = nodes.reference("", info.venue.name, refuri=info.venue.url)
            rest = text.removeprefix(info.venue.name)
            return [nodes.inline(self.rawtext, "", name, nodes.Text(rest), classes=["workshop-fact"])], []
        return [nodes.inline(self.rawtext, text, classes=["workshop-fact"])], []


class LinkRole(WorkshopRole):
    """``{workshop-link}`submission``` -> the link of ``links.submission``, with its label;
    ``{workshop-link}`EasyChair <submission>``` gives it another text."""

    def run(self) -> tuple[list[nodes.Node], list]:
        loaded = self.data(WithInfo)
        text, _, target = self.text.partition(" <")
        key = target.rstrip(">").strip() if target else text.strip()
        if loaded is None:
            return [nodes.inline(self.rawtext, text)], []
        link = loaded.workshop.info.links.get(key)
        if link is None:
            return self.warn(f"{{workshop-link}} role: workshop.yaml has no links.{key}")
        label = text.strip() if target else link.label
        return [nodes.reference(self.rawtext, label, refuri=link.url)], []


class ButtonDirective(WorkshopDirective):
    """A call to action: ``{workshop-button} submission`` renders ``links.submission`` as
    a sphinx-design button (its classes, so the theme's button style applies)."""

    required_arguments = 1
    option_spec = {"text": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        loaded = self.data(WithInfo)
        if loaded is None:
            return []
        link = loaded.workshop.info.links.get(self.arguments[0])
        if link is None:
            return self.warn(f"workshop-button: workshop.yaml has no links.{self.arguments[0]}")
        ref = nodes.reference(
            "",
            self.options.get("text", link.label),
            refuri=link.url,
            classes=["sd-btn", "sd-btn-primary", "workshop-button"],
        )
        return [nodes.paragraph("", "", ref, classes=["workshop-cta"])]


def setup(app: Sphinx) -> None:
    app.add_role("fact", FactRole())
    app.add_role("workshop-link", LinkRole())
    app.add_directive("workshop-button", ButtonDirective)
