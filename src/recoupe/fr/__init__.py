"""The French language layer, without spaCy (as ``spacy/lang/fr`` beside ``spacy/pipeline``).

Text normalisation (``text``), the one reader of rule data (``lexicon``, files in
``data/``), sentence boundaries (``sentences``), quotation marks (``quote_marks``),
time expressions (``timex_recognise``, ``timex_normalise``), names (``names``),
roles (``roles``) and numbers written in letters (``numbers``). It imports
nothing of recoupe but ``recoupe.model``.
"""
