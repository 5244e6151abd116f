"""The shop's own writer of error lines."""

import sys


def error_write(text):
    sys.stderr.write(text + "\n")
