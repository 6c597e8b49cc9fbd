"""Inside a warm kernel: import the analysis stack once, and give every notebook the state
a freshly started kernel would give it.

This module runs in the Jupyter kernel, not in the batch's worker process: :mod:`survey.kernels`
sends ``warm_up()`` once after starting a kernel and ``fresh_start(cwd)`` before each
notebook. ``fresh_start`` undoes what a notebook can leave behind in a running Python:

- the IPython session: every name the notebook defined, ``In``/``Out`` and the execution
  counter (the next cell is ``[1]`` again), via ``InteractiveShell.reset``;
- the working directory, ``sys.path`` and the environment variables;
- matplotlib's ``rcParams`` and open pyplot figures, pandas' options, numpy's floating-point
  error handling, the warning filters and the "shown once" registries (a warning a notebook
  saw is shown again to the next), and the global random generators (reseeded from the
  operating system, as in a new process).

Modules stay imported; that is the point. A module that keeps state between calls would
leak from one notebook into the next; nothing in this package does (``tests/test_kernels.py``
compares whole reports run both ways).
"""

from __future__ import annotations

import importlib
import os
import sys
import warnings
from typing import Any

__all__ = ["WARM_IMPORTS", "warm_up", "fresh_start"]

#: What the shipped notebooks import, directly or on their first call. Importing more than a
#: notebook needs changes none of its outputs: the modules change no global state at import
#: except warning filters for their own warning classes (statsmodels), which only matter
#: where that library runs, and then it has been imported anyway.
WARM_IMPORTS = (
    "numpy",
    "pandas",
    "scipy.stats",
    "matplotlib",
    "matplotlib.figure",
    "matplotlib.backends.backend_agg",
    "PIL.PngImagePlugin",
    "pyarrow.parquet",
    "babel.dates",
    "statsmodels.formula.api",
    "survey.compare",
    "survey.describe",
    "survey.hypotheses",
    "survey.page",
    "survey.plots",
    "survey.quality",
    "survey.ratings",
    "survey.registry",
    "survey.render",
    "survey.scales",
    "survey.sentences",
    "survey.splits",
    "survey.store",
    "survey.tables",
    "survey.wavecompare",
)

_saved: dict[str, Any] = {}


def warm_up(modules: tuple[str, ...] = WARM_IMPORTS) -> None:
    """Import ``modules`` and remember the state every notebook starts from."""
    for name in modules:
        importlib.import_module(name)
    import gc

    import matplotlib
    import numpy as np

    _saved.update(
        path=list(sys.path),
        environ=dict(os.environ),
        filters=list(warnings.filters),
        rc=matplotlib.rcParams.copy(),
        seterr=np.geterr(),
    )
    # what is imported now lives as long as the kernel: the garbage collections of every
    # reset (IPython's reset runs one) need not look at it again
    gc.collect()
    gc.freeze()


def fresh_start(cwd: str) -> None:
    """Reset the kernel to the state :func:`warm_up` saw and change into ``cwd``.

    Must be the last statement of the code it is called from: the IPython reset deletes
    every user name, also those of the calling cell.
    """
    import random

    import matplotlib
    import numpy as np
    import pandas as pd

    os.chdir(cwd)
    sys.path[:] = _saved["path"]
    if dict(os.environ) != _saved["environ"]:
        os.environ.clear()
        os.environ.update(_saved["environ"])
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # deprecated keys and options warn when reset
        matplotlib.rcParams.clear()  # (cheaper than finding out whether it changed)
        matplotlib.rcParams.update(_saved["rc"])
        pd.reset_option("all")
    np.seterr(**_saved["seterr"])
    warnings.filters[:] = _saved["filters"]
    warnings._filters_mutated()  # forget which warnings were shown once
    random.seed()
    np.random.seed()
    from IPython import get_ipython

    shell = get_ipython()
    if shell is not None:  # names, In/Out, execution count 1 (and a garbage collection)
        shell.reset(new_session=True)
