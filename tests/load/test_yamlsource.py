import pytest

from trainops.load.yamlsource import YamlError, decode_source, load_yaml_text


def load(text):
    return load_yaml_text(text, "f.yaml")


def test_scalars_stay_as_written():
    data = load("a: 9:30\nb: no\nc: 0123\nd: 2026-12-01 09:30\ne: yes\nf: 1e3\n").data
    assert data == {"a": "9:30", "b": "no", "c": "0123", "d": "2026-12-01 09:30", "e": "yes", "f": "1e3"}


def test_empty_and_null_values_are_none_but_quoted_empty_is_text():
    assert load("a:\nb: ~\nc: ''\nd: null\n").data == {"a": None, "b": None, "c": "", "d": None}


def test_source_map_has_value_and_key_positions():
    loaded = load("people:\n  - id: a\n    name: A\n")
    assert loaded.source.values[("people", 0, "name")] == (3, 11)
    assert loaded.source.keys[("people", 0, "name")] == (3, 5)
    assert loaded.source.locate(("people", 0, "missing")) == (2, 5)


@pytest.mark.parametrize(
    "text, rule, line",
    [
        ("a: 1\nb: 2\na: 3\n", "duplicate-key", 3),
        ("a: &x [1]\nb: *x\n", "yaml-alias", 1),
        ("a: !!python/object:os.system x\n", "yaml-tag", 1),
        ("a: !custom x\n", "yaml-tag", 1),
        ("<<: {a: 1}\n", "yaml-tag", 1),
        ("a:\n\tb: 1\n", "yaml-syntax", 2),
        ("a: b: c\n", "yaml-syntax", 1),
        ("a: [1, 2\nb: 3\n", "yaml-syntax", 2),
        ("x: " + "[" * 200 + "]" * 200 + "\n", "yaml-depth", 1),
    ],
)
def test_refused_yaml(text, rule, line):
    with pytest.raises(YamlError) as info:
        load(text)
    assert info.value.diagnostic.rule == rule
    assert info.value.diagnostic.line == line


def test_billion_laughs_is_refused_without_expanding():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9)
    )
    with pytest.raises(YamlError) as info:
        load(bomb)
    assert info.value.diagnostic.rule == "yaml-alias"


def test_bom_is_accepted_and_crlf_normalised():
    assert decode_source(b"\xef\xbb\xbfa: 1\r\n", "f.yaml") == "a: 1\n"


def test_non_utf8_is_an_error_at_its_line_and_column():
    with pytest.raises(YamlError) as info:
        decode_source("a: 1\nb: caf\xe9\n".encode("latin-1"), "f.yaml")
    d = info.value.diagnostic
    assert (d.line, d.column, d.rule) == (2, 7, "encoding")


def test_oversized_file_is_refused():
    with pytest.raises(YamlError) as info:
        decode_source(b"a" * (21 * 1024 * 1024), "f.yaml")
    assert info.value.diagnostic.rule == "file-too-large"


@pytest.mark.parametrize(
    "text, code, line, column, field",
    [
        ('name: "A\\x9bB"\n', "U+009B", 1, 7, "name"),  # CSI: a terminal escape without ESC
        ('name: "A\\NB"\n', "U+0085", 1, 7, "name"),  # NEL
        ('name: "A\\LB"\n', "U+2028", 1, 7, "name"),
        ('name: "A\\PB"\n', "U+2029", 1, 7, "name"),
        ('name: "A\\u202eB"\n', "U+202E", 1, 7, "name"),
        ('people:\n  - name: "A\\u2067B"\n', "U+2067", 2, 11, "people[1].name"),
        ("name: A\u202eB\n", "U+202E", 1, 7, "name"),  # raw, whatever the style
        ("name: 'A\u2066B\u2069'\n", "U+2066", 1, 7, "name"),
        ("a: x\nname: |\n  A\u202dB\n", "U+202D", 2, 7, "name"),
        ("name: A\x85B\n", "U+0085", 1, 7, "name"),  # libyaml reads a raw NEL as a line end
        ("name: A\u2028B\n", "U+2028", 1, 7, "name"),
        ("list: [a, b\u2029c]\n", "U+2029", 1, 11, "list[2]"),
        ('a:\n  "b\\ec": 1\n', "U+001B", 2, 3, "a field name in a"),
        ("b\u202ec: 1\n", "U+202E", 1, 1, "a field name"),
    ],
)
def test_control_and_invisible_characters_are_refused_naming_the_field(text, code, line, column, field):
    with pytest.raises(YamlError) as info:
        load(text)
    d = info.value.diagnostic
    assert (d.rule, d.line, d.column) == ("control-character", line, column)
    assert d.message.startswith(f"{field}: ") and f"({code})" in d.message


