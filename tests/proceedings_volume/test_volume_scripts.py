"""Names in every script the volume prints: accented and with particles, Chinese,
Japanese, Korean, Arabic, Hebrew and Greek, on the title page, the committees, the
contents and the author index of a volume built by the chair's command and read back
with pypdf; and a name no bundled font can print, refused with a message that says what
to do."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import unicodedata
from pathlib import Path

import pypdf
import pytest
from conftest import ROOT
from pypdf.generic import ContentStream
from volume_support import add_papers, body_pages, copy_data, edit_yaml, run_build

from proceedings.volume.fpdfdoc import Document
from proceedings.volume.typeset import IndexEntry, typeset
from workshop.core.load import Complete, load
from workshop.core.plan import printed_texts
from workshop.core.volumefacts import volume_facts

FRONT = 4  # title page, committees, invited talks, contents
PROGRAM_PAGES = 26  # the three example papers come first (they are on the program)
LATIN = ["Jürgen Müller", "José Ñúñez", "Juan de la Cruz", "Vincent van der Berg"]
CHINESE, JAPANESE, KOREAN, ARABIC, HEBREW, GREEK = (
    "王小明",
    "山田太郎",
    "김가영",
    "محمد علي",
    "דוד כהן",
    "Γιώργος Παπαδόπουλος",
)
# 가 is one of the few syllables Droid Sans Fallback has: 김가영 must still be set in one font.
# Arabic and Hebrew side by side: two right-to-left names that must keep their order.
OTHERS = [CHINESE, JAPANESE, KOREAN, ARABIC, HEBREW, GREEK]
EDITORS = ["박서연", "فاطمة حسن"]  # joined to the organizing committee: the title page and committees


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("scripts")
    data = copy_data(site)
    body_pages(data / "papers" / "latin.pdf", "Accents and Particles", 2)
    body_pages(data / "papers" / "scripts.pdf", "Other Scripts", 2)
    add_papers(
        data,
        [
            {
                "id": "latin",
                "title": "Accents and Particles",
                "track": "short",
                "pdf": "papers/latin.pdf",
                "authors": [{"name": name} for name in LATIN],
            },
            {
                "id": "scripts",
                "title": "Other Scripts",
                "track": "short",
                "pdf": "papers/scripts.pdf",
                "authors": [{"name": name} for name in OTHERS],
            },
        ],
    )
    edit_yaml(
        data / "people.yaml",
        lambda d: d["committees"][0]["members"].extend(
            {"name": name, "affiliation": "University"} for name in EDITORS
        ),
    )
    out = site / "out"
    done = run_build(data, out)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def volume(built) -> pypdf.PdfReader:
    return pypdf.PdfReader(built / "volume.pdf")


def runs(page) -> list[tuple[float, float, float, str, str]]:
    """The text drawn on ``page``, run by run: (x, y, size, font, text), the text with any
    Arabic presentation forms read as the letters they are."""
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            x, y = tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]
            name = str(font.get("/BaseFont", "")) if font else ""
            letters = "".join(
                unicodedata.normalize("NFKC", c) if "\ufb50" <= c <= "\ufeff" else c for c in text
            )
            found.append((round(x, 1), round(y, 1), size, name, letters))

    page.extract_text(visitor_text=visit)
    return found


def words_on(pages) -> str:
    return " ".join(text for page in pages for *_, text in runs(page))


def index_pages(volume: pypdf.PdfReader) -> list:
    return list(volume.pages)[FRONT + PROGRAM_PAGES + 4 :]  # after the two papers of two pages


@pytest.mark.parametrize("name", LATIN + OTHERS)
def test_every_name_is_printed_in_the_contents_and_the_index(volume, name):
    """Each word of the name is drawn (extraction gives a right-to-left run word by word,
    so words are looked for, not the whole name)."""
    contents = words_on([volume.pages[FRONT - 1]])
    index = words_on(index_pages(volume))
    for word in name.split():
        assert word in contents, (name, word)
        assert word in index, (name, word)


def test_the_editors_are_on_the_title_page_and_in_the_committees(volume):
    for page in volume.pages[:2]:
        text = words_on([page])
        for name in EDITORS:
            assert all(word in text for word in name.split()), (name, text)


def test_each_script_is_set_in_the_font_that_has_it(volume):
    drawn = runs(volume.pages[FRONT - 1])

    def font_of(word: str) -> str:
        return next(font for *_, font, text in drawn if word in text)

    assert "NanumSquare" in font_of(KOREAN)
    assert "DroidSansFallback" in font_of(CHINESE) and "DroidSansFallback" in font_of(JAPANESE)
    assert all("DejaVuSans" in font_of(word) for word in ARABIC.split() + HEBREW.split())
    assert "DejaVuSerif" in font_of(GREEK)


def test_two_right_to_left_names_keep_their_order_in_a_list(volume):
    """On the contents, the Arabic author (fourth) stands left of the Hebrew one (fifth):
    the bidirectional algorithm alone would run the two names together, Hebrew first."""
    placed = {text: x for x, _, _, _, text in runs(volume.pages[FRONT - 1])}
    arabic = min(placed[word] for word in ARABIC.split())
    hebrew = min(placed[word] for word in HEBREW.split())
    assert placed[KOREAN] < arabic < hebrew


def test_arabic_is_joined(volume):
    """Shaped, the letters take their joining forms: the glyphs embedded for "محمد علي" are
    the initial meem and ain and the final yeh (named by their presentation-form code
    points in DejaVu Sans), not the letters' unjoined forms."""
    from fontTools.ttLib import TTFont

    glyphs = set()
    for font in _fonts(volume.pages[FRONT - 1]):
        if "DejaVuSansBook" in str(font["/BaseFont"]):
            program = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]["/FontFile2"].get_data()
            glyphs |= set(TTFont(io.BytesIO(program)).getGlyphOrder())
    assert {"uniFEE3", "uniFECB", "uniFEF2"} <= glyphs, glyphs  # م initial, ع initial, ي final
    assert not {"uni0645", "uni0639", "uni064A"} & glyphs  # the same letters unjoined


