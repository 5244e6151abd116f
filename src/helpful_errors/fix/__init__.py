"""Fixes: turn findings whose repair is mechanical into edits, and apply them.

``attach`` gives findings their ``Fix`` during the analysis (so fixes reach the JSON and
SARIF reports and survive the cache); ``apply`` runs ``check --fix``, one pass of
non-overlapping fixes at a time with a fresh analysis in between; ``noqa`` writes
``# noqa`` comments for ``--add-noqa``. Every fixer re-parses only the statement around the
message with LibCST, so files without fixable findings cost nothing more.
"""
