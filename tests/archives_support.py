"""The archives' own schemas and rules (``../shared/schemas/archives``), applied offline to a
package: each helper skips with the reason where ``../shared`` is absent."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import lxml.html
import yaml
from conftest import shared_path
from lxml import etree
from pybtex.database import parse_string

#: The two schemas Crossref's bundle imports by address, and where the bundle holds them.
_LOCAL = {
    "http://www.w3.org/Math/XMLSchema/mathml3/mathml3.xsd": "standard-modules/mathml3/mathml3.xsd",
    "http://www.w3.org/2009/01/xml.xsd": "standard-modules/xml.xsd",
}


class _Offline(etree.Resolver):
    """Crossref's imports read from the bundle; any other address fails loudly (no network)."""

    def __init__(self, base: Path) -> None:
        self.base = base

    def resolve(self, url, pubid, context):
        if url in _LOCAL:
            return self.resolve_filename(str(self.base / _LOCAL[url]), context)
        if url.startswith(("http:", "https:", "ftp:")):
            raise OSError(f"network access attempted: {url}")
        return None


def crossref_schema() -> etree.XMLSchema:
    path = shared_path("schemas", "archives", "crossref", "schema-0.3.1", "schemas", "crossref5.3.1.xsd")
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_Offline(path.parent))
    return etree.XMLSchema(etree.parse(str(path), parser))


def datacite_schema() -> etree.XMLSchema:
    path = shared_path("schemas", "archives", "datacite", "kernel-4.6", "metadata.xsd")
    return etree.XMLSchema(etree.parse(str(path), etree.XMLParser(no_network=True)))


def assert_valid(schema: etree.XMLSchema, file: Path) -> etree._ElementTree:
    document = etree.parse(str(file), etree.XMLParser(no_network=True, resolve_entities=False))
    assert schema.validate(document), f"{file.name}: {schema.error_log}"
    return document


def check_ceur(folder: Path) -> lxml.html.HtmlElement:
    """``index.html`` against markers.json: every required marker, the acronym's form, a
    title per PDF and every link to a PDF of the folder."""
    markers = json.loads(shared_path("schemas", "archives", "ceur", "markers.json").read_text())
    text = (folder / "index.html").read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert f"<!-- CEURVERSION={markers['current_template_version']} -->" in text
    assert re.search(r"<!--CEURLANG=[a-z]{3} -->", text)
    page = lxml.html.fromstring(text)
    for group in ("volume_classes", "toc_classes"):
        for name, rule in markers[group].items():
            found = page.find_class(name)
            if rule["required"]:
                assert found, f"index.html has no {name}"
    acronym = page.find_class("CEURVOLACRONYM")[0].text_content()
    assert re.fullmatch(markers["volume_classes"]["CEURVOLACRONYM"]["pattern"], acronym), acronym
    pdfs = sorted(p.name for p in folder.glob("*.pdf"))
    titles = page.find_class("CEURTITLE")
    assert len(titles) == len(pdfs)
    links = [t.getparent().get("href") for t in titles]
    assert sorted(links) == pdfs
    for item in page.find_class("CEURTOC")[0].iter("li"):
        assert item.find_class("CEURAUTHOR"), "a paper without its authors"
    return page


def check_acl(folder: Path) -> tuple[dict, list]:
    """The aclpub2 delivery as the Anthology's format check and ingest read it, against
    required_fields.json and the shape of the sigdial example."""
    rules = json.loads(
        shared_path("schemas", "archives", "acl", "aclpub2", "required_fields.json").read_text()
    )
    sigdial = shared_path("schemas", "archives", "acl", "aclpub2", "examples", "sigdial")
    for name in rules["layout"]["required"]:
        assert (folder / name).is_file(), name
    details = yaml.safe_load((folder / "inputs" / "conference_details.yml").read_text(encoding="utf-8"))
    for key in rules["conference_details.yml"]["required_by_ingest"]:
        assert details.get(key), key
    assert isinstance(details["start_date"], dt.date)  # ingest calls .strftime on it
    assert re.fullmatch(r"[a-z0-9]+", str(details["volume_name"]))
    assert str(details["start_date"].year) not in details["anthology_venue_id"]
    example = yaml.safe_load((sigdial / "conference_details.yml").read_text(encoding="utf-8"))
    assert {type(example[k]) for k in ("editors",)} == {type(details[k]) for k in ("editors",)}
    assert set(details["editors"][0]) <= set(example["editors"][0]) | {"middle_name"}
    papers = yaml.safe_load((folder / "inputs" / "papers.yml").read_text(encoding="utf-8"))
    example_papers = yaml.safe_load((sigdial / "papers.yml").read_text(encoding="utf-8"))
    assert isinstance(papers, list) and isinstance(example_papers, list)
    ids = [p["id"] for p in papers]
    assert len(ids) == len(set(ids))
    for paper in papers:
        for key in rules["papers.yml"]["required"]:
            assert paper.get(key) not in (None, ""), (paper["id"], key)
        assert type(paper["id"]) is type(example_papers[0]["id"])
        for author in paper["authors"]:
            assert {"first_name", "last_name"} <= set(author)
            assert "@" not in author["first_name"] + author["last_name"]
        if paper.get("archival", True):
            assert (folder / "watermarked_pdfs" / f"{paper['id']}.pdf").is_file()
    return details, papers


def check_pmlr(folder: Path) -> tuple:
    """The BibTeX as papersite's checker reads it, against required_fields.json."""
    rules = json.loads(shared_path("schemas", "archives", "pmlr", "required_fields.json").read_text())
    (bib,) = folder.glob("*.bib")
    raw = bib.read_bytes()
    raw.decode("ascii")  # PMLR: ASCII only
    text = raw.decode()
    assert "\\\\" not in text
    database = parse_string(text, "bibtex")
    kinds = [entry.type.lower() for entry in database.entries.values()]
    assert kinds.count("proceedings") == 1
    volume = next(e for e in database.entries.values() if e.type.lower() == "proceedings")
    needed = (
        rules["proceedings_entry"]["required_by_spec"]
        + rules["proceedings_entry"]["required_by_check_volume"]
    )
    for field in needed:  # pybtex keeps names (editor, author) apart from the other fields
        assert volume.fields.get(field) or volume.persons.get(field), field
    assert re.search(r"volume\s*=\s*\{\d+\}", text)
    for field in ("start", "end", "published"):
        dt.date.fromisoformat(volume.fields[field])
    papers = {k: e for k, e in database.entries.items() if e.type.lower() == "inproceedings"}
    for key, entry in papers.items():
        assert re.fullmatch(rules["keys"]["pattern"], key), key
        for field in rules["inproceedings_entry"]["required"]:
            assert entry.fields.get(field) or entry.persons.get(field), (key, field)
        for field in ("title", "abstract"):
            assert not re.search(r"\\[${}_]", entry.fields[field]), (key, field)
        assert (folder / f"{key}.pdf").is_file()
    assert sorted(p.name for p in folder.glob("*.pdf")) == sorted(f"{k}.pdf" for k in papers)
    return volume, papers


def package(root: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """``python -m proceedings package ...`` as a chair runs it, from the repository ``root``."""
    environment = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "proceedings", "package", *args],
        capture_output=True,
        text=True,
        cwd=root,
        env=environment,
    )
