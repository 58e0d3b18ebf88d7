"""Safe YAML reading for specs: no aliases, no duplicate keys, errors with line numbers.

Aliases are refused outright: a spec never needs them, and refusing them stops an alias bomb
("billion laughs") before it costs memory or time.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from planchk.messages import msg


class YamlError(ValueError):
    """A YAML document planchk will not read; `line` is 1-based when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class _StrictConstruction:
    """Refuses duplicate keys and unhashable keys; shared by the pure-Python and libyaml loaders."""

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)  # type: ignore[attr-defined]
            line = key_node.start_mark.line + 1
            try:
                duplicate = key in seen
            except TypeError:  # a list or mapping as a key (`? [a, b]`): a set cannot hold it
                raise YamlError(msg("a mapping key must be a plain value"), line) from None
            if duplicate:
                raise YamlError(msg("duplicate key {key!r}", key=key), line)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)  # type: ignore[misc,no-any-return]


class _StrictLoader(_StrictConstruction, yaml.SafeLoader):
    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise YamlError(
                msg("YAML aliases (*name) are not allowed in a spec; write the value out"),
                event.start_mark.line + 1,
            )
        return super().compose_node(parent, index)


# libyaml parses a spec about ten times faster than the pure-Python parser, which matters at
# start-up. Its composer runs in C and cannot refuse aliases as they are met, so it only reads
# texts without a `*` (no alias is possible there). Any other text, and any text libyaml finds
# fault with, takes the pure-Python path, whose messages and line numbers are the ones reported.
_FastLoader: type[yaml.CSafeLoader] | None = None
if getattr(yaml, "__with_libyaml__", False):

    class _CStrictLoader(_StrictConstruction, yaml.CSafeLoader):
        pass

    _FastLoader = _CStrictLoader


# YAML 1.1 reads `no`, `yes`, `on` and `off` as booleans, which would turn the key `no` (an
# indicator's number) into False. Only true/false are booleans here, as in YAML 1.2.
_BOOL_TAG = "tag:yaml.org,2002:bool"
# YAML 1.1 also reads 0700 as octal 448, 0x700 as 1792, 7:00 as 420 (base 60) and 1_000 as
# 1000. Only plain decimal numbers are numbers here; anything else stays text, which the spec's
# number fields then refuse by name (`planchk.spec`).
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
# A date such as 2019-03-15 stays text: the field that holds it reads it (an impossible date
# such as 2019-13-01 is then that field's error, not a YAML error without a place).
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_PLAIN_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_PLAIN_FLOAT = re.compile(r"^[-+]?(?:(?:0|[1-9][0-9]*)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")
_NUMBER_START = list("-+0123456789.")
_REPLACED = (_BOOL_TAG, _INT_TAG, _FLOAT_TAG, _TIMESTAMP_TAG)
_loaders: list[type[yaml.SafeLoader] | type[yaml.CSafeLoader]] = [_StrictLoader]
if _FastLoader is not None:
    _loaders.append(_FastLoader)
for _loader in _loaders:
    _loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag not in _REPLACED]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    _loader.add_implicit_resolver(
        _BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
    )
    # Integers first: 700 is an int; 7.0 and 7e2 are floats.
    _loader.add_implicit_resolver(_INT_TAG, _PLAIN_INT, _NUMBER_START)
    _loader.add_implicit_resolver(_FLOAT_TAG, _PLAIN_FLOAT, _NUMBER_START)


def load_yaml(text: str) -> Any:
    """Parse one YAML document; raise `YamlError` with a line number on any problem."""
    if _FastLoader is not None and "*" not in text:
        try:
            return yaml.load(text, Loader=_FastLoader)
        except (yaml.YAMLError, YamlError, RecursionError, ValueError):
            pass  # reported below, as the pure-Python parser words it
    try:
        return yaml.load(text, Loader=_StrictLoader)
    except YamlError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        # The problem alone can read as half a sentence ("but found another document").
        reason = ", ".join(part for part in (exc.context, exc.problem) if part)
        raise YamlError(msg("not valid YAML: {reason}", reason=reason), line) from None
    except yaml.reader.ReaderError as exc:  # a control character; it knows its offset only
        line = text.count("\n", 0, exc.position) + 1
        raise YamlError(
            msg(
                "not valid YAML: character #x{character:04x} is not allowed ({reason})",
                character=exc.character,
                reason=exc.reason,
            ),
            line,
        ) from None
    except yaml.YAMLError as exc:
        raise YamlError(msg("not valid YAML: {reason}", reason=str(exc))) from None
    except RecursionError:
        raise YamlError(msg("the YAML is nested too deeply")) from None
    except ValueError:  # an integer of more digits than Python converts (4300)
        raise YamlError(msg("a number with thousands of digits: not a figure of a plan")) from None


class Positions:
    """Where each value of a parsed YAML document stands: 1-based line and column by path.

    Built only when a spec has problems (composing the node tree costs a second parse), so that
    every problem can name the line and column of the field it is about.
    """

    def __init__(self, text: str) -> None:
        loader = _FastLoader or yaml.SafeLoader
        try:
            self._root: Any = yaml.compose(text, Loader=loader)
        except yaml.YAMLError:  # the text parsed once already; no positions rather than a crash
            self._root = None

    def of(self, path: tuple[int | str, ...]) -> tuple[int, int] | None:
        """The (line, column) of the deepest node along `path`: the key of a mapping entry, the
        item of a list; None for an empty document."""
        node, mark = self._root, None
        if node is not None:
            mark = node.start_mark
        for part in path:
            if isinstance(node, yaml.MappingNode):
                entry = next((kv for kv in node.value if kv[0].value == str(part)), None)
                if entry is None:
                    break
                mark, node = entry[0].start_mark, entry[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if not 0 <= part < len(node.value):
                    break
                node = node.value[part]
                mark = node.start_mark
            else:
                break
        return None if mark is None else (mark.line + 1, mark.column + 1)
