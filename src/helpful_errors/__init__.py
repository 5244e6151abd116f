"""helpful-errors: a linter that judges the text of error messages."""

__version__ = "0.1.0"
# Where users report a bug; every "this is a bug in helpful-errors" message points here.
BUG_URL = "https://github.com/helpful-errors/helpful-errors/issues/new"
