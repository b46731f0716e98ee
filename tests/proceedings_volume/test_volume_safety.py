"""Nothing active from a paper's PDF reaches the volume: hostile papers (made here with
pypdf's writer on papers from fpdf2) hide scripts and actions where viewers find them
(links whose address a viewer reads as ``javascript:``, launch actions, bookmarks, open
and additional actions, chains of actions, direct and indirect objects), the chair's
command builds the volume, and every object of every PDF it wrote is walked, as pypdf
and as qpdf read it: no action but go-to and web links (http, https, mailto, written as
plain ASCII), no script, no form, no file.  What was removed is counted in volume.json
and the build's summary."""

from __future__ import annotations

import codecs
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)
from volume_support import add_papers, body_pages, copy_data, hostile_paper, run_build

from proceedings.volume.sanitize import web_link

#: Every kind of action (PDF 2.0, 12.6.4): a dictionary with one as /S is an action.
ACTIONS = {
    "/GoTo",
    "/GoToR",
    "/GoToE",
    "/GoToDp",
    "/Launch",
    "/Thread",
    "/URI",
    "/Sound",
    "/Movie",
    "/Hide",
    "/Named",
    "/SubmitForm",
    "/ResetForm",
    "/ImportData",
    "/SetOCGState",
    "/Rendition",
    "/Trans",
    "/GoTo3DView",
    "/JavaScript",
    "/RichMediaExecute",
}
MARKUP_AND_LINKS = {
    "/Link",
    "/Text",
    "/FreeText",
    "/Line",
    "/Square",
    "/Circle",
    "/Polygon",
    "/PolyLine",
    "/Highlight",
    "/Underline",
    "/Squiggly",
    "/StrikeOut",
    "/Stamp",
    "/Caret",
    "/Ink",
    "/Popup",
}
#: Keys that hold scripts, actions run by events, forms or files, wherever they stand.
FORBIDDEN_KEYS = {
    "/JS",
    "/AA",
    "/OpenAction",
    "/AcroForm",
    "/EmbeddedFiles",
    "/EmbeddedFile",
    "/EF",
    "/AF",
    "/JavaScript",
    "/XFA",
    "/FT",
    "/Launch",
}
KEPT = [
    "https://mlsys.org/",
    "https://example.org/a%20b",
    "https://mlsys.org/%C3%BCn%C3%AFcode",
    "mailto:chairs@example.org",
    "http://example.org/",
]


def name(value: str) -> NameObject:
    return NameObject(value)


def action(kind: str, **entries) -> DictionaryObject:
    found = DictionaryObject({name("/S"): name(f"/{kind}")})
    for key, value in entries.items():
        found[name(f"/{key}")] = value
    return found


def script(text: str) -> DictionaryObject:
    return action("JavaScript", JS=TextStringObject(text))


def utf16(text: str, bom: bytes = codecs.BOM_UTF16_BE, codec: str = "utf-16-be") -> ByteStringObject:
    return ByteStringObject(bom + text.encode(codec))


def link(y: int, **entries) -> DictionaryObject:
    found = DictionaryObject(
        {
            name("/Type"): name("/Annot"),
            name("/Subtype"): name("/Link"),
            name("/Rect"): ArrayObject([FloatObject(v) for v in (72, y, 200, y + 12)]),
        }
    )
    for key, value in entries.items():
        found[name(f"/{key}")] = value
    return found


def uri(value) -> DictionaryObject:
    return action("URI", URI=value)


