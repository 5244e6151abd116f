"""``helpful-errors audit``: how good are the messages of a whole project, and where are the worst.

``data`` computes the numbers once; ``terminal``, ``html`` and the JSON form show them.
"""

from .data import Audit, build
from .html import render as render_html
from .terminal import render as render_terminal

__all__ = ["Audit", "build", "render_html", "render_terminal"]
