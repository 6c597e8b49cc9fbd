"""Warm kernels: one Jupyter kernel per worker, reused across the notebooks of a batch.

Running a notebook with papermill starts a kernel (0.6 s), imports pandas, matplotlib and
this package in it (1.4 s) and shuts it down (0.5 s): about as long as many of the reports
take themselves. A :class:`WarmKernel` pays that once per worker: it starts a kernel, runs
:func:`survey.kernelstate.warm_up` in it, and before every notebook
:func:`survey.kernelstate.fresh_start`, which gives the notebook the state of a new kernel
(no names, execution count 1, the notebook's folder as working directory, library settings
and warning filters as at start). papermill then executes the notebook in that kernel as it
would in its own (same parameters cell, same metadata, same error handling).

A kernel that has run a failed notebook, timed out, or died is shut down, and the next
notebook gets a new one; so does a kernel whose warm-up failed, and that notebook runs in a
kernel of its own as before. ``tests/test_kernels.py`` runs every shipped notebook in fresh
kernels and in one warm kernel (with a failure in between) and compares the executed
notebooks and the HTML reports.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

__all__ = ["WarmKernel", "KernelNotReady", "worker_kernel", "shut_down_all"]

logger = logging.getLogger(__name__)

#: The kernel's own log is noise on the terminal: start-up warnings ("running over TCP") and
#: "KeyboardInterrupt caught in kernel", which an idle kernel logs at ERROR level when
#: jupyter_client interrupts it before every shutdown (also a clean one). What goes wrong in
#: a cell reaches the run as a cell error.
KERNEL_ARGUMENTS = ("--IPKernelApp.log_level=CRITICAL", "--HistoryManager.enabled=False")

_STARTUP_TIMEOUT = 60.0
_RESET_TIMEOUT = 120.0


class KernelNotReady(RuntimeError):
    """The warm kernel could not be started, warmed up or reset."""


def _close_clients(km: Any) -> None:
    """Stop the channels of the clients papermill's executor opened on ``km``."""
    for kc in getattr(km, "survey_clients", []):
        kc.stop_channels()
    if km is not None:
        km.survey_clients = []


@lru_cache(maxsize=1)
def _manager_class() -> type:
    from jupyter_client.manager import AsyncKernelManager

    class _Manager(AsyncKernelManager):
        """Remembers the clients papermill's executor opens on the kernel, so that their
        channels can be closed after each notebook (the executor only closes them when
        it owns the kernel)."""

        def client(self, **kwargs: Any) -> Any:
            kc = super().client(**kwargs)
            self.survey_clients = [*getattr(self, "survey_clients", []), kc]
            return kc

    return _Manager


