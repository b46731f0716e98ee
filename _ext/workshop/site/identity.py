"""The site's identity from ``workshop.yaml`` (title, navbar name, copyright, the home
page's description for search engines) and the organizers' contact in every page's footer."""

from __future__ import annotations

import functools
import html
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config

from workshop.site.data import BuildData
from workshop.site.domain import build_data

HERE = Path(__file__).parent


def fill_config(app: Sphinx, config: Config, build: BuildData) -> None:
    """Set what conf.py leaves to the data; a broken ``workshop.yaml`` keeps Sphinx's
    defaults (its problems are reported by :meth:`BuildData.report`)."""
    # New lists: appending would change Sphinx's shared default list in place.
    config.templates_path = [*config.templates_path, str(HERE / "templates")]
    config.html_static_path = [*config.html_static_path, str(HERE / "static")]
    info = build.loaded.workshop.info
    if info is None:
        return
    config.project = info.short_name
    config.html_title = f"{info.short_name}: {info.name}"
    config.html_short_title = info.short_name
    config.copyright = f"{info.year}, the organizers of {info.short_name}"
    # Themes with a text logo (pydata-sphinx-theme: conf.py asks with "logo": {}) show
    # the short name; other themes would warn about an option they do not know.
    logo = config.html_theme_options.get("logo") if isinstance(config.html_theme_options, dict) else None
    if isinstance(logo, dict):
        logo.setdefault("text", html.escape(info.short_name))  # the theme prints it as HTML


def note_footer_dependency(app: Sphinx, doctree: nodes.document) -> None:
    """Every page's footer names the organizers: every page depends on people.yaml (and
    the home page's description on workshop.yaml)."""
    build_data(app.env).use(app.env, "people")
    if app.env.docname == app.config.root_doc:
        build_data(app.env).use(app.env, "info")


def description(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: nodes.document | None
) -> None:
    """The home page's description, from the data (so a new edition's is right), unless
    the page sets one of its own (MyST's ``html_meta``)."""
    info = build_data(app.env).loaded.workshop.info
    metatags = context.get("metatags", "")
    if pagename != app.config.root_doc or info is None or 'name="description"' in metatags:
        return
    text = html.escape(f"Workshop on {info.name}, held with {info.conference.short_name}")
    context["metatags"] = f'{metatags}<meta name="description" content="{text}" />\n'


def footer_context(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: nodes.document | None
) -> None:
    people = build_data(app.env).loaded.workshop.people
    contacts = []
    if people:
        for committee in people.committees:
            if committee.show_contact:
                contacts += [p for p in committee.members if p.email]
    context["workshop_contacts"] = contacts


def setup(app: Sphinx, build: BuildData) -> None:
    # Before there is an environment (and a domain to ask): given the build's data.
    app.connect("config-inited", functools.partial(fill_config, build=build), priority=400)
    app.connect("doctree-read", note_footer_dependency)
    app.connect("html-page-context", footer_context)
    app.connect("html-page-context", description)
    app.add_css_file("workshop.css")
