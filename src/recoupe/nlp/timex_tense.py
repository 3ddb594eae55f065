"""The tense of the verb governing a time expression, from spaCy morphology."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from recoupe.model import Tense

PERFECT_AUXILIARIES = {"avoir", "être"}
MAX_HOPS = 6


def _governing_verb(span: Span) -> Token | None:
    token: Token = span.root
    for _ in range(MAX_HOPS):
        if token.pos_ in {"VERB", "AUX"} and token.i not in range(span.start, span.end):
            return token
        if any(c.dep_ == "cop" for c in token.children) and token.i not in range(
            span.start, span.end
        ):
            return token  # "sont trop élevées": the copula carries the tense
        if token.head.i == token.i:
            break
        token = token.head
    # not attached to a verb (a headline, a fragment): the closest verb of the sentence
    verbs = [t for t in span.sent if t.pos_ == "VERB"] or [t for t in span.sent if t.pos_ == "AUX"]
    if not verbs:
        return None
    return min(verbs, key=lambda t: abs(t.i - span.root.i))


def _tense_of(verb: Token) -> Tense | None:
    auxiliaries = [c for c in verb.children if c.dep_.startswith("aux") or c.dep_ == "cop"]
    forms = [verb, *auxiliaries]
    finite = [t for t in forms if "Fin" in t.morph.get("VerbForm", [])]
    if any("Fut" in t.morph.get("Tense", []) for t in finite) or any(
        "Cnd" in t.morph.get("Mood", []) for t in finite
    ):
        return "future"
    participle = "Part" in verb.morph.get("VerbForm", [])
    for aux in auxiliaries:
        if aux.lemma_ == "aller" and verb.morph.get("VerbForm", []) == ["Inf"]:
            return "future"
        if aux.dep_ == "aux:tense" and aux.lemma_ in PERFECT_AUXILIARIES and participle:
            return "past"  # passé composé
    if any(t in {"Past", "Imp"} for f in finite for t in f.morph.get("Tense", [])):
        return "past"
    if any("Pres" in f.morph.get("Tense", []) for f in finite):
        return "present"
    return None


def tense_at(doc: Doc, start: int, end: int) -> Tense | None:
    """Past, present or future of the verb governing the characters start:end (None if unknown)."""
    if not doc.has_annotation("MORPH") or not doc.has_annotation("DEP"):
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    verb = _governing_verb(span)
    return _tense_of(verb) if verb is not None else None
