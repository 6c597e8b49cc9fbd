"""Survey research and evaluation workbench.

Codebook-driven cleaning of questionnaire waves, generic analyses on top of it and
parameterised notebooks rendered to shareable HTML reports.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("survey-workbench")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0+unknown"

from .clean import CleanResult, WaveData, clean, clean_wave, load_wave, validate_wave  # noqa: E402
from .codebook import Codebook, load_codebook  # noqa: E402
from .errors import (  # noqa: E402
    CodebookError,
    DataError,
    ExecutionError,
    ProblemList,
    RegistryError,
    SurveyError,
)
from .io import read_raw  # noqa: E402
from .registry import Wave, get_wave, load_registry  # noqa: E402

__all__ = [
    "__version__",
    "Codebook",
    "CleanResult",
    "CodebookError",
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
