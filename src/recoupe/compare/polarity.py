"""Polarity: two outlets saying the same claim, one of them denying it or saying its opposite.

A claim is negated when its own words hold a negation particle ("ne … pas",
"jamais", "aucun"), not when it only restricts ("ne … que"). Two claims
contradict on polarity when one says all the other says (its content words and
names, paraphrases and near synonyms included) and they differ only by a
negation or by a pair of antonyms (``fr/data/antonyms.tsv``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from recoupe.compare.statements import GENERIC_PREDICATES, Aligner, Statement
from recoupe.compare.vectors import similarity
from recoupe.fr.lexicon import antonyms, word_class
from recoupe.fr.text import fold

NEGATION_RE = re.compile(
    r"\b(?:pas|jamais|aucune?|nullement|rien|(?<!une )(?<!la )(?<!cette )(?<!chaque )personne|ni)\b|\bn['’]\w+\s+plus\b|\bne\s+\w+\s+plus\b|\bsans\b",
    re.IGNORECASE,
)
NEGATION_WORDS = word_class("negation") | {"nullement", "personne", "sans", "plus"}
# verbs that deny their object ("les soignants démentent l'existence d'un ordre")
DENIAL_LEMMAS = frozenset(fold(w) for w in ("démentir", "nier", "réfuter"))
POLARITY_ALIGNMENT = 0.25  # statements must first be about the same thing
MIN_CONTAINED = 0.8  # share of the shorter claim's words the other must say
MIN_WORDS = 3
SYNONYM = 0.75


NO_EXCEPTION_RE = re.compile(r"\bsans\s+(?:aucune\s+)?exceptions?\b", re.IGNORECASE)
CONDITION_RE = re.compile(r"^\W*(?:sans|sauf|hormis|excepté|hors|en dehors)\b", re.IGNORECASE)


def negated(statement: Statement) -> bool:
    """The statement's own words deny: "n'a pas demandé", "aucune aide"; "n'a demandé que" is
    no denial, nor is "sans exception" (it says "all")."""
    return bool(NEGATION_RE.search(NO_EXCEPTION_RE.sub(" ", statement.text)))


def denies(statement: Statement) -> bool:
    """Negated, or saying its claim with a verb of denial ("les soignants démentent l'existence
    d'un ordre"). Only for opposing two claims: a reported denial ("X a démenti le bilan") is
    itself a fact other outlets may corroborate."""
    return negated(statement) or bool(statement.lemmas & DENIAL_LEMMAS)


def conditional(clause: Statement) -> bool:
    """A clause that only sets a condition or an exception on its sentence's claim ("Sans test
    négatif, …", "sauf dans le cadre d'essais"): it makes no claim of its own."""
    return bool(CONDITION_RE.match(clause.text))


def claim_clauses(clause_list: Sequence[Statement]) -> list[Statement]:
    """The clauses whose polarity says what their sentence claims. A condition is left out, and
    so is a denial under a condition: "Sans test, on ne peut pas entrer" requires a test, it
    denies nothing."""
    under_condition = {(c.article, c.sentence) for c in clause_list if conditional(c)}
    return [
        c
        for c in clause_list
        if not conditional(c) and not ((c.article, c.sentence) in under_condition and negated(c))
    ]


def _content(statement: Statement) -> frozenset[str]:
    """The claim's content lemmas; words of the names it mentions are left out ("citant le
    Croissant-Rouge libyen" says nothing but a name: names are compared as entities)."""
    names = {
        w
        for start, end, _ in statement.mentions
        for w in re.findall(
            r"\w+", fold(statement.text[start - statement.start : end - statement.start])
        )
    }
    return frozenset(
        w
        for w in statement.lemmas
        if w not in GENERIC_PREDICATES
        and w not in NEGATION_WORDS
        and not w.isdigit()
        and fold(w) not in names
    )


def _said_by(word: str, others: frozenset[str], raw_others: Sequence[str], raw: str | None) -> bool:
    if word in others:
        return True
    if raw is None:
        return False
    return any(similarity(raw, other) >= SYNONYM for other in raw_others)


def contained(short: Statement, long: Statement, opposites: frozenset[str] = frozenset()) -> float:
    """Share of the short claim's content words the long one also says (same lemma or near
    synonym); ``opposites``, a pair of antonyms, count as said: each is the other's counterpart."""
    words = _content(short)
    if len(words) < MIN_WORDS:
        return 0.0
    others = _content(long) | opposites
    raw_of = {fold(w): w.lower() for w in short.words}
    raw_others = [w.lower() for w in long.words]
    said = sum(1 for w in words if _said_by(w, others, raw_others, raw_of.get(w)))
    return said / len(words)


def opposite_words(a: Statement, b: Statement) -> tuple[str, str] | None:
    """A word of ``a`` whose antonym ``b`` says, neither saying the other's word."""
    table = antonyms()
    for word in a.lemmas - b.lemmas:
        for opposite in table.get(word, ()):
            if opposite in b.lemmas and opposite not in a.lemmas:
                return word, opposite
    return None


def opposed(a: Statement, b: Statement) -> str | None:
    """Why two claims about the same thing oppose ("negation", "antonym"), or None."""
    if a.entities and b.entities and not (a.entities <= b.entities or b.entities <= a.entities):
        return None  # said of different people or places
    if any(x.unit == y.unit and not x.compatible(y) for x in a.numbers for y in b.numbers):
        return None  # a difference of figure, the figure check reports it
    short, long = sorted((a, b), key=lambda s: len(_content(s)))
    pair = opposite_words(a, b)
    if contained(short, long, frozenset(pair or ())) < MIN_CONTAINED:
        return None
    if denies(a) != denies(b):
        # a denial said with an antonym ("n'a pas refusé" / "a accepté") agrees
        return None if pair else "negation"
    if pair:
        return "antonym"
    return None


def polarity_pairs(statements: Sequence[Statement]) -> list[tuple[int, int, str]]:
    """Pairs of statements of different outlets that say a claim and its opposite."""
    out = []
    for i, j, _ in Aligner(statements).pairs(POLARITY_ALIGNMENT):
        a, b = statements[i], statements[j]
        if a.outlet == b.outlet:
            continue
        reason = opposed(a, b)
        if reason:
            out.append((i, j, reason))
    return out
