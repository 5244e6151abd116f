"""Which calls show a message to a person, and which of their arguments is the message.

The catalogue is data: exception classes whose message is not their first argument, the
logging methods and levels that count, and the CLI and web calls that print or return an
error, each an entry of ``CALL_SINKS``. ``classify_call`` is the one function the recognizer asks.
"""

from __future__ import annotations

import re
from typing import AbstractSet, Dict, FrozenSet, Optional, Sequence, Tuple

import libcst as cst

from ..text import lexicon
from ..text.identifiers import identifier_parts
from .calls import CallRule, CallShape, CallSink, CallView, keyword_value
from .stderr_sinks import STDERR_SINKS
from .templates import dotted_name, is_stringish
from .web_sinks import WEB_SINKS

KIND_RAISE = "raise"
KIND_LOG = "log"
KIND_WARN = "warn"
KIND_EXIT = "exit"
KIND_CLI = "cli"
KIND_HTTP = "http"
KIND_DEFAULT = "default"  # a custom exception class's own default message

# Where the message is for exception classes that do not take it first: (position, keyword).
# A position of None means the message is only ever passed by keyword.
MESSAGE_ARGUMENT: Dict[str, Tuple[Optional[int], Tuple[str, ...]]] = {
    # click: BadOptionUsage(option_name, message), NoSuchOption(option_name, message=None),
    # FileError(filename, hint=None), MissingParameter(message=None, ...)
    "BadOptionUsage": (1, ("message",)),
    "NoSuchOption": (1, ("message",)),
    "FileError": (1, ("hint",)),
    "MissingParameter": (0, ("message",)),
    # FastAPI / Starlette: HTTPException(status_code, detail=None)
    "HTTPException": (1, ("detail",)),
    "WebSocketException": (1, ("reason",)),
    # Werkzeug / Flask: abort(code, description=None); the exception classes take it first.
    "abort": (1, ("description",)),
    # Tornado: HTTPError(status_code, log_message, *args)
    "HTTPError": (None, ("log_message", "reason", "message", "msg", "detail")),
    # Unicode errors: (encoding, object, start, end, reason)
    "UnicodeDecodeError": (4, ()),
    "UnicodeEncodeError": (4, ()),
}

# Keywords that carry the message when no positional argument does.
MESSAGE_KEYWORDS = ("message", "msg", "detail", "description", "reason", "text", "error")

# Exceptions used for control flow or carrying data: never a message for a person.
NOT_MESSAGES = frozenset(
    {
        "StopIteration",
        "StopAsyncIteration",
        "GeneratorExit",
        "KeyboardInterrupt",
        "CalledProcessError",
        "TimeoutExpired",
        # unittest's skip: the runner prints the text as the reason a test was skipped
        "SkipTest",
        "skipTest",
        # aiohttp's and falcon's successes and redirects, raised to answer a request
        "HTTPOk", "HTTPCreated", "HTTPAccepted", "HTTPNoContent", "HTTPResetContent", "HTTPPartialContent",
        "HTTPMultipleChoices", "HTTPMovedPermanently", "HTTPFound", "HTTPSeeOther", "HTTPNotModified",
        "HTTPUseProxy", "HTTPTemporaryRedirect", "HTTPPermanentRedirect",
    }
)

# Classes whose structured first arguments make up the text themselves.
STRUCTURED = frozenset({"OSError", "IOError", "EnvironmentError", "FileNotFoundError", "PermissionError"})

LOG_LEVELS = {
    "warning": "warning",
    "warn": "warning",
    "error": "error",
    "exception": "error",
    "critical": "critical",
    "fatal": "critical",
}
LOG_LEVEL_NAMES = {"WARNING": "warning", "WARN": "warning", "ERROR": "error", "CRITICAL": "critical", "FATAL": "critical"}
# A logger is named for what it is: ``log``, ``self.logger``, ``LOG``, ``audit_log``, or a
# family of loggers named by prefix (``log_runtime``, ``logger_db``).
LOGGER_RECEIVER = re.compile(
    r"(?:^|[._])(?:log|logger|logging|_log|_logger|logs|LOG|LOGGER)$|log$|logger$|(?:^|[._])_?(?:log|logger)_[a-z0-9]\w*$",
    re.IGNORECASE,
)

