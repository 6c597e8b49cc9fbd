"""A YAML reader that keeps every scalar as the string the author wrote.

YAML 1.1 readers turn an unquoted ``no`` into ``False`` and ``007`` into ``7``;
a codebook's value labels and codes must survive as written. Every scalar is
returned as ``str``; callers convert explicitly (and report what does not
convert). Duplicate keys in a mapping are collected instead of silently
overwriting each other.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import SurveyError

__all__ = ["read_yaml", "Duplicate"]


class Duplicate:
    """A mapping key that appeared twice (kept for the caller's error report)."""

    def __init__(self, path: str, key: str, line: int) -> None:
        self.path, self.key, self.line = path, key, line


class _StringLoader(yaml.BaseLoader):
    pass


def _construct_mapping(loader: _StringLoader, node: yaml.MappingNode) -> dict:
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, list):  # complex keys are not part of the format
            key = str(key)
        if key in mapping:
            loader.duplicates.append((key, key_node.start_mark.line + 1))
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


_StringLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_yaml(path: str | Path, error: type[SurveyError] = SurveyError) -> tuple[Any, list]:
    """Read a YAML file with all scalars as strings.

    Returns
    -------
    (document, duplicates)
        ``duplicates`` is a list of ``(key, line)`` for keys defined twice.

    Raises
    ------
    error
        When the file is missing, unreadable, or not valid YAML (one line, with the
        line number YAML reports).
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise error("file not found", file=path) from None
    except UnicodeDecodeError as exc:
        raise error(f"not UTF-8 text (byte {exc.start})", file=path) from None
    except OSError as exc:
        raise error(f"cannot be read ({exc.strerror})", file=path) from None
    loader = _StringLoader(text)
    loader.duplicates = []
    try:
        document = loader.get_single_data()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise error(f"{where}not valid YAML ({problem})", file=path) from None
    finally:
        loader.dispose()
    return document, loader.duplicates
