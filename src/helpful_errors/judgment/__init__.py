"""Fitted judgment: general features of a message combined by a small linear model.

``features`` reads an analysed message into named features (words, word pairs, detectors of
guidance built on the English lexicon, structure); ``linear`` applies weights fitted to the
labeled corpora (``tools/fit_judgment.py``) and shipped as JSON in this package.
"""
