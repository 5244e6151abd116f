"""The language server: findings as editor diagnostics, a noqa quick fix, rule help on hover.

``documents`` judges one editor buffer with the settings ``check`` would use, ``diagnostics``
turns findings into LSP diagnostics, ``actions`` builds the code actions, ``hover`` the rule
explanations, and ``app`` wires them to pygls (an optional dependency: the ``lsp`` extra).
Only ``app`` imports pygls; the other modules need lsprotocol alone, which pygls brings.
"""
