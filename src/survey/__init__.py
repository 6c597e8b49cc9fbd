"""Survey research and evaluation workbench.

Codebook-driven cleaning of questionnaire waves, generic analyses on top of it and
parameterised notebooks rendered to shareable HTML reports.
"""

from importlib import import_module
from typing import Any

from .errors import (
    CodebookError,
    DataError,
    ExecutionError,
    ProblemList,
    RegistryError,
    SurveyError,
)
from .version import __version__

#: Names imported when first used (PEP 562): ``import survey`` and the command line's
#: paths that clean nothing do not pay for pandas, pandera and the cleaning code.
_LAZY = {
    "CleanResult": "clean", "clean": "clean",
    "Codebook": "codebook", "Column": "codebook", "load_codebook": "codebook",
    "read_raw": "io",
    "Wave": "registry", "get_wave": "registry", "load_registry": "registry",
    "WaveData": "store", "clean_wave": "store", "load_wave": "store", "validate_wave": "store",
    "open": "session",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        attribute = "open_wave" if name == "open" else name
        value = getattr(import_module(f".{_LAZY[name]}", __name__), attribute)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "__version__",
    "Codebook",
    "CleanResult",
    "CodebookError",
    "Column",
    "DataError",
    "ExecutionError",
    "ProblemList",
    "RegistryError",
    "SurveyError",
    "Wave",
    "WaveData",
    "clean",
    "clean_wave",
    "get_wave",
    "load_codebook",
    "load_registry",
    "load_wave",
    "open",
    "read_raw",
    "validate_wave",
]