def _fonts(page) -> list:
    return [f.get_object() for f in page["/Resources"]["/Font"].values()]


def test_no_text_is_drawn_without_a_font_or_as_a_missing_glyph(volume):
    """Every run of text on the laid-out pages has a font set where it is drawn (fpdf2
    can lose it after a line that starts in a fallback font), and no glyph is the font's
    .notdef (code 0 of its subset): what a missing glyph would draw."""
    for number in [0, 1, FRONT - 1, *range(FRONT + PROGRAM_PAGES + 4, len(volume.pages))]:
        page = volume.pages[number]
        fonts = page["/Resources"]["/Font"]
        stack, font = [], None
        for operands, operator in ContentStream(page.get_contents(), volume).operations:
            if operator == b"q":
                stack.append(font)
            elif operator == b"Q":
                font = stack.pop()
            elif operator == b"Tf":
                font = fonts[operands[0]].get_object()
            elif operator in (b"Tj", b"TJ", b"'", b'"'):
                assert font is not None, f"page {number + 1}: text drawn with no font set"
                strings = operands[-1] if operator == b"TJ" else [operands[-1]]
                for string in strings:
                    if isinstance(string, (bytes, str)) and font["/Subtype"] == "/Type0":
                        data = string if isinstance(string, bytes) else string.get_original_bytes()
                        codes = [data[i : i + 2] for i in range(0, len(data), 2)]
                        assert b"\x00\x00" not in codes, f"page {number + 1}: a .notdef glyph"


def test_every_font_is_embedded(volume):
    for page in list(volume.pages)[:FRONT] + index_pages(volume):
        for font in _fonts(page):
            for part in [font, *[d.get_object() for d in font.get("/DescendantFonts", [])]]:
                if part["/Subtype"] in ("/Type0", "/Type3"):
                    continue
                descriptor = part["/FontDescriptor"].get_object()
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), part[
                    "/BaseFont"
                ]


def test_index_headings_are_letters_of_each_script_in_order(volume):
    """Headings (11 pt) in the order the index files them: the Latin letters, then Greek,
    Hebrew, Arabic, the Korean initial consonant, and the Chinese and Japanese names
    (which have no letters to file by) under "Other scripts", last."""
    headings = [
        text.strip() for page in index_pages(volume) for _, _, size, _, text in runs(page) if size == 11
    ]
    assert headings == [
        "B",
        "C",
        "F",
        "H",
        "K",
        "L",
        "M",
        "N",
        "R",
        "S",
        "W",
        "Y",
        "Z",
        "Π",
        "כ",
        "ع",
        "ㄱ",
        "Other scripts",
    ]


