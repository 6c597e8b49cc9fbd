"""Worker processes for a batch: each starts its warm kernel at once, runs notebooks in
it and shuts it down with the worker; a Dask cluster instead with ``--scheduler``."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from concurrent.futures import (
    Executor,
    ProcessPoolExecutor,
)
from contextlib import ExitStack, contextmanager
from typing import Any

from .errors import ProblemList, SurveyError
from .kernels import worker_kernel
from .records import RunResult, _execution_error, _one_line, failed_result
from .registry import Wave
from .runner import run_notebook, skip_unused_imports

logger = logging.getLogger(__name__)

def _run_job(kwargs: dict[str, Any]) -> RunResult:
    """Worker entry point: never raises, so nothing unpicklable crosses processes.

    ``kwargs`` are :func:`run_notebook`'s; a ``warm`` entry (the batch's id) runs the
    notebook in this worker's warm kernel for that batch."""
    kwargs = dict(kwargs)
    batch = kwargs.pop("warm", None)
    wave: Wave = kwargs["wave"]
    notebook: str = kwargs["notebook"]
    try:
        if batch is not None:
            kwargs["kernel"] = worker_kernel(kwargs["kernel_name"], batch)
        return run_notebook(**kwargs)
    except SurveyError as err:
        message = "; ".join(err.lines()) if isinstance(err, ProblemList) else str(err)
        return failed_result(wave, notebook, _one_line(message), out_dir=kwargs["out_dir"])
    except Exception as err:  # a bug must not stop the other notebooks
        logger.exception("unexpected error in %s/%s", wave.name, notebook)
        return failed_result(wave, notebook, _execution_error(err), out_dir=kwargs["out_dir"])


def _start_worker(kernel_name: str, batch: str | None) -> None:
    """Worker initializer: start this worker's warm kernel for ``batch`` (None: every
    notebook gets a kernel of its own) and, while it warms up in its own process, load
    papermill and compile the report template.

    Never raises: what failed here fails again, with its message, when the worker's first
    notebook runs."""
    try:
        skip_unused_imports()
        if batch is not None:
            worker_kernel(kernel_name, batch).begin()
        import papermill  # noqa: F401

        from . import render

        render.warm_up()
    except Exception as err:
        logger.debug("worker start-up: %s", _one_line(err))


def _no_op() -> None:
    """A job that does nothing: submitting one per worker starts them all."""


class _Workers:
    """The batch's executor, started on first use.

    The batch starts it as soon as it knows that a notebook will run, before it cleans
    that wave: local workers then start their warm kernels (:func:`_start_worker`), which
    warm up while the main process cleans. ``batch`` is the id of the batch's warm
    kernels, None where every notebook gets a kernel of its own.
    """

    def __init__(self, scheduler: str | None, workers: int, kernel_name: str,
                 batch: str | None) -> None:
        self.scheduler, self.size = scheduler, workers
        self.kernel_name, self.batch = kernel_name, batch
        self._stack = ExitStack()
        self._pool: Executor | None = None

    def start(self) -> Executor:
        """The executor, started now if it is not yet."""
        if self._pool is None:
            skip_unused_imports()  # before the workers fork: they inherit it
            if self.scheduler is not None:
                self._pool = self._stack.enter_context(_executor(self.scheduler,
                                                                 self.size))
            else:
                self._pool = self._stack.enter_context(_executor(
                    None, self.size, initializer=_start_worker,
                    initargs=(self.kernel_name, self.batch)))
                for _ in range(self.size):
                    self._pool.submit(_no_op)
        return self._pool

    def __enter__(self) -> _Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()


@contextmanager
def _executor(scheduler: str | None, workers: int, initializer: Callable[..., None] | None = None,
              initargs: tuple[Any, ...] = ()) -> Iterator[Executor]:
    """Local worker processes (each runs ``initializer`` first), or a Dask cluster's
    executor when ``scheduler`` is given."""
    if scheduler is None:
        with ProcessPoolExecutor(max_workers=workers, initializer=initializer,
                                 initargs=initargs) as pool:
            yield pool
        return
    try:
        from distributed import Client
    except ImportError as err:
        raise SurveyError("--scheduler needs the 'distributed' package "
                          "(pip install 'survey-workbench[dask]')") from err
    try:
        client = Client(scheduler, timeout="10s", set_as_default=False)
    except (OSError, TimeoutError) as err:
        raise SurveyError(f"cannot reach the Dask scheduler {scheduler}: {_one_line(err)}"
                          ) from err
    try:
        # pure=False: every job runs, even two with equal arguments
        with client.get_executor(pure=False) as pool:
            yield pool
    finally:
        client.close()
