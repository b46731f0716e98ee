"""The identifiers a volume and its papers carry, checked as their registries check them:
DOIs and their prefixes, ORCID iDs, ISBNs, ISSNs and SPDX license ids.  Standard library
only; each check takes the value as written and returns it in its registry's form, or
raises :class:`ValueError` with what is wrong in words (the model's field types wrap these,
so a refusal is a problem at its file, line and field).

Check digits: an ORCID iD's last character is ISO 7064 MOD 11-2 of the fifteen digits
before it (``X`` for 10); an ISBN-13's last digit makes the weighted sum (1, 3, 1, 3, ...)
a multiple of 10, an ISBN-10's and an ISSN's the sum weighted from 10 (ISBN) or 8 (ISSN)
down to 1 a multiple of 11 (``X`` for 10).  A typo in one digit, or two digits swapped,
fails them.
"""

from __future__ import annotations

import difflib
import re
import string

from workshop.core.spdx import IDS as SPDX_IDS

#: How a DOI may be written in the data, before the registry's own form ``10.NNNN/suffix``.
DOI_ADDRESSES = ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:")
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_DOI_PREFIX = re.compile(r"10\.\d{4,9}")
#: The characters Crossref advises for a DOI's suffix (any other must be escaped wherever it
#: goes: a URL, XML, BibTeX), so a minted suffix keeps to them.
_SUFFIX = re.compile(r"[A-Za-z0-9\-._;()/:]+")


def doi(value: str) -> str:
    """``10.1145/3578356.3592577`` (``https://doi.org/`` or ``doi:`` before it dropped)."""
    for prefix in DOI_ADDRESSES:
        value = value.removeprefix(prefix)
    if not _DOI.fullmatch(value):
        raise ValueError(
            f"{value!r} is not a DOI: write it as 10.NNNN/suffix (10.1145/3578356.3592577, "
            "or https://doi.org/10.1145/...)"
        )
    return value


def doi_prefix(value: str) -> str:
    """A registrant's DOI prefix: ``10.5555`` (``10.`` and four to nine digits)."""
    if not _DOI_PREFIX.fullmatch(value):
        raise ValueError(
            f"{value!r} is not a DOI prefix: write the prefix your registration agency gave you, "
            '"10." and four to nine digits (10.5555)'
        )
    return value


def doi_pattern(value: str, fields: tuple[str, ...]) -> str:
    """A pattern that mints a DOI's suffix from ``{field}`` names in ``fields``, and characters
    a DOI suffix takes (letters, digits, ``-._;()/:``)."""
    try:
        parts = list(string.Formatter().parse(value))
    except ValueError as error:
        raise ValueError(f"{value!r} is not a pattern: {error} (write a field as {{id}})") from None
    known = ", ".join(f"{{{f}}}" for f in fields)
    literal = ""
    for text, field, spec, conversion in parts:
        literal += text
        if field is not None and field not in fields:
            raise ValueError(f"{value!r} names {{{field}}}, which is not one of {known}")
        if spec or conversion:
            raise ValueError(f"{value!r} gives {{{field}}} a format: write the field alone, {{{field}}}")
    if literal and not _SUFFIX.fullmatch(literal):
        raise ValueError(
            f"{value!r} holds characters a DOI suffix should not: use letters, digits and - . _ ; ( ) / :"
        )
    return value


def mint(prefix: str, pattern: str, **fields: str) -> str:
    """``10.5555/mlbench24.lefevre-sparse-training``: the prefix, and the pattern filled in."""
    return f"{prefix}/{pattern.format(**fields)}"


def orcid(value: str) -> str:
    """``0000-0002-1825-0097``: four groups of four, the last character its check digit
    (``https://orcid.org/`` before it dropped)."""
    value = value.removeprefix("https://orcid.org/").removeprefix("http://orcid.org/")
    if not re.fullmatch(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]", value):
        raise ValueError(f"{value!r} is not an ORCID iD (0000-0002-1825-0097)")
    digits = value.replace("-", "")
    total = 0
    for digit in digits[:-1]:
        total = (total + int(digit)) * 2
    check = (12 - total % 11) % 11
    expected = "X" if check == 10 else str(check)
    if digits[-1] != expected:
        raise ValueError(
            f"{value!r} is not an ORCID iD: its check digit should be {expected} (ISO 7064 11,2); "
            "copy the iD from the person's ORCID record"
        )
    return value


def isbn(value: str) -> str:
    """An ISBN-13 or ISBN-10 as written (hyphens or spaces between its groups allowed), its
    check digit right."""
    digits = re.sub(r"[\s-]", "", value).upper()
    if re.fullmatch(r"97[89]\d{10}", digits):
        total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits[:12]))
        expected = str((10 - total % 10) % 10)
    elif re.fullmatch(r"\d{9}[\dX]", digits):
        total = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9]))
        check = (11 - total % 11) % 11
        expected = "X" if check == 10 else str(check)
    else:
        raise ValueError(f"{value!r} is not an ISBN: write its 13 digits (978-...) or 10, hyphens allowed")
    if digits[-1] != expected:
        raise ValueError(f"{value!r} is not an ISBN: its check digit should be {expected}; copy it again")
    return value.strip()


def issn(value: str) -> str:
    """``2640-3498``: seven digits and a check digit (``X`` for 10), written ``NNNN-NNNC``."""
    digits = value.replace("-", "").upper()
    if not re.fullmatch(r"\d{7}[\dX]", digits):
        raise ValueError(f"{value!r} is not an ISSN: write it as NNNN-NNNN (2640-3498)")
    check = (11 - sum(int(d) * (8 - i) for i, d in enumerate(digits[:7])) % 11) % 11
    expected = "X" if check == 10 else str(check)
    if digits[-1] != expected:
        raise ValueError(f"{value!r} is not an ISSN: its check digit should be {expected}; copy it again")
    return f"{digits[:4]}-{digits[4:]}"


_SPDX_FOLDED = {license_id.lower(): license_id for license_id in SPDX_IDS}


def spdx_license(value: str) -> str:
    """An SPDX license id, spelt as the SPDX License List spells it (ids match in any case):
    ``cc-by-4.0`` -> ``CC-BY-4.0``."""
    found = _SPDX_FOLDED.get(value.lower())
    if found is None:
        meant = difflib.get_close_matches(value, sorted(SPDX_IDS), n=1, cutoff=0.75)
        hint = (
            f": did you mean {meant[0]!r}?" if meant else " (CC-BY-4.0, CC0-1.0, ...: see spdx.org/licenses)"
        )
        raise ValueError(f"{value!r} is not an SPDX license id{hint}")
    return found


def license_url(license_id: str) -> str:
    """Where a license is read: Creative Commons' own page for its licenses (what Crossref and
    DataCite expect), else the SPDX License List's page."""
    match = re.fullmatch(r"CC-(BY(?:-NC)?(?:-ND|-SA)?)-(\d\.\d)", license_id)
    if match:
        return f"https://creativecommons.org/licenses/{match[1].lower()}/{match[2]}/"
    if license_id == "CC0-1.0":
        return "https://creativecommons.org/publicdomain/zero/1.0/"
    return f"https://spdx.org/licenses/{license_id}.html"
