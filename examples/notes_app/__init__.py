"""notes: a tiny note-taking service used to show what helpful-errors reports.

Some messages here only describe the state ("Note not found"); others tell the reader what
to do. Run ``helpful-errors check examples/`` to see which is which.
"""
