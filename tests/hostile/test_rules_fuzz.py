"""Rule folders mutated by hypothesis: `load_rulebook` loads them or raises `RulebookError`,
never anything else, and every problem points at an existing file and a line within it (line 0
for the folder as a whole, 1 for a whole file).

Each example copies the real rules folder and mutates it: a value replaced by another type, a
huge number, deep nesting, an alias or a random string; a key removed; random bytes inserted;
the file cut short; a new file of random text; a table rule with a random CSV file; layers that
include each other, themselves, a market or nothing that exists. Crashes found this way are
pinned by the table-driven regression tests at the end.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from catalog.rulebook import RulebookError, load_rulebook

ROOT = Path(__file__).resolve().parent.parent.parent
RULES = ROOT / "rules"
EXAMPLES = int(os.environ.get("CATALOG_FUZZ_EXAMPLES", "100"))  # a longer hunt: 5000
YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
SPECIAL = ["null", "~", "true", "no", "[]", "{}", "''", "-1", "0", "1e999", "-1e999", ".nan",
           ".inf", "9" * 5000, "-" + "9" * 400, "0x1F", "1_000", "12:30:00", "2024-01-01",
           "!!python/object/apply:os.system ['true']", "*nothere", "&anchor value", "|\n  block",
           '"\\uD800"', '"\\x00"', '"\\u202e"', "'🚚'", "¹²", "٣", "Ⅻ", "=", "x=", "=y",
           "engine[", "engine[power_hp<]", "heater=none|", "../", "../../etc/passwd"]  # fmt: skip
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30)


def nested(depth: int, open_: str = "[", close: str = "]") -> str:
    return open_ * depth + close * depth


FRAGMENTS = st.one_of(
    st.sampled_from(SPECIAL),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats().map(repr),
    TEXT.map(json.dumps),  # a double-quoted YAML scalar, escapes and all
    st.integers(1, 3000).map(nested),
    st.integers(1, 300).map(lambda d: "{a: " * d + "1" + "}" * d),
    st.lists(st.sampled_from(SPECIAL[:12]), max_size=4).map(lambda xs: f"[{', '.join(xs)}]"),
    TEXT.filter(lambda t: "\n" not in t),  # plain, unquoted: often a syntax error
)


def walk(node: Node | None) -> list[tuple[Node, Node | None]]:
    """Every node, paired with the value node when it is a mapping key."""
    if isinstance(node, MappingNode):
        return [p for k, v in node.value for p in [(k, v), *walk(v)]]
    if isinstance(node, SequenceNode):
        return [p for item in node.value for p in [(item, None), *walk(item)]]
    return []


def yaml_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.yaml"))


def parsed(root: Path, data: st.DataObject) -> tuple[Path, str, list] | None:
    """A YAML file, its text and its nodes; None if earlier steps broke it beyond parsing."""
    file = data.draw(st.sampled_from(yaml_files(root)))
    try:
        text = file.read_text(encoding="utf-8")
        return file, text, walk(yaml.compose(text, Loader=yaml.CSafeLoader))
    except (UnicodeDecodeError, yaml.YAMLError, RecursionError):
        return None


def replace_value(root: Path, data: st.DataObject) -> None:
    found = parsed(root, data)
    scalars = [n for n, _ in found[2] if isinstance(n, ScalarNode)] if found else []
    if found and scalars:
        file, text, _ = found
        node = data.draw(st.sampled_from(scalars))
        start, end = node.start_mark.index, node.end_mark.index
        file.write_text(text[:start] + data.draw(FRAGMENTS) + text[end:])


def remove_key(root: Path, data: st.DataObject) -> None:
    found = parsed(root, data)
    pairs = [(k, v) for k, v in found[2] if v is not None] if found else []
    if found and pairs:
        file, text, _ = found
        key, value = data.draw(st.sampled_from(pairs))
        file.write_text(text[: key.start_mark.index] + text[value.end_mark.index :])


def insert_bytes(root: Path, data: st.DataObject) -> None:
    file = data.draw(st.sampled_from(yaml_files(root)))
    raw = file.read_bytes()
    at = data.draw(st.integers(0, len(raw)))
    file.write_bytes(raw[:at] + data.draw(st.binary(min_size=1, max_size=40)) + raw[at:])


def cut_short(root: Path, data: st.DataObject) -> None:
    file = data.draw(st.sampled_from(yaml_files(root)))
    raw = file.read_bytes()
    file.write_bytes(raw[: data.draw(st.integers(0, len(raw)))])


def new_file(root: Path, data: st.DataObject) -> None:
    folder = data.draw(st.sampled_from(["catalogue", "markets", "layers", "extra"]))
    (root / folder).mkdir(exist_ok=True)
    body = data.draw(st.one_of(st.text(max_size=200), FRAGMENTS.map(lambda f: f"rules: {f}")))
    (root / folder / "fuzz.yaml").write_text(body, encoding="utf-8", errors="surrogatepass")


def table_file(root: Path, data: st.DataObject) -> None:
    header = b"engine,gearbox\n"
    cells = st.sampled_from([b"WP12.430E201", b"12JSD200T-B", b"*", b"nope", b'"a\nb"', b"\x00",
                             b"\xff\xfe", b"x" * 200_000, b"", b",,,"])  # fmt: skip
    rows = st.lists(st.lists(cells, max_size=4).map(b",".join), max_size=5).map(b"\n".join)
    body = data.draw(st.one_of(rows.map(lambda r: header + r), st.binary(max_size=80)))
    (root / "tables").mkdir(exist_ok=True)
    (root / "tables" / "fuzz.csv").write_bytes(body)
    rule = "\n  - id: fuzz-table\n    kind: table\n    groups: [engine, gearbox]\n"
    where = data.draw(st.sampled_from(["../tables/fuzz.csv", "../tables/none.csv"]))
    rule += f"    file: {where}\n"
    rule += "    message: fuzz\n"
    with (root / "catalogue" / "engineering.yaml").open("a") as fh:
        fh.write(rule)


def includes(root: Path, data: st.DataObject) -> None:
    layer = root / "layers" / "central-asia.yaml"
    other = root / "layers" / "second.yaml"
    other.write_text("layer: {id: second, name: Second}\ninclude: [central-asia.yaml]\n")
    target = data.draw(st.sampled_from(["second.yaml", "central-asia.yaml", "../markets/kz.yaml",
                                        "nothing.yaml", "../../outside.yaml", "/etc/hosts",
                                        "[]", "{a: 1}", "''"]))  # fmt: skip
    layer.write_bytes(f"include: [{target}]\n".encode() + layer.read_bytes())


MUTATIONS = [replace_value, remove_key, insert_bytes, cut_short, new_file, table_file, includes]


def assert_points_into(root: Path, problem: object) -> None:
    source = problem.source  # type: ignore[attr-defined]
    where = root.parent / source.path
    assert where.exists(), f"{problem}: no such file"
    if where.is_dir():
        assert source.line == 0, f"{problem}: a folder has no lines"
        return
    pieces = YAML_BREAK.split(where.read_bytes().decode("utf-8", "replace"))
    lines = max(1, len(pieces) - (pieces[-1] == ""))
    assert 1 <= source.line <= lines, f"{problem}: the file has {lines} lines"


def load_or_explain(root: Path) -> None:
    try:
        load_rulebook(root)
    except RulebookError as err:
        assert err.problems
        for problem in err.problems:
            assert_points_into(root, problem)


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])  # fmt: skip
@given(data=st.data(), steps=st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=3))
def test_mutated_rule_folders_load_or_explain(tmp_path_factory, data, steps):
    root = tmp_path_factory.mktemp("fuzz") / "rules"
    shutil.copytree(RULES, root)
    for mutate in steps:
        mutate(root, data)
    load_or_explain(root)


TABLE_RULE = """
  - id: fuzz-table
    kind: table
    groups: [engine, gearbox]
    file: ../tables/t.csv
    message: a table from a file
