"""The rules: pure functions from a message site to findings, driven by the rulebook."""

from .judge import judge_sites

__all__ = ["judge_sites"]