def viewers_nightmare(path: Path) -> Path:
    """A paper hiding what :func:`volume_support.hostile_paper` does not: addresses a
    viewer reads as JavaScript though they do not start with "javascript:" byte for byte,
    other schemes, an address in an object of its own, a chain of actions, actions in a
    bookmark, in a direct annotation, under an annotation's /PA and under a key no viewer
    reads, an annotation of no kind the volume keeps, a stream whose data is in another
    file; and good links that must survive, written plainly."""
    writer = pypdf.PdfWriter(
        clone_from=str(body_pages(path.with_suffix(".plain.pdf"), "A Viewer's Nightmare", 4))
    )
    hostile_uris = [
        ByteStringObject(b"\x01JaVaScRiPt:alert(1)"),  # C0 controls before it: a browser drops them
        utf16("javascript:alert(2)"),  # UTF-16BE with its byte order mark
        utf16("javascript:alert(3)", codecs.BOM_UTF16_LE, "utf-16-le"),
        ByteStringObject(codecs.BOM_UTF8 + b"javascript:alert(4)"),  # PDF 2.0's UTF-8
        ByteStringObject(b" java\tscr\nipt:alert(5)"),  # tabs and newlines vanish from a URL
        TextStringObject("file:///etc/passwd"),
        TextStringObject("data:text/html;base64,PHNjcmlwdD5hbGVydCg2KTwvc2NyaXB0Pg=="),
        TextStringObject("vbscript:msgbox(7)"),
        TextStringObject("papers/other.pdf"),  # relative
        TextStringObject("www.example.org"),  # no scheme
        name("/javascript:alert(8)"),  # a name, not a string
    ]
    good_uris = [
        TextStringObject("https://mlsys.org/"),
        ByteStringObject(b"\x00 \tHTTPS://example.org/a b\x1f"),
        utf16("https://mlsys.org/\u00fcn\u00efcode"),
        TextStringObject("MAILTO:chairs@example.org"),
    ]
    for i, value in enumerate(hostile_uris + good_uris):
        writer.add_annotation(0, link(700 - 14 * i, A=uri(value)))
    # The address in an object of its own, once hostile and once good.
    writer.add_annotation(1, link(700, A=uri(writer._add_object(TextStringObject("javascript:alert(9)")))))
    writer.add_annotation(
        1, link(680, A=writer._add_object(uri(writer._add_object(TextStringObject("http://example.org/")))))
    )
    # A good link with a chain: JavaScript, then a launch, then a web link again.
    chain = uri(TextStringObject("https://mlsys.org/"))
    chain[name("/Next")] = ArrayObject(
        [
            script("app.alert(10)"),
            writer._add_object(
                action(
                    "Launch", F=TextStringObject("calc.exe"), Next=uri(TextStringObject("https://mlsys.org/"))
                )
            ),
        ]
    )
    writer.add_annotation(1, link(660, A=chain))
    # /PA (the link's parent's action), an action under a key no viewer reads, a link to another file.
    writer.add_annotation(
        1,
        link(
            640,
            Dest=ArrayObject([writer.pages[0].indirect_reference, name("/Fit")]),
            PA=script("app.alert(11)"),
            Hidden=script("app.alert(12)"),
        ),
    )
    writer.add_annotation(
        1,
        link(
            620,
            A=action(
                "GoToR", F=TextStringObject("other.pdf"), D=ArrayObject([NumberObject(0), name("/Fit")])
            ),
        ),
    )
    # Annotations written straight into the page's /Annots (direct objects), one of no kept kind
    # (a viewer takes whatever stands in /Annots for an annotation, /Type or not).
    page = writer.pages[2]
    page[name("/Annots")] = ArrayObject(
        [
            link(700, A=uri(utf16("javascript:alert(13)"))),
            link(680, A=uri(TextStringObject("https://mlsys.org/"))),
            DictionaryObject(
                {
                    name("/Subtype"): name("/RichMedia"),
                    name("/Rect"): ArrayObject([NumberObject(v) for v in (0, 0, 9, 9)]),
                }
            ),
            DictionaryObject(
                {
                    name("/Subtype"): name("/Evil\x1b[31m"),
                    name("/Rect"): ArrayObject([NumberObject(v) for v in (0, 0, 9, 9)]),
                    name("/A"): script("app.alert(14)"),
                }
            ),
        ]
    )
    # Additional actions on a page and on a link; a script run when the file opens.
    writer.pages[3][name("/AA")] = DictionaryObject({name("/O"): script("app.alert(15)")})
    writer.add_annotation(
        3,
        link(
            700,
            A=uri(TextStringObject("https://mlsys.org/")),
            AA=DictionaryObject({name("/E"): script("app.alert(16)")}),
        ),
    )
    writer._root_object[name("/OpenAction")] = script("app.alert(17)")
    # A bookmark that runs a script.
    bookmark = writer.add_outline_item(title="Run me", page_number=0).get_object()
    bookmark[name("/A")] = script("app.alert(18)")
    # The first page's content stream says its data is in another file.
    contents = writer.pages[0]["/Contents"]
    stream = (contents[0] if isinstance(contents, ArrayObject) else contents).get_object()
    assert isinstance(stream, StreamObject)
    stream[name("/F")] = TextStringObject("payload.bin")
    # A font whose name holds a terminal's escape sequence (not embedded: the summary names it).
    resources = writer.pages[0]["/Resources"]
    resources[name("/AA")] = DictionaryObject({name("/O"): script("app.alert(19)")})  # where no viewer looks
    fonts = resources["/Font"]
    fonts[name("/FEvil")] = DictionaryObject(
        {
            name("/Type"): name("/Font"),
            name("/Subtype"): name("/Type1"),
            name("/BaseFont"): name("/Sneaky\x1b[2J"),
        }
    )
    writer.write(str(path))
    path.with_suffix(".plain.pdf").unlink()
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, str]:
    site = tmp_path_factory.mktemp("safety")
    data = copy_data(site)
    viewers_nightmare(data / "papers" / "nightmare.pdf")
    hostile_paper(data / "papers" / "hostile.pdf")
    add_papers(
        data,
        [
            {
                "id": "nightmare",
                "title": "A Viewer's Nightmare",
                "track": "short",
                "pdf": "papers/nightmare.pdf",
                "authors": [{"name": "Mallory Doe"}],
            },
            {
                "id": "hostile",
                "title": "A Paper With Scripts",
                "track": "short",
                "pdf": "papers/hostile.pdf",
                "authors": [{"name": "Eve Doe"}],
            },
        ],
    )
    out = site / "out"
    done = run_build(data, out)
    assert done.returncode == 0, done.stderr
    return out, done.stdout


