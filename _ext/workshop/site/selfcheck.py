"""The self-check page: ```` ```{workshop-selfcheck} ```` lets an author pick a track (and,
where the data lists them, the accepted paper), drop a camera-ready PDF and read the
verdict the chairs' tool gives for it: the check's own engine (:mod:`workshop.engine`) runs
in the browser (Python compiled to WebAssembly, in a Web Worker) with nothing uploaded.

- Reading: the directive leaves a placeholder holding the workshop's rules as the engine
  takes them (:func:`workshop.core.checkrules.rules_of`, written with
  :meth:`workshop.core.rules.Rules.to_json`) and notes its page in the ``workshop`` domain.
- After reading (``env-updated``, the main process): when a page holds one and the builder
  writes a site, :func:`workshop.site.selfcheckfiles.prepare` gathers the runtime and the
  Python it runs (pypdf, and the engine with the core's modules it imports).  When it
  cannot, one ``workshop.selfcheck`` warning says why and what to do, and the page says the
  self-check is unavailable and shows the chairs' command instead (so does every builder
  that writes no site).  A page whose offer changed since it was written (a new runtime,
  another pypdf, the runtime now had) is written again.
- Writing (``doctree-resolved``): the placeholder becomes the form, or that notice.
- ``build-finished``: the runtime and the zips are written under ``_selfcheck/``.

Settings: ``workshop_selfcheck_python``, the modules and packages the browser needs, by
import name, packed from the build's environment (:mod:`workshop.site.pyarchives`, which
imports none of them); ``workshop_selfcheck_engine``, the entry point the page calls,
``module:function``, with ``check(pdf: bytes, rules_json: str, track_id: str, *,
name: str, paper_id: str | None) -> str`` (the record as JSON; the page passes ``name`` and
``paper_id`` only where the function takes them); ``workshop_pyodide`` (or
``WORKSHOP_PYODIDE``), a local Pyodide tarball, or ``off``.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.osutil import relative_uri

from workshop.core.checkrules import rules_of
from workshop.core.load import WithInfo
from workshop.core.outputs import SITE_AGAIN, SITE_ELSEWHERE, cannot_write
from workshop.core.problems import WARNING_TYPE, WorkshopError
from workshop.site import domain, pyodide, selfcheckfiles
from workshop.site.base import WorkshopDirective
from workshop.site.builders import SITE_BUILDERS

logger = logging.getLogger(__name__)

WORKER = Path(__file__).parent / "static" / "workshop-selfcheck-worker.js"
#: The largest PDF the page takes: the chairs' tool's default (``--max-pdf-size`` 100, in
#: millions of bytes, as :mod:`workshop.engine.pdf` counts them).
MAX_BYTES = 100_000_000
#: Seconds the runtime may take to load (13 MB, on a slow line), and the check to run.
LOAD_SECONDS, CHECK_SECONDS = 300, 60
PRIVACY = (
    "Your PDF is checked here, by your own browser: it is not uploaded, and nothing of it "
    "leaves your machine."
)
UNAVAILABLE = (
    "The self-check cannot run on this copy of the site. Check your camera-ready with the "
    "chairs' tool instead, in a clone of the workshop's repository:"
)


class selfcheck(nodes.General, nodes.Element):  # docutils' nodes are named in lower case
    """Where the form goes: ``tracks`` (each id, name, min_pages, max_pages), ``rules`` (the
    rules' JSON, as the engine reads it), ``serial``."""


class SelfcheckDirective(WorkshopDirective):
    optional_parts = ("papers",)  # the chairs' decisions, and the papers an author may pick

    def run(self) -> list[nodes.Node]:
        loaded = self.data(WithInfo)
        if loaded is None:
            return []
        rules = rules_of(loaded.workshop.info, loaded.workshop.papers)
        if not rules.tracks:
            return self.warn("workshop-selfcheck: workshop.yaml lists no tracks to check a paper against")
        node = selfcheck(
            tracks=[t.limits_json() for t in rules.tracks],
            rules=rules.to_json(),
            serial=self.env.new_serialno("workshop-selfcheck"),
        )
        self.set_source_info(node)
        domain.of(self.env).note_selfcheck(self.env.docname)
        return [node]


def _source(app: Sphinx) -> str:
    return os.environ.get(pyodide.ENV_SOURCE) or app.config.workshop_pyodide


class SelfCheck:
    """The build's offer (one per application): made after reading, used when writing."""

    def __init__(self) -> None:
        self.offer: selfcheckfiles.Offer | None = None

    def prepare(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        """(``env-updated``) The offer; the pages to write again because it changed."""
        self.offer = None
        pages = domain.of(env).selfcheck_pages()
        if not pages or app.builder.name not in SITE_BUILDERS:
            return []
        try:
            self.offer = selfcheckfiles.prepare(
                _source(app), app.config.workshop_selfcheck_engine, app.config.workshop_selfcheck_python
            )
            logger.info("workshop: the self-check carries %s", selfcheckfiles.describe(self.offer))
        except pyodide.RuntimeUnavailable as error:
            if _source(app).strip().lower() == pyodide.OFF:
                logger.info("workshop: the self-check page offers the chairs' tool: %s", error)
            else:
                self.unavailable(pages[0], f"the self-check's runtime (Pyodide {pyodide.VERSION}): {error}")
        except WorkshopError as error:
            self.unavailable(pages[0], f"the self-check's Python: {error}")
        fingerprint = self.offer.fingerprint() if self.offer is not None else None
        return pages if domain.of(env).selfcheck_offer_changed(fingerprint) else []

    @staticmethod
    def unavailable(docname: str, why: str) -> None:
        logger.warning(
            "%s; the page shows the chairs' command instead (a build that should not carry the "
            "self-check: %s=off)",
            why,
            pyodide.ENV_SOURCE,
            type=WARNING_TYPE,
            subtype="selfcheck",
            location=docname,
        )

    def render(self, app: Sphinx, doctree: nodes.document, docname: str) -> None:
        """(``doctree-resolved``) Each placeholder becomes the form, or the notice."""
        for node in list(doctree.findall(selfcheck)):
            if self.offer is not None and app.builder.name in SITE_BUILDERS:
                config = page_config(app, docname, node["rules"], self.offer)
                node.replace_self(nodes.raw("", form(node["serial"], node["tracks"], config), format="html"))
            else:
                node.replace_self(notice(node["tracks"]))

    def add_script(self, app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
        if self.offer is not None and pagename in domain.of(app.env).selfcheck_pages():
            app.add_js_file("workshop-selfcheck-report.js", loading_method="defer")
            app.add_js_file("workshop-selfcheck.js", loading_method="defer")

    def write(self, app: Sphinx, exception: BaseException | None) -> None:
        """(``build-finished``) The offer's files beside the pages (none: ``_selfcheck`` goes)."""
        if exception is not None or app.builder.name not in SITE_BUILDERS:
            return
        if self.offer is None and not (Path(app.outdir) / selfcheckfiles.FOLDER).exists():
            return
        try:
            written = selfcheckfiles.write(Path(app.outdir), self.offer)
        except OSError as error:
            logger.warning(
                "the self-check's files were not written (the last ones were left as they were): %s",
                cannot_write(error, again=SITE_AGAIN, elsewhere=SITE_ELSEWHERE),
                type=WARNING_TYPE,
                subtype="output",
            )
            return
        if written:
            logger.info("workshop: wrote %d file(s) of the self-check", len(written))


def page_config(app: Sphinx, docname: str, rules: str, offer: selfcheckfiles.Offer) -> dict:
    """The page's ``data-selfcheck``: addresses relative to the page, limits, the rules."""
    page = app.builder.get_target_uri(docname)
    config = offer.config()
    config["runtime"] = relative_uri(page, config["runtime"])
    for archive in config["python"]:
        archive["url"] = relative_uri(page, archive["url"])
    version = hashlib.sha256(WORKER.read_bytes()).hexdigest()[:8]
    config["worker"] = relative_uri(page, f"_static/{WORKER.name}") + f"?v={version}"
    config["rules"] = rules  # the text the engine reads, as the build wrote it
    config.update(maxBytes=MAX_BYTES, loadSeconds=LOAD_SECONDS, checkSeconds=CHECK_SECONDS)
    return config


def command(tracks: list[dict]) -> str:
    return f"python -m proceedings check --track {tracks[0]['id']} paper.pdf"


def notice(tracks: list[dict]) -> nodes.Element:
    """Where the self-check cannot run: what to run instead (any builder)."""
    box = nodes.container(classes=["workshop-selfcheck-unavailable"])
    box += nodes.paragraph("", UNAVAILABLE)
    box += nodes.literal_block("", command(tracks), language="console")
    return box


def form(serial: int, tracks: list[dict], config: dict) -> str:
    """The form: a track picker, a paper picker (hidden: the page offers the chosen track's
    papers where the rules list them), a drop zone that is a labelled file input, progress,
    and the live region the verdict is read out in.  Everything from the data is escaped."""
    ident = f"workshop-selfcheck-{serial}"
    options = "".join(
        f'<option value="{html.escape(t["id"])}">{html.escape(t["name"])} '
        f"({t['min_pages']}-{t['max_pages']} pages)</option>"
        for t in tracks
    )
    data = html.escape(json.dumps(config, sort_keys=True, ensure_ascii=False), quote=True)
    return f"""<div class="workshop-selfcheck" id="{ident}" data-selfcheck="{data}">
<p class="workshop-selfcheck-privacy">{html.escape(PRIVACY)}</p>
<div class="workshop-selfcheck-track"><label for="{ident}-track">Track</label>
<select id="{ident}-track" name="track">{options}</select></div>
<div class="workshop-selfcheck-paper" hidden><label for="{ident}-paper">Your accepted paper
<span>(optional: its page 1 is compared with the title and authors the site publishes)</span></label>
<select id="{ident}-paper" name="paper"><option value="">None chosen</option></select></div>
<div class="workshop-selfcheck-drop">
<label for="{ident}-file"><strong>Your camera-ready PDF</strong>
<span>Drop it here, or choose the file:</span></label>
<input type="file" id="{ident}-file" name="pdf" accept=".pdf,application/pdf">
</div>
<div class="workshop-selfcheck-progress" hidden><progress aria-labelledby="{ident}-step"></progress>
<span id="{ident}-step"></span></div>
<p class="workshop-selfcheck-status" role="status" aria-live="polite"></p>
<div class="workshop-selfcheck-details"></div>
<noscript><p>The self-check runs in your browser, with JavaScript. Without it, check your
camera-ready with the chairs' tool: <code>{html.escape(command(tracks))}</code></p></noscript>
</div>
"""


def setup(app: Sphinx) -> None:
    app.add_config_value("workshop_selfcheck_python", ["pypdf", "workshop.engine"], "", list)
    app.add_config_value("workshop_selfcheck_engine", "workshop.engine.page:check", "", str)
    app.add_config_value("workshop_pyodide", "", "", str)
    app.add_node(selfcheck)
    app.add_directive("workshop-selfcheck", SelfcheckDirective)
    state = SelfCheck()
    app.connect("env-updated", state.prepare)
    app.connect("doctree-resolved", state.render)
    app.connect("html-page-context", state.add_script)
    app.connect("build-finished", state.write)
