"""The XMP packet a PDF of the volume carries (workshop.core.xmp), read back as a reader of
XMP reads it (pypdf's XmpInformation, and the XML parsed): every text of the data comes back
as it was, however hostile, and the same data gives the same bytes."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from pypdf.generic import NameObject, StreamObject
from pypdf.xmp import XmpInformation

from workshop.core.xmp import NAMESPACES, DocumentMetadata, license_url, packet

MOMENT = dt.datetime(2023, 6, 8, tzinfo=dt.UTC)
HOSTILE = 'A <b>bold</b> & "quoted" title ]]> with ?> and <?xpacket end="w"?> and <!-- -->'


def read(data: bytes) -> XmpInformation:
    stream = StreamObject()
    stream.set_data(data)
    stream[NameObject("/Type")] = NameObject("/Metadata")
    return XmpInformation(stream)


def meta(**changes) -> DocumentMetadata:
    base = DocumentMetadata(
        title="Chakra: Execution Traces",
        creators=("Srinivas Sridharan", "Taekyung Heo", "王小明"),
        description="Proceedings of MLBench'23, pages 11-20. https://doi.org/10.5555/mlbench23.chakra",
        date=dt.date(2023, 6, 8),
        doi="10.5555/mlbench23.chakra",
        license="CC-BY-4.0",
        publisher="MLBench Workshop Organizers",
        part_of="Proceedings of MLBench'23",
        part_of_doi="10.5555/mlbench23",
        isbn="978-0-306-40615-7",
        pages=(11, 20),
    )
    return DocumentMetadata(**{**base.__dict__, **changes})


def test_a_papers_packet_says_title_authors_in_order_doi_license_and_volume():
    data = packet(meta(), MOMENT, "proceedings (pypdf 5)", "python -m proceedings build")
    xmp = read(data)
    assert xmp.dc_title == {"x-default": "Chakra: Execution Traces"}
    assert xmp.dc_creator == ["Srinivas Sridharan", "Taekyung Heo", "王小明"]
    assert "CC-BY-4.0" in xmp.dc_rights["x-default"]
    assert xmp.pdf_producer == "proceedings (pypdf 5)"
    assert xmp.xmp_create_date == dt.datetime(2023, 6, 8)
    root = ET.fromstring(data.split(b"?>", 1)[1].rsplit(b"<?xpacket", 1)[0])
    found = {el.tag: (el.text or "") for el in root.iter()}

    def name(prefix: str, local: str) -> str:
        return f"{{{NAMESPACES[prefix]}}}{local}"

    prism = name("prism", "")
    assert found[prism + "doi"] == "10.5555/mlbench23.chakra"
    assert found[prism + "publicationName"] == "Proceedings of MLBench'23"
    assert found[name("dcterms", "isPartOf")] == "doi:10.5555/mlbench23"
    assert (found[prism + "startingPage"], found[prism + "endingPage"]) == ("11", "20")
    assert found[name("xmpRights", "WebStatement")] == "https://creativecommons.org/licenses/by/4.0/"
    assert data.startswith(b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>')
    assert data.endswith(b'<?xpacket end="r"?>') and data.count(b"<?xpacket") == 2


@pytest.mark.parametrize("field", ["title", "description", "part_of", "publisher"])
def test_hostile_text_comes_back_as_text(field):
    data = packet(meta(**{field: HOSTILE}), MOMENT, "p", "t")
    assert data.count(b"<?xpacket") == 2 and b"]]>" not in data and b"<b>" not in data
    root = ET.fromstring(data.split(b"?>", 1)[1].rsplit(b"<?xpacket", 1)[0])
    assert HOSTILE in [el.text for el in root.iter()]


def test_hostile_authors_and_characters_xml_cannot_hold():
    creators = (HOSTILE, "Zoë \x0b Ünal", "\ufffe")
    xmp = read(packet(meta(creators=creators), MOMENT, "p", "t"))
    assert xmp.dc_creator == [HOSTILE, "Zoë \ufffd Ünal", "\ufffd"]


def test_the_same_data_gives_the_same_bytes_and_a_missing_fact_is_left_out():
    assert packet(meta(), MOMENT, "p", "t") == packet(meta(), MOMENT, "p", "t")
    bare = packet(meta(doi=None, license=None, isbn=None, part_of=None, pages=None), MOMENT, "p", "t")
    for absent in (b"prism:doi", b"dc:rights", b"prism:isbn", b"publicationName", b"startingPage"):
        assert absent not in bare
    assert read(bare).dc_title == {"x-default": "Chakra: Execution Traces"}


def test_license_urls():
    assert license_url("CC-BY-SA-4.0") == "https://creativecommons.org/licenses/by-sa/4.0/"
    assert license_url("CC-BY-NC-ND-4.0") == "https://creativecommons.org/licenses/by-nc-nd/4.0/"
    assert license_url("CC0-1.0") == "https://creativecommons.org/publicdomain/zero/1.0/"
    assert license_url("MIT") == "https://spdx.org/licenses/MIT.html"
