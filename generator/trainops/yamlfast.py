"""The fast path of :mod:`trainops.yamlsource` for big files, built on rapidyaml.

It gives exactly what libyaml's reader gives (values and every position) or declines (None), and
then libyaml reads the file. Why, and how it stays exact, is told below.
"""

from __future__ import annotations

import ctypes
import re
import threading
from bisect import bisect_right
from itertools import accumulate
from typing import Any

from .yamlsource import _NULLS, MAX_DEPTH, LoadedYaml, Path, SourceMap

__all__ = ["load_with_ryml", "prepare_fast_path"]

# --- The fast path -------------------------------------------------------------------------------
# Why rapidyaml: on a 5 MB schedule (20,000 sessions) libyaml's compose alone takes 2.8-3.6 s and
# the walk above 1.1 s, while rapidyaml (a C++ parser, PyPI ``rapidyaml``) parses it in 0.1 s; the
# whole fast read below takes about 0.9 s where libyaml's takes 4 s, two thirds of it building the
# values and the source map, which any reader must. Its Python wrapper has no positions, but
# ``parse_in_place`` leaves every scalar pointing into our buffer: a scalar's byte offset is its
# address minus the buffer's, and libyaml's marks can be rebuilt from those offsets. It reads a
# strict subset of YAML and declines (returns None) on anything else -- an error, a tag, an anchor,
# an escaped or multi-line scalar, an unusual layout -- and then libyaml reads the file, so every
# message and line is the reference one. tests/test_yamlsource_fast.py compares the two readers on
# a corpus and on its random damage.

try:
    import ryml as _ryml
    from ryml.ryml import _ryml as _ryml_c  # the SWIG functions, which take ``tree.this``

    _memory_view = ctypes.pythonapi.PyMemoryView_FromMemory
    _memory_view.restype = ctypes.py_object
    _memory_view.argtypes = [ctypes.c_void_p, ctypes.c_ssize_t, ctypes.c_int]
except Exception:  # pragma: no cover - not installed, built without its extension, not CPython
    _ryml = _ryml_c = None

# rapidyaml keeps a tree as an array of NodeData (c4/yml/tree.hpp): the type bits; the key's and
# the value's tag, text and anchor as (address, length) pairs; the parent, first and last child,
# next and previous sibling: eighteen 8-byte words. A Tree object starts with the array's address,
# capacity and size. Reading the array directly costs a tenth of a wrapper call per field;
# prepare_fast_path() checks the layout on a probe document against the wrapper's own answers,
# so a different layout turns the fast path off instead of misreading it.
_WORDS = 18
_TYPE, _KEY_AT, _KEY_SIZE, _VAL_AT, _VAL_SIZE, _FIRST_CHILD, _NEXT_SIBLING = 0, 3, 4, 9, 10, 14, 16
_TYPE_BITS = 0xFFFFFFFF
_NONE = 2**64 - 1
_PROBE = b"a: [x, 'y']\nb:\n  c: d\ne:\n"

if _ryml is not None:
    _KEY, _VAL, _MAP, _SEQ = _ryml.KEY, _ryml.VAL, _ryml.MAP, _ryml.SEQ
    _FLOW = _ryml.FLOW_SL | _ryml.FLOW_ML
    _KEY_PLAIN, _KEY_SQUO, _KEY_DQUO = _ryml.KEY_PLAIN, _ryml.KEY_SQUO, _ryml.KEY_DQUO
    _VAL_PLAIN, _VAL_SQUO, _VAL_DQUO = _ryml.VAL_PLAIN, _ryml.VAL_SQUO, _ryml.VAL_DQUO
    _VAL_LITERAL, _VAL_BLOCK = _ryml.VAL_LITERAL, _ryml.VAL_LITERAL | _ryml.VAL_FOLDED
    _REFUSED = (
        _ryml.KEYREF
        | _ryml.VALREF
        | _ryml.KEYANCH
        | _ryml.VALANCH
        | _ryml.KEYTAG
        | _ryml.VALTAG
        | _ryml.KEYNIL
        | _ryml.KEY_UNFILT
        | _ryml.VAL_UNFILT
        | _ryml.KEY_LITERAL
        | _ryml.KEY_FOLDED
        | _ryml.DOC
        | _ryml.STREAM & ~_ryml.SEQ
    )  # (STREAM includes the SEQ bit)
    _PLAIN_PAIR = _KEY | _VAL | _KEY_PLAIN | _VAL_PLAIN  # 'key: value', both plain: the common entry

