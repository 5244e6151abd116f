"""The codes that have a fixer, importable without loading the fixers (the engine asks per file)."""

FIXABLE = frozenset({"HEM004", "HEM005", "HEM006", "HEM007", "HEM008", "HEM012", "HEM013", "HEM016"})
