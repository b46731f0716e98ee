"""The check's rules (:mod:`workshop.core.rules`: plain values) derived from the one data
model: each track with its limits and the format its papers are held to, whether format
is strict, and the chair's decision of each paper.  The chairs' tool hands the result to
the check's engine; the site writes it as JSON for the self-check page."""

from __future__ import annotations

from workshop.core import model, rules
from workshop.core.paperformat import PaperFormat


def format_rules(fmt: PaperFormat) -> rules.Format:
    m = fmt.margins
    return rules.Format(
        (float(fmt.page_size[0]), float(fmt.page_size[1])),
        rules.Margins(float(m.top), float(m.bottom), float(m.left), float(m.right)),
        fmt.font_family,
    )


def track_rules(info: model.WorkshopInfo, track: model.Track) -> rules.Track:
    """``track`` of ``info`` with the format its papers are held to (the workshop's, and
    what the track sets otherwise)."""
    return rules.Track(
        track.id, track.name, track.min_pages, track.max_pages, format_rules(info.format_of(track))
    )


def decision_rules(decision: model.Decision | None) -> rules.Decision | None:
    if decision is None:
        return None
    e = decision.exception
    exception = rules.PageException(e.pages, e.reason, e.approved_by) if e is not None else None
    return rules.Decision(decision.references_start_page, exception)


def rules_of(info: model.WorkshopInfo, papers: model.Papers | None = None) -> rules.Rules:
    """The rules of a workshop (and the decisions of its accepted ``papers``)."""
    decisions = tuple(
        (paper.id, found)
        for paper in (papers.papers if papers is not None else ())
        if (found := decision_rules(paper.decision)) is not None
    )
    strict = bool(info.proceedings and info.proceedings.strict_format)
    return rules.Rules(tuple(track_rules(info, t) for t in info.tracks), strict, decisions)
