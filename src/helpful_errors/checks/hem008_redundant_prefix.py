"""HEM008 redundant-prefix: "Error: ...", "ValueError: ...", "[warning] ..." before the text.

How it decides: the text opens with a severity or kind label (lexicon ``redundant_labels``),
optionally in brackets, followed by ``:``, ``-``, ``!`` or a closing bracket; or with an
exception class name followed by a colon. The label is redundant where something prints
one already: the traceback prints ``ClassName: ``, ``warnings`` prints the category, click
exceptions print ``Error: ``, and ``parser.error`` prints ``prog: error: ``. Exits
(``sys.exit("error: ...")``), ``click.echo(err=True)`` and writes to standard error
(``sys.stderr.write``, ``print(..., file=sys.stderr)``, a stderr console) write the text as
it is, so a GNU-style label there is correct and not reported. Logging calls are not judged: whether
the level is printed depends on the project's logging format, set up in another module
(many command-line tools print ``%(message)s`` alone and write "warning: ..." themselves).
Error codes (``E1234:``) and domain terms ("Error budget exhausted") are not labels.

A class whose text is printed as it is (derived from ``SystemExit``, or with a ``show()``
printer of its own, as the extractor reads its bases in this module or another of the
project) is not judged either: no printer adds the label.

Known limits: a raised exception whose handler prints only ``str(exc)`` (no class name)
gets a finding it does not need; disable the rule for those paths.
"""

from __future__ import annotations

import re
from typing import Optional, Sequence

from ..text import CODE as CODE_TOKEN
from ..text import PUNCT, WORD, Token, lexicon
from .message import Message
from .rule import Hit, Options

CODE = "HEM008"

_CLASS_NAME = re.compile(r"[A-Z]\w*(Error|Exception|Warning)")
_SEPARATORS = frozenset({":", "-", "!", "]", ")", "|"})
_RAW_PRINTERS = frozenset({"echo", "secho"})
_RAW_SINKS = frozenset({"stderr"})  # the extractor's sink for writes to standard error
# Kinds whose printer is not known from the call: exits print the text raw, a response's
# body is shown as it is, and a log line's format is the project's logging setup.
_UNSEEN_PRINTERS = frozenset({"exit", "http", "log"})
_SHOWN = 60


def _prefix_length(tokens: Sequence[Token], callee: str) -> int:
    """How many tokens the label takes, or 0 when the text does not open with one."""
    i = 0
    bracket = i < len(tokens) and tokens[i].kind == PUNCT and tokens[i].text in ("[", "(")
    i += 1 if bracket else 0
    if i >= len(tokens):
        return 0
    first = tokens[i]
    label = first.kind == WORD and first.lower in lexicon("redundant_labels")
    class_name = first.kind == CODE_TOKEN and not first.quoted and bool(_CLASS_NAME.fullmatch(first.text))
    if not (label or class_name or (first.text == callee and first.kind in (WORD, CODE_TOKEN))):
        return 0
    i += 1
    if i >= len(tokens) or tokens[i].kind != PUNCT or tokens[i].text not in _SEPARATORS:
        return 0
    if class_name and tokens[i].text != ":" and not bracket:
        return 0
    i += 1
    while i < len(tokens) and tokens[i].kind == PUNCT and tokens[i].text in _SEPARATORS:
        i += 1
    return i if i < len(tokens) else 0  # "Error!" alone is a vague message, not a prefix


def check(message: Message, options: Options) -> Optional[Hit]:
    site = message.site
    if message.kind in _UNSEEN_PRINTERS or message.callee in _RAW_PRINTERS or site.sink in _RAW_SINKS:
        return None  # printed as it is, or by a printer the call does not show
    if site.printed_raw or site.template is None:
        return None
    tokens = message.tokens
    length = _prefix_length(tokens, message.callee)
    if not length:
        return None
    prefix = message.text[: tokens[length - 1].end].strip()
    rest = message.text[tokens[length].start :].replace("\n", " ")
    if len(rest) > _SHOWN:
        rest = rest[: _SHOWN - 3].rstrip() + "..."
    return Hit.of(fit=message.kind, prefix=prefix, rest=rest)
