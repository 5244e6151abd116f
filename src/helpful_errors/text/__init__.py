"""Reading message text: tokens, sentences and word lists shared by every rule.

A template is tokenized once per site (``tokenize``) into words, VALUE slots, CODE tokens,
URLs, numbers and punctuation; rules then reason over tokens instead of raw strings, so a
word inside a quoted identifier or a placeholder is never mistaken for prose.
"""

from .lexicon import lexicon, phrases
from .match import PhraseIndex, find_phrase, first_phrase, phrase_at
from .sentences import clause_starts, split_clauses, split_sentences, word_runs
from .tokens import CODE, CODE_ID, NUMBER, PUNCT, URL, VALUE, WORD, Token, tokenize, tokenize_text

__all__ = [
    "CODE",
    "CODE_ID",
    "NUMBER",
    "PhraseIndex",
    "PUNCT",
    "URL",
    "VALUE",
    "WORD",
    "Token",
    "clause_starts",
    "find_phrase",
    "first_phrase",
    "lexicon",
    "phrase_at",
    "phrases",
    "split_clauses",
    "split_sentences",
    "tokenize",
    "tokenize_text",
    "word_runs",
]
