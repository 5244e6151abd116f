"""What Python's ``ast`` tells of a call or a ``return`` before LibCST reads it.

A ``print`` or a ``.write`` is everywhere; only those that may write to standard error
(a ``file=`` keyword, a receiver named ``stderr``, a rich console bound to it) are worth
reading. ``return body, status`` is read only when the status may be a 4xx or 5xx.
"""

from __future__ import annotations

import ast
import re
from typing import AbstractSet

from .calls import CallShape
from .templates import dotted_name

_ERROR_STATUS_NAME = re.compile(r"HTTP_[45]\d\d|BAD_REQUEST|UNAUTHORIZED|FORBIDDEN|NOT_FOUND|CONFLICT|UNPROCESSABLE|INTERNAL|ERROR|GONE|TOO_MANY")


def call_shape(call: ast.Call, callee: str, consoles: AbstractSet[str]) -> CallShape:
    receiver = callee.rsplit(".", 1)[0] if "." in callee else ""
    return CallShape(receiver, frozenset(k.arg for k in call.keywords if k.arg), consoles)


def may_return_error(value: ast.Tuple) -> bool:
    """``return jsonify(...), 400`` or ``return {...}, HTTPStatus.NOT_FOUND``: a body and an error status."""
    if len(value.elts) < 2 or not isinstance(value.elts[0], (ast.Call, ast.Dict)):
        return False
    status = value.elts[1]
    if isinstance(status, ast.Constant):
        return isinstance(status.value, int) and 400 <= status.value < 600
    return bool(_ERROR_STATUS_NAME.search(dotted_name(status)))
