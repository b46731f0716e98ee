"""Names filed as a library files them, BibTeX that says the same, and the volume's layout."""

from __future__ import annotations

import pytest
from volume_support import ROOT

from proceedings.volume.stamps import placement_matrix
from workshop.core.bibtex import escape, paper_entry, protect_case, volume_entry
from workshop.core.load import WithInfo, load
from workshop.core.model import Person
from workshop.core.names import OTHER_SCRIPTS, index_heading, sort_key, split_name
from workshop.core.plan import Pagination, paper_order
from workshop.core.volumefacts import volume_facts
from workshop.core.wording import roman


@pytest.mark.parametrize(
    ("name", "sort_as", "filed", "bibtex"),
    [
        ("Liangkai Liu", None, "Liu, Liangkai", "Liu, Liangkai"),
        ("Jae W. Lee", None, "Lee, Jae W.", "Lee, Jae W."),
        ("Ludwig van Beethoven", None, "Beethoven, Ludwig van", "van Beethoven, Ludwig"),
        ("Vincent van der Berg", None, "Berg, Vincent van der", "van der Berg, Vincent"),
        ("Charles de Gaulle", None, "Gaulle, Charles de", "de Gaulle, Charles"),
        ("Martin Van Buren", None, "Van Buren, Martin", "Van Buren, Martin"),
        ("Martin Luther King Jr.", None, "King, Martin Luther, Jr.", "King, Jr., Martin Luther"),
        ("Tom St. John", "St. John, Tom", "St. John, Tom", "St. John, Tom"),
        ("Vijay Janapa Reddi", "Janapa Reddi, Vijay", "Janapa Reddi, Vijay", "Janapa Reddi, Vijay"),
        ("王小明", None, "王小明", "王小明"),
        ("Иван Петров", None, "Петров, Иван", "Петров, Иван"),
    ],
)
def test_names_are_split_for_filing(name, sort_as, filed, bibtex):
    parts = split_name(Person(name=name, sort_as=sort_as))
    assert parts.inverted == filed
    assert parts.bibtex == bibtex


def test_library_order_ignores_accents_case_particles_and_puts_other_scripts_last():
    names = [
        "Zhiru Zhang",
        "Émile Zola",
        "王小明",
        "Ludwig van Beethoven",
        "Søren Kierkegaard",
        "Mary O'Brien",
        "Anne de Gaulle",
        "Иван Петров",
        "Emma Zola",
        "Paul Obrien",
        "Ana Ødegaard",
        "Vijay Janapa Reddi",
    ]
    people = [Person(name=n, sort_as="Janapa Reddi, Vijay" if "Janapa" in n else None) for n in names]
    ordered = [p.name for p in sorted(people, key=sort_key)]
    assert ordered == [
        "Ludwig van Beethoven",  # B: "van" is filed after the given names
        "Anne de Gaulle",
        "Vijay Janapa Reddi",  # J: sort_as wins
        "Søren Kierkegaard",
        "Mary O'Brien",  # the apostrophe is ignored: "obrien", then Mary before Paul
        "Paul Obrien",
        "Ana Ødegaard",  # Ø files as O
        "Zhiru Zhang",
        "Émile Zola",  # accents ignored: Emile before Emma
        "Emma Zola",
        "Иван Петров",  # other scripts after Latin
        "王小明",
    ]


@pytest.mark.parametrize(
    ("name", "sort_as", "heading"),
    [
        ("Émile Zola", None, "Z"),
        ("Ana Ødegaard", None, "O"),
        ("Charles de Gaulle", None, "G"),
        ("Γιώργος Παπαδόπουλος", None, "Π"),
        ("Иван Петров", None, "П"),
        ("דוד כהן", None, "כ"),
        ("محمد علي", None, "ع"),
        ("\u200fمحمد علي", None, "ع"),  # a right-to-left mark first: still the letter, never an empty heading
        ("عبد الله الأحمد", None, "ا"),  # al-Aḥmad files under the alif of أحمد, without the article
        ("김민준", None, "ㄱ"),  # Korean: the initial consonant
        ("꽃님", None, "ㄱ"),  # a doubled consonant under its single one
        ("박서연", None, "ㅂ"),
        ("やまだ はなこ", None, "や"),  # Japanese kana: the row of the syllabary
        ("ガッツ", None, "か"),  # katakana with hiragana, voiced with unvoiced
        ("王小明", None, OTHER_SCRIPTS),  # no letters to file by
        ("山田太郎", None, OTHER_SCRIPTS),
        ("王小明", "Wang, Xiaoming", "W"),  # sort_as first
        ("김민준", "Kim, Minjun", "K"),
    ],
)
def test_index_headings_are_the_first_letter_in_its_script(name, sort_as, heading):
    assert index_heading(Person(name=name, sort_as=sort_as)) == heading


def test_a_romanised_sort_as_shows_the_name_as_written_too():
    assert split_name(Person(name="김민준", sort_as="Kim, Minjun")).inverted == "Kim, Minjun (김민준)"
    assert split_name(Person(name="Tom St. John", sort_as="St. John, Tom")).inverted == "St. John, Tom"