"""
HEADER = b"engine,gearbox\n"

# What the fuzzer found (and a NUL byte, which was fine), pinned:
# (id, file, text replaced, by, a CSV table, problem, where).
FOUND = [
    ("syntax-error-at-end-of-file", "markets/tm.yaml",
     'list 中亚三国"\n', 'list 中亚三国"\n  - [\n', None, "YAML syntax error",
     "rules/markets/tm.yaml:43"),
    ("csv-not-utf8", "catalogue/engineering.yaml", "rules:\n", "rules:" + TABLE_RULE,
     HEADER + b"\xff\xfe,*\n", "not UTF-8 text", "rules/catalogue/engineering.yaml:10"),
    ("csv-field-over-the-limit", "catalogue/engineering.yaml", "rules:\n", "rules:" + TABLE_RULE,
     HEADER + b"x" * 200_000 + b",*\n", "field larger than field limit",
     "rules/catalogue/engineering.yaml:10"),
    ("csv-nul-byte", "catalogue/engineering.yaml", "rules:\n", "rules:" + TABLE_RULE,
     HEADER + b"WP12.430E201,\x00\n", "unknown option '\\x00'", "rules/tables/t.csv:2"),
    ("integer-over-4300-digits", "catalogue/models.yaml", "price: 270000",
     "price: " + "9" * 5000, None, "too large a number", "rules/catalogue/models.yaml:36"),
    ("axle-count-in-superscript", "markets/kz.yaml", "by_axles: {3: 25", "by_axles: {¹²: 25",
     None, "axle counts", "rules/markets/kz.yaml:15"),
]  # fmt: skip


@pytest.mark.parametrize(("file", "old", "new", "table", "message", "where"),
                         [case[1:] for case in FOUND], ids=[case[0] for case in FOUND])  # fmt: skip
def test_what_the_fuzzer_found(tmp_path, file, old, new, table, message, where):
    root = tmp_path / "rules"
    shutil.copytree(RULES, root)
    text = (root / file).read_text()
    assert old in text
    (root / file).write_text(text.replace(old, new, 1))
    if table is not None:
        (root / "tables").mkdir()
        (root / "tables" / "t.csv").write_bytes(table)
    with pytest.raises(RulebookError) as raised:
        load_rulebook(root)
    found = [p for p in raised.value.problems if message in p.message]
    assert [str(p.source) for p in found] == [where], raised.value.problems
    assert_points_into(root, found[0])
