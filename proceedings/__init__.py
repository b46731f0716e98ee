"""The chairs' tool: page-limit check and proceedings volume (``python -m proceedings``)."""
