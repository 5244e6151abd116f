"""Settings that select every rule, the preview ones too, for tests of what the rules do
rather than of the default selection (a preview rule runs only when named by its full code).

Derived from the rulebook, so a rule moved to preview stays under test without editing a list.
"""

from __future__ import annotations

from helpful_errors import rulebook
from helpful_errors.config import Settings

EVERY_RULE = Settings(select=("HEM", *(r.code for r in rulebook.rules() if r.status == "preview")))
