"""Find the message sites of a Python file without importing or running it.

``traverse`` walks Python's ``ast`` and keeps the scopes; ``statements`` reads the few
statements that matter with LibCST; ``recognize`` says what each of them shows, from the
catalogue in ``sinks``; ``build`` makes the ``MessageSite``; ``templates`` and ``formats``
turn message expressions into templates.
"""

from .statements import StatementSyntaxError
from .traverse import extract_file, extract_sites

__all__ = ["StatementSyntaxError", "extract_file", "extract_sites"]
