"""The workshop's data model and its Sphinx extension.

``workshop.model``/``workshop.load`` are plain Python, shared with the proceedings
tool; ``workshop.sphinxext`` renders the model into pages.  Sphinx finds
:func:`setup` here (``extensions = ["workshop"]``); it imports Sphinx only when
called, so the proceedings never pay for it.

The modules, by job: the data model (:mod:`.model`), its one loader (:mod:`.load`),
the checks across fields and files (:mod:`.validate`, reporting :mod:`.problems`),
how facts are worded (:mod:`.fmt`), the program with its slots resolved
(:mod:`.program`), the date every output is stamped with (:mod:`.epoch`); then what renders them: :mod:`.exports` (calendars and conference
apps, one module per format) and :mod:`.sphinxext` (directives, roles, the exports
written with the site).
"""

__version__ = "0.1.0"


def setup(app):  # noqa: ANN001, ANN201 - Sphinx's entry point
    from .sphinxext import setup as _setup

    return _setup(app)