def test_each_heading_files_its_names_together_and_other_scripts_last():
    names = [
        "ヤマダ タロウ",
        "王小明",
        "Zhiru Zhang",
        "やまもと ひろし",
        "𠮷田 花子",
        "김민준",
        "ꀀꀁ",
        "アベ",
        "محمد علي",
        "Ана Петрова",
        "꽃님",
        "박서연",
        "あおき",
        "Anne de Gaulle",
        "أحمد حسن",
        "דוד כהן",
    ]
    headings = [index_heading(p) for p in sorted((Person(name=n) for n in names), key=sort_key)]
    blocks = [h for i, h in enumerate(headings) if i == 0 or headings[i - 1] != h]
    assert len(blocks) == len(set(blocks)), headings  # no heading twice
    assert blocks[-1] == OTHER_SCRIPTS
    assert blocks[:2] == ["G", "Z"] and blocks.index("あ") < blocks.index("や")


def test_bibtex_escapes_and_protects_capitals():
    assert escape("50% of R&D_x #1 {a}") == r"50\% of R\&D\_x \#1 \textbraceleft{}a\textbraceright{}"
    assert (
        protect_case("Time Variations of DNN Inference on AR/VR")
        == "Time Variations of {DNN} Inference on {AR/VR}"
    )


def test_bibtex_of_the_example_papers_gives_volume_pages():
    loaded = load(ROOT / "docs" / "data")
    workshop = loaded.workshop
    order = paper_order(workshop)
    assert [p.id for p in order] == ["liu-time-variations", "sridharan-chakra", "huang-bnn-crossbar"]
    pagination = Pagination.of(
        order, {"liu-time-variations": 10, "sridharan-chakra": 10, "huang-bnn-crossbar": 6}
    )
    facts = volume_facts(loaded.narrowed(WithInfo).workshop)
    entries = [paper_entry(facts, placement.paper, placement) for placement in pagination]
    assert "pages     = {21--26}," in entries[2]
    assert (
        "author    = {Huang, Ruirong and Yue, Zichao and Huang, Caroline and Matai, Janarbek and "
        "Zhang, Zhiru}," in entries[2]
    )
    assert (
        "title     = {Understanding Time Variations of {DNN} Inference in Autonomous Driving}," in entries[0]
    )
    assert "month     = jun," in entries[0] and "year      = {2023}," in entries[0]
    assert volume_entry(facts).startswith(
        "@proceedings{mlbench23,\n  title     = {Proceedings of the Workshop"
    )


def test_papers_off_the_program_come_after_it():
    loaded = load(ROOT / "docs" / "data")
    extra = loaded.workshop.papers.papers[0].model_copy(update={"id": "zz-extra"})
    papers = loaded.workshop.papers.model_copy(update={"papers": [extra, *loaded.workshop.papers.papers]})
    workshop = loaded.workshop.model_copy(update={"papers": papers})
    assert [p.id for p in paper_order(workshop)][-1] == "zz-extra"


def test_roman_numerals():
    assert [roman(n) for n in (1, 2, 3, 4, 9, 14, 40, 1999)] == [
        "i",
        "ii",
        "iii",
        "iv",
        "ix",
        "xiv",
        "xl",
        "mcmxcix",
    ]


@pytest.mark.parametrize("rotate", [0, 90, 180, 270])
def test_the_stamp_sits_at_the_foot_of_the_page_as_the_reader_sees_it(rotate):
    box = (10.0, 20.0, 622.0, 812.0)  # Letter, moved off the origin
    width, height, matrix = placement_matrix(box, rotate)
    a, b, c, d, e, f = (float(v) for v in matrix.split())

    def to_user(x, y):
        return a * x + c * y + e, b * x + d * y + f

    # The point the reader sees at the bottom centre of the page, in user space ...
    x, y = to_user(width / 2, 0)
    # ... is the middle of the edge that /Rotate turns to the bottom.
    expected = {0: (316, 20), 90: (622, 416), 180: (316, 812), 270: (10, 416)}[rotate]
    assert (round(x), round(y)) == expected
    assert (width, height) == ((612, 792) if rotate in (0, 180) else (792, 612))


def test_an_author_of_many_papers_and_a_long_name_fit_the_index():
    import datetime as dt
    import io

    import pypdf

    from proceedings.volume.typeset import IndexEntry, typeset
    from workshop.core.load import Complete
    from workshop.core.plan import printed_texts
    from workshop.core.volumefacts import volume_facts

    pages = tuple((str(n), ("paper", n)) for n in range(1, 400, 7))
    entries = [
        IndexEntry("Prolific, Author", pages, "P"),
        IndexEntry("Wolfeschlegelsteinhausenbergerdorff, Hubert Blaine Maximilian Aloysius", pages[:2], "W"),
    ]
    workshop = load(ROOT / "docs" / "data").narrowed(Complete).workshop
    printed = [text for _, _, text in printed_texts(workshop)]
    doc = typeset(
        workshop, volume_facts(workshop), printed, [], entries, dt.datetime(2023, 6, 8, tzinfo=dt.UTC)
    )
    index = pypdf.PdfReader(io.BytesIO(doc.pdf)).pages[doc.front_pages]
    words = " ".join(index.extract_text().split()).split()
    assert all(label in words or f"{label}," in words for label, _ in pages)
    assert [link.target for link in doc.links] == [t for _, t in pages] + [t for _, t in pages[:2]]
    assert {link.page for link in doc.links} == {doc.front_pages}
    right_edge = 612 - 72
    assert all(link.rect[2] <= right_edge + 0.01 for link in doc.links)
