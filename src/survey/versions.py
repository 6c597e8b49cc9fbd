"""The versions a result was computed with: one list, for the run records and the reports.

The run records (:mod:`survey.batch`) keep every package as a mapping, so that a change of
version makes a wave's reports stale; a report's appendix shows the same list as one line.
"""

from __future__ import annotations

import platform
from collections.abc import Sequence
from importlib import metadata

__all__ = ["RESULT_PACKAGES", "package_versions", "versions_line"]

#: The packages whose behaviour shapes the numbers and pages: name shown → distribution.
RESULT_PACKAGES: dict[str, str] = {
    "survey": "survey-workbench",
    "pandas": "pandas",
    "numpy": "numpy",
    "scipy": "scipy",
    "statsmodels": "statsmodels",
    "scikit-learn": "scikit-learn",
    "matplotlib": "matplotlib",
    "papermill": "papermill",
    "nbconvert": "nbconvert",
}


def package_versions(names: Sequence[str] | None = None) -> dict[str, str]:
    """Python's version and each package's (``"not installed"`` when it is not).

    >>> package_versions(["no-such-package-xyz"])["no-such-package-xyz"]
    'not installed'
    """
    versions = {"python": platform.python_version()}
    for name in names if names is not None else RESULT_PACKAGES:
        try:
            versions[name] = metadata.version(RESULT_PACKAGES.get(name, name))
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def versions_line(names: Sequence[str] | None = None) -> str:
    """``"survey 0.1.0, pandas 2.2.3, …"`` for a report's appendix; packages that are not
    installed are left out."""
    versions = package_versions(names)
    return ", ".join(f"{name} {v}" for name, v in versions.items()
                     if name != "python" and v != "not installed")