class WarmKernel:
    """One Jupyter kernel, kept running and reset between notebooks.

    Parameters
    ----------
    kernel_name : str, default "python3"
        The Jupyter kernel spec.
    imports : sequence of str, optional
        Modules imported once at start (default
        :data:`survey.kernelstate.WARM_IMPORTS`).

    Notes
    -----
    Use: ``km = kernel.prepare(folder)``, then ``papermill.execute_notebook(..., km=km)``,
    then ``kernel.finished(ok=…)``; ``kernel.shut_down()`` at the end. ``kernel.begin()``
    starts the kernel ahead of time: it warms up while the caller does other work, and
    the first ``prepare`` waits for it.
    """

    def __init__(self, kernel_name: str = "python3",
                 imports: Sequence[str] | None = None) -> None:
        self.kernel_name = kernel_name
        self.imports = tuple(imports) if imports is not None else None
        self.km: Any = None
        self._kc: Any = None  # our own client (shell channel only)
        self._warming: tuple[str, float, float] | None = None  # the warm-up, not awaited
        self.pid = os.getpid()  # the process that owns the kernel
        self.started = 0  # kernels started so far (the tests read it)

    # -- life cycle ---------------------------------------------------------------------

    def _start(self) -> None:
        """Start the kernel and send it the warm-up; :meth:`prepare` waits for it."""
        from jupyter_core.utils import run_sync

        km = _manager_class()(kernel_name=self.kernel_name)
        run_sync(km.start_kernel)(extra_arguments=list(KERNEL_ARGUMENTS))
        self.km = km
        self.started += 1
        modules = "" if self.imports is None else repr(self.imports)
        self._warming = self._send(
            f"import survey.kernelstate as _ks; _ks.warm_up({modules}); del _ks",
            timeout=_STARTUP_TIMEOUT + _RESET_TIMEOUT)

    def _send(self, code: str, timeout: float = _RESET_TIMEOUT) -> tuple[str, float, float]:
        """Send ``code`` to run silently (no output, no execution count); the message id,
        the deadline of its reply and the timeout, for :meth:`_await`.

        Only the shell channel is used, through one client kept for these calls: the reply
        says whether the code ran, and nothing waits for output (a client that listens to
        output must first wait until its subscription stands, 0.2 s a call).
        """
        import time

        if self._kc is None:
            from jupyter_client.session import Session

            # a session of its own: the kernel tells clients apart by the session id, and
            # the executor's client (the manager's session) would take this one's place
            session = Session(key=self.km.session.key,
                              signature_scheme=self.km.session.signature_scheme)
            kc = self.km.client(session=session)
            self.km.survey_clients.remove(kc)  # not the executor's: kept across notebooks
            kc.start_channels(shell=True, iopub=False, stdin=False, hb=False, control=False)
            self._kc = kc
        msg_id = self._kc.execute(code, silent=True, store_history=False, allow_stdin=False)
        return msg_id, time.monotonic() + timeout, timeout

    def _await(self, sent: tuple[str, float, float]) -> None:
        """Wait for the reply to :meth:`_send`'s code; raise :class:`KernelNotReady` when
        it failed or the kernel did not answer in time."""
        import queue
        import time

        from jupyter_core.utils import run_sync

        msg_id, deadline, timeout = sent
        while True:
            remaining = deadline - time.monotonic()
            try:
                reply = run_sync(self._kc.get_shell_msg)(timeout=max(remaining, 0.0))
            except queue.Empty:
                raise KernelNotReady(f"kernel did not answer within {timeout:g} s") from None
            if reply.get("parent_header", {}).get("msg_id") == msg_id:
                break
        content = reply.get("content", {})
        if content.get("status") != "ok":
            raise KernelNotReady(f"warm kernel set-up failed: {content.get('ename')}: "
                                 f"{content.get('evalue')}")

    def _execute(self, code: str, timeout: float = _RESET_TIMEOUT) -> None:
        """Run ``code`` silently and wait for it (see :meth:`_send`)."""
        self._await(self._send(code, timeout))

    def begin(self) -> None:
        """Start the kernel and its warm-up, without waiting: the kernel warms up in its
        own process while the caller goes on (a worker loads papermill meanwhile).

        Raises
        ------
        Exception
            Whatever starting the kernel raised; the kernel has been shut down.
        """
        if self.km is not None:
            return
        try:
            self._start()
        except BaseException:
            self.shut_down()
            raise

    def alive(self) -> bool:
        from jupyter_core.utils import run_sync

        return self.km is not None and bool(run_sync(self.km.is_alive)())

    def prepare(self, cwd: str) -> Any:
        """The kernel manager to hand to ``papermill.execute_notebook(km=…)``, with the
        kernel reset for a new notebook that runs in ``cwd``.

        Raises
        ------
        KernelNotReady
            The kernel could not be started, warmed up or reset; it has been shut down.
        """
        try:
            if self.km is not None and not self.alive():
                self.shut_down()
            if self.km is None:
                self._start()
            if self._warming is not None:  # a new kernel's warm-up (or begin()'s)
                warming, self._warming = self._warming, None
                self._await(warming)
            self._execute(f"import survey.kernelstate as _ks; _ks.fresh_start({str(cwd)!r})")
        except BaseException:
            self.shut_down()
            raise
        return self.km

    def finished(self, *, ok: bool) -> None:
        """After a notebook: close the executor's channels; shut the kernel down unless
        the notebook ran through (a failed cell may have left anything behind)."""
        _close_clients(self.km)
        if not ok:
            self.shut_down()

    def shut_down(self) -> None:
        """Stop the kernel now (nothing is running in it that needs a graceful end)."""
        from jupyter_core.utils import run_sync

        km, kc, self.km, self._kc = self.km, self._kc, None, None
        self._warming = None
        if kc is not None:
            kc.stop_channels()
        _close_clients(km)
        if km is not None:
            try:
                if run_sync(km.is_alive)():
                    run_sync(km.shutdown_kernel)(now=True)
                else:
                    run_sync(km.cleanup_resources)()
            except Exception as err:  # a kernel that is gone already
                logger.debug("kernel shutdown: %s", err)


# --------------------------------------------------------------------------- per worker

_local = threading.local()
_all: list[WarmKernel] = []
_registered: set[int] = set()
_lock = threading.Lock()


def worker_kernel(kernel_name: str, batch: str) -> WarmKernel:
    """This worker thread's warm kernel for ``batch`` (an id of one ``run_batch`` call).

    A kernel is never carried from one batch into the next: the package's code may have
    changed in between (a long-lived process), so a new batch id shuts the old kernel
    down. The worker's kernels are shut down when its process ends; a forked worker never
    touches a kernel of its parent's.
    """
    current: WarmKernel | None = getattr(_local, "kernel", None)
    if current is not None and current.pid != os.getpid():
        current = None  # a forked worker: the parent's kernel is the parent's
    if current is not None and (_local.batch, current.kernel_name) == (batch, kernel_name):
        return current
    kernel = WarmKernel(kernel_name)
    _local.kernel, _local.batch = kernel, batch
    with _lock:
        if os.getpid() not in _registered:  # once per process (also per forked worker)
            _at_exit()
            _registered.add(os.getpid())
        if current in _all:
            _all.remove(current)
        _all.append(kernel)
    if current is not None:
        current.shut_down()
    return kernel


def shut_down_all() -> None:
    """Shut down every warm kernel this process started."""
    with _lock:
        kernels = [k for k in _all if k.pid == os.getpid()]  # not a parent's, after fork
        _all.clear()
    for kernel in kernels:
        kernel.shut_down()


def _at_exit() -> None:
    import atexit
    import multiprocessing.util

    atexit.register(shut_down_all)  # a plain process
    # a multiprocessing worker ends with os._exit, after running these finalizers
    multiprocessing.util.Finalize(None, shut_down_all, exitpriority=10)
