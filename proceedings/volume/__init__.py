"""The proceedings volume: the papers copied in, cleaned of anything active and stamped
with their page numbers; the front matter and author index laid out; bookmarks, page
labels and named destinations; each paper's own stamped PDF and BibTeX beside it; the
manifest saying what was built.  :mod:`.build` runs it; the README maps the modules.

**The PDF writer is our own** (:mod:`.copy`, :mod:`.pdfout`, :mod:`.structure`), on
pypdf as the reader.  pikepdf (qpdf's ``copy_foreign``, overlays, outlines, page labels,
deterministic ids) was weighed on the benchmark corpus (``../shared/tools/gen_corpus.py
--papers 400``: 3,568 pages, 42 MB; one machine, 2 cores, 2026-11-30):

* pikepdf 10.18 (qpdf 12.4.2) only merging the 400 papers, without cleaning or stamping:
  2.5 s and 196 MiB peak; cleaning needs a walk over every object in Python besides
  (1.1 s more), and each paper's own PDF a second save;
* qpdf's command line merging the same files: 1.7 s, 175 MiB;
* this build, everything (the volume cleaned and stamped, 400 stamped papers, front
  matter, index): 6.8 s, 161 MiB.

Time is about even once pikepdf does the whole job; memory is not: qpdf copies a foreign
object's stream data when it writes, so every paper stays open until the volume is
saved and memory grows with the volume, past qpdf's own (the volume's target is to stay
below it).  This writer streams: a paper is opened, copied into the volume and into its
own PDF in one walk that also cleans it, and let go.  The price is about 950 lines of
our own; the part that faces hostile files is the reading, which stays pypdf's, and the
walk, which copies only what it understands and writes every value itself.
"""
