import pytest

from trainops.yamlsource import YamlError, decode_source, load_yaml_text


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
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(9)
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