def written_pdfs(out: Path) -> list[Path]:
    pdfs = [out / "volume.pdf", *sorted((out / "papers").glob("*.pdf"))]
    assert len(pdfs) == 1 + 5
    return pdfs


# --- every object, as two readers read it ------------------------------------------------------


def plain(value: object) -> object:
    """A pypdf object as plain data: dict, list, ("name", "/X"), ("string", bytes), number."""
    if isinstance(value, IndirectObject):
        return ("ref", value.idnum)
    if isinstance(value, DictionaryObject):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, NameObject):
        return ("name", str(value))
    if isinstance(value, (TextStringObject, ByteStringObject)):
        return ("string", bytes(value.original_bytes))
    return value


def objects_by_pypdf(pdf: Path) -> Iterator[object]:
    reader = pypdf.PdfReader(pdf, strict=True)
    yield plain(reader.trailer)
    numbers = [(n, g) for g, table in reader.xref.items() for n in table] + [
        (n, 0) for n in reader.xref_objStm
    ]
    assert numbers
    for number, generation in numbers:
        yield plain(reader.get_object(IndirectObject(number, generation, reader)))


def objects_by_qpdf(pdf: Path) -> Iterator[object]:
    """The same through qpdf's own parser (``--json``): names ``/X``, strings ``u:text`` or
    ``b:hex``, references ``N 0 R``, a stream as its dictionary."""
    if shutil.which("qpdf") is None:
        pytest.skip("qpdf is not installed (apt install qpdf)")
    done = subprocess.run(
        ["qpdf", "--json=2", "--json-key=qpdf", str(pdf)], capture_output=True, text=True, check=True
    )

    objects = json.loads(done.stdout)["qpdf"][1]
    assert objects
    for key, entry in objects.items():
        if key == "trailer":
            yield _from_qpdf(entry["value"])
        elif "stream" in entry:
            yield _from_qpdf(entry["stream"]["dict"])
        else:
            yield _from_qpdf(entry["value"])


def _from_qpdf(value):
    """A value of qpdf's JSON as :func:`plain` writes pypdf's."""
    if isinstance(value, dict):
        return {k: _from_qpdf(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_from_qpdf(v) for v in value]
    if isinstance(value, str):
        if value.startswith("/"):
            return ("name", value)
        if value.startswith("u:"):
            return ("string", value[2:].encode("utf-8"))
        if value.startswith("b:"):
            return ("string", bytes.fromhex(value[2:]))
        if re.fullmatch(r"\d+ \d+ R", value):
            return ("ref", int(value.split()[0]))
    return value


def as_a_browser_reads(raw: bytes) -> tuple[str | None, str]:
    """A URI's scheme as a viewer that hands it to a browser reads it, and the text:
    a byte order mark says UTF-16 or UTF-8, else each byte is a character; C0 controls and
    spaces around it and tabs and newlines inside it are dropped (WHATWG URL)."""
    for bom, codec in (
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF8, "utf-8"),
    ):
        if raw.startswith(bom):
            text = raw[len(bom) :].decode(codec, "replace")
            break
    else:
        text = raw.decode("latin-1")
    text = re.sub(r"[\t\n\r]", "", text.strip("".join(map(chr, range(33)))))
    scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", text)
    return (scheme.group(1).lower() if scheme else None), text


def _action_problems(action: dict, s: str, where: str) -> Iterator[str]:
    """Whatever an action (of kind ``s``) could do but go to a page or a web address."""
    if s not in ("/GoTo", "/URI"):
        yield f"{where}: a {s or 'typeless'} action"
    if "/Next" in action:
        yield f"{where}: a chained action"
    if s == "/URI":
        yield from _link_problems(action, where)


