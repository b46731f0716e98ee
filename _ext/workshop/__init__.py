"""The workshop's data model and its Sphinx extension.

``workshop.model``/``workshop.load`` are plain Python, shared with the proceedings
tool; ``workshop.sphinxext`` renders the model into pages.  Sphinx finds
:func:`setup` here (``extensions = ["workshop"]``); it imports Sphinx only when
called, so the proceedings never pay for it.
"""

__version__ = "0.1.0"


def setup(app):  # noqa: ANN001, ANN201 - Sphinx's entry point
    from .sphinxext import setup as _setup

    return _setup(app)