@pytest.mark.parametrize(
    "text, line, column",
    [
        ("# note \u202e here\nname: x\n", 1, 8),
        ("# a comment\x85evil: 1\nname: x\n", 1, 12),  # to libyaml a NEL ends the comment: 'evil' would be data
        ("a: [b,\n\u2028 c]\n", 2, 1),
    ],
)
def test_control_characters_outside_values_are_refused_at_their_place(text, line, column):
    with pytest.raises(YamlError) as info:
        load(text)
    d = info.value.diagnostic
    assert (d.rule, d.line, d.column) == ("control-character", line, column)


def test_tab_line_feed_and_ordinary_unicode_stay_allowed():
    text = 'a: "tab\\there\\nnew line"\nb: |\n  two\n  lines\nc: Zoë, 東京, \u200fמרים\u200f, 😀\nd: "C:\\\\files"\n'
    assert load(text).data == {
        "a": "tab\there\nnew line",
        "b": "two\nlines\n",
        "c": "Zoë, 東京, \u200fמרים\u200f, 😀",  # right-to-left marks are not embeddings or overrides
        "d": "C:\\files",
    }


@pytest.mark.parametrize(
    "text, tag, line, column",
    [
        ("owner: !!str person.000\n", "!!str", 1, 8),
        ("code: !!str BEN-0000\n", "!!str", 1, 7),
        ("a: [x, !!int 5]\n", "!!int", 1, 8),
        ("a: !!map {b: c}\n", "!!map", 1, 4),
        ("a: !!seq\n  - b\n", "!!seq", 1, 4),
        ("a: ! x\n", "!", 1, 4),  # the non-specific tag
        ("a: !<tag:yaml.org,2002:str> x\n", "!<tag:yaml.org,2002:str>", 1, 4),
        ("%TAG !e! tag:yaml.org,2002:\n---\na: !e!str x\n", "!e!str", 3, 4),
        ("a: &x\n  !!str v\n", "!!str", 2, 3),  # after an anchor
        ("--- !!map\na: b\n", "!!map", 1, 5),
        ('{"a":!!str x}\n', "!!str", 1, 6),
        ("k: v\n!!str a: b\n", "!!str", 2, 1),  # on a field name
        ("!!str a: b\n", "!!str", 1, 1),
        ("!!python/name:os.system audience: coordinator\n", "tag:yaml.org,2002:python/name:os.system", 1, 1),
    ],
)
def test_explicit_tags_are_refused_at_the_tag(text, tag, line, column):
    with pytest.raises(YamlError) as info:
        load(text)
    d = info.value.diagnostic
    assert (d.rule, d.line, d.column) == ("yaml-tag", line, column)
    assert f"'{tag}'" in d.message


def test_exclamation_marks_and_ampersands_in_text_are_text():
    text = 'a: Welcome! Q&A, R & D !\nb: "!!str"\nc: x !y &z\nd: [it works!]\n'
    assert load(text).data == {"a": "Welcome! Q&A, R & D !", "b": "!!str", "c": "x !y &z", "d": ["it works!"]}


@pytest.mark.parametrize("text", ["a: &x k\n*x : v\n", "- &x [1]\n- *x\n", "a: &x\n  b: 1\nc: *x\n"])
def test_aliases_are_refused_also_as_field_names_and_after_a_line_break(text):
    with pytest.raises(YamlError) as info:
        load(text)
    assert info.value.diagnostic.rule == "yaml-alias"
