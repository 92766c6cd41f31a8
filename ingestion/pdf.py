"""Open a disclosure PDF once and read each page once (PDF 读取).

Every later step (locating tables, parsing them, the narrative) works on the cached
:class:`PageContent`, so a page is never parsed twice.

Two readers share the work. pdfplumber (pdfminer underneath) reads every page that may hold
a ruled table, a table title or a form title: the cells, labels and units the records keep
come from it exactly as they always have. The other pages — cover, 目录, 概况, the 情况说明
narrative, 名词解释 — are only ever read for their text lines, and whitespace-blind (the
narrative compacts them, identification normalises them), while building pdfminer's
characters for them is most of what they cost. pypdfium2 gives their characters several
times faster; they are placed with pdfminer's geometry (its font descents) and assembled into
lines by pdfplumber's own line code, so the lines are the ones pdfplumber prints — at most a
space differs, where a word break falls on a gap of pdfplumber's 3-point tolerance to a
rounding error. The rule, page by page (:attr:`PageContent.read_with`):

1. a page with any path object (line, rectangle, curve — in form XObjects too) goes to
   pdfplumber: pdfplumber's table finder builds cells from ruling only, so a page without a
   path has no ruled table, and one with paths may have;
2. a page whose characters pypdfium2 cannot give as pdfminer has them goes to pdfplumber:
   text pdfium leaves out or rewrites (a copy printed over printed text, an ``/ActualText``
   span, a hyphen joined across lines, a glyph without Unicode, glyphs of a font pdfium does
   not measure), rotated, mirrored or right-to-left text, a rotated page, a font not matched
   to exactly one of pdfminer's, characters printed over each other on a line, or two lines
   whose grouping is decided by less than the readers' rounding. The one omission let
   through is spaces: Word prints each as a text object of its own that pdfium measures as
   nothing and drops, and each is put back where pdfminer has it;
3. a page whose pypdfium2 lines name a table or a form is then read by pdfplumber, which
   alone gives its lines and tables: a table keeps its label and unit as printed;
4. every other page is read by pypdfium2 and has no tables.
"""

from __future__ import annotations

import ctypes
import hashlib
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

import pdfplumber
import pypdfium2
import pypdfium2.raw as pdfium
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdffont import PDFType3Font
from pdfminer.pdftypes import PDFObjRef, PDFStream, resolve1
from pdfminer.psparser import PSLiteral
from pdfplumber.utils.exceptions import PdfminerException
from pdfplumber.utils.text import chars_to_textmap

from ingestion.errors import DisclosureRejected, RejectionReason

# A 决算公开 PDF is tens of pages; beyond this it is not one document (or not one at all).
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_PAGES = 2000

Rows = list[list[str | None]]
Box = tuple[float, float, float, float]

# "auto": the rule above; "pdfplumber": every page with pdfplumber, as before pypdfium2 read
# any (kept to prove the two agree, and to measure the difference).
TextReader = Literal["auto", "pdfplumber"]

PYPDFIUM2 = "pypdfium2"
PDFPLUMBER = "pdfplumber"

# How every page this process read was read: reader → pages, and why pdfplumber → pages
# ("pdfplumber: <reason>"). For bench/extraction.py; nothing decides on it.
PAGE_READS: Counter[str] = Counter()


@dataclass(frozen=True, slots=True)
class TextLine:
    text: str
    top: float


@dataclass(frozen=True, slots=True)
class RuledTable:
    top: float
    bottom: float
    rows: Rows
    # Each cell's (x0, top, x1, bottom), aligned with ``rows``; None where a merged cell spans.
    boxes: list[list[Box | None]]


