"""A data file's YAML text -> its data and node tree (the lines of errors), refusing a key written twice.

Apart from plan_file so that PyYAML is loaded only when a file is parsed: a command whose plan and registry come from
the data folder's cache (plan_file.load_plan_and_registry) needs it only to locate an error."""

from __future__ import annotations

from typing import Any

import yaml

# libyaml's parser (when PyYAML was built with it) is about ten times as fast as the pure-Python one and keeps the
# line of every node, which the located errors need; the constructor stays PyYAML's Python one either way.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_MERGE = "tag:yaml.org,2002:merge"


class KeyTwice(yaml.constructor.ConstructorError):
    """A key written twice in one mapping: told by the catalogue, where PyYAML's own problems keep their words."""

    def __init__(self, key: Any, first: int, node: yaml.Node, key_node: yaml.Node) -> None:
        problem = f"the key {key!r} is written twice (first on line {first}); keep one"
        super().__init__("while reading a mapping", node.start_mark, problem, key_node.start_mark)
        self.key, self.first = key, first


class NoSuchDate(yaml.constructor.ConstructorError):
    """A date no calendar has (2017-02-29, 2018-04-31): PyYAML's own ValueError carries no line."""

    def __init__(self, written: str, node: yaml.Node) -> None:
        super().__init__(None, None, f"the date {written} is not in the calendar", node.start_mark)
        self.written = written


class _UniqueKeyLoader(_SafeLoader):  # type: ignore[valid-type,misc]
    """SafeLoader that refuses a key written twice in one mapping (PyYAML would keep the last silently) and a date
    that does not exist, with the line of each."""

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as exc:
            raise NoSuchDate(str(node.value), node) from exc

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == _MERGE:
                continue  # "<<: *entry": no key but the keys of another mapping, which those written here override
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise KeyTwice(key, seen[key] + 1, node, key_node)
            seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor("tag:yaml.org,2002:timestamp", _UniqueKeyLoader.construct_yaml_timestamp)


def parse_yaml(text: str) -> tuple[Any, yaml.Node | None]:
    """The document's data and its node tree (for the lines of errors), from one parse."""
    loader = _UniqueKeyLoader(text)
    try:
        root = loader.get_single_node()
        return (loader.construct_document(root) if root is not None else None), root
    finally:
        loader.dispose()
