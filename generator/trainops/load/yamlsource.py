"""A YAML loader a non-programmer can trust, with a map from every value back to its line.

PyYAML's ``safe_load`` is still YAML 1.1: it turns ``9:30`` into 570, ``no`` into False and
``0123`` into 83, and it keeps the last of two duplicate keys without a word. We therefore only
*compose* the document (libyaml does the parsing, nothing is constructed) and build plain Python
values ourselves: every scalar stays the text the coordinator wrote; the models decide what a
field's text means. Along the way we refuse what has no place in a coordinator's file: duplicate
keys, anchors and aliases (alias bombs), tags, and oversized files.

libyaml does the parsing; every error keeps its message and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from ..model.diagnostics import Diagnostic, field_label
from ..model.sourcemap import Path, SourceMap

__all__ = [
    "LoadedYaml",
    "SourceMap",
    "YamlError",
    "load_yaml_text",
    "decode_source",
    "composes_in_parts",
    "MAX_FILE_BYTES",
]

try:  # libyaml is about five times faster; the pure-Python composer gives the same nodes.
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]


class _Loader(_SafeLoader):
    """Tags plain scalars without trying YAML 1.1's regular expressions on each (the text is kept
    as written whatever they say); only the two tags the builder refuses are still told apart."""

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode and implicit[0]:
            return _IMPLICIT_SPECIAL.get(value, "tag:yaml.org,2002:str")
        return super().resolve(kind, value, implicit)


_IMPLICIT_SPECIAL = {"<<": "tag:yaml.org,2002:merge", "=": "tag:yaml.org,2002:value"}

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 64
_TOO_DEEP = f"nesting is too deep to be data (more than {MAX_DEPTH} levels)"
_NULLS = {"", "~", "null", "Null", "NULL"}
_PLAIN_TAGS = {
    "tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}


@dataclass
class LoadedYaml:
    data: Any
    source: SourceMap


class YamlError(Exception):
    """A file that cannot be read as data; carries its diagnostic."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.as_text())
        self.diagnostic = diagnostic


def _error(path: str, line: int, col: int, message: str, rule: str = "yaml-syntax") -> YamlError:
    return YamlError(Diagnostic(path, line, col, "error", rule, message))


