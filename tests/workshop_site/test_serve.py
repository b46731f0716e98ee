"""``nox -s serve``: the site served on 127.0.0.1 by sphinx-autobuild, rebuilt when a page
of prose or a data file changes, and each page carrying the script that reloads it.

The noxfile's own command runs here, on a copy of the site and a free port, and the
served page is read over HTTP until it shows the edit (or a minute and a half passes)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import copy_site, load_noxfile

pytest.importorskip("sphinx_autobuild")
#: The longest a rebuild may take on a busy machine before the test gives up.
PATIENCE = 150.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def page(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url: str, text: str, server: subprocess.Popen, log: Path) -> str:
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        assert server.poll() is None, f"the server stopped:\n{log.read_text()}"
        found = page(url)
        if found is not None and text in found:
            return found
        time.sleep(0.5)
    raise AssertionError(f"{url} never showed {text!r}:\n{log.read_text()[-3000:]}")


@pytest.fixture
def served(tmp_path):
    site = copy_site(tmp_path / "site")
    (site / "pyproject.toml").write_text("")
    port = free_port()
    command = load_noxfile().serve_command(site, tmp_path / "out", "--port", str(port))
    assert command[:3] == ["sphinx-autobuild", "--host", "127.0.0.1"]
    log = tmp_path / "server.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "sphinx_autobuild", *command[1:]],
            cwd=site,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield site, f"http://127.0.0.1:{port}/", server, log
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def test_a_change_of_prose_or_data_is_served_rebuilt(served):
    site, url, server, log = served
    first = wait_for(f"{url}index.html", "Hyatt Regency Miami", server, log)
    assert "/websocket-reload" in first  # the page reloads itself when the site is rebuilt
    with (site / "docs" / "index.md").open("a") as prose:
        prose.write("\nThe live preview shows this sentence.\n")
    wait_for(f"{url}index.html", "The live preview shows this sentence.", server, log)
    workshop = site / "docs" / "data" / "workshop.yaml"
    workshop.write_text(workshop.read_text().replace("Hyatt Regency Miami", "Palais des Congrès"))
    wait_for(f"{url}index.html", "Palais des Congrès", server, log)
    papers = site / "docs" / "data" / "papers.yaml"
    papers.write_text(papers.read_text().replace("Chakra:", "Chakra (revised):", 1))
    wait_for(f"{url}papers.html", "Chakra (revised):", server, log)
