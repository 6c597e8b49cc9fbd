"""Collect the problems of a codebook while it is read.

One job: :class:`_Checker` converts raw YAML values (texts, numbers, flags, names,
labels, missing codes) and records every problem as a
:class:`~survey.errors.CodebookError` naming the file, the dotted key and what is
wrong, so that :mod:`survey.codebookload` and :mod:`survey.codebooksections` can
report all mistakes at once instead of stopping at the first.

Examples
--------
>>> from pathlib import Path
>>> chk = _Checker(Path("codebook.yml"))
>>> chk.integer("007", "variables.alter.max_choices")
7
>>> chk.integer("x", "variables.alter.max_choices") is None
True
>>> chk.labels({1: "ja", 2: "ja"}, "answer_sets.jn.levels")
{1: 'ja', 2: 'ja'}
>>> [str(p) for p in chk.problems]  # doctest: +NORMALIZE_WHITESPACE
["codebook.yml, key 'variables.alter.max_choices': 'x' is not an integer",
 "codebook.yml, key 'answer_sets.jn.levels.2': label 'ja' is used for codes 1 and 2"]
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .codebookmodel import MissingCode, missing_kind
from .errors import CodebookError
from .vocabulary import CODE_KINDS, truth


class _Checker:
    """Collects problems while the codebook is converted."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[CodebookError] = []
        # names whose own definition failed (already reported): references to them are
        # not reported again, so that one mistake gives one message
        self.invalid: set[str] = set()
        self.invalid_sets: set[str] = set()

    def entries(self, value: Any, section: str, allowed: set[str]
                ) -> Iterator[tuple[str, str, dict]]:
        """The entries of a codebook block as ``(name, key, spec)``: each must be a
        mapping (else reported and skipped) and unknown keys are reported."""
        for name, spec in self.mapping(value, section).items():
            key = f"{section}.{name}"
            spec = self.mapping(spec, key, required=True)
            if not spec:
                continue
            self.unknown_keys(spec, allowed, key)
            yield name, key, spec

    def missing_ref(self, name: str, key: str, problem: str) -> None:
        """Report a reference to an undefined name, unless the name's own (failed)
        definition was reported already."""
        if name not in self.invalid:
            self.add(key, problem)

    def add(self, key: str, problem: str) -> None:
        self.problems.append(CodebookError(problem, file=self.path, key=key))

    def mapping(self, value: Any, key: str, *, required: bool = False) -> dict:
        if value is None or value == "":
            if required:
                self.add(key, "is required")
            return {}
        if not isinstance(value, dict):
            self.add(key, f"must be a mapping, not {_kind(value)}")
            return {}
        return value

    def string(self, value: Any, key: str, *, required: bool = False) -> str | None:
        if value is None or value == "":
            if required:
                self.add(key, "is required")
            return None
        if not isinstance(value, str):
            self.add(key, f"must be a text, not {_kind(value)}")
            return None
        return value

    def names(self, value: Any, key: str) -> list[str]:
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.add(key, "must be a name or a list of names")
            return []
        return list(value)

    def integer(self, value: Any, key: str) -> int | None:
        try:
            return _to_int(value)
        except ValueError:
            self.add(key, f"'{value}' is not an integer")
            return None

    def number(self, value: Any, key: str) -> float | None:
        try:
            number = float(str(value).replace(",", "."))
        except ValueError:
            self.add(key, f"'{value}' is not a number")
            return None
        if not math.isfinite(number):
            self.add(key, f"'{value}' is not a finite number")
            return None
        return number

    def boolean(self, value: Any, key: str) -> bool:
        if value is None or value == "":
            return False
        flag = truth(value)
        if flag is None:
            self.add(key, f"'{value}' is not true or false")
            return False
        return flag

    def unknown_keys(self, entry: dict, allowed: set[str], key: str) -> None:
        for unknown in sorted(set(entry) - allowed):
            self.add(f"{key}.{unknown}", f"unknown key (allowed: {', '.join(sorted(allowed))})")

    def labels(self, value: Any, key: str) -> dict[int, str]:
        out: dict[int, str] = {}
        for code, label in self.mapping(value, key).items():
            code_int = self.integer(code, f"{key}.{code}")
            if code_int is None:
                continue
            if not isinstance(label, str) or not label.strip():
                self.add(f"{key}.{code}", "needs a non-empty label")
                continue
            if code_int in out:
                self.add(f"{key}.{code}", f"code {code_int} is defined twice")
                continue
            out[code_int] = label
        seen: dict[str, int] = {}
        for code_int, label in out.items():
            if label in seen:
                self.add(f"{key}.{code_int}", f"label '{label}' is used for codes {seen[label]} "
                         f"and {code_int}")
            seen[label] = code_int
        return out

    def missing_codes(self, value: Any, key: str) -> dict[int, MissingCode]:
        out: dict[int, MissingCode] = {}
        for code, spec in self.mapping(value, key).items():
            code_int = self.integer(code, f"{key}.{code}")
            if code_int is None:
                continue
            if isinstance(spec, dict):
                self.unknown_keys(spec, {"label", "kind"}, f"{key}.{code}")
                label = self.string(spec.get("label"), f"{key}.{code}.label", required=True) or ""
                kind = spec.get("kind") or missing_kind(label)
                if kind not in CODE_KINDS:
                    self.add(f"{key}.{code}.kind",
                             f"unknown kind '{kind}' (allowed: {', '.join(CODE_KINDS)})")
                    kind = "no_answer"
            elif isinstance(spec, str) and spec.strip():
                label, kind = spec, missing_kind(spec)
            else:
                self.add(f"{key}.{code}", "needs a label")
                continue
            out[code_int] = MissingCode(code_int, label, kind)
        return out


def _kind(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "a text"}.get(type(value), type(value).__name__)


def _to_int(value: Any) -> int:
    text = str(value).strip()
    if not re.fullmatch(r"[+-]?\d+", text):
        raise ValueError(text)
    return int(text)
