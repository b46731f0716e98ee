"""The organizers' data reference is a page of the site made from the model: every key of
every data file on it with a meaning, every warning the data can raise, reachable by its
address and from the README, and not in the readers' navigation bar."""

from __future__ import annotations

import lxml.html
from conftest import ROOT

from workshop.core import reference
from workshop.core.problems import CODES, WARNING_TYPE


def test_every_key_of_every_model_has_a_meaning_and_no_meaning_is_stale():
    described = set()
    for section in reference.sections():
        for key in section.keys:
            assert key.meaning, f"{section.model}.{key.name} has no meaning: add a #: comment or MEANINGS"
            described.add(f"{section.model}.{key.name}")
    stale = set(reference.MEANINGS) - described
    assert not stale, f"MEANINGS names keys the model does not have: {sorted(stale)}"
    from workshop.core import model, paperformat

    commented = {
        f"{cls.__name__}.{name}"
        for module in (model, paperformat)
        for cls in vars(module).values()
        if isinstance(cls, type) and cls.__module__ == module.__name__
        for name in reference.comments(cls)
    }
    assert not set(reference.MEANINGS) & commented, "a key the model comments needs no second meaning"


def test_the_reference_reaches_every_model_of_the_data():
    from workshop.core import model

    reached = {section.model for section in reference.sections()}
    made = {
        cls.__name__
        for cls in vars(model).values()
        if isinstance(cls, type) and cls.__module__ == model.__name__ and cls.__name__ != "Workshop"
    }
    assert made <= reached, made - reached


def test_the_page_lists_every_key_and_every_warning(example_site):
    page = lxml.html.parse(str(example_site / "reference.html"))
    for section in reference.sections():
        [found] = page.xpath(f"//section[@id='data-{section.model.lower()}']")
        assert found.xpath("string(./*[1])").strip().startswith(section.title)
        terms = [t.strip() for t in found.xpath("./dl/dt/code/span/text() | ./dl/dt/code/text()")]
        assert terms == [key.name for key in section.keys], section.title
        for key in section.keys:
            if key.target:  # a mapping links the section of its keys
                assert found.xpath(f".//a[@href='#data-{key.target.lower()}']"), (section.title, key.name)
    text = page.xpath("string(//article)")
    for code in CODES:
        assert f"{WARNING_TYPE}.{code}" in text


def test_the_page_is_reached_by_address_and_readme_not_by_the_navigation(example_site):
    assert (example_site / "reference.html").is_file()
    for name in ("index.html", "program.html"):
        links = lxml.html.parse(str(example_site / name)).xpath("//nav//a/@href")
        assert links and not [link for link in links if "reference" in link], name
    readme = (ROOT / "README.md").read_text()
    assert "docs/reference.md" in readme and "reference.html" in readme