_GAP = re.compile(rb"(?:[ \n]+(?:#[^\n]*)?)*")  # blanks and comments after an indicator
_LEADING = re.compile(rb"(?:#[^\n]*)?(?:[ \n]+(?:#[^\n]*)?)*")  # the same at the start of a file
_SPACES_COLON = re.compile(rb" *:(?=[ \n]|\Z)")  # a ':' that is a value indicator
_LINE_START = re.compile(rb" *(?:- +)*")  # before a block collection's first key or '-'
_LINE_REST = re.compile(rb"(?: +#[^\n]*| *)(?:\n|\Z)")  # after a value in a block collection
_FLOW_NEXT = re.compile(rb" *,")
_FLOW_COLON = re.compile(rb":[,?\[\]{}]")  # ends a plain scalar in a flow collection for libyaml
_FLOW_END = {123: re.compile(rb" *\}"), 91: re.compile(rb" *\]")}
_BLOCK_HEADER = re.compile(rb"[|>]([+-]?)(?: +(?:#[^\n]*)?)?\n")
# Where a node may start (after a blank, a line break or a flow indicator), a character the fast
# path has to look at: most refuse the text, see _fast_path_refuses().
_SUSPECT = re.compile(rb"[ \n\[{,](?:[&*!%@`?:,\]}|>#]|---|\.\.\.)")  # and document markers
_BLOCK_HEADER_LINE = re.compile(rb"[|>][+-]?(?: +#[^\n]*| *)(?:\n|\Z)")
_CONTROL_BYTES = bytes(range(32)).replace(b"\n", b"") + b"\x7f"
_SIMPLE_KEY_LIMIT = 1000  # libyaml refuses a key whose ':' is 1,024 characters after its start
_SPECIAL_PLAIN = {"<<", "="}  # libyaml tags these merge and value
_NOT_VERBATIM = {39: b"'\n", 34: b'"\n\\'}  # in a quoted scalar: its quote, a line break, an escape

_c_stderr: Any = None  # libc's ``stderr``; a FILE* on the null device replaces it during a parse
_c_devnull: int | None = None
_prepared: bool | None = None


class _Decline(Exception):
    """The fast path cannot vouch for this text; the reference reader takes it."""


def prepare_fast_path() -> bool:
    """Check, once, that the node layout is the one read here and that rapidyaml can be quieted.

    rapidyaml's error handler prints to C ``stderr`` before it raises; pointing that stream at the
    null device during the parse (the GIL is held throughout) keeps ``check``'s output as it was.
    """
    global _c_stderr, _c_devnull, _prepared
    if _prepared is None:
        _prepared = False
        try:
            _prepared = _ryml is not None and _find_c_stderr() and _layout_is_known()
        except Exception:  # pragma: no cover - an unusual platform: libyaml reads everything
            _prepared = False
    return _prepared


def _find_c_stderr() -> bool:
    global _c_stderr, _c_devnull
    libc = ctypes.CDLL(None)
    for name in ("stderr", "__stderrp"):  # glibc and musl; macOS
        try:
            _c_stderr = ctypes.c_void_p.in_dll(libc, name)
        except ValueError:
            continue
        fopen = libc.fopen
        fopen.restype, fopen.argtypes = ctypes.c_void_p, [ctypes.c_char_p, ctypes.c_char_p]
        _c_devnull = fopen(b"/dev/null", b"w")
        return bool(_c_devnull)
    return False


