"""Important dates and committees, built by the real Sphinx application from data.

Deadlines read "April 3, 2023, 23:59 AoE (April 4, 11:59 UTC)": Anywhere on Earth with the
UTC instant, the year repeated only where the UTC instant falls in another year.
"""

from __future__ import annotations

from urllib.parse import unquote

import lxml.html
import pytest
from ext_support import warnings_of


def text(element) -> str:
    return " ".join(element.text_content().split())


@pytest.mark.sphinx("html", testroot="dates")
def test_dates_as_a_table_as_cards_and_in_prose(app):
    app.build()
    assert warnings_of(app) == []
    tree = lxml.html.parse(str(app.outdir / "index.html"))
    (table,) = tree.xpath("//table[contains(@class, 'workshop-dates')]")
    assert [text(th) for th in table.xpath("thead/tr/th")] == ["What", "When"]
    rows = table.xpath("tbody/tr")
    assert [[text(td) for td in row.xpath("td")] for row in rows] == [
        ["Submission Deadline", "December 31, 2023, 23:59 AoE (January 1, 2024, 11:59 UTC)"],
        ["Acceptance Notification", "February 1, 2024"],
        ["Camera Ready", "March 1, 2024, 23:59 AoE (March 2, 11:59 UTC)"],
        ["Workshop date", "April 2, 2024"],
    ]
    assert [row.get("id") for row in rows] == [
        "date-submission",
        "date-notification",
        "date-camera-ready",
        "date-workshop",
    ]
    cards = tree.xpath(
        "//div[contains(@class, 'workshop-date-cards')]//div[contains(@class, 'sd-card-body')]"
    )
    assert [text(card) for card in cards] == [
        "Submission Deadline December 31, 2023 23:59 AoE (January 1, 2024, 11:59 UTC)",
        "Acceptance Notification February 1, 2024",
        "Camera Ready March 1, 2024 23:59 AoE (March 2, 11:59 UTC)",
        "Workshop date April 2, 2024",
    ]
    assert "Submit by December 31, 2023, 23:59 AoE." in text(tree.xpath("//main|//div[@role='main']")[0])


@pytest.mark.sphinx("html", testroot="dates")
def test_committees_with_contacts_only_where_the_data_says(app):
    app.build()
    tree = lxml.html.parse(str(app.outdir / "committees.html"))
    sections = tree.xpath("//section[@id='organizing-committee' or @id='program-committee']")
    assert [text(s.xpath("h2")[0]).rstrip("#¶ ") for s in sections] == [
        "Organizing Committee",
        "Program Committee",
    ]
    organizers, reviewers = ([text(li) for li in s.xpath(".//li")] for s in sections)
    assert organizers == ["Grace Hopper, Navy (grace@example.org)", "Ada <i>Lovelace</i> (ada@example.org)"]
    assert reviewers == ["Alan Turing, Bletchley Park"]  # show_contact is off: no address
    assert not tree.xpath("//section//i")  # a name is text, never markup
    # (docutils cloaks the address in the href as grace%40example.org: the same link)
    mails = [unquote(href) for href in tree.xpath("//section//a[starts-with(@href, 'mailto:')]/@href")]
    assert mails == ["mailto:grace@example.org", "mailto:ada@example.org"]