def _link_problems(action: dict, where: str) -> Iterator[str]:
    """Whatever in a /URI action could lead anywhere but to a web page or a mail."""
    kind, raw = action.get("/URI", ("", b""))
    if kind != "string":
        yield f"{where}: a link to {raw!r}, which is no string"
        raw = b""
    scheme, _ = as_a_browser_reads(raw)
    if scheme not in ("http", "https", "mailto"):
        yield f"{where}: a link to {raw!r}"
    if not re.fullmatch(rb"[!-~]+", raw):
        yield f"{where}: an address not written as plain ASCII: {raw!r}"


def problems(value: object, where: str) -> Iterator[str]:
    """Whatever in ``value`` (an object, walked whole) could act, run or carry a file."""
    if isinstance(value, list):
        for i, item in enumerate(value):
            yield from problems(item, f"{where}[{i}]")
        return
    if not isinstance(value, dict):
        return
    for key in FORBIDDEN_KEYS & value.keys():
        yield f"{where}: {key}"
    kind, subtype, s = (value.get(k, ("", ""))[1] for k in ("/Type", "/Subtype", "/S"))
    if kind == "/Action" or s in ACTIONS:
        yield from _action_problems(value, s, where)
    if kind in ("/EmbeddedFile", "/Filespec") or subtype in ("/Widget", "/FileAttachment"):
        yield f"{where}: a {kind or subtype}"
    if kind == "/Annot" and subtype not in MARKUP_AND_LINKS:
        yield f"{where}: a {subtype or 'kindless'} annotation"
    if kind == "/Page":
        for i, annotation in enumerate(value.get("/Annots", [])):
            if (
                isinstance(annotation, dict)
                and annotation.get("/Subtype", ("", ""))[1] not in MARKUP_AND_LINKS
            ):
                yield f"{where}/Annots[{i}]: a direct annotation of no kept kind"
    for key, item in value.items():
        yield from problems(item, f"{where}{key}")


@pytest.mark.parametrize("reader", [objects_by_pypdf, objects_by_qpdf])
def test_no_object_of_any_written_pdf_can_act(built, reader):
    out, _ = built
    for pdf in written_pdfs(out):
        found = [p for i, obj in enumerate(reader(pdf)) for p in problems(obj, f"{pdf.name} object {i}")]
        assert found == []


def test_the_walk_finds_what_the_papers_hide(built):
    """The same walk over the hostile source papers finds each thing they hide (so that
    finding nothing in the volume means something)."""
    out, _ = built
    papers = out.parent / "docs" / "data" / "papers"
    found = [p for obj in objects_by_pypdf(papers / "nightmare.pdf") for p in problems(obj, "")]
    text = "\n".join(found)
    for marker in (
        "JaVaScRiPt",
        "b'\\xfe\\xff\\x00j",
        "b'\\xff\\xfej\\x00",
        "b'\\xef\\xbb\\xbfjava",
        "java\\tscr",
        "file:",
        "data:",
        "vbscript",
        "papers/other.pdf",
        "www.example.org",
        "a /JavaScript action",
        "a /Launch action",
        "a /GoToR action",
        "a chained action",
        "/AA",
        "/OpenAction",
        "/JS",
        "an address not written as plain ASCII",
        "a direct annotation of no kept kind",
    ):
        assert marker in text, marker
    hostile = [p for obj in objects_by_pypdf(papers / "hostile.pdf") for p in problems(obj, "")]
    assert any("/Widget" in p for p in hostile) and any("/EmbeddedFile" in p or "/EF" in p for p in hostile)


def test_raw_bytes_hold_no_script_or_hostile_address(built):
    out, _ = built
    for pdf in written_pdfs(out):
        raw = pdf.read_bytes()
        for marker in (
            b"alert",
            b"/JavaScript",
            b"/JS",
            b"/Launch",
            b"calc.exe",
            b"/AA",
            b"/OpenAction",
            b"payload",
            b"passwd",
            b"vbscript",
            b"other.pdf",
            b"base64",
            b"/RichMedia",
            b"/Evil",
        ):
            assert marker not in raw, (pdf.name, marker)


def link_uris(reader: pypdf.PdfReader, pages: range) -> list[str]:
    found = []
    for number in pages:
        for annotation in reader.pages[number].get("/Annots", []):
            annotation = annotation.get_object()
            if "/A" in annotation and annotation["/A"]["/S"] == "/URI":
                found.append(annotation["/A"]["/URI"])
    return found


