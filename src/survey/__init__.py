"""Survey research and evaluation workbench.

Codebook-driven cleaning of questionnaire waves, generic analyses on top of it and
parameterised notebooks rendered to shareable HTML reports.
"""

from .clean import CleanResult, clean
from .codebook import Codebook, Column, load_codebook
from .errors import (
    CodebookError,
    DataError,
    ExecutionError,
    ProblemList,
    RegistryError,
    SurveyError,
)
from .io import read_raw
from .registry import Wave, get_wave, load_registry
from .store import WaveData, clean_wave, load_wave, validate_wave
from .version import __version__

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
    "read_raw",
    "validate_wave",
]
