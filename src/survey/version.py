"""The workbench's version, in a module of its own so that any module can import it
without importing the package's ``__init__`` (and everything it re-exports)."""

from importlib.metadata import PackageNotFoundError, version

__all__ = ["__version__"]

try:
    __version__ = version("survey-workbench")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0+unknown"
