"""Read the Docs builds the site the way `nox -s docs` does, from a valid config."""

from __future__ import annotations

import json

import jsonschema
import yaml
from conftest import ROOT, shared_path


def config() -> dict:
    return yaml.safe_load((ROOT / ".readthedocs.yaml").read_text())


def test_config_validates_against_the_read_the_docs_schema():
    schema = json.loads(shared_path("schemas", "readthedocs", "schema.json").read_text())
    jsonschema.validate(config(), schema)


def test_read_the_docs_runs_nox_docs_into_its_output_folder():
    html = config()["build"]["jobs"]["build"]["html"]
    assert html == ['python -m nox -s docs -- "$READTHEDOCS_OUTPUT/html"']
