"""The home page's date cards: edge to edge with the text around them (not inset from it),
side by side on a desktop, one under another on a phone."""

from __future__ import annotations

import pytest

from tools.browser import DESKTOP, PHONE, SCREENS

# The boxes of the date cards and of the article's first paragraph (whose edges are the text's).
CARDS_JS = """
() => {
  const box = (el) => { const b = el.getBoundingClientRect(); return {left: b.left, right: b.right, top: b.top}; };
  return {
    text: box(document.querySelector('article p')),
    cards: [...document.querySelectorAll('article .workshop-date-cards .sd-card')].map(box),
  };
}
"""


@pytest.mark.parametrize("screen", SCREENS, ids=lambda screen: screen.name)
def test_date_cards_line_up_with_the_text(reader, screen):
    page = reader.open("index.html", screen)
    try:
        found = page.evaluate(CARDS_JS)
    finally:
        page.context.close()
    text, cards = found["text"], found["cards"]
    assert len(cards) >= 2, "no date cards on the home page"
    assert abs(min(card["left"] for card in cards) - text["left"]) <= 1, found
    assert abs(max(card["right"] for card in cards) - text["right"]) <= 1, found
    tops = {round(card["top"]) for card in cards}
    if screen is DESKTOP:
        assert len(tops) == 1, "the cards stand in one row on a desktop"
    if screen is PHONE:
        assert len(tops) == len(cards), "the cards stand one under another on a phone"
