"""``python -m helpful_errors`` runs the same command line as ``helpful-errors``."""

import os
import sys


def _forget_working_folder() -> None:
    """Take the working folder off the import path before anything else is imported.

    ``python -m`` puts it first, so a checked project with a folder named like a module of
    the standard library (Django's ``http/``) would be imported, that is run, in its place.
    Our own modules are found through the package, which is already imported; the folder
    stays only when the package itself lies in it (run from a source checkout's ``src``).
    """
    if not sys.path or getattr(sys.flags, "safe_path", False):
        return  # ``-P`` (Python 3.11+) already left it out
    first = os.path.abspath(sys.path[0] or os.curdir)
    package_parent = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if first == os.path.abspath(os.curdir) and first != package_parent:
        del sys.path[0]


_forget_working_folder()

from .cli import run  # noqa: E402 - imported once the path is safe

if __name__ == "__main__":
    run()
