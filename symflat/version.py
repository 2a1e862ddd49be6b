"""The version of symflat, in one place: the package, the store's keys and the wheel read it.

Stored verdicts and sweep results are keyed by it, so a release whose results differ in form
(for example verdicts that carry figure data) is never mixed with an older store's records.
"""

__version__ = "0.3.0"
