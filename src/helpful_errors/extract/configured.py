"""The project's own sinks (``extend-sinks``) as entries of the call catalogue.

``{ call = "ui.error_write", arg = 0, kind = "cli" }`` matches a call written
``ui.error_write(...)``, or ``error_write(...)`` after ``from ui import error_write``, or
any callee whose imported name ends with ``.ui.error_write``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable, Optional, Tuple

from ..config import Settings
from ..sink_config import SinkSpec
from .calls import CallRule, CallSink, CallView, keyword_value


def configured_sinks(settings: Settings) -> Tuple[CallRule, ...]:
    return _rules(settings.extend_sinks)


@lru_cache(maxsize=8)
def _rules(specs: Tuple[SinkSpec, ...]) -> Tuple[CallRule, ...]:
    return tuple(CallRule(frozenset({spec.call.rsplit(".", 1)[-1]}), _reader(spec), through_imports=True) for spec in specs)


def _reader(spec: SinkSpec) -> Callable[[CallView], Optional[CallSink]]:
    def read(view: CallView) -> Optional[CallSink]:
        if not _matches(spec.call, view):
            return None
        message = keyword_value(view.call, spec.keyword) if spec.keyword else None
        if message is None and 0 <= spec.arg < len(view.positional):
            message = view.positional[spec.arg].value
        if message is None:
            return None
        return CallSink(spec.kind, view.name, message, level="error" if spec.kind == "log" else "", audience=spec.audience, sink="configured")

    return read


def _matches(call: str, view: CallView) -> bool:
    return view.name == call or view.full == call or view.full.endswith("." + call)
