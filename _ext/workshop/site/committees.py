"""Committees from ``people.yaml``: ``{workshop-committees}`` renders every committee as a
section of its own (so each is in the page's contents), ``{workshop-committee} id`` one
committee's members as a list."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from workshop.core.load import WithPeople
from workshop.core.model import Committee, Person
from workshop.site.base import WorkshopDirective


def member_item(person: Person, show_contact: bool) -> nodes.list_item:
    para = nodes.paragraph()
    para += nodes.strong("", person.name)
    if person.affiliation:
        para += nodes.Text(f", {person.affiliation}")
    if show_contact and person.email:
        para += nodes.Text(" (")
        para += nodes.reference("", person.email, refuri=f"mailto:{person.email}")
        para += nodes.Text(")")
    return nodes.list_item("", para)


def member_list(committee: Committee) -> nodes.bullet_list:
    members = nodes.bullet_list(classes=["workshop-committee"])
    for person in committee.members:
        members += member_item(person, committee.show_contact)
    return members


class CommitteeDirective(WorkshopDirective):
    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        loaded = self.data(WithPeople)
        if loaded is None:  # data() said why
            return []
        people = loaded.workshop.people
        committee = people.committee(self.arguments[0])
        if committee is None:
            known = ", ".join(c.id for c in people.committees)
            return self.warn(
                f"workshop-committee: no committee {self.arguments[0]!r} in people.yaml (known: {known})"
            )
        return [member_list(committee)]


class CommitteesDirective(WorkshopDirective):
    def run(self) -> list[nodes.Node]:
        loaded = self.data(WithPeople)
        if loaded is None:  # data() said why
            return []
        people = loaded.workshop.people
        sections: list[nodes.Node] = []
        for committee in people.committees:
            section = nodes.section(ids=[nodes.make_id(committee.id + "-committee")], names=[])
            section += nodes.title("", committee.title)
            section += member_list(committee)
            sections.append(section)
        return sections


def setup(app: Sphinx) -> None:
    app.add_directive("workshop-committee", CommitteeDirective)
    app.add_directive("workshop-committees", CommitteesDirective)