def sha256_of(path: Path) -> str:
    """The document id: sha256 of the file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class PageContent:
    """One page's text and ruled tables, extracted once, by the reader the page needs."""

    number: int  # 1-based
    page: pdfplumber.page.Page
    # The document as pypdfium2 opened it; None reads the page with pdfplumber only.
    pdfium: _PdfiumDocument | None = field(default=None, repr=False, compare=False)

    @property
    def lines(self) -> list[TextLine]:
        """The page's text lines, top to bottom, with their vertical position."""
        return self._content.lines

    @cached_property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def tables(self) -> list[RuledTable]:
        """Ruled tables on the page, top to bottom, as pdfplumber reads their cells."""
        return self._content.tables

    @property
    def read_with(self) -> str:
        """``pypdfium2`` or ``pdfplumber``: the reader whose lines and tables these are."""
        return self._content.reader

    @property
    def pdfplumber_because(self) -> str | None:
        """Why the page went to pdfplumber (None when pypdfium2 read it)."""
        return self._content.because

    @cached_property
    def _content(self) -> _Content:
        because = "every page with pdfplumber"
        if self.pdfium is not None:
            reading = self.pdfium.read_lines(self.number - 1, self.page)
            if isinstance(reading, list):
                if not _names_a_table_or_form(reading):
                    PAGE_READS[PYPDFIUM2] += 1
                    # No path on the page: pdfplumber would find no ruled table on it.
                    return _Content(PYPDFIUM2, None, reading, [])
                reading = "it names a table or a form"
            because = reading
        PAGE_READS[PDFPLUMBER] += 1
        PAGE_READS[f"{PDFPLUMBER}: {because.split(' (')[0]}"] += 1
        try:
            lines, tables = _plumber_lines(self.page), _plumber_tables(self.page)
            return _Content(PDFPLUMBER, because, lines, tables)
        finally:
            # Lines and tables are all anyone reads of a page: let pdfminer's characters and
            # pdfplumber's objects go now rather than at the end of the document.
            self.page.close()


@dataclass(frozen=True, slots=True)
class _Content:
    reader: str
    because: str | None
    lines: list[TextLine]
    tables: list[RuledTable]


def _plumber_lines(page: pdfplumber.page.Page) -> list[TextLine]:
    return [
        TextLine(text=line["text"], top=float(line["top"]))
        for line in page.extract_text_lines(strip=True, return_chars=False)
        if line["text"].strip()
    ]


def _plumber_tables(page: pdfplumber.page.Page) -> list[RuledTable]:
    found = page.find_tables()
    return sorted(
        (
            RuledTable(
                top=float(t.bbox[1]),
                bottom=float(t.bbox[3]),
                rows=t.extract(),
                boxes=[list(row.cells) for row in t.rows],
            )
            for t in found
        ),
        key=lambda t: t.top,
    )


def _names_a_table_or_form(lines: list[TextLine]) -> bool:
    """Whether a line is a table title or a performance form title, as the readers of tables
    and forms recognise them (imported here: they build on this module)."""
    from ingestion.locate import title_kind
    from ingestion.performance import is_form_title

    return any(title_kind(line.text) or is_form_title(line.text) for line in lines)


# --------------------------------------------------------------------------- pypdfium2

# pdfplumber's word and line tolerances (extract_text_lines' defaults): two character tops
# this far apart are one line.
_LINE_TOLERANCE = 3.0
# The two readers' positions differ by float rounding (pdfium computes in single precision);
# a grouping decided by less than this is not trusted to come out the same.
_ROUNDING = 0.01
# Characters of one line closer than this (points) are printed over each other, where pdfium
# drops copies and the readers may order them differently.
_OVERPRINT = 1.0
_SUBSET_TAG = re.compile(rb"^[A-Z]{6}\+")
_RIGHT_TO_LEFT = {"R", "AL", "RLE", "RLO", "RLI"}


