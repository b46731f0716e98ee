"""What a paper talk and a poster's entry say of how their paper is presented: the fields
both share (:class:`Presentation`), which :mod:`workshop.core.presenting` resolves."""

from __future__ import annotations

from workshop.core.fields import Line, Model


class Presentation(Model):
    """What a paper talk and a poster's entry may say of how their paper is presented."""

    #: The author who presents (a name of the paper's ``authors``): the paper's ``presenter``,
    #: else its first author, when not given.
    presenter: Line | None = None
    #: The paper is presented elsewhere in the program too, on purpose (a talk and a poster).
    again: bool = False