# Objects whose ``fail(message)`` reports a usage or input error: click contexts and
# parameters, parsers (template languages, config readers) that stop with a message.
FAIL_RECEIVER = re.compile(r"(?:^|[._])(?:ctx|context|param|parser)$", re.IGNORECASE)

CLICK_EXCEPTIONS = frozenset(
    {
        "ClickException",
        "UsageError",
        "BadParameter",
        "BadOptionUsage",
        "BadArgumentUsage",
        "NoSuchOption",
        "MissingParameter",
        "FileError",
        "Abort",
    }
)
HTTP_EXCEPTIONS = frozenset({"HTTPException", "WebSocketException", "HTTPError"})
# aiohttp's ``web.HTTPBadRequest(text=...)`` and falcon's ``HTTPNotFound(title=, description=)``:
# the words are passed by keyword; falcon's description is the sentence, its title a heading.
HTTP_CLASS = re.compile(r"^HTTP[A-Z][a-z]\w*$")
HTTP_CLASS_KEYWORDS = ("text", "description", "reason", "title", "detail", "message")
EXIT_CALLS = frozenset({"sys.exit", "exit", "quit", "SystemExit", "os._exit"})


Signature = Tuple[Optional[int], Tuple[str, ...]]


def message_argument(
    call: cst.Call, short_name: str, own: Optional[Dict[str, Signature]] = None
) -> Optional[cst.BaseExpression]:
    """The argument that carries the message text of an exception-like call.

    ``own`` holds the signatures learned from the file's own classes
    (``def __init__(self, code, message)``), which win over the catalogue.
    """
    args = call.args
    positional = [a for a in args if a.keyword is None and not a.star]
    signature = own.get(short_name) if own else None
    if signature is None and short_name not in MESSAGE_ARGUMENT and HTTP_CLASS.match(short_name):
        given = {a.keyword.value: a.value for a in args if a.keyword is not None}
        chosen = next((given[k] for k in HTTP_CLASS_KEYWORDS if k in given), None)
        if chosen is not None:
            return chosen
    position, keywords = signature or MESSAGE_ARGUMENT.get(short_name, (0, MESSAGE_KEYWORDS))
    for a in args:
        if a.keyword is not None and a.keyword.value in keywords:
            return a.value
    if short_name in STRUCTURED and len(positional) >= 2 and not _stringlike(positional[0].value):
        return positional[1].value
    if signature is None and short_name not in MESSAGE_ARGUMENT and len(positional) >= 2 and _code_then_text(positional):
        return positional[1].value
    if position is not None and len(positional) > position:
        return positional[position].value
    return None


def _code_then_text(positional: Sequence[cst.Arg]) -> bool:
    """A ``(code, message)`` call of a class we cannot see (``DBError(1045, "access denied")``,
    ``Err(codes.NOT_FOUND, f"...")``): an error number or constant first, a text second."""
    first, second = positional[0].value, positional[1].value
    if not _stringlike(second):
        return False
    if isinstance(first, cst.UnaryOperation) and isinstance(first.operator, cst.Minus):
        first = first.expression
    if isinstance(first, cst.Integer):
        return True
    name = dotted_name(first) if isinstance(first, (cst.Name, cst.Attribute)) else ""
    last = name.rsplit(".", 1)[-1]
    # An upper-case constant is a code unless its name says it holds a text (``NOT_FOUND_MSG``).
    return bool(last) and last.isupper() and not set(identifier_parts(last)) & lexicon("text_carrying_names")


def signature_of(parameters: Sequence[str]) -> Optional[Signature]:
    """Where a class's ``__init__`` takes its message, when not first (``self`` left out).

    ``(self, code, message)`` gives position 1; a message parameter first, or none, gives
    None: the catalogue's default (the first argument) already holds.
    """
    for index, name in enumerate(parameters):
        if name in MESSAGE_KEYWORDS:
            return (index, (name,)) if index > 0 else None
    return None


def _stringlike(node: cst.BaseExpression) -> bool:
    return isinstance(node, (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString, cst.BinaryOperation))


EXCEPTION_NAME = re.compile(r"(Error|Exception|Warning|Exit|Failure|Fault|Abort|Invalid|NotFound|Denied|Timeout)$")


