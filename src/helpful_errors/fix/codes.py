"""The codes that have a fixer, importable without loading the fixers (the engine asks per file)."""

FIXABLE = frozenset({"HEM004", "HEM005", "HEM006", "HEM007", "HEM008", "HEM012", "HEM013", "HEM016"})

# The codes whose fix reads the capitalization of the other messages (HEM008 drops a label).
FOLLOW_CAPITALS = frozenset({"HEM008"})