def test_index_entries_file_each_name_under_its_heading(volume):
    lines = []
    for page in index_pages(volume):
        for _, _, size, _, text in runs(page):
            lines.append((size, text.strip()))
    entries_after = {}
    heading = None
    for size, text in lines:
        if size == 11:
            heading = text
        elif size == 9.5 and not text.isdigit():
            entries_after.setdefault(heading, []).append(text)
    assert "Müller, Jürgen" in entries_after["M"]
    assert "Ñúñez, José" in entries_after["N"]
    assert "Cruz, Juan de la" in entries_after["C"]
    assert "Berg, Vincent van der" in entries_after["B"]
    assert "Παπαδόπουλος, Γιώργος" in entries_after["Π"]
    assert KOREAN in entries_after["ㄱ"]
    assert entries_after["Other scripts"] == [JAPANESE, CHINESE]  # 山 (U+5C71) before 王 (U+738B)
    assert any("علي" in text for text in entries_after["ع"])
    assert any("כהן" in text for text in entries_after["כ"])


def digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "report.json"
    }


def test_shaped_text_builds_the_same_bytes_twice(built, tmp_path):
    data = built.parent / "docs" / "data"
    done = run_build(data, tmp_path / "again", env={"PYTHONHASHSEED": "12345"})
    assert done.returncode == 0, done.stderr
    assert digest(tmp_path / "again") == digest(built)


@pytest.mark.parametrize(
    "text",
    [
        "Müller, Jürgen",
        "王小明, Zhang",
        "김민준 (Seoul National University)",
        ARABIC,
        f"{HEBREW}, {ARABIC}",
        "Jürgen Müller, محمد علي, 김민준",
        "Γιώργος",
        "Mu\u0308ller",
    ],
)
@pytest.mark.parametrize("style", ["", "B"])
def test_measured_widths_are_the_widths_fpdf2_sets(text, style):
    """The widths the layout uses (right-aligned page numbers, line breaks) are those
    fpdf2 draws the text at: with the fallback fonts, and shaped where shaping applies."""
    pdf = Document([text], dt.datetime(2023, 6, 8, tzinfo=dt.UTC))
    pdf.add_page()
    pdf.set_font("Serif", style, 9.5)
    measured = pdf.measure(text)
    prepared = pdf._prepare(text)
    assert measured == pytest.approx(pdf.get_string_width(prepared), abs=1e-6)
    assert measured > 0


def test_a_long_right_to_left_name_wraps_in_its_reading_order():
    """An index entry too long for its column breaks into lines; each line of the name is
    one run, so a right-to-left name reads on in its own order."""
    name = "عبد الرحمن بن محمد بن عبد الله بن إبراهيم الأحمد"
    pages = tuple((str(n), ("paper", n)) for n in range(1, 40, 3))
    workshop = load(ROOT / "docs" / "data").narrowed(Complete).workshop
    doc = typeset(
        workshop,
        volume_facts(workshop),
        [text for _, _, text in printed_texts(workshop)],
        [],
        [IndexEntry(name, pages, "ا")],
        dt.datetime(2023, 6, 8, tzinfo=dt.UTC),
    )
    page = pypdf.PdfReader(io.BytesIO(doc.pdf)).pages[doc.front_pages]
    drawn = [
        (y, x, text) for x, y, size, _, text in runs(page) if size == 9.5 and not text.strip(", ").isdigit()
    ]
    assert {w for *_, text in drawn for w in text.split()} == set(unicodedata.normalize("NFKC", name).split())
    first_line = max(y for y, _, _ in drawn)
    on_first = sorted((x, text) for y, x, text in drawn if y == first_line)
    # Visual order on the first line is the reverse of reading order: its rightmost word comes first.
    assert on_first[-1][1].strip() == "عبد"


def test_a_name_no_bundled_font_has_stops_the_build_and_says_what_to_do(built, tmp_path):
    """A Devanagari name would print with its letters missing: the build refuses it, names
    the file, the field and the characters, and leaves the last volume in place."""
    data = copy_data(tmp_path / "site")
    body_pages(data / "papers" / "hindi.pdf", "A Paper", 2)
    add_papers(
        data,
        [
            {
                "id": "hindi",
                "title": "A Paper",
                "track": "short",
                "pdf": "papers/hindi.pdf",
                "authors": [{"name": "Ada Lovelace"}, {"name": "अमित शर्मा"}],
            }
        ],
    )
    out = tmp_path / "out"
    out.mkdir()
    (out / "volume.pdf").write_bytes(b"the last good volume")
    done = run_build(data, out)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    message = done.stderr
    assert (
        "docs/data/papers.yaml: papers[3].authors[1].name: 'अमित शर्मा' has characters that no bundled "
        "font has: अ (U+0905 DEVANAGARI LETTER A)" in message
    )
    assert (
        "Write it in a script the bundled fonts cover (Latin, Greek, Cyrillic, Arabic, Hebrew, Chinese, "
        "Japanese and Korean)" in message
    )
    assert "proceedings/volume/typefaces.py" in message
    assert (out / "volume.pdf").read_bytes() == b"the last good volume"
