"""``python -m helpful_errors`` runs the same command line as ``helpful-errors``."""

from .cli import run

if __name__ == "__main__":
    run()
