"""Calls whose text a web client sees: flashed and Django messages, form errors, error
responses and JSON error bodies.

Messages shown in HTML to people (Flask's ``flash``, Django's ``messages``, a form's
``add_error``) are for the end user; an API's error body is read by the developer of a
client, the ``library`` audience that the kind ``http`` already implies. A response is an
error only with a 4xx or 5xx status: ``JsonResponse({...})`` with none is a result, not a
message. ``return jsonify(...), 400`` is read by ``returned_with_status``.
"""

from __future__ import annotations

import http
import re
from typing import Optional, Tuple

import libcst as cst

from .calls import CallRule, CallSink, CallView, imported_from, keyword_value
from .templates import dotted_name, is_stringish

KIND_HTTP = "http"
END_USER = "end-user"

# Keys of a JSON error body that hold the words, in the order they are looked for.
ERROR_KEYS = ("error", "message", "detail", "msg", "description", "reason", "title")
FLASH_CATEGORIES = frozenset({"error", "warning", "danger"})
MESSAGE_LEVELS = frozenset({"ERROR", "WARNING"})
ERROR_RESPONSES = frozenset(
    {"HttpResponseBadRequest", "HttpResponseForbidden", "HttpResponseNotFound", "HttpResponseGone", "HttpResponseServerError"}
)
STATUS_RESPONSES = frozenset({"HttpResponse", "PlainTextResponse", "HTMLResponse"})
JSON_RESPONSES = frozenset({"JsonResponse", "JSONResponse", "ORJSONResponse", "UJSONResponse", "json_response"})
_STATUS_NAME = re.compile(r"HTTP_(\d{3})(?:_|$)")


def status_code(node: Optional[cst.BaseExpression]) -> int:
    """The HTTP status an expression names (``400``, ``HTTPStatus.BAD_REQUEST``,
    ``status.HTTP_400_BAD_REQUEST``); 0 when it cannot be told."""
    if isinstance(node, cst.Integer):
        try:
            return int(node.value, 0)
        except ValueError:
            return 0
    name = dotted_name(node) if node is not None else ""
    if not name:
        return 0
    last = name.rsplit(".", 1)[-1]
    numbered = _STATUS_NAME.search(last)
    if numbered:
        return int(numbered.group(1))
    if name.startswith(("HTTPStatus.", "http.HTTPStatus.")) and last in http.HTTPStatus.__members__:
        return int(http.HTTPStatus[last])
    return 0


def _words_node(node: cst.BaseExpression) -> bool:
    """An expression that can be the words of a body: text, a name bound to it, ``str(x)``."""
    if isinstance(node, (cst.Name, cst.Attribute)):
        return node.value not in ("None", "True", "False") if isinstance(node, cst.Name) else True
    if isinstance(node, cst.Call) and dotted_name(node.func) == "str":
        return True
    return is_stringish(node)


def body_message(node: Optional[cst.BaseExpression], depth: int = 0) -> Optional[cst.BaseExpression]:
    """The words of a JSON error body: ``{"error": "..."}``, ``{"error": {"message": "..."}}``."""
    if not isinstance(node, cst.Dict):
        return None
    values = {}
    for element in node.elements:
        if isinstance(element, cst.DictElement) and isinstance(element.key, cst.SimpleString):
            try:
                key = element.key.evaluated_value
            except Exception:  # noqa: BLE001 - an odd literal is simply not a key we know
                continue
            if isinstance(key, str):
                values.setdefault(key.lower(), element.value)
    for key in ERROR_KEYS:
        value = values.get(key)
        if value is None:
            continue
        if isinstance(value, cst.Dict) and depth == 0:
            nested = body_message(value, 1)
            if nested is not None:
                return nested
        elif _words_node(value):
            return value
    return None


def _flash(view: CallView) -> Optional[CallSink]:
    if not (imported_from(view, "flask") or view.imported.get(view.last) == "flask.flash"):
        return None
    category = view.positional[1].value if len(view.positional) > 1 else keyword_value(view.call, "category")
    if not isinstance(category, cst.SimpleString) or category.evaluated_value not in FLASH_CATEGORIES:
        return None
    message = view.first if view.first is not None else keyword_value(view.call, "message")
    return CallSink(KIND_HTTP, view.name, message, level=str(category.evaluated_value), audience=END_USER, sink="flash")


