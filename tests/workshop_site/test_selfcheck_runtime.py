"""The self-check's runtime as the build gets it (workshop.site.pyodide): from a tarball or
the registry, checked against its pinned sha512, bounded, cached; and refused, with one line
saying what to do, when it is not the pinned tarball, cannot be fetched or holds a member
that leads out of its folder.

The tarballs here are made by the test (a pin is a hash: each is pinned as it is made), so
none of this needs the network; the registry is a local server."""

from __future__ import annotations

import base64
import functools
import hashlib
import io
import json
import tarfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from workshop.site import pyodide
from workshop.site.pyodide import FILES, RuntimeUnavailable, obtain

LOCK = {"info": {"abi_version": "2026_0", "python": "3.14.2"}, "packages": {"numpy": {"file_name": "x.whl"}}}


def tarball(path: Path, members: dict[str, bytes] | None = None, links: dict[str, str] | None = None) -> str:
    """A package tarball as npm packs one (every file under package/); its integrity."""
    if members is None:
        members = {f"package/{name}": f"{name} of the test".encode() for name in FILES}
        members["package/pyodide-lock.json"] = json.dumps(LOCK).encode()
        members["package/pyodide.d.ts"] = b"declarations the page does not need"
    with tarfile.open(path, "w:gz") as archive:
        for name, data in members.items():
            member = tarfile.TarInfo(name)
            member.size = len(data)
            archive.addfile(member, io.BytesIO(data))
        for name, target in (links or {}).items():
            member = tarfile.TarInfo(name)
            member.type, member.linkname = tarfile.SYMTYPE, target
            archive.addfile(member)
    return "sha512-" + base64.b64encode(hashlib.sha512(path.read_bytes()).digest()).decode()


def test_the_pinned_files_are_taken_out_checked_and_kept(tmp_path):
    source = tmp_path / "pyodide-9.9.9.tgz"
    integrity = tarball(source)
    runtime = obtain(str(source), tmp_path / "cache", version="9.9.9", integrity=integrity)
    assert sorted(p.name for p in runtime.folder.iterdir()) == sorted(FILES)  # no declarations
    assert (runtime.folder / "pyodide.mjs").read_bytes() == b"pyodide.mjs of the test"
    # The lock file keeps what the loader checks (the ABI) and lists no package to fetch.
    assert json.loads((runtime.folder / "pyodide-lock.json").read_text()) == {
        "info": LOCK["info"],
        "packages": {},
    }
    # Later builds take it from the cache, whatever the source says now.
    source.unlink()
    again = obtain(str(source), tmp_path / "cache", version="9.9.9", integrity=integrity)
    assert again == runtime
    assert [p.name for p in (tmp_path / "cache" / "pyodide").iterdir()] == [runtime.folder.name]


def test_a_folder_holding_the_tarball_is_a_source(tmp_path):
    integrity = tarball(tmp_path / "pyodide-9.9.9.tgz")
    assert obtain(str(tmp_path), tmp_path / "cache", version="9.9.9", integrity=integrity).version == "9.9.9"


def test_a_tarball_that_is_not_the_pinned_one_is_refused(tmp_path):
    source = tmp_path / "pyodide-9.9.9.tgz"
    tarball(source)
    other = tarball(tmp_path / "other.tgz", {"package/pyodide.mjs": b"another"})
    with pytest.raises(RuntimeUnavailable, match=r"does not match the pinned sha512") as raised:
        obtain(str(source), tmp_path / "cache", version="9.9.9", integrity=other)
    assert str(source) in str(raised.value)
    assert pyodide.cached(tmp_path / "cache", "9.9.9", other) is None
    assert list((tmp_path / "cache" / "pyodide").iterdir()) == []  # the work folder is gone


@pytest.mark.parametrize(
    "name", ["package/../escaped.txt", "../escaped.txt", "/tmp/escaped.txt", "other/pyodide.mjs"]
)
def test_a_member_leading_out_of_the_package_folder_refuses_the_tarball(tmp_path, name):
    source = tmp_path / "evil.tgz"
    members = {f"package/{file}": b"x" for file in FILES} | {name: b"escaped"}
    integrity = tarball(source, members)
    with pytest.raises(RuntimeUnavailable, match=r"leads outside package/"):
        obtain(str(source), tmp_path / "cache", version="9.9.9", integrity=integrity)
    assert not list(tmp_path.rglob("escaped.txt"))


def test_a_link_in_place_of_a_file_is_refused(tmp_path):
    source = tmp_path / "links.tgz"
    members = {f"package/{file}": b"x" for file in FILES if file != "pyodide.mjs"}
    integrity = tarball(source, members, links={"package/pyodide.mjs": "/etc/passwd"})
    with pytest.raises(RuntimeUnavailable, match=r"package/pyodide.mjs is not a regular file"):
        obtain(str(source), tmp_path / "cache", version="9.9.9", integrity=integrity)


def test_a_member_larger_than_the_bound_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(pyodide, "MAX_MEMBER", 1000)
    source = tmp_path / "big.tgz"
    members = {f"package/{file}": b"x" for file in FILES} | {"package/big.bin": bytes(5000)}
    integrity = tarball(source, members)
    with pytest.raises(RuntimeUnavailable, match=r"more than a Pyodide tarball holds"):
        obtain(str(source), tmp_path / "cache", version="9.9.9", integrity=integrity)