class _PdfiumDocument:
    """The document as pypdfium2 opened it, beside pdfplumber's copy (None when it could
    not, with why: then pdfplumber reads every page)."""

    def __init__(self, document: pypdfium2.PdfDocument | None, unavailable: str = "") -> None:
        self.document = document
        self.unavailable = unavailable

    @classmethod
    def open(cls, path: Path, page_count: int) -> _PdfiumDocument:
        try:
            document = pypdfium2.PdfDocument(str(path))
        except Exception as exc:  # pdfium refuses what pdfminer accepted
            return cls(None, f"pypdfium2 cannot open the document ({exc!r})")
        if len(document) != page_count:
            document.close()
            return cls(None, "pypdfium2 counts other pages")
        return cls(document)

    def close(self) -> None:
        if self.document is not None:
            self.document.close()

    def read_lines(self, index: int, plumber_page: pdfplumber.page.Page) -> list[TextLine] | str:
        """The page's text lines as pdfplumber would give them, or why it must read them."""
        if self.document is None:
            return self.unavailable
        try:
            page = pdfium.FPDF_LoadPage(self.document.raw, index)
        except Exception as exc:
            return f"pypdfium2 cannot load the page ({exc!r})"
        if not page:
            return "pypdfium2 cannot load the page"
        try:
            return _read_page(page, plumber_page)
        except Exception as exc:  # an unexpected font or object: the reader of record reads it
            return f"pypdfium2 failed ({exc!r})"
        finally:
            pdfium.FPDF_ClosePage(page)


def _address(pointer: Any) -> int | None:
    return ctypes.cast(pointer, ctypes.c_void_p).value


def _page_objects(page: Any) -> Iterator[tuple[int, Any, bool]]:
    """(type, object, inside a form XObject) for every object of the page, forms' included."""
    stack: list[tuple[Callable[[], int], Callable[[int], Any], bool]] = [
        (
            lambda: pdfium.FPDFPage_CountObjects(page),
            lambda i: pdfium.FPDFPage_GetObject(page, i),
            False,
        )
    ]
    while stack:
        count, get, in_form = stack.pop()
        for i in range(count()):
            obj = get(i)
            kind = pdfium.FPDFPageObj_GetType(obj)
            yield kind, obj, in_form
            if kind == pdfium.FPDF_PAGEOBJ_FORM:
                stack.append(
                    (
                        lambda o=obj: pdfium.FPDFFormObj_CountObjects(o),
                        lambda i, o=obj: pdfium.FPDFFormObj_GetObject(o, i),
                        True,
                    )
                )


def _has_actual_text(obj: Any) -> bool:
    """Whether the object is in a marked-content span with /ActualText, which pdfium reads
    in place of the glyphs and pdfminer ignores."""
    length = ctypes.c_ulong()
    for m in range(pdfium.FPDFPageObj_CountMarks(obj)):
        mark = pdfium.FPDFPageObj_GetMark(obj, m)
        if mark and pdfium.FPDFPageObjMark_GetParamStringValue(
            mark, b"ActualText", None, 0, ctypes.byref(length)
        ):
            return True
    return False


def _font_key(name: object) -> bytes | None:
    """A font's /BaseFont without its subset tag (pdfium drops some tags and keeps others)."""
    if isinstance(name, PSLiteral):
        name = name.name
    if isinstance(name, str):
        name = name.encode("utf-8", "surrogateescape")
    return _SUBSET_TAG.sub(b"", name) if isinstance(name, bytes) else None


def _pdfminer_descents(plumber_page: pdfplumber.page.Page) -> dict[bytes, set[float | None]]:
    """Each font of the page (forms included) by name, with the descent pdfminer gives it.

    A character's top in pdfminer is its baseline less (descent + 1) × size, with the descent
    as pdfminer reads the font (0 where the descriptor says 0: LibreOffice writes that, and
    pdfium then measures the face instead). The font objects are pdfplumber's own, so they
    are built once for both readers. None marks a font pdfminer places otherwise (vertical,
    Type3).
    """
    manager = plumber_page.pdf.rsrcmgr
    found: dict[bytes, set[float | None]] = {}
    seen: set[object] = set()
    pending = [plumber_page.page_obj.resources]
    while pending:
        resources = resolve1(pending.pop()) or {}
        for ref in (resolve1(resources.get("Font")) or {}).values():
            spec = resolve1(ref)
            font = manager.get_font(ref.objid if isinstance(ref, PDFObjRef) else None, spec)
            placed = not font.is_vertical() and not isinstance(font, PDFType3Font)
            key = _font_key(resolve1(spec.get("BaseFont")))
            if key is not None:
                found.setdefault(key, set()).add(font.get_descent() if placed else None)
        for ref in (resolve1(resources.get("XObject")) or {}).values():
            identity = ref.objid if isinstance(ref, PDFObjRef) else id(ref)
            if identity in seen:
                continue
            seen.add(identity)
            xobject = resolve1(ref)
            if isinstance(xobject, PDFStream) and xobject.get("Resources") is not None:
                pending.append(xobject.get("Resources"))
    return found


