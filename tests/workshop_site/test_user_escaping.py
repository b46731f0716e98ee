"""Markup typed into the data (a title like ``<script>alert(1)</script>``, a name with ``"``
and ``&``) is shown as text on every page of the site, the theme's navbar and the search
page's title included, and is the same text in the exports: it never becomes markup."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from conftest import build_site, copy_site
from ext_support import built, copy_root
from lxml import etree
from lxml import html as lxml_html
from volume_support import edit_yaml

SHORT = 'MLB</title><script>alert(1)</script> "&" \'23'
TITLE = '<script>alert(2)</script> Latency & "Throughput" {\\bf 100%} $x_1$ #tag'
AUTHOR = 'Ana "Zed" O&Brien <b>'


def hostile(site) -> None:
    data = site / "docs" / "data"
    edit_yaml(data / "workshop.yaml", lambda info: info.update(short_name=SHORT))

    def paper(papers: dict) -> None:
        papers["papers"][0]["title"] = TITLE
        papers["papers"][0]["authors"][1]["name"] = AUTHOR

    edit_yaml(data / "papers.yaml", paper)


def test_markup_in_the_data_is_text_on_every_page_and_in_every_export(tmp_path):
    site = copy_site(tmp_path / "site")
    hostile(site)
    assert build_site(site, tmp_path / "out") == (0, "")
    out = tmp_path / "out" / "html"
    pages = sorted(out.glob("*.html"))
    assert len(pages) >= 8
    for page in pages:
        tree = lxml_html.parse(str(page))
        scripts = [s.text or "" for s in tree.iter("script")]
        assert not [s for s in scripts if "alert(" in s], page.name
        assert not tree.xpath("//b | //title//*"), page.name  # no element made from the data
        assert SHORT in tree.findtext(".//title"), page.name
        assert tree.xpath("string(//*[contains(@class, 'logo__title')])") == SHORT, page.name
    papers = lxml_html.parse(str(out / "papers.html")).getroot().text_content()
    assert TITLE in papers and AUTHOR in papers

    # The exports, read by their own parsers, hold the same text.
    xml = etree.parse(str(out / "schedule.xml"))
    assert TITLE in xml.xpath("//event/title/text()")
    talks = [
        t
        for d in json.loads((out / "schedule.json").read_text())["schedule"]["conference"]["days"]
        for room in d["rooms"].values()
        for t in room
    ]
    assert TITLE in [t["title"] for t in talks]
    from icalendar import Calendar

    calendar = Calendar.from_ical((out / "schedule.ics").read_bytes())
    assert TITLE in [str(e["summary"]) for e in calendar.walk("VEVENT")]


def test_the_sites_address_is_escaped_into_the_404_page(make_app, tmp_path):
    """The 404 page's links start from the path of the site's address, which Read the Docs
    (or conf.py) gives: a quote or ``<`` in it is percent-encoded, never markup (issue 23)."""
    srcdir = copy_root("exports", tmp_path)
    address = 'https://workshop.example.org/a b"><script>alert(3)</script>/'
    app = built(
        make_app,
        srcdir,
        confoverrides={
            "extensions": "myst_parser,workshop.site,notfound.extension",
            "notfound_urls_prefix": urlsplit(address).path,
        },
    )
    page = (app.outdir / "404.html").read_text()
    assert "alert(3)" not in "".join(s.text or "" for s in lxml_html.fromstring(page).iter("script"))
    assert "<script>alert" not in page
    links = lxml_html.fromstring(page).xpath("//a/@href | //link/@href")
    assert "/a%20b%22%3E%3Cscript%3Ealert%283%29%3C/script%3E/index.html" in links