def looks_like_exception(name: str, known_exceptions: AbstractSet[str] = frozenset()) -> bool:
    """A class name that, by Python's naming conventions, is an exception or warning."""
    short = name.rsplit(".", 1)[-1]
    if short in known_exceptions:
        return True
    if short.startswith("HttpResponse"):
        return False  # Django's ``HttpResponseNotFound`` is a response, returned, not raised
    if short in CLICK_EXCEPTIONS or short in HTTP_EXCEPTIONS or short in ("SystemExit", "ValidationError"):
        return True
    return bool(EXCEPTION_NAME.search(short)) and short[:1].isupper()


def _logger_receiver(view: CallView) -> bool:
    return bool(view.receiver) and (bool(LOGGER_RECEIVER.search(view.receiver)) or view.receiver.endswith("getLogger()"))


def _log_method(view: CallView) -> Optional[CallSink]:
    if not _logger_receiver(view):
        return None
    msg = view.first if view.first is not None else keyword_value(view.call, "msg")
    return CallSink(KIND_LOG, view.name, msg, LOG_LEVELS[view.last])


def _log_call(view: CallView) -> Optional[CallSink]:
    """``logger.log(logging.ERROR, "...")``: a message only at a level that counts."""
    if not _logger_receiver(view):
        return None
    level = _log_level(view.positional[0].value) if view.positional else ""
    if not level:
        return None
    message = view.positional[1].value if len(view.positional) > 1 else keyword_value(view.call, "msg")
    return CallSink(KIND_LOG, view.name, message, level)


def _warning(view: CallView) -> Optional[CallSink]:
    name, first = view.name, view.first
    if name in ("warnings.warn", "warnings.warn_explicit") or (name == "warn" and view.imported.get("warn", "").startswith("warnings")):
        return CallSink(KIND_WARN, name, first if first is not None else keyword_value(view.call, "message"))
    if view.last == "warn" and view.receiver != "self" and first is not None and is_stringish(first):
        # A project's own warn() helper (``util.warn("...")``) that wraps warnings.warn.
        return CallSink(KIND_WARN, name, first)
    return None


def _exit(view: CallView) -> Optional[CallSink]:
    if view.name in EXIT_CALLS or (view.full and view.full in EXIT_CALLS):
        if view.first is not None and stringlike_or_text(view.first):
            return CallSink(KIND_EXIT, view.name, view.first)
    return None


def _parser_error(view: CallView) -> Optional[CallSink]:
    """argparse's ``parser.error("...")``, which prints the usage and exits."""
    if view.receiver and re.search(r"parser$", view.receiver, re.IGNORECASE):
        return CallSink(KIND_CLI, view.name, view.first if view.first is not None else keyword_value(view.call, "message"))
    return None


def _fail(view: CallView) -> Optional[CallSink]:
    receiver, first = view.receiver, view.first
    if not (receiver == "self" or FAIL_RECEIVER.search(receiver)):
        return None
    if receiver == "self" and first is not None and _is_message_key(first):
        return None
    return CallSink(KIND_CLI, view.name, first if first is not None else keyword_value(view.call, "message"))


def _abort(view: CallView) -> Optional[CallSink]:
    if view.receiver in ("flask", "werkzeug", "werkzeug.exceptions") or view.imported.get("abort", "").startswith(("flask", "werkzeug")):
        return CallSink(KIND_HTTP, view.name, message_argument(view.call, "abort"))
    return None


# The catalogue of calls that show a message, in the order they are tried; a new sink is
# one more entry here (the traversal reads a call with LibCST only when its last name is
# in some entry's ``names`` and the entry's ``shape``, if any, accepts what ``ast`` shows).
CALL_SINKS: Tuple[CallRule, ...] = (
    CallRule(frozenset(LOG_LEVELS), _log_method),
    CallRule(frozenset({"log"}), _log_call),
    CallRule(frozenset({"warn", "warn_explicit"}), _warning),
    CallRule(frozenset(name.rsplit(".", 1)[-1] for name in EXIT_CALLS), _exit, through_imports=True),
    CallRule(frozenset({"error"}), _parser_error),
    CallRule(frozenset({"fail"}), _fail),
    CallRule(frozenset({"abort"}), _abort),
    *STDERR_SINKS,
    *WEB_SINKS,
)
# Names that are enough on their own for a statement to be read (no entry with a shape).
SINK_NAMES: FrozenSet[str] = frozenset(name for rule in CALL_SINKS if rule.shape is None for name in rule.names)


