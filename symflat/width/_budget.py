"""Time budgets: a deadline that steps check before they start, and a child process for a
step whose cost cannot be bounded in advance (it is stopped when the time is up)."""

from __future__ import annotations

import multiprocessing as mp
import time
from collections.abc import Callable

__all__ = ["Clock", "run_in_child"]


class Clock:
    """A deadline on ``time.monotonic()``; ``None`` means no deadline.

    Examples
    --------
    >>> Clock(None).affords(1e9), Clock.after(0.0).affords(1.0)
    (True, False)
    """

    def __init__(self, deadline: float | None):
        self.deadline = deadline

    @classmethod
    def after(cls, seconds: float | None) -> Clock:
        return cls(None if seconds is None else time.monotonic() + seconds)

    def left(self) -> float:
        return float("inf") if self.deadline is None else self.deadline - time.monotonic()

    def affords(self, seconds: float) -> bool:
        return self.deadline is None or time.monotonic() + seconds <= self.deadline

    def share(self, fraction: float) -> Clock:
        """A clock ending after ``fraction`` of the time left (for one step of several)."""
        if self.deadline is None:
            return self
        return Clock(time.monotonic() + fraction * max(0.0, self.left()))


def _child(fn: Callable, args: tuple, queue) -> None:  # pragma: no cover - in the child
    try:
        queue.put(("ok", fn(*args)))
    except Exception as error:  # noqa: BLE001 - reported to the parent, which decides
        queue.put(("error", f"{type(error).__name__}: {error}"))


def run_in_child(fn: Callable, args: tuple, seconds: float) -> tuple[str, object]:
    """``("ok", fn(*args))``, ``("error", message)`` or ``("timeout", None)`` after
    ``seconds``: ``fn`` runs in a forked child that is terminated when the time is up (in a
    daemonic process, such as a pool worker, which may not have children, it runs in place and
    the time is not bounded).

    Examples
    --------
    >>> run_in_child(pow, (2, 10), 30.0)
    ('ok', 1024)
    """
    if mp.current_process().daemon:  # a pool worker may not have children: run it here
        try:
            return ("ok", fn(*args))
        except Exception as error:  # noqa: BLE001 - reported to the caller, which decides
            return ("error", f"{type(error).__name__}: {error}")
    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(fn, args, queue), daemon=True)
    proc.start()
    deadline = time.monotonic() + max(0.0, seconds)
    while proc.is_alive() and queue.empty() and time.monotonic() < deadline:
        proc.join(min(0.05, max(0.0, deadline - time.monotonic())))
    if not queue.empty():
        outcome = queue.get()
        proc.join()
        return outcome
    proc.terminate()
    proc.join()
    return ("timeout", None)
