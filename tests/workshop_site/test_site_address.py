"""One site address feeds every absolute link: the data's ``site_url`` when set, else Read
the Docs' canonical address; two that differ, or a build for publication with none, are one
warning.  Read from the built site (sitemap, Scholar's tags, JSON-LD, OpenGraph, canonical
link, calendars, conference apps, BibTeX, the 404 page) and from the volume's BibTeX."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import lxml.html
import pytest
from conftest import copy_site, sphinx_command
from volume_support import edit_yaml, run_build

from workshop.core.address import resolve

SITE_URL = "https://mlbench.example.org/2023/"
RTD = "https://mlbench.readthedocs.io/en/latest/"
#: What Read the Docs sets in every build's environment (the tests' own is cleared of them).
CLEAN = {k: v for k, v in os.environ.items() if not k.startswith("READTHEDOCS")}


def build(site: Path, out: Path, env: dict[str, str]) -> tuple[int, str]:
    done = subprocess.run(
        sphinx_command(site, out), capture_output=True, text=True, cwd=site, env={**CLEAN, **env}
    )
    return done.returncode, done.stderr


def example(tmp_path: Path, site_url: str | None) -> Path:
    site = copy_site(tmp_path / "site")
    (site / "pyproject.toml").write_text("")
    if site_url:
        edit_yaml(site / "docs" / "data" / "workshop.yaml", lambda d: d.update(site_url=site_url))
    return site


def metas(path: Path) -> dict[str, str]:
    tree = lxml.html.parse(str(path))
    return {
        (m.get("name") or m.get("property")): m.get("content")
        for m in tree.xpath("/html/head/meta")
        if m.get("name") or m.get("property")
    }


def addresses(html: Path, paper: str = "liu-time-variations") -> dict[str, str]:
    """Where each output says the site is."""
    page = html / "papers" / f"{paper}.html"
    tree = lxml.html.parse(str(page))
    [ld] = tree.xpath("//script[@type='application/ld+json']/text()")
    [canonical] = tree.xpath("//link[@rel='canonical']/@href")
    sitemap = ElementTree.parse(html / "sitemap.xml")
    locs = [e.text for e in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    bib = (html / "papers" / f"{paper}.bib").read_text()
    frab = ElementTree.parse(html / "schedule.xml").getroot()
    return {
        "citation_pdf_url": metas(page)["citation_pdf_url"],
        "json-ld": json.loads(ld)["url"],
        "og:url": metas(page)["og:url"],
        "og:url of a prose page": metas(html / "program.html")["og:url"],
        "canonical": canonical,
        "sitemap": next(loc for loc in locs if loc.endswith("index.html")),
        "bibtex": bib.split("url", 1)[1].split("{", 1)[1].split("}", 1)[0],
        "frab base_url": frab.findtext("conference/base_url"),
        "calendar": next(
            line for line in (html / "schedule.ics").read_text().splitlines() if line.startswith("URL")
        ),
        "404": next(
            a for a in lxml.html.parse(str(html / "404.html")).xpath("//a/@href") if a.endswith("index.html")
        ),
    }


def expected(base: str, paper: str = "liu-time-variations") -> dict[str, str]:
    return {
        "citation_pdf_url": f"{base}papers/{paper}.pdf",
        "json-ld": f"{base}papers/{paper}.html",
        "og:url": f"{base}papers/{paper}.html",
        "og:url of a prose page": f"{base}program.html",
        "canonical": f"{base}papers/{paper}.html",
        "sitemap": f"{base}index.html",
        "bibtex": f"{base}papers/{paper}.html",
        "frab base_url": base,
        "calendar": "URL:" + base,
    }


def test_the_datas_site_url_feeds_every_address_of_a_local_build(tmp_path):
    site = example(tmp_path, SITE_URL)
    assert build(site, tmp_path / "out", {}) == (0, "")
    found = addresses(tmp_path / "out" / "html")
    found["calendar"] = found["calendar"][: len("URL:" + SITE_URL)]
    assert found == expected(SITE_URL) | {"404": "/2023/index.html"}  # the site's root path


def test_read_the_docs_address_serves_when_the_data_has_none(tmp_path):
    site = example(tmp_path, None)
    assert build(site, tmp_path / "out", {"READTHEDOCS": "True", "READTHEDOCS_CANONICAL_URL": RTD}) == (0, "")
    found = addresses(tmp_path / "out" / "html")
    found["calendar"] = found["calendar"][: len("URL:" + RTD)]
    assert found == expected(RTD) | {"404": "/en/latest/index.html"}


def test_two_addresses_that_differ_are_one_warning_and_site_url_wins(tmp_path):
    site = example(tmp_path, SITE_URL)
    status, warnings = build(
        site, tmp_path / "out", {"READTHEDOCS": "True", "READTHEDOCS_CANONICAL_URL": RTD}
    )
    assert status == 1  # -W: a warning fails the build ...
    [line] = [w for w in warnings.splitlines() if "WARNING" in w]
    assert "site_url in workshop.yaml (https://mlbench.example.org/2023/)" in line
    assert f"Read the Docs' address of this build ({RTD}) differ" in line
    assert line.endswith("[workshop.site-address]")
    found = addresses(tmp_path / "out" / "html")  # ... written all the same (--keep-going)
    assert found["canonical"] == f"{SITE_URL}papers/liu-time-variations.html"
    assert found["bibtex"] == f"{SITE_URL}papers/liu-time-variations.html"


def test_a_pull_requests_preview_elsewhere_is_no_warning(tmp_path):
    site = example(tmp_path, SITE_URL)
    env = {"READTHEDOCS": "True", "READTHEDOCS_CANONICAL_URL": RTD, "READTHEDOCS_VERSION_TYPE": "external"}
    assert build(site, tmp_path / "out", env) == (0, "")


def test_a_build_for_publication_without_an_address_is_one_warning(tmp_path):
    site = example(tmp_path, None)
    status, warnings = build(site, tmp_path / "out", {"WORKSHOP_PUBLISH": "1"})
    assert status == 1
    [line] = [w for w in warnings.splitlines() if "WARNING" in w]
    assert "this build for publication has no address: set site_url in workshop.yaml" in line


@pytest.mark.parametrize(
    "site_url, canonical, env, url, warns",
    [
        (None, None, {}, None, False),  # a local build: relative links
        (SITE_URL, None, {}, SITE_URL, False),
        ("https://x.org/a", None, {}, "https://x.org/a/", False),
        (None, RTD, {"READTHEDOCS": "True"}, RTD, False),
        (SITE_URL, SITE_URL.rstrip("/"), {"READTHEDOCS": "True"}, SITE_URL, False),  # the same address
        (SITE_URL, RTD, {"READTHEDOCS": "True"}, SITE_URL, True),
        (None, None, {"READTHEDOCS": "True"}, None, True),
        (None, None, {"WORKSHOP_PUBLISH": "1"}, None, True),
    ],
)
def test_which_address_and_when_to_warn(site_url, canonical, env, url, warns):
    found = resolve(site_url, canonical, env)
    assert (found.url, bool(found.warning)) == (url, warns)


def test_the_volumes_bibtex_takes_read_the_docs_address_without_site_url(tmp_path):
    """``nox -s docs`` on Read the Docs builds the volume first, in the same environment."""
    from volume_support import copy_data

    data = copy_data(tmp_path / "repo")
    done = run_build(data, tmp_path / "out", env={"READTHEDOCS_CANONICAL_URL": RTD})
    assert done.returncode == 0, done.stderr
    bib = (tmp_path / "out" / "papers" / "liu-time-variations.bib").read_text()
    assert f"{{{RTD}papers/liu-time-variations.html}}," in bib
    volume = (tmp_path / "out" / "volume.bib").read_text()
    assert f"{{{RTD}}}," in volume