def _read_page(page: Any, plumber_page: pdfplumber.page.Page) -> list[TextLine] | str:
    text_objects = []
    for kind, obj, in_form in _page_objects(page):
        if kind == pdfium.FPDF_PAGEOBJ_PATH:
            return "it has ruling (path objects)"
        if kind == pdfium.FPDF_PAGEOBJ_TEXT:
            if _has_actual_text(obj):
                return "text with /ActualText"
            text_objects.append((obj, in_form))
    # pdfplumber places characters in the MediaBox's own coordinates, unrotated.
    if plumber_page.rotation or plumber_page.mediabox[0] or plumber_page.mediabox[1]:
        return "a rotated or offset page box"
    textpage = pdfium.FPDFText_LoadPage(page)
    if not textpage:
        return "pypdfium2 has no text page"
    try:
        chars = _PageCharacters(textpage, plumber_page).read(text_objects)
    finally:
        pdfium.FPDFText_ClosePage(textpage)
    if isinstance(chars, str):
        return chars
    tops = sorted({char["top"] for char in chars})
    if any(abs(b - a - _LINE_TOLERANCE) < _ROUNDING for a, b in itertools.pairwise(tops)):
        return "a line grouping within rounding of the tolerance"
    # pdfplumber's own line assembly (Page.extract_text_lines), on pdfium's characters.
    textmap = chars_to_textmap(
        chars,
        layout_bbox=plumber_page.bbox,
        layout_width=plumber_page.width,
        layout_height=plumber_page.height,
    )
    lines = []
    for line in textmap.extract_text_lines(strip=True, return_chars=True):
        xs = sorted(char["x0"] for char in line["chars"])
        if any(b - a < _OVERPRINT for a, b in itertools.pairwise(xs)):
            return "overprinted characters"
        if line["text"].strip():
            lines.append(TextLine(text=line["text"], top=float(line["top"])))
    return lines


@dataclass(frozen=True, slots=True)
class _Placing:
    """A character's box relative to its pen position, as pdfminer computes it."""

    bottom: float  # from the baseline to the box's bottom (descent × size, negative)
    height: float  # the box's height: the font size as drawn
    left: float  # a skew's shift of x0 from the pen position
    right: float  # and of x1 from the end of the advance


class _Skip(Exception):
    """Not an error: the page goes to pdfplumber, and this says why."""


