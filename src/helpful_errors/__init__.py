"""helpful-errors: a linter that judges the text of error messages."""

__version__ = "0.1.0"
