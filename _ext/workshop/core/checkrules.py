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
        rules.Margins(*(float(getattr(fmt.tolerance, side)) for side in ("top", "bottom", "left", "right"))),
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
    accept = tuple(rules.Acceptance(a.finding, a.reason, a.approved_by) for a in decision.accept)
    return rules.Decision(decision.references_start_page, exception, accept)


def paper_facts(paper: model.Paper) -> rules.PaperFacts:
    """What page 1 of ``paper`` must say: its title and its authors' names as the site prints them."""
    return rules.PaperFacts(paper.id, paper.track, paper.title, tuple(a.name for a in paper.authors))


def rules_of(info: model.WorkshopInfo, papers: model.Papers | None = None) -> rules.Rules:
    """The rules of a workshop (and the decisions and facts of its accepted ``papers``)."""
    accepted = papers.papers if papers is not None else []
    decisions = tuple(
        (paper.id, found) for paper in accepted if (found := decision_rules(paper.decision)) is not None
    )
    proceedings = info.proceedings
    strict = bool(proceedings and proceedings.strict_format)
    policy = (
        rules.Policy(proceedings.policy.metadata, proceedings.policy.camera_ready)
        if proceedings is not None
        else rules.Policy()
    )
    facts = tuple(paper_facts(paper) for paper in accepted)
    return rules.Rules(tuple(track_rules(info, t) for t in info.tracks), strict, decisions, policy, facts)