class _PageCharacters:
    """One page's characters as pdfminer places them, from pdfium's text page.

    pdfminer's box of a character: x0 at the pen position, bottom at the baseline less the
    font's descent × size, top one size above. pdfium gives the pen position and size; the
    descent is pdfminer's own (:func:`_pdfminer_descents`), so tops and line grouping agree.
    """

    def __init__(self, textpage: Any, plumber_page: pdfplumber.page.Page) -> None:
        self.textpage = textpage
        self.plumber_page = plumber_page
        self.height = float(plumber_page.height)
        self._descents: dict[bytes, set[float | None]] | None = None
        self._font_descent: dict[int | None, float] = {}
        self._font_measured: dict[int | None, bool] = {}

    def read(self, text_objects: list[tuple[Any, bool]]) -> list[dict[str, Any]] | str:
        """The characters in pdfplumber's form (text, x0, x1, top, bottom), or why not.

        ``text_objects``: every text object of the page, and whether it is inside a form.
        """
        try:
            chars, fonts, used = self._characters()
            missing = [(obj, in_form) for obj, in_form in text_objects if _address(obj) not in used]
            if any(in_form for _, in_form in missing):
                # Its matrix and bounds are in the form's space: not placed here.
                raise _Skip("text pypdfium2 leaves out, inside a form")
            return chars + [self._missing_space(obj, chars, fonts) for obj, _ in missing]
        except _Skip as skip:
            return str(skip)

    def _characters(
        self,
    ) -> tuple[list[dict[str, Any]], dict[int | None, list[int]], set[int | None]]:
        textpage = self.textpage
        # How each text object's characters are placed, and their font.
        runs: dict[int | None, tuple[_Placing, int | None]] = {}
        chars: list[dict[str, Any]] = []
        fonts: dict[int | None, list[int]] = {}  # font → pdfium indices of its glyphs
        x, y = ctypes.c_double(), ctypes.c_double()
        box = pdfium.FS_RECTF()
        for i in range(pdfium.FPDFText_CountChars(textpage)):
            # Spaces and line breaks pdfium infers from gaps: pdfminer has no such characters.
            if pdfium.FPDFText_IsGenerated(textpage, i):
                continue
            text = self._text(i)
            obj = pdfium.FPDFText_GetTextObject(textpage, i)
            if not obj:
                raise _Skip("a character outside any text object")
            key = _address(obj)
            run = runs.get(key)
            if run is None:
                matrix = pdfium.FS_MATRIX()
                pdfium.FPDFText_GetMatrix(textpage, i, matrix)
                font = pdfium.FPDFTextObj_GetFont(obj)
                size = pdfium.FPDFText_GetFontSize(textpage, i)
                run = runs[key] = (self._placing(matrix, size, font), _address(font))
            placing, font_key = run
            if not text.isspace():
                fonts.setdefault(font_key, []).append(i)
            pdfium.FPDFText_GetCharOrigin(textpage, i, x, y)
            pdfium.FPDFText_GetLooseCharBox(textpage, i, box)
            chars.append(self._char(text, x.value, box.right, y.value, placing))
        return chars, fonts, set(runs)

    def _text(self, i: int) -> str:
        code = pdfium.FPDFText_GetUnicode(self.textpage, i)
        if pdfium.FPDFText_HasUnicodeMapError(self.textpage, i):
            raise _Skip("a glyph without a Unicode mapping")
        # 0 and 0xFFFE: no text; 0x2: a hyphen pdfium joined across lines; below 0x20: control
        # characters; surrogates: a pair pdfium split. pdfminer reads each otherwise.
        if code in (0, 0xFFFE) or (code < 0x20 and code not in (9, 10, 13)):
            raise _Skip("a control character or a joined hyphen")
        if 0xD800 <= code <= 0xDFFF:
            raise _Skip("a split surrogate pair")
        text = chr(code)
        if unicodedata.bidirectional(text) in _RIGHT_TO_LEFT:
            raise _Skip("right-to-left text")
        return text

    def _placing(self, matrix: Any, font_size: float, font: Any) -> _Placing:
        """Where pdfminer puts a character's box relative to pdfium's pen position.

        pdfminer's box is the text-space box (0, descent) – (advance, descent + 1) in font
        units, through the character's matrix, and taken as the bounds of the four corners.
        Only matrices without rotation are placed here (pdfminer's upright characters); a
        skew (synthetic italic) moves x0 and x1 only.
        """
        if matrix.b or matrix.a <= 0 or matrix.d <= 0:
            raise _Skip("rotated or mirrored text")
        low = self._descent(font) * font_size
        high = low + font_size
        return _Placing(
            bottom=matrix.d * low,
            height=matrix.d * font_size,
            left=min(matrix.c * low, matrix.c * high),
            right=max(matrix.c * low, matrix.c * high),
        )

    def _descent(self, font: Any) -> float:
        key = _address(font)
        if key not in self._font_descent:
            if self._descents is None:
                self._descents = _pdfminer_descents(self.plumber_page)
            length = pdfium.FPDFFont_GetBaseFontName(font, None, 0)
            name = ctypes.create_string_buffer(max(length, 1))
            pdfium.FPDFFont_GetBaseFontName(font, name, length)
            candidates = self._descents.get(_font_key(name.value) or b"", set())
            descent = next(iter(candidates)) if len(candidates) == 1 else None
            if descent is None:
                raise _Skip(f"a font not matched to one pdfminer font ({name.value!r})")
            self._font_descent[key] = descent
        return self._font_descent[key]

    def _char(self, text: str, x: float, x1: float, y: float, at: _Placing) -> dict[str, Any]:
        """A character in pdfplumber's form from pdfium's pen position (x, y) and advance end
        ``x1``, placed as pdfminer places it."""
        bottom = self.height - (y + at.bottom)
        return {
            "text": text,
            "x0": x + at.left,
            "x1": x1 + at.right,
            "top": bottom - at.height,
            "bottom": bottom,
            "doctop": bottom - at.height,
            "upright": True,
        }

    def _missing_space(
        self, obj: Any, chars: list[dict[str, Any]], fonts: dict[int | None, list[int]]
    ) -> dict[str, Any]:
        """The space a text object pdfium left out of its text holds, or :class:`_Skip`.

        pdfium leaves out an object that measures nothing (a lone space, or glyphs it has no
        outline for), a copy printed over the one before (fake bold), and spaces that follow
        a space. pdfminer reads them all. Only spaces are let through — an object that covers
        printed characters is a copy; one that measures nothing is taken for a space only in
        a font whose every printed glyph on the page pdfium measured — and each is put back
        as pdfminer would place it, since a space can join two lines into one.
        """
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        pdfium.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
        font = pdfium.FPDFTextObj_GetFont(obj)
        if right.value - left.value >= 0.01:
            box = (left.value, self.height - top.value, right.value, self.height - bottom.value)
            if any(_overlaps(box, char) for char in chars if not char["text"].isspace()):
                raise _Skip("an overprinted copy of printed text")
        elif not self._measured(_address(font), fonts, pdfium.FPDFFont_GetIsEmbedded(font)):
            raise _Skip("text in a font pypdfium2 does not measure")
        # The object's matrix is its first character's: pen position (e, f) included.
        matrix = pdfium.FS_MATRIX()
        pdfium.FPDFPageObj_GetMatrix(obj, matrix)
        font_size = ctypes.c_float()
        pdfium.FPDFTextObj_GetFontSize(obj, ctypes.byref(font_size))
        placing = self._placing(matrix, font_size.value, font)
        return self._char(" ", matrix.e, matrix.e, matrix.f, placing)

    def _measured(
        self, font: int | None, fonts: dict[int | None, list[int]], embedded: bool
    ) -> bool:
        """Whether pdfium measured every glyph the font prints on the page: what it measures
        as nothing then draws nothing. An embedded font is measured by its own program; one
        that is not, by a substitute that may lack glyphs, so it must print some here too."""
        if font not in self._font_measured:
            indices = fonts.get(font, [])
            box = (ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double())
            measured = bool(embedded or indices)
            for i in indices:
                pdfium.FPDFText_GetCharBox(self.textpage, i, *box)
                left, right, bottom, top = (value.value for value in box)
                if right - left < 0.01 or top - bottom < 0.01:
                    measured = False
                    break
            self._font_measured[font] = measured
        return self._font_measured[font]


