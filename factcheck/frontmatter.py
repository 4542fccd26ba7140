"""Reading front matter safely: an article's YAML or TOML header is untrusted input.

- at most :data:`MAX_CHARS` characters of front matter;
- YAML aliases (``*name``) are refused: a kilobyte of nested aliases (a "billion laughs" bomb)
  expands to gigabytes as soon as the values are turned into text; front matter has no use for
  them (anchors alone are harmless);
- at most :data:`MAX_DEPTH` levels of nested lists and mappings;
- dates are read as the text written (``2025-03-04`` stays a string), and a date that does not
  exist (``2025-02-30``) is a broken front matter, not a crash;
- anything else the parser cannot turn into values (an integer of 5,000 digits, nesting too deep
  for TOML) is broken front matter too.

Failures raise :class:`FrontMatterError` (a ``yaml.MarkedYAMLError`` for YAML, with the line);
:func:`factcheck.extract.split_front_matter` turns them into ``InputError``.
"""

from __future__ import annotations

import yaml
from yaml.composer import ComposerError
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.events import AliasEvent, CollectionStartEvent

MAX_CHARS = 64 * 1024
MAX_DEPTH = 20


class FrontMatterError(ValueError):
    """Front matter that cannot be read safely."""


class FrontMatterLoader(yaml.SafeLoader):
    """PyYAML's SafeLoader without aliases, with a depth limit, dates as strings."""

    depth = 0

    def compose_node(self, parent, index):  # noqa: ANN001 - PyYAML's signature
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            raise ComposerError(
                None,
                None,
                f"found an alias (*{event.anchor}); aliases are not allowed in front matter",
                event.start_mark,
            )
        nested = isinstance(event, CollectionStartEvent)
        if nested:
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise ComposerError(
                    None, None, f"nested more than {MAX_DEPTH} levels deep", event.start_mark
                )
        try:
            return super().compose_node(parent, index)
        finally:
            if nested:
                self.depth -= 1


def construct_date(loader: FrontMatterLoader, node: yaml.ScalarNode) -> str:
    """A YAML date or timestamp, as written; refused when it does not exist."""
    try:
        SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError) as err:
        raise ConstructorError(
            None, None, f"{node.value} is not a date that exists ({err})", node.start_mark
        ) from err
    return str(loader.construct_scalar(node))


FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", construct_date)


def check_size(raw: str) -> None:
    if len(raw) > MAX_CHARS:
        raise FrontMatterError(f"front matter too large ({len(raw)} characters; limit {MAX_CHARS})")


def load_yaml(raw: str):
    """The YAML front matter's value. Raises yaml.YAMLError or FrontMatterError."""
    check_size(raw)
    try:
        return yaml.load(raw, Loader=FrontMatterLoader)  # noqa: S506 - a SafeLoader subclass
    except (ValueError, OverflowError, RecursionError) as err:  # from a constructor
        raise FrontMatterError(f"broken YAML front matter: {first_line(err)}") from err


def load_toml(raw: str) -> dict:
    """The TOML front matter's table. Raises tomllib.TOMLDecodeError or FrontMatterError."""
    import tomllib

    check_size(raw)
    try:
        return tomllib.loads(raw)
    except tomllib.TOMLDecodeError:
        raise
    except (ValueError, OverflowError, RecursionError) as err:
        raise FrontMatterError(f"broken TOML front matter: {first_line(err)}") from err


def first_line(err: BaseException) -> str:
    return (str(err).splitlines() or [type(err).__name__])[0][:200]