def decode_source(raw: bytes, path: str) -> str:
    """Bytes to text: UTF-8 (a BOM is accepted); anything else is an error at its line."""
    if len(raw) > MAX_FILE_BYTES:
        raise _error(
            path, 1, 1, f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; split it", "file-too-large"
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise _error(
            path,
            line,
            col,
            f"this file is not UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8 in your editor",
            "encoding",
        ) from None
    return text.replace("\r\n", "\n")


# Library messages rewritten for coordinators; the first matching fragment wins.
_FRIENDLY_SYNTAX = (
    ("found character '\\t'", "a tab character; indent with spaces only"),
    ("mapping values are not allowed", "a ':' where a value was expected; put text containing ': ' in quotes"),
    ("could not find expected ':'", "a line without 'key: value'; check the indentation and the colon"),
    ("did not find expected key", "unexpected indentation; align this line with the keys above it"),
    ("did not find expected '-' indicator", "unexpected indentation in a list; align the '-' with the items above"),
    ("found undefined alias", "aliases ('*name') are not allowed; write the value out"),
    ("found unexpected end of stream", "the file ends inside a quoted value or bracket; close it"),
    ("found unknown escape character", "an unknown '\\' escape in a double-quoted value; use single quotes"),
    ("expected a single document", "more than one YAML document ('---'); keep one per file"),
)


# Characters no name, room or calendar entry needs, and that do harm on the way: the C0 controls
# but tab and line feed (NUL ends strings in C, ESC drives terminals), DEL, the C1 controls
# (U+0080-U+009F: CSI, NEL), the line and paragraph separators (U+2028, U+2029: they end a line
# in JavaScript and in YAML, so a calendar entry or a comment is not what it shows) and the
# invisible bidirectional controls (U+202A-U+202E, U+2066-U+2069), which make a name read
# differently from what it is ("Trojan source").
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# The same in a file's raw text, but carriage return: a lone one is a line end, as YAML reads it.
# libyaml itself refuses the C0 controls, DEL and most of C1, not NEL, the separators or the
# bidirectional controls; one search of the text tells whether any value needs a look.
_RAW_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_YAML_LINE_END = re.compile("[\x85\u2028\u2029]")  # line ends to YAML 1.1 (and libyaml) beyond CR and LF


def _control_message(char: str) -> str:
    code = ord(char)
    if code in (0x2028, 0x2029):
        kind = "an invisible line or paragraph separator"
    elif code >= 0x202A:
        kind = "an invisible text-direction control"
    else:
        kind = "a control character"
    return f"{kind} (U+{code:04X}) has no place in text; delete it"


def control_character_problem(text: str) -> str | None:
    """The message for the first control character in ``text``, if any (CSV cells)."""
    found = CONTROL_CHARACTER.search(text)
    return _control_message(found.group()) if found else None


def _friendly(problem: str) -> str:
    for fragment, friendly in _FRIENDLY_SYNTAX:
        if fragment in problem:
            return friendly
    return problem


def load_yaml_text(text: str, path: str) -> LoadedYaml:
    """Compose ``text`` and return its plain values with their source map.

    Raises :class:`YamlError` for anything that is not plain, unambiguous data.
    """
    return _load_with_libyaml(text, path)


def _load_with_libyaml(text: str, path: str) -> LoadedYaml:
    """The reference reader: libyaml composes, :class:`_Builder` checks and converts."""
    # One pass over the text; values are looked at only if it finds one. In ASCII text the only
    # candidates are the C0 controls and DEL, which libyaml refuses itself.
    raw_control = None if text.isascii() else _RAW_CONTROL.search(text)
    composed = text
    if raw_control is not None:
        # libyaml ends a line at NEL and the separators where an editor shows none: compose the
        # text as it looks (same length, so marks stay), and find the value the character is in.
        composed = _YAML_LINE_END.sub("_", text)
    try:
        node = yaml.compose(composed, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        if raw_control is not None:  # invisible, it may be what makes the text read otherwise
            raise _text_control_error(text, path, raw_control) from None
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or str(exc)
        if exc.context and "single document" in exc.context:
            problem = exc.context
        if mark is not None and text[mark.index : mark.index + 1] == "\t":
            problem = "found character '\\t'"
        if "maximum nesting depth" in problem:  # libyaml's own limit (1,000 levels since 0.2.6)
            raise _error(path, line, col, _TOO_DEEP, "yaml-depth") from None
        raise _error(path, line, col, f"not valid YAML: {_friendly(problem)}") from None
    except yaml.reader.ReaderError as exc:  # a raw control character (libyaml refuses them)
        before = text[: exc.position]
        line, col = before.count("\n") + 1, exc.position - before.rfind("\n")
        raise _error(path, line, col, _control_message(chr(exc.character)), "control-character") from None
    except yaml.YAMLError as exc:
        raise _error(path, 1, 1, f"not valid YAML: {' '.join(str(exc).split())}") from None
    except RecursionError:  # the pure-Python composer, or a libyaml without a limit of its own
        raise _error(path, 1, 1, _TOO_DEEP, "yaml-depth") from None
    source = SourceMap(path)
    if node is None:
        return LoadedYaml(None, source)
    builder = _Builder(path, source, text, raw_control.start() if raw_control else -1)
    data = builder.build(node, (), 0)
    if raw_control is not None:  # in no value: in a comment, or a line end libyaml took out of the text
        raise _text_control_error(text, path, raw_control)
    return LoadedYaml(data, source)


def _text_control_error(text: str, path: str, found: re.Match) -> YamlError:
    before = text[: found.start()]
    line, col = before.count("\n") + 1, found.start() - before.rfind("\n")
    return _error(path, line, col, _control_message(found.group()), "control-character")


def composes_in_parts(text: str) -> bool:
    """Whether each part of ``text`` (a list's item, say) composes alone as it does within the
    whole: no anchor or tag can start anywhere (an alias names an anchor elsewhere), and no line
    ends but line feeds (a lone CR, NEL or a separator would move the lines counted by hand)."""
    if "\r" in text or (not text.isascii() and _RAW_CONTROL.search(text)):
        return False
    return not _may_have_properties(text)


def _may_have_properties(text: str) -> bool:
    """Whether a tag or an anchor may start somewhere: a '!' or '&' at a line's start or after a
    space, a flow indicator or a JSON-style ':'. Without one no node needs a look."""
    for char in "!&":  # str.find, not a regular expression: a fifth of a second less at 20 MB
        i = text.find(char)
        while i >= 0:
            if i == 0 or text[i - 1] in _BEFORE_PROPERTY:
                return True
            i = text.find(char, i + 1)
    return False


_BEFORE_PROPERTY = frozenset(" \t\n\r[{,:\x85\u2028\u2029")
_ANCHOR_THEN = re.compile(r"&[^\s,\[\]{}]+(?:\s|#[^\n]*)*")
_WRITTEN_TAG = re.compile(r"!<[^>]*>|![^\s,\[\]{}]*")


class _Builder:
    """Plain values from composed nodes, refusing what is not plain data.

    What a search of the whole text rules out is not looked for node by node (420,000 scalars in a
    big schedule): aliases and tags need an '&' or a '!' where one can start, control characters a
    raw one in the text or a '\\' for an escape in a double-quoted value.
    """

    def __init__(self, path: str, source: SourceMap, text: str = "", raw_control: int = -1):
        self.path = path
        self.source = source
        self.text = text
        self.seen: set[int] = set()  # anchored nodes met (an anchor starts wherever a tag may)
        self.properties = _may_have_properties(text)
        # Where the text's first raw control character is (-1: none): every scalar is then looked at,
        # whatever its style, and one whose text holds it even if libyaml made it a line end (NEL).
        self.raw_control = raw_control
        self.escapes = raw_control >= 0 or "\\" in text  # double-quoted scalars

    def fail(self, node: yaml.Node, message: str, rule: str) -> YamlError:
        return _error(self.path, node.start_mark.line + 1, node.start_mark.column + 1, message, rule)

    def check_node(self, node: yaml.Node) -> None:
        """Aliases and tags, for values and keys alike."""
        if node.tag not in _PLAIN_TAGS:
            if node.tag == "tag:yaml.org,2002:merge":
                raise self.fail(node, "merge keys ('<<') are not allowed; write the fields out", "yaml-tag")
            raise self.fail(node, f"YAML tags such as '{node.tag}' are not allowed; remove the '!' tag", "yaml-tag")
        if not self.properties:  # no '&' or '!' where one could start: no anchor, no tag
            return
        # A node starts at its properties: an anchored one at its '&', a tagged one at its '!'. An
        # explicit standard tag ('!!str', '!!map', the bare '!') gives the node the tag it would
        # have had anyway, so node.tag cannot tell; the text can.
        start = node.start_mark.index
        if isinstance(node, yaml.MappingNode) and node.value and node.value[0][0].start_mark.index == start:
            return  # '!t key: v' / '&a key: v': the first key's properties, looked at with the key
        text = self.text
        char = text[start : start + 1]
        if char == "&":
            # libyaml composes an alias as the very node it names: meeting it twice is an alias.
            if id(node) in self.seen:
                raise self.fail(
                    node, "anchors and aliases ('&name', '*name') are not allowed; write the value out", "yaml-alias"
                )
            self.seen.add(id(node))
            anchor = _ANCHOR_THEN.match(text, start)
            start = anchor.end() if anchor else start
            char = text[start : start + 1]
        if char == "!":
            written = _WRITTEN_TAG.match(text, start)
            tag = written.group() if written else "!"
            line, col = text.count("\n", 0, start) + 1, start - text.rfind("\n", 0, start)
            raise _error(
                self.path, line, col, f"YAML tags such as '{tag}' are not allowed; remove the '!' tag", "yaml-tag"
            )

    def check_text(self, node: yaml.ScalarNode, loc: Path, key: bool = False) -> None:
        char = None
        if self.raw_control < 0:
            if node.style == '"' and (found := CONTROL_CHARACTER.search(node.value)):
                char = found.group()  # "\x1b", "\0", "\N"
        elif found := CONTROL_CHARACTER.search(node.value):
            char = found.group()
        elif node.start_mark.index <= self.raw_control < node.end_mark.index:
            char = self.text[self.raw_control]
        if char is not None:
            where = (f"a field name in {field_label(loc)}" if loc else "a field name") if key else field_label(loc)
            raise self.fail(node, f"{where}: {_control_message(char)}", "control-character")

    def build(self, node: yaml.Node, loc: Path, depth: int) -> Any:
        self.check_node(node)
        if depth > MAX_DEPTH:
            raise self.fail(node, _TOO_DEEP, "yaml-depth")
        self.source.values[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            if not node.style and node.value in _NULLS:  # libyaml reports plain style as ''/None
                return None
            if self.escapes and (node.style == '"' or self.raw_control >= 0):
                self.check_text(node, loc)
            return node.value
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, loc + (i,), depth + 1) for i, item in enumerate(node.value)]
        return self.build_mapping(node, loc, depth)

    def build_mapping(self, node: yaml.Node, loc: Path, depth: int) -> dict:
        out: dict[str, Any] = {}
        # A scalar (key or value) needs no look but its tag when no node can have properties, no
        # value an escape or a control character, and a value is not too deep: the checks of
        # ``check_key`` and ``build`` are then made inline (a million of each at five years).
        plain = not self.properties and not self.escapes
        plain_values = plain and depth < MAX_DEPTH
        keys, values, scalar = self.source.keys, self.source.values, yaml.ScalarNode
        for key_node, value_node in node.value:
            if not (plain and key_node.tag in _PLAIN_TAGS and isinstance(key_node, scalar)):
                self.check_key(key_node, loc)
            key = key_node.value
            if key in out:
                first = keys[loc + (key,)]
                raise self.fail(
                    key_node,
                    f"duplicate key '{key}' (first written on line {first[0]}); keep only one",
                    "duplicate-key",
                )
            at = loc + (key,)
            mark = key_node.start_mark
            keys[at] = (mark.line + 1, mark.column + 1)
            if plain_values and value_node.tag in _PLAIN_TAGS and isinstance(value_node, scalar):
                mark = value_node.start_mark
                values[at] = (mark.line + 1, mark.column + 1)
                value = value_node.value
                out[key] = None if not value_node.style and value in _NULLS else value
            else:
                out[key] = self.build(value_node, at, depth + 1)
        return out

    def check_key(self, key_node: yaml.Node, loc: Path) -> None:
        """A mapping key: a plain scalar, no merge key ('<<'), no alias, tag or control character."""
        if key_node.tag == "tag:yaml.org,2002:merge":
            raise self.fail(key_node, "merge keys ('<<') are not allowed; write the fields out", "yaml-tag")
        if not isinstance(key_node, yaml.ScalarNode):
            raise self.fail(key_node, "a key must be a plain name", "yaml-key")
        self.check_node(key_node)
        if self.escapes and (key_node.style == '"' or self.raw_control >= 0):
            self.check_text(key_node, loc, key=True)
