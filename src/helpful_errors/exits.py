"""The documented exit codes, in one place for the command line and the reporters."""

EXIT_CLEAN = 0  # nothing to report
EXIT_FINDINGS = 1  # findings, HEM000 included
EXIT_USAGE = 2  # a usage or configuration problem the message explains
EXIT_INTERNAL = 3  # a bug in helpful-errors
