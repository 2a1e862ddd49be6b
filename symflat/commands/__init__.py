"""Sub-commands of the ``symflat`` command line, one module each (see :mod:`symflat.cli`)."""