def _full_name(name: str, imported: Dict[str, str]) -> str:
    full = imported.get(name.split(".", 1)[0], "")
    if full and "." in name:
        full = full + "." + name.split(".", 1)[1]
    return full


# Entries with a shape by the names they match, and the entries that match through imports.
_SHAPED: Dict[str, Tuple[CallRule, ...]] = {
    name: tuple(rule for rule in CALL_SINKS if rule.shape is not None and name in rule.names)
    for name in frozenset(n for rule in CALL_SINKS for n in rule.names) - SINK_NAMES
}
_THROUGH_IMPORTS = tuple(rule for rule in CALL_SINKS if rule.through_imports)


def may_be_sink(name: str, imported: Dict[str, str], shape: Optional[CallShape] = None, extra: Sequence[CallRule] = ()) -> bool:
    """Whether some entry of the catalogue (or of ``extra``, the project's own) may match a
    callee (``a.b.c``) by its names and, when given, the call's ``shape``."""
    last = name.rsplit(".", 1)[-1]
    if last in SINK_NAMES:
        return True
    shaped = _SHAPED.get(last)
    if shaped and any(rule.may_match(last, "", shape) for rule in shaped):
        return True
    root = name.split(".", 1)[0]
    if root not in imported and not extra:
        return False  # a name that was not imported matches through no import
    full = _full_name(name, imported)
    return any(rule.may_match(last, full, shape) for rule in (*extra, *_THROUGH_IMPORTS))


def classify_call(
    call: cst.Call, imported: Dict[str, str], consoles: AbstractSet[str] = frozenset(), extra: Sequence[CallRule] = ()
) -> Optional[CallSink]:
    """The sink a call statement is, if any (raised exceptions are handled by the recognizer).

    ``extra`` are the project's own sinks (``extend-sinks``), tried first.
    """
    name = dotted_name(call.func)
    if not name:
        return None
    full = _full_name(name, imported)
    positional = tuple(a for a in call.args if a.keyword is None and not a.star)
    view = CallView(
        call, name, full, name.rsplit(".", 1)[-1], name.rsplit(".", 1)[0] if "." in name else "",
        positional[0].value if positional else None, positional, imported, consoles,
    )
    for rule in (*extra, *CALL_SINKS):
        if rule.may_match(view.last, full):
            sink = rule.read(view)
            if sink is not None:
                return sink
    return None


def _log_level(node: cst.BaseExpression) -> str:
    name = dotted_name(node)
    if name:
        return LOG_LEVEL_NAMES.get(name.rsplit(".", 1)[-1], "")
    if isinstance(node, cst.Integer):
        try:
            value = int(node.value, 0)
        except ValueError:
            return ""
        if value >= 50:
            return "critical"
        if value >= 40:
            return "error"
        if value >= 30:
            return "warning"
    return ""


def stringlike_or_text(node: cst.BaseExpression) -> bool:
    if isinstance(node, (cst.Integer, cst.UnaryOperation)):
        return False
    if isinstance(node, cst.Name) and node.value in ("None", "True", "False"):
        return False
    if isinstance(node, cst.Call):
        last = dotted_name(node.func).rsplit(".", 1)[-1]
        return last in ("_", "gettext", "str", "format") or last.endswith("gettext")
    if isinstance(node, (cst.Name, cst.Attribute)):
        return False  # an exit status in a variable, or text we cannot see: not a message site
    return True


def _is_message_key(node: cst.BaseExpression) -> bool:
    """marshmallow/DRF-style ``self.fail("invalid")``: the argument names a message, it is not one."""
    if isinstance(node, cst.SimpleString):
        try:
            value = node.evaluated_value
        except Exception:
            return False
        return isinstance(value, str) and re.fullmatch(r"[a-z][a-z0-9_]*", value) is not None
    return False


def raised_sink(callee: str) -> str:
    """The kind of site a raised exception class is."""
    short = callee.rsplit(".", 1)[-1]
    if short == "SystemExit":
        return KIND_EXIT
    if short in CLICK_EXCEPTIONS:
        return KIND_CLI
    if short in HTTP_EXCEPTIONS or HTTP_CLASS.match(short):
        return KIND_HTTP
    return KIND_RAISE
