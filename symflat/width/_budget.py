"""Time budgets: a deadline that steps check before they start (a step whose cost cannot be
estimated runs under :class:`symflat.executor.Executor`, which kills it at the deadline)."""

from __future__ import annotations

import time

__all__ = ["Clock"]


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