def _layout_is_known() -> bool:
    buf = bytearray(_PROBE)
    tree = _ryml.parse_in_place(buf)
    this, base = tree.this, ctypes.addressof(ctypes.c_char.from_buffer(buf))
    nodes = _node_words(tree)
    if nodes is None or len(nodes) != 7 * _WORDS:
        return False
    for node in range(7):
        words = nodes[node * _WORDS : (node + 1) * _WORDS]
        kind = words[_TYPE] & _TYPE_BITS
        if (
            kind != _ryml_c.Tree_type(this, node)
            or words[_FIRST_CHILD] != _ryml_c.Tree_first_child(this, node)
            or words[_NEXT_SIBLING] != _ryml_c.Tree_next_sibling(this, node)
        ):
            return False
        for has, at, size, view in (
            (kind & _KEY, _KEY_AT, _KEY_SIZE, _ryml_c.Tree_key),
            (kind & _VAL, _VAL_AT, _VAL_SIZE, _ryml_c.Tree_val),
        ):
            expected = view(this, node) if has else None
            if expected is not None and not (
                0 <= words[at] - base < len(buf)
                and words[size] == len(expected)
                and ctypes.string_at(words[at], words[size]) == bytes(expected)
            ):
                return False
    return nodes[5 * _WORDS + _KEY_AT] - base == _PROBE.index(b"c:") and nodes[6 * _WORDS + _VAL_AT] == 0


def _node_words(tree) -> memoryview | None:
    """The tree's node array as 8-byte words, without a copy (``tree`` must outlive it)."""
    array, _, size = (ctypes.c_uint64 * 3).from_address(int(tree.this))
    if size != _ryml_c.Tree_size(tree.this) or not array:
        return None
    return _memory_view(array, size * _WORDS * 8, 0x100).cast("Q")  # 0x100: PyBUF_READ


def _fast_path_refuses(text: str, raw: bytes) -> bool:
    """True for a text with anything the fast path leaves to libyaml, found before parsing.

    Characters YAML does not allow, or that libyaml alone takes for line breaks (CR, NEL, LS,
    PS), a BOM, tabs; where a node could start, an indicator that could make a tag, an anchor, an
    alias, a directive, an explicit or empty key, a reserved character, a block scalar with an
    explicit indentation; document markers. Conservative: "Q & A" sends its file to libyaml too.
    """
    if text.isascii():
        if len(raw.translate(None, _CONTROL_BYTES)) != len(raw):
            return True
    elif not text.replace("\n", " ").isprintable():  # Python's printable is narrower than YAML's
        return True
    at = 0
    raw = b"\n" + raw
    while (match := _SUSPECT.search(raw, at)) is not None:
        before, indicator = raw[match.start()], raw[match.start() + 1]
        at = match.start() + 1
        if indicator == 35 and before in (32, 10):  # a comment, skipped unless a quote before it
            # on its line may make it text
            line_end = raw.find(b"\n", at)
            line_end = len(raw) if line_end < 0 else line_end
            line = raw[raw.rfind(b"\n", 0, at) + 1 : at]
            if (39 in line or 34 in line) and _SUSPECT.search(raw, at, line_end):
                return True
            at = line_end
        elif indicator in (124, 62):  # '|' '>': a block scalar's header, or text
            if not _BLOCK_HEADER_LINE.match(raw, at):
                return True
        elif not (indicator in (93, 125) and before == indicator - 2):  # '[]' and '{}' are fine
            return True
    return False


def _parse_quietly(buf: bytearray):
    with _parse_lock:  # two threads swapping stderr could leave it on the null device
        saved = _c_stderr.value
        _c_stderr.value = _c_devnull
        try:
            return _ryml.parse_in_place(buf)
        finally:
            _c_stderr.value = saved


_parse_lock = threading.Lock()