def _django_messages(view: CallView) -> Optional[CallSink]:
    """``messages.error(request, "...")`` and ``messages.add_message(request, messages.ERROR, "...")``."""
    origin = view.imported.get(view.receiver, "")
    if view.receiver != "messages" or origin not in ("", "django.contrib.messages"):
        return None
    if view.last == "add_message":
        if len(view.positional) < 3 or dotted_name(view.positional[1].value).rsplit(".", 1)[-1] not in MESSAGE_LEVELS:
            return None
        message: Optional[cst.BaseExpression] = view.positional[2].value
    else:
        message = view.positional[1].value if len(view.positional) > 1 else keyword_value(view.call, "message")
    if message is None:
        return None
    return CallSink(KIND_HTTP, view.name, message, level=view.last.replace("add_message", "error"), audience=END_USER, sink="django-messages")


def _add_error(view: CallView) -> Optional[CallSink]:
    """A Django form's ``add_error(field, "...")``; a ``ValidationError`` passed instead is
    found as the exception it is."""
    message = view.positional[1].value if len(view.positional) > 1 else keyword_value(view.call, "error")
    if message is None or not is_stringish(message):
        return None
    return CallSink(KIND_HTTP, view.name, message, audience=END_USER, sink="form-error")


def _json_response(view: CallView) -> Optional[CallSink]:
    """``JsonResponse({...}, status=400)``, ``JSONResponse(status_code=404, content={...})``."""
    if view.last == "json_response" and not imported_from(view, "aiohttp"):
        return None
    status = keyword_value(view.call, "status") or keyword_value(view.call, "status_code")
    if status is None and len(view.positional) > 1:
        status = view.positional[1].value
    if status_code(status) < 400:
        return None
    content = keyword_value(view.call, "content") or keyword_value(view.call, "data")
    message = body_message(content if content is not None else view.first)
    return CallSink(KIND_HTTP, view.name, message, sink="json-error") if message is not None else None


def _error_response(view: CallView) -> Optional[CallSink]:
    """Django's ``HttpResponseBadRequest("...")`` and the other error responses, or a
    response with a 4xx/5xx ``status=``."""
    if view.last in STATUS_RESPONSES:
        status = keyword_value(view.call, "status") or keyword_value(view.call, "status_code")
        if status_code(status) < 400:
            return None
    message = view.first if view.first is not None else keyword_value(view.call, "content")
    if message is None or not is_stringish(message):
        return None
    return CallSink(KIND_HTTP, view.name, message, sink="error-response")


def returned_with_status(body: cst.BaseExpression, status: cst.BaseExpression) -> Optional[CallSink]:
    """Flask's ``return jsonify(error="..."), 400`` or ``return {"error": "..."}, 400``."""
    if status_code(status) < 400:
        return None
    if isinstance(body, cst.Dict):
        message = body_message(body)
        return CallSink(KIND_HTTP, "dict", message, sink="json-error") if message is not None else None
    if not (isinstance(body, cst.Call) and dotted_name(body.func).rsplit(".", 1)[-1] == "jsonify"):
        return None
    message = next((keyword_value(body, k) for k in ERROR_KEYS if keyword_value(body, k) is not None), None)
    if message is None or not _words_node(message):
        positional = [a for a in body.args if a.keyword is None and not a.star]
        message = body_message(positional[0].value) if positional else None
    return CallSink(KIND_HTTP, dotted_name(body.func), message, sink="json-error") if message is not None else None


WEB_SINKS: Tuple[CallRule, ...] = (
    CallRule(frozenset({"flash"}), _flash),
    CallRule(frozenset({"error", "warning", "add_message"}), _django_messages),
    CallRule(frozenset({"add_error"}), _add_error),
    CallRule(JSON_RESPONSES, _json_response),
    CallRule(ERROR_RESPONSES | STATUS_RESPONSES, _error_response),
)
