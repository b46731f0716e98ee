"""``nox -s linkcheck`` (``python -m tools.linkcheck``): Sphinx's linkcheck on the site; a
broken link fails it, and a machine without a network gets one line and exit status 0.

The links go to a server on 127.0.0.1 run by the test, or through a proxy that is not
there (how a machine without a network, or behind a dead proxy, fails every link)."""

from __future__ import annotations

import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import ROOT

from tools.linkcheck import offline


def linkcheck(source: Path, out: Path, confdir: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    environment.update(env, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "tools.linkcheck", str(source), str(out), "-c", str(confdir)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
    )


def test_without_a_network_it_says_so_in_one_line_and_exits_0(tmp_path):
    dead = "http://127.0.0.1:9"  # the discard port: nothing listens there
    done = linkcheck(ROOT / "docs", tmp_path / "out", ROOT, {"HTTPS_PROXY": dead, "HTTP_PROXY": dead})
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("linkcheck: no network: none of the ") and done.stdout.count("\n") == 1
    assert "nothing was checked" in done.stdout
    assert done.stderr == ""


@pytest.fixture
def server():
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_HEAD(self):
            self.send_response(200 if self.path == "/ok" else 404)
            self.end_headers()

        do_GET = do_HEAD

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_broken_link_fails_it_naming_the_link(tmp_path, server):
    source = tmp_path / "docs"
    source.mkdir()
    (source / "conf.py").write_text("extensions = []\n")
    (source / "index.rst").write_text(f"Links\n=====\n\n`ok <{server}/ok>`_ and `gone <{server}/gone>`_.\n")
    done = linkcheck(source, tmp_path / "out", source, {"NO_PROXY": "127.0.0.1"})
    assert done.returncode == 1
    assert "2 external links, 1 broken" in done.stdout
    assert f"{server}/gone" in done.stderr and f"{server}/ok" not in done.stderr


def test_only_links_that_never_answered_mean_no_network():
    refused = {"uri": "https://a.example/", "status": "broken", "code": 0, "info": "ProxyError(...)"}
    missing = {"uri": "https://b.example/", "status": "broken", "code": 404, "info": "404 Not Found"}
    working = {"uri": "https://c.example/", "status": "working", "code": 0, "info": ""}
    assert offline([refused, refused]) == "the proxy cannot be reached"
    assert offline([refused, missing]) is None  # one answered: the network is there
    assert offline([refused, working]) is None
    assert offline([]) is None