def load_with_ryml(text: str, path: str) -> LoadedYaml | None:
    """The same result as :func:`trainops.yamlsource._load_with_libyaml`, or None where it cannot be sure of that."""
    if _ryml is None or not prepare_fast_path():
        return None
    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return None
    if _fast_path_refuses(text, raw):
        return None
    buf = bytearray(raw)
    try:
        tree = _parse_quietly(buf)
        nodes = _node_words(tree)
        return None if nodes is None else _RymlReader(nodes, buf, raw, text, path).read(tree.root_id())
    except Exception:  # a parse error, _Decline, or anything unforeseen: libyaml decides
        return None


class _Lines:
    """Where a file's lines start, to turn byte offsets into libyaml's line and column."""

    def __init__(self, starts: list[int], raw: bytes, wide: set[int]):
        self.starts, self.raw, self.wide = starts, raw, wide  # raw: only where lines are wide

    def position(self, at: int) -> tuple[int, int]:
        """A byte offset as libyaml's 1-based line and column (which counts characters)."""
        line = bisect_right(self.starts, at)
        start = self.starts[line - 1]
        return line, (len(self.raw[start:at].decode("utf-8")) if line in self.wide else at - start) + 1


def _settle_pairs(source: SourceMap, loc: Path, lines: _Lines, column: int, offsets: list[int], names) -> None:
    """The positions of a mapping's 'key: value' pairs, from their values' offsets: each key is at
    the mapping's (byte) column on its value's line."""
    keys, values, starts, wide = source.keys, source.values, lines.starts, lines.wide
    for name, at in zip(names, offsets, strict=True):
        line = bisect_right(starts, at)
        line_start = starts[line - 1]
        item = loc + (name,)
        if line in wide:
            keys[item], values[item] = lines.position(line_start + column), lines.position(at)
        else:
            keys[item], values[item] = (line, column + 1), (line, at - line_start + 1)