def test_good_links_survive_written_plainly(built):
    out, _ = built
    own = pypdf.PdfReader(out / "papers" / "nightmare.pdf")
    doi = "https://doi.org/10.5555/mlbench23.nightmare"  # the stamp's, on the first page
    assert link_uris(own, range(4)) == [*KEPT[:4], doi, KEPT[4], KEPT[0], KEPT[0], KEPT[0]]
    # The go-to link keeps its destination; the /PA and the hidden script go.
    second = [a.get_object() for a in own.pages[1]["/Annots"]]
    assert [sorted(k for k in a if k not in ("/Type", "/Subtype", "/Rect", "/P")) for a in second] == [
        ["/A"],
        ["/A"],
        ["/Dest"],
    ]
    volume = pypdf.PdfReader(out / "volume.pdf")
    first = 4 + 26  # front matter (with the invited talks), then the example's papers
    assert link_uris(volume, range(first, first + 4)) == link_uris(own, range(4))


def test_what_was_removed_is_counted_in_the_manifest_and_the_summary(built):
    out, stdout = built
    removed = {p["id"]: p["removed"] for p in json.loads((out / "volume.json").read_text())["papers"]}
    assert removed["nightmare"] == {
        # Five addresses, the one in an object of its own, the one in a direct annotation, /PA, the
        # hidden key, the bookmark and the chain's (not the /A of an annotation removed whole).
        "JavaScript": 11,
        "additional actions": 3,
        "chained action": 1,
        "data: link": 1,
        "file: link": 1,
        "launch action": 1,
        "link to another file": 2,
        "open action": 1,
        "relative link": 2,
        "unknown annotation": 1,
        "RichMedia annotation": 1,
        "unreadable link": 1,
        "vbscript: link": 1,
    }
    assert removed["hostile"] == {
        "JavaScript": 2,
        "additional actions": 1,
        "embedded file": 1,
        "form": 1,
        "form field": 1,
        "launch action": 1,
        "open action": 1,
    }
    lines = [line for line in stdout.splitlines() if line.startswith("nightmare: not carried")]
    assert lines == [
        "nightmare: not carried into the volume: "
        + ", ".join(
            f"{what} ({count})" if count > 1 else what for what, count in removed["nightmare"].items()
        )
    ]


@pytest.mark.parametrize(
    ("raw", "kept", "why"),
    [
        (b"https://mlsys.org/", "https://mlsys.org/", ""),
        (b"HtTpS://MLSys.org/", "https://MLSys.org/", ""),
        (b"\x00\x01\x1f https://mlsys.org/\x7f", "https://mlsys.org/%7F", ""),
        (b"mailto:a@b.org", "mailto:a@b.org", ""),
        (b"\xfe\xff" + "http://x.org/\u00e9".encode("utf-16-be"), "http://x.org/%C3%A9", ""),
        (b"http://x.org/(a)\\b", "http://x.org/(a)%5Cb", ""),
        (b"\x01JaVaScRiPt:alert(1)", None, "JavaScript"),
        (b"\xfe\xff" + "javascript:alert(1)".encode("utf-16-be"), None, "JavaScript"),
        (b"\xfe\xff\x00 \x00j\x00a\x00v\x00a\x00s\x00c\x00r\x00i\x00p\x00t\x00:\x00a", None, "JavaScript"),
        (b"jav\ta\nscript:x", None, "JavaScript"),
        (b"\xfe\xff\xd8\x00", None, "unreadable link"),  # a lone surrogate: not UTF-16
        (b"FILE:///etc/passwd", None, "file: link"),
        (b"data:,x", None, "data: link"),
        (b"//evil.example/x", None, "relative link"),
        (b"", None, "relative link"),
        (b"\x18https://x.org/", None, "relative link"),  # PDFDocEncoding's breve, not a control
        (b"a" * 40 + b":x", None, "link of an unknown kind"),
    ],
)
def test_an_address_is_read_as_a_viewer_reads_it(raw, kept, why):
    assert web_link(ByteStringObject(raw)) == (kept, why)


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed (apt install qpdf)")
def test_what_is_left_is_still_a_sound_pdf(built):
    out, _ = built
    for pdf in written_pdfs(out):
        done = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True, check=False)
        assert done.returncode == 0, (pdf.name, done.stdout, done.stderr)


def test_text_from_a_pdf_is_printed_without_its_control_characters(built):
    """A font's name is the paper's to choose: the summary prints it with its escape
    sequence spelt out, never sent to the terminal."""
    _, stdout = built
    assert "\x1b" not in stdout
    assert "nightmare: fonts not embedded: Sneaky\\x1b[2J" in stdout.splitlines()  # the summary
    assert "Sneaky\\x1b[2J (page 1)" in stdout  # the check's table
