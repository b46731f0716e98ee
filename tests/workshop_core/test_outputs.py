"""Every output (the site, its exports, the volume) is put in place by one rule,
workshop.core.outputs.replace_if_changed: whole, only when its bytes change, and readable by
everyone, as a web server serving the site must find it."""

from __future__ import annotations

import stat

from workshop.core.outputs import publish, replace_if_changed


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_published_site_is_readable_by_a_web_server_and_republished_only_where_it_changed(tmp_path):
    built, site = tmp_path / "built", tmp_path / "site"
    (built / "_static").mkdir(parents=True)
    (built / "index.html").write_text("<p>home</p>")
    (built / "_static" / "site.css").write_text("p {}")
    assert publish(built, site) == ["_static/site.css", "index.html"]  # assets before pages
    assert {p.relative_to(site).as_posix(): mode(p) for p in site.rglob("*") if p.is_file()} == {
        "_static/site.css": 0o644,
        "index.html": 0o644,
    }
    assert publish(built, site) == []
    (built / "index.html").write_text("<p>home, again</p>")
    assert publish(built, site) == ["index.html"]
    assert (site / "index.html").read_text() == "<p>home, again</p>"


def test_bytes_replace_a_file_only_when_they_differ(tmp_path):
    target = tmp_path / "out" / "schedule.ics"
    assert replace_if_changed(target, b"BEGIN:VCALENDAR\r\n")
    assert mode(target) == 0o644
    before = target.stat().st_mtime_ns
    assert not replace_if_changed(target, b"BEGIN:VCALENDAR\r\n")
    assert target.stat().st_mtime_ns == before
    assert [p.name for p in target.parent.iterdir()] == ["schedule.ics"]  # no temporary left behind