class _RymlReader:
    """Plain values and libyaml's positions from rapidyaml's nodes; raises _Decline when unsure.

    Positions as libyaml gives them: a plain scalar or key where its text starts, a quoted one at
    its opening quote, a block scalar at its '|' or '>'; an empty value just after its ':'; a
    block mapping at its first key, a block sequence at its first '-', a flow collection at its
    bracket. A plain or quoted scalar must be its source text verbatim; a block scalar is
    recomputed here for the simple shapes and must equal rapidyaml's value. Where rapidyaml is
    more lenient than libyaml, the layout is checked: a block collection starts its line, nothing
    but a comment follows a value on its line, a flow collection sits on one line with its commas
    and closing bracket where libyaml wants them.
    """

    def __init__(self, nodes: memoryview, buf: bytearray, raw: bytes, text: str, path: str):
        # One strided view per field: node n's type is kinds[n], and so on.
        self.kinds, self.key_at, self.key_size, self.val_at, self.val_size, self.first_child, self.next_sibling = (
            nodes[field::_WORDS]
            for field in (_TYPE, _KEY_AT, _KEY_SIZE, _VAL_AT, _VAL_SIZE, _FIRST_CHILD, _NEXT_SIBLING)
        )
        self.buf = buf
        self.raw = raw
        self.text = text
        self.base = ctypes.addressof(ctypes.c_char.from_buffer(buf)) if raw else 0
        self.verbatim = buf == raw  # rapidyaml unescapes and folds scalars in place
        self.ascii = text.isascii()  # then byte offsets are character offsets
        lines = raw.split(b"\n")
        lengths = [len(line) + 1 for line in lines]
        self.starts = list(accumulate(lengths, initial=0))  # the byte offset of each line
        # Lines with characters beyond ASCII, and how many bytes more than characters come before
        # each line: where the text is ASCII, a byte offset less that shift is a character offset.
        extra = [0] if self.ascii else list(map(int.__sub__, map(len, lines), map(len, text.split("\n"))))
        self.wide = {n for n, more in enumerate(extra, 1) if more}
        self.shifts = list(accumulate(extra, initial=0))
        self.long_lines = max(lengths) > _SIMPLE_KEY_LIMIT
        self.special = "<<" in text or "=" in text
        self.source = SourceMap(path)
        self.lines = _Lines(self.starts, raw if self.wide else b"", self.wide)

    def read(self, root: int) -> LoadedYaml:
        kind = self.kinds[root] & _TYPE_BITS
        if kind & _REFUSED:
            raise _Decline
        if kind & (_MAP | _SEQ):
            data, _, end = self.collection(root, kind, (), 0, _LEADING.match(self.raw, 0).end())
        elif kind & _VAL:
            data, at, end = self.scalar(kind, self.val_at[root], self.val_size[root])
            self.source.values[()] = self.position(at)
        elif kind == 0 and self.first_child[root] == _NONE:
            return LoadedYaml(None, self.source)  # no document at all, as libyaml composes it
        else:
            raise _Decline
        if end is not None and _LEADING.match(self.raw, end).end() != len(self.raw):
            raise _Decline  # something after the document's only node
        return LoadedYaml(data, self.source)

    def position(self, at: int) -> tuple[int, int]:
        """A byte offset as libyaml's 1-based line and column (which counts characters)."""
        return self.lines.position(at)

    def text_at(self, at: int, end: int) -> str:
        if self.ascii:
            return self.text[at:end]
        return self.raw[at:end].decode("utf-8")

    def scalar(self, kind: int, address: int, size: int) -> tuple[Any, int, int]:
        """A plain or quoted scalar's value, offset and end (block scalars: see block_scalar)."""
        if kind & _VAL_PLAIN:
            value, at = self.plain(address, size)
            return (None if value in _NULLS else value), at, at + size
        if kind & (_VAL_SQUO | _VAL_DQUO):
            value, at = self.quoted(address, size, 39 if kind & _VAL_SQUO else 34)  # ' or "
            return value, at, at + size + 2
        raise _Decline

    def plain(self, address: int, size: int) -> tuple[str, int]:
        raw, at = self.raw, address - self.base
        end = at + size
        if not (address and size and at >= 0 and end <= len(raw)):
            raise _Decline  # empty, or not in the source
        if not self.verbatim and (self.buf[at:end] != raw[at:end] or raw.find(b"\n", at, end) >= 0):
            raise _Decline  # folded from several lines
        if raw[at] == 32 or raw[end - 1] == 32 or raw.find(b" #", at, end) >= 0 or _FLOW_COLON.search(raw, at, end):
            raise _Decline  # rapidyaml may keep these in a plain scalar; libyaml never does
        value = self.text_at(at, end)
        if value in _SPECIAL_PLAIN:
            raise _Decline
        return value, at

    def quoted(self, address: int, size: int, quote: int) -> tuple[str, int]:
        """A quoted scalar written on one line without escapes; its offset is the opening quote."""
        raw, at = self.raw, address - self.base
        end = at + size
        if not (address and at > 0 and end < len(raw) and raw[at - 1] == quote and raw[end] == quote):
            raise _Decline
        if self.buf[at:end] != raw[at:end] or any(raw.find(c, at, end) >= 0 for c in _NOT_VERBATIM[quote]):
            raise _Decline
        return self.text_at(at, end), at - 1

    def line_rest(self, end: int) -> None:
        """Nothing but blanks or a comment may follow a value in a block collection."""
        if not _LINE_REST.match(self.raw, end):
            raise _Decline

    def colon_after(self, end: int, key_at: int) -> int:
        """The ':' after a key, which libyaml wants within 1,024 characters of the key's start."""
        match = _SPACES_COLON.match(self.raw, end)
        if match is None or match.end() - 1 - key_at > _SIMPLE_KEY_LIMIT:
            raise _Decline
        return match.end() - 1

    def flow_next(self, end: int, last: bool, bracket: int) -> int:
        """After a flow collection's item: a comma, or its closing bracket; returns where it ends."""
        match = (_FLOW_END[bracket] if last else _FLOW_NEXT).match(self.raw, end)
        if match is None:
            raise _Decline
        return match.end()

    def collection(self, node: int, kind: int, loc: Path, depth: int, start: int | None) -> tuple[Any, int, int | None]:
        """A mapping or sequence, its offset and, for a flow collection, where it ends.

        ``start`` is where the next token after the parent's indicator is, when known.
        """
        values, raw = self.source.values, self.raw
        values[loc] = None  # the reference's order: a collection before its items
        if self.first_child[node] != _NONE and depth >= MAX_DEPTH:
            raise _Decline  # the reference reports the depth
        data, at, end = (self.mapping if kind & _MAP else self.sequence)(node, kind, loc, depth)
        if kind & _FLOW:
            bracket = 123 if kind & _MAP else 91  # '{' or '['
            if at is not None:  # back from the first item, on its line
                at -= 1
                while at >= 0 and raw[at] == 32:
                    at -= 1
            elif start is not None:
                at = start
                end = self.flow_next(at + 1, True, bracket)
            else:
                raise _Decline  # an empty flow collection in a sequence
            if not (0 <= at < len(raw) and raw[at] == bracket) or raw.find(b"\n", at, end) >= 0:
                raise _Decline  # not at its bracket, or over several lines (comments may hide there)
        elif at is None:
            raise _Decline
        if start is not None and start != at:
            raise _Decline
        values[loc] = self.position(at)
        return data, at, end

    def column(self, at: int, first: bool) -> int:
        """The column of a block collection's key or '-': alone on its line but for blanks, or
        for the first, after its parent item's '- '."""
        raw = self.raw
        line_start = raw.rfind(b"\n", 0, at) + 1
        if not (
            _LINE_START.fullmatch(raw, line_start, at) if first else raw.count(b" ", line_start, at) == at - line_start
        ):
            raise _Decline
        return at - line_start

    def sequence(self, node: int, kind: int, loc: Path, depth: int) -> tuple[list, int | None, int | None]:
        """A sequence's items, the offset of its first '-' (block) or first item (flow), its end."""
        kinds, values, raw, line_rest = self.kinds, self.source.values, self.raw, _LINE_REST.match
        flow = kind & _FLOW
        out: list = []
        first = end = column = None
        child = self.first_child[node]
        while child != _NONE:
            ckind = kinds[child] & _TYPE_BITS
            if ckind & (_REFUSED | _KEY):
                raise _Decline
            item_loc = loc + (len(out),)
            if ckind & (_MAP | _SEQ):
                if flow and not ckind & _FLOW:
                    raise _Decline
                value, at, end = self.collection(child, ckind, item_loc, depth + 1, None)
            else:
                value, at, end = self.scalar(ckind, self.val_at[child], self.val_size[child])
                values[item_loc] = self.position(at)
            out.append(value)
            child = self.next_sibling[child]
            if flow:
                end = self.flow_next(end, child == _NONE, 91)
                if first is None:
                    first = at
                continue
            if end is not None and not line_rest(raw, end):
                raise _Decline  # more than a comment after the item on its line
            dash = at - 1  # the item's '-', back on its line
            while dash >= 0 and raw[dash] == 32:
                dash -= 1
            if dash < 0 or dash == at - 1 or raw[dash] != 45:
                raise _Decline
            if first is None:
                first, column = dash, self.column(dash, True)
            elif self.column(dash, False) != column:
                raise _Decline  # libyaml wants every '-' of a sequence in one column
        return out, first, end if flow else None

    def mapping(self, node: int, kind: int, loc: Path, depth: int) -> tuple[dict, int | None, int | None]:
        """A mapping's entries, the offset of its first key and, for a flow mapping, its end."""
        # The hot loop of a big schedule: a 'key: value' pair of plain scalars on one line in
        # unchanged text is read inline (each scalar its slice of the text); the rest: entry().
        # Such a pair's key is at the mapping's column on the line of its value, so its value's
        # offset is all that is kept of it; the positions are worked out when asked for
        # (SourceMap.pending, _settle_pairs).
        kinds, key_addresses, key_sizes, val_addresses, val_sizes, next_sibling = (
            self.kinds,
            self.key_at,
            self.key_size,
            self.val_at,
            self.val_size,
            self.next_sibling,
        )
        raw, text, base, starts, wide, shifts = self.raw, self.text, self.base, self.starts, self.wide, self.shifts
        keys, _values, _position, raw_size = self.source.keys, self.source.values, self.position, len(raw)
        plain_pair, type_bits, none, nulls, line_rest = _PLAIN_PAIR, _TYPE_BITS, _NONE, _NULLS, _LINE_REST.match
        line_start_ok = _LINE_START.fullmatch
        pair_offsets: list[int] = []
        keep_offset = pair_offsets.append
        flow = kind & _FLOW
        fast = self.verbatim and not flow
        checks = self.long_lines or self.special
        out: dict[str, Any] = {}
        first = end = column = None
        child = self.first_child[node]
        while child != none:
            ckind = kinds[child] & type_bits
            simple = False
            if ckind == plain_pair and fast:
                key_at = key_addresses[child] - base
                key_end = key_at + key_sizes[child]
                at = val_addresses[child] - base
                end = at + val_sizes[child]
                line = bisect_right(starts, key_at)
                simple = (
                    0 <= key_at < key_end < at < end <= raw_size
                    and at < starts[line]
                    and raw[key_end] == 58
                    and raw[key_end + 1] == 32
                )
            if simple:  # 'key: value' on one line, each its slice of the text
                line_start = starts[line - 1]
                if first is None:
                    if not line_start_ok(raw, line_start, key_at):
                        raise _Decline
                    first, column = key_at, key_at - line_start
                if (
                    key_at - line_start != column
                    or raw[key_at] == 32
                    or raw[at] == 32
                    or raw[end - 1] == 32
                    or (end < raw_size and raw[end] != 10 and not line_rest(raw, end))
                ):
                    raise _Decline  # out of line, a blank rapidyaml kept in a scalar, more on the line
                if not wide:
                    name, value = text[key_at:key_end], text[at:end]
                elif line in wide:
                    name, value = raw[key_at:key_end].decode("utf-8"), raw[at:end].decode("utf-8")
                else:  # an ASCII line in a text that is not
                    shift = shifts[line - 1]
                    name, value = text[key_at - shift : key_end - shift], text[at - shift : end - shift]
                if name in out or " #" in value or (checks and self.unusual(name, value, key_at, key_end)):
                    raise _Decline  # (the reference reports a duplicate key)
                keep_offset(at)
                out[name] = None if value in nulls else value
            else:
                key_at, end = self.entry(child, ckind, flow, out, loc, depth)
                if flow:
                    pass
                elif first is None:
                    column = self.column(key_at, True)
                elif self.column(key_at, False) != column:
                    raise _Decline  # libyaml wants every key of a mapping in one column
                if first is None:
                    first = key_at
            child = next_sibling[child]
            if flow:
                end = self.flow_next(end, child == none, 123)
        if pair_offsets:
            if len(pair_offsets) == len(out):  # pairs only: settled when asked for
                self.source.pending[loc] = (_settle_pairs, self.lines, column, pair_offsets, tuple(out))
            else:  # pairs among other entries (which recorded their own keys): settled now
                names = [name for name in out if loc + (name,) not in keys]
                _settle_pairs(self.source, loc, self.lines, column, pair_offsets, names)
        return out, first, end if flow else None

    def unusual(self, name: str, value: str, key_at: int, key_end: int) -> bool:
        """A plain key or value libyaml tags ('<<', '='), or a key too long for it."""
        return name in _SPECIAL_PLAIN or value in _SPECIAL_PLAIN or key_end - key_at > _SIMPLE_KEY_LIMIT

    def entry(self, child: int, kind: int, flow: int, out: dict, loc: Path, depth: int) -> tuple[int, int | None]:
        """Any other mapping entry, read into ``out``; returns its key's offset and its end."""
        if kind & _REFUSED or not kind & _KEY:
            raise _Decline
        raw, keys, values = self.raw, self.source.keys, self.source.values
        address, size = self.key_at[child], self.key_size[child]
        if kind & _KEY_PLAIN:
            name, key_at = self.plain(address, size)
            end = key_at + size
        elif kind & (_KEY_SQUO | _KEY_DQUO):
            name, key_at = self.quoted(address, size, 39 if kind & _KEY_SQUO else 34)
            end = key_at + size + 2
        else:
            raise _Decline
        if name in out:
            raise _Decline  # the reference reports the duplicate
        colon = self.colon_after(end, key_at)
        item_loc = loc + (name,)
        keys[item_loc] = self.position(key_at)
        if kind & (_MAP | _SEQ):
            if flow and not kind & _FLOW:
                raise _Decline
            out[name], _, end = self.collection(child, kind, item_loc, depth + 1, _GAP.match(raw, colon + 1).end())
        else:
            address, size = self.val_at[child], self.val_size[child]
            if not address:
                if flow or not kind & _VAL_PLAIN:
                    raise _Decline  # libyaml places an empty value in a flow mapping elsewhere
                out[name], at, end = None, colon + 1, colon + 1  # libyaml places it after the ':'
            elif kind & _VAL_BLOCK and not flow:
                out[name], at = self.block_scalar(kind, address, size, key_at, _GAP.match(raw, colon + 1).end())
                end = None  # the block scalar has checked its own lines
            else:
                out[name], at, end = self.scalar(kind, address, size)
            values[item_loc] = self.position(at)
        if not flow and end is not None:
            self.line_rest(end)
        return key_at, end

    def block_scalar(self, kind: int, address: int, size: int, key_at: int, at: int) -> tuple[str, int]:
        """A '|' or '>' value: recomputed from the source for simple shapes, then compared."""
        raw = self.raw
        header = _BLOCK_HEADER.match(raw, at)
        literal = raw[at : at + 1] == b"|"
        if not address or header is None or literal != bool(kind & _VAL_LITERAL) or header.group(1) == b"+":
            raise _Decline
        if raw.find(b"\n", key_at, at) >= 0:
            raise _Decline  # the indicator on a line of its own
        parent = key_at - (raw.rfind(b"\n", 0, key_at) + 1)  # the mapping's indentation
        lines: list[bytes] = []
        indent = None
        i = header.end()
        while i < len(raw):
            j = raw.find(b"\n", i)
            if j < 0:
                raise _Decline  # no final line break: an edge left to libyaml
            line = raw[i:j]
            margin = len(line) - len(line.lstrip(b" "))
            if margin == len(line):  # an empty line, or spaces only
                if line and (indent is None or margin > indent):
                    raise _Decline  # spaces that may set the indentation or be text
                lines.append(b"")
            else:
                if indent is None:
                    if margin <= parent:
                        break
                    indent = margin
                if margin < indent:
                    break
                if margin > indent and not literal:
                    raise _Decline  # more-indented lines fold differently
                lines.append(line[indent:])
            i = j + 1
        if indent is None:
            raise _Decline
        while lines and not lines[-1]:
            lines.pop()
        if literal:
            value = b"\n".join(lines)
        else:
            value = b"".join(
                (b" " if n and line and lines[n - 1] else b"") + (line or b"\n") for n, line in enumerate(lines)
            )
        if header.group(1) != b"-":
            value += b"\n"
        if ctypes.string_at(address, size) != value:
            raise _Decline
        return value.decode("utf-8"), at