def test_a_tarball_without_the_runtime_is_refused(tmp_path):
    source = tmp_path / "pyodide-9.9.9.tgz"
    integrity = tarball(source, {"package/README.md": b"nothing else"})
    with pytest.raises(
        RuntimeUnavailable, match=r"no pyodide-lock.json, pyodide.asm.mjs, .* not a Pyodide tarball"
    ):
        obtain(str(source), tmp_path / "cache", version="9.9.9", integrity=integrity)


def test_a_file_that_is_no_tarball_is_refused(tmp_path):
    source = tmp_path / "pyodide-9.9.9.tgz"
    source.write_bytes(b"<html>a proxy's error page</html>")
    integrity = "sha512-" + base64.b64encode(hashlib.sha512(source.read_bytes()).digest()).decode()
    with pytest.raises(RuntimeUnavailable, match=r"not a readable tarball"):
        obtain(str(source), tmp_path / "cache", version="9.9.9", integrity=integrity)


def test_a_missing_source_says_what_to_name(tmp_path):
    with pytest.raises(
        RuntimeUnavailable, match=r"WORKSHOP_PYODIDE: .* is not a file: .*npm pack pyodide@9.9.9"
    ):
        obtain(
            str(tmp_path / "nowhere.tgz"), tmp_path / "cache", version="9.9.9", integrity=pyodide.INTEGRITY
        )


def test_off_builds_without_it(tmp_path):
    with pytest.raises(RuntimeUnavailable, match=r"off"):
        obtain("off", tmp_path / "cache")
    assert not (tmp_path / "cache").exists()


def test_a_cache_that_cannot_be_written_says_how_to_name_another(tmp_path):
    (tmp_path / "cache").write_text("a file where the cache folder would be")
    with pytest.raises(RuntimeUnavailable, match=r"cannot write the cache folder .* set WORKSHOP_CACHE_DIR"):
        obtain("", tmp_path / "cache")


@pytest.fixture
def registry(tmp_path):
    """A registry on 127.0.0.1 serving tmp_path/registry as npm lays tarballs out."""
    folder = tmp_path / "registry"
    (folder / "pyodide" / "-").mkdir(parents=True)
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *args: None  # type: ignore[method-assign]
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield folder / "pyodide" / "-", f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_the_registry_s_tarball_is_fetched_and_checked(tmp_path, registry):
    folder, url = registry
    integrity = tarball(folder / "pyodide-9.9.9.tgz")
    runtime = obtain("", tmp_path / "cache", version="9.9.9", integrity=integrity, registry=url)
    assert (runtime.folder / "python_stdlib.zip").read_bytes() == b"python_stdlib.zip of the test"


def test_a_registry_serving_another_tarball_is_named_in_the_refusal(tmp_path, registry):
    folder, url = registry
    tarball(folder / "pyodide-9.9.9.tgz")
    pinned = tarball(tmp_path / "pinned.tgz", {"package/pyodide.mjs": b"the pinned one"})
    with pytest.raises(
        RuntimeUnavailable, match=rf"^{url}pyodide/-/pyodide-9.9.9.tgz does not match the pinned"
    ):
        obtain("", tmp_path / "cache", version="9.9.9", integrity=pinned, registry=url)


def test_a_download_larger_than_the_bound_is_cut_off(tmp_path, registry, monkeypatch):
    folder, url = registry
    integrity = tarball(folder / "pyodide-9.9.9.tgz")
    monkeypatch.setattr(pyodide, "MAX_TARBALL", 100)
    with pytest.raises(RuntimeUnavailable, match=r"larger than"):
        obtain("", tmp_path / "cache", version="9.9.9", integrity=integrity, registry=url)


def test_no_registry_says_how_to_build_offline(tmp_path, registry):
    _, url = registry  # the tarball is not there: HTTP 404
    with pytest.raises(RuntimeUnavailable, match=r"cannot fetch .*pyodide-9.9.9.tgz .*set WORKSHOP_PYODIDE"):
        obtain("", tmp_path / "cache", version="9.9.9", integrity=pyodide.INTEGRITY, registry=url)
    with pytest.raises(RuntimeUnavailable, match=r"cannot fetch http://127.0.0.1:9/"):
        obtain(
            "",
            tmp_path / "cache",
            version="9.9.9",
            integrity=pyodide.INTEGRITY,
            registry="http://127.0.0.1:9/",
        )


class CutShort(SimpleHTTPRequestHandler):
    """A registry whose answer ends before the length it announced (a dropped connection)."""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", "100000")
        self.end_headers()
        self.wfile.write(b"\x1f\x8b only the start")
        self.close_connection = True

    def log_message(self, *args) -> None:
        pass


def test_a_download_cut_short_is_one_line(tmp_path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), CutShort)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with pytest.raises(
            RuntimeUnavailable, match=r"cannot fetch .*: the download was cut short \(17 of 100,000"
        ):
            obtain(
                "",
                tmp_path / "cache",
                version="9.9.9",
                integrity=pyodide.INTEGRITY,
                registry=f"http://127.0.0.1:{server.server_address[1]}/",
            )
    finally:
        server.shutdown()
        server.server_close()
    assert list((tmp_path / "cache" / "pyodide").iterdir()) == []