def _overlaps(box: Box, char: dict[str, Any]) -> bool:
    x0, top, x1, bottom = box
    return min(x1, char["x1"]) > max(x0, char["x0"]) and min(bottom, char["bottom"]) > max(
        top, char["top"]
    )


@dataclass
class OpenedDocument:
    path: Path
    document_id: str
    page_count: int
    producer: str | None
    pages: list[PageContent]
    # The metadata /Title: weak evidence of identity only, real ones are often stale or junk.
    title: str | None = None


@contextmanager
def open_disclosure(path: Path, text_reader: TextReader = "auto") -> Iterator[OpenedDocument]:
    """Open ``path`` as a text PDF, or raise :class:`DisclosureRejected` with the reason.

    Pages are read lazily, each once, by the reader it needs (see the module docstring);
    ``text_reader="pdfplumber"`` reads every page with pdfplumber.
    """
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise DisclosureRejected(
            RejectionReason.TOO_LARGE, f"{size} bytes is over the {MAX_FILE_BYTES} byte limit"
        )
    with path.open("rb") as handle:
        if not handle.read(1024).lstrip().startswith(b"%PDF"):
            raise DisclosureRejected(RejectionReason.CORRUPT, "the file is not a PDF")
    document_id = sha256_of(path)
    # pdfplumber opens the file first, as it always has: whether a file is corrupt or
    # encrypted stays its verdict, and pypdfium2 only ever reads what it accepted.
    try:
        pdf = pdfplumber.open(path)
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise DisclosureRejected(
            RejectionReason.ENCRYPTED, "the PDF is password-protected"
        ) from exc
    except PdfminerException as exc:
        raise _classify_pdfminer_error(exc) from exc
    except Exception as exc:  # pdfminer raises many unrelated types on damaged files
        raise DisclosureRejected(RejectionReason.CORRUPT, f"cannot be opened: {exc!r}") from exc
    pdfium_copy: _PdfiumDocument | None = None
    try:
        try:
            page_count = len(pdf.pages)
        except PdfminerException as exc:
            raise _classify_pdfminer_error(exc) from exc
        except Exception as exc:
            raise DisclosureRejected(
                RejectionReason.CORRUPT, f"page tree unreadable: {exc!r}"
            ) from exc
        if page_count == 0:
            raise DisclosureRejected(RejectionReason.CORRUPT, "the PDF has no pages")
        if page_count > MAX_PAGES:
            raise DisclosureRejected(
                RejectionReason.TOO_LARGE, f"{page_count} pages is over the {MAX_PAGES} page limit"
            )
        producer = pdf.metadata.get("Producer") or pdf.metadata.get("Creator") or None
        if text_reader == "auto":
            pdfium_copy = _PdfiumDocument.open(path, page_count)
        pages = [
            PageContent(number=i + 1, page=page, pdfium=pdfium_copy)
            for i, page in enumerate(pdf.pages)
        ]
        title = (_as_text(pdf.metadata.get("Title")) or "").strip() or None
        yield OpenedDocument(path, document_id, page_count, _as_text(producer), pages, title)
    finally:
        if pdfium_copy is not None:
            pdfium_copy.close()
        pdf.close()


_PDF_DATE = re.compile(r"^D?:?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?")


def pdf_date(path: Path) -> str | None:
    """When the PDF says it was last made (ModDate, else CreationDate), ISO 8601, or None.

    Read with pypdfium2 from the document information only, without parsing a page: the date a
    re-publication is told apart by, which survives copying where a file's mtime does not.
    """
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(str(path))
    except Exception:
        return None
    try:
        metadata = document.get_metadata_dict()
    except Exception:
        return None
    finally:
        document.close()
    for key in ("ModDate", "CreationDate"):
        match = _PDF_DATE.match((metadata.get(key) or "").strip())
        if match and match.group(1):
            year, month, day, hour, minute, second = (
                g or d
                for g, d in zip(match.groups(), ("", "01", "01", "00", "00", "00"), strict=True)
            )
            return f"{year}-{month}-{day}T{hour}:{minute}:{second}"
    return None


def _classify_pdfminer_error(exc: PdfminerException) -> DisclosureRejected:
    cause = exc.args[0] if exc.args else exc
    if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
        return DisclosureRejected(RejectionReason.ENCRYPTED, "the PDF is password-protected")
    return DisclosureRejected(RejectionReason.CORRUPT, f"cannot be parsed: {cause!r}")


def _as_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)
