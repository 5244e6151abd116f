"""Find the message sites of a Python file without importing or running it."""

from .walker import extract_sites

__all__ = ["extract_sites"]
