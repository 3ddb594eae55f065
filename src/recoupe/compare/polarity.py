"""Polarity: two outlets saying the same claim, one of them denying it or saying its opposite.

A claim is negated when its own words hold a negation particle ("ne … pas",
"jamais", "aucun"), not when it only restricts ("ne … que"). Two claims
contradict on polarity when one says all the other says (its content words and
names, paraphrases and near synonyms included) and they differ only by a
negation or by a pair of antonyms (``fr/data/antonyms.tsv``).
"""

from __future__ import annotations

import functools
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
    return negated_text(statement.text)


@functools.lru_cache(maxsize=1 << 15)
def negated_text(text: str) -> bool:
    """``negated`` of a statement's text; cached: the copies of a claim repeat its words."""
    return bool(NEGATION_RE.search(NO_EXCEPTION_RE.sub(" ", text)))


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


STEM = 8  # letters two canonical lemmas share to be one word ("hospitalisation" / "hospitalisé")


def _inflected(word: str, other: str) -> bool:
    """One word and a derived or inflected form of it, folded: a long shared stem that is
    most of the shorter word ("hospitalisation" / "hospitalise")."""
    shared = 0
    for x, y in zip(word, other, strict=False):
        if x != y:
            break
        shared += 1
    return shared >= STEM and shared >= min(len(word), len(other)) - 2


def _said_by(word: str, others: frozenset[str], raw_others: Sequence[str], raw: str | None) -> bool:
    if word in others or any(_inflected(word, other) for other in others):
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
        if pair or _denies_another_figure(b if denies(b) else a, a if denies(b) else b):
            return None
        return "negation"
    if pair:
        return "antonym"
    return None


def _denies_another_figure(denial: Statement, claim: Statement) -> bool:
    """A denial of a figure the claim does not state: "n'a pas compté 50 millions de
    manifestants" against "a compté 2,3 millions de participants" agrees, whatever the nouns
    counted; denying the same figure ("n'a pas compté 2,3 millions") contradicts."""
    denied = [n for n in denial.numbers if not n.vague and not n.anaphoric]
    stated = [n for n in claim.numbers if not n.vague and not n.anaphoric]
    return bool(denied and stated) and not any(
        x.low <= y.high and y.low <= x.high for x in denied for y in stated
    )


def polarity_pairs(
    statements: Sequence[Statement], alignment: float = POLARITY_ALIGNMENT
) -> list[tuple[int, int, str]]:
    """Pairs of statements of different outlets that say a claim and its opposite."""
    out = []
    # ``opposed`` finds nothing in two statements that deny alike and share no antonym (its
    # words: ``opposition_keys``): those pairs are passed over before its costlier tests
    denying = [denies(s) for s in statements]
    keys = [opposition_keys(s) for s in statements]
    for i, j, _ in Aligner(statements).pairs(alignment):
        a, b = statements[i], statements[j]
        if a.outlet == b.outlet:
            continue
        if denying[i] == denying[j] and not keys[i][0] & keys[j][1] and not keys[j][0] & keys[i][1]:
            continue
        reason = opposed(a, b)
        if reason:
            out.append((i, j, reason))
    return out


# --- what a negation bears on --------------------------------------------------------

NE = "<ne>"  # "ne" and an elided "n'": not a word ("né" folded would read "ne"), it ends a phrase

TOKEN_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|\d+|[^\w\s]", re.UNICODE)
# particles that close "ne … X" as a negation ("ne … que" only restricts)
CLOSING_PARTICLES = frozenset(
    {"pas", "plus", "jamais", "guere", "point", "nullement", "aucunement", "rien", "personne"}
)
# words before "ne" that make it a negation without a closing particle ("aucun bébé n'est né")
OPENING_PARTICLES = frozenset({"aucun", "aucune", "personne", "rien", "nul", "nulle", "ni"})
# auxiliaries, copulas and modals: the negation bears on the verb or attribute after them
AUXILIARIES = word_class("negation_auxiliary")
# words a negation reaches across: clitics, adverbs, determiners, prepositions
PASSED_OVER = word_class("negation_passed_over")
# "et non des chars", "non pas X": the words after "non" are what is denied; not "non-vaccinés",
# "non seulement", "non loin"
NON_AFTER = frozenset({"seulement", "loin", "sans", "plus", "moins"})
MAX_DENIED_WORDS = 4  # words after "pas" or "non" taken as the denied element, up to "mais"
# a sentence that calls its own claim false: "l'information … est totalement fausse"
FALSE_RE = re.compile(
    r"\b(?:est|sont|etait|etaient|serait|seraient|s'avere|s'averent)\s+(?:\w+ment\s+)?"
    r"(?:faux|fausses?|infondee?s?|erronee?s?|inexacte?s?|mensongere?s?)\b"
)


def _tokens(text: str) -> list[tuple[int, int, str]]:
    """Folded tokens with their offsets; "ne" and an elided "n'" read ``NE`` (folded, "né"
    would be "ne")."""
    out = []
    for m in TOKEN_RE.finditer(text):
        raw = m.group().lower()
        out.append((m.start(), m.end(), NE if raw in {"ne", "n"} else fold(raw)))
    return out


def _content_after(tokens: list[tuple[int, int, str]], k: int, skip: frozenset[str]) -> int:
    """The index of the first token from ``k`` that is a word and not in ``skip`` (-1 if none)."""
    while k < len(tokens):
        word = tokens[k][2]
        if not word[0].isalnum():
            return (
                -1 if word not in {"'", "’", '"', "«", "»"} else _content_after(tokens, k + 1, skip)
            )
        if word not in skip:
            return k
        k += 1
    return -1


@functools.lru_cache(maxsize=65536)
def denied_spans(text: str) -> tuple[tuple[int, int, int], ...]:
    """The words a sentence's negations bear on: (start, end) of each, and the end of the
    phrase it heads (up to the next punctuation or clause word: "n'est pas un portrait du
    président russe" denies the portrait of the president, not the president).

    - "ne … pas/plus/jamais…": the verb, or after an auxiliary or a copula the participle or
      the attribute ("n'a absolument pas choqué", "n'avait pas été évaluée", "ne fait nulle part
      mention"); "ne … que" restricts and denies nothing;
    - "aucun X", "nul X": X, and the verb its "ne" governs ("aucun bébé n'est né");
    - "sans X": X only ("des bébés sans système immunitaire" affirms the births);
    - "pas X mais Y", "et non X", "non pas X": X, the element corrected ("ne montre pas Vladimir
      Poutine mais un jeune garçon").

    A sentence that opens with a condition ("Sans test, on ne peut pas entrer") states a
    requirement and denies nothing.
    """
    if CONDITION_RE.match(text):
        return ()
    tokens = _tokens(text.replace("’", "'"))
    words = [t[2] for t in tokens]
    spans: list[tuple[int, int, int]] = []

    def take(k: int) -> None:
        if k >= 0:
            # the head and the noun it governs through a determiner or "de" ("mention de
            # personnes", "choqué les autorités"; not "sans incident devant l'entrée")
            head_end = k
            link = k + 1
            while link < len(words) and words[link] in LINK_WORDS:
                link += 1
            if (
                link > k + 1
                and link < len(words)
                and words[link][0].isalpha()
                and words[link] not in PASSED_OVER
            ):
                head_end = link
            end = k
            while (
                end + 1 < len(words)
                and (words[end + 1][0].isalnum() or words[end + 1] in {"'", "-"})
                and words[end + 1] not in PHRASE_BREAKS
            ):
                end += 1
            spans.append((tokens[k][0], tokens[head_end][1], tokens[max(end, head_end)][1]))

    def corrected(k: int) -> None:
        """Words from ``k`` up to "mais" (within MAX_DENIED_WORDS), when "mais" follows."""
        if k < 0:
            return
        for m in range(k, min(len(tokens), k + MAX_DENIED_WORDS + 2)):
            if words[m] == "mais":
                for n in range(k, m):
                    if words[n][0].isalnum() and words[n] not in PASSED_OVER:
                        take(n)
                return
            if not words[m][0].isalnum() and words[m] not in {"'", '"', "«", "»"}:
                return

    for i, word in enumerate(words):
        if word == NE:
            verb = _content_after(tokens, i + 1, _CLITICS)
            if verb < 0:
                continue
            after = verb + 1
            while after < len(words) and words[after] in _ADVERBS:
                after += 1
            particle = any(words[m] in CLOSING_PARTICLES for m in range(verb + 1, after)) or (
                after < len(words) - 1 and words[after] == "nulle" and words[after + 1] == "part"
            )
            opened = any(w in OPENING_PARTICLES for w in words[max(0, i - 6) : i])
            if words[verb] in CLOSING_PARTICLES:  # "de ne pas utiliser": the infinitive after
                take(_content_after(tokens, verb + 1, PASSED_OVER | AUXILIARIES))
                continue
            if not (particle or opened):
                continue  # "ne … que", or an expletive "ne" ("avant qu'il ne parte")
            if words[verb] in AUXILIARIES:
                target = _content_after(tokens, verb + 1, PASSED_OVER | AUXILIARIES)
                take(target)
                corrected(_content_after(tokens, verb + 1, _CLITICS | _ADVERBS | AUXILIARIES))
            else:
                take(verb)
                corrected(after)
        elif word in {"aucun", "aucune", "nul", "nulle"}:
            if word == "nulle" and i + 1 < len(words) and words[i + 1] == "part":
                continue
            take(_content_after(tokens, i + 1, PASSED_OVER))
        elif word == "sans":
            if i + 1 < len(words) and words[i + 1] in {"exception", "exceptions", "aucune"}:
                continue
            take(_content_after(tokens, i + 1, PASSED_OVER | AUXILIARIES))
        elif (
            word == "non"
            and 0 < i < len(words) - 1
            and (words[i - 1] in {"et", ",", "mais"} or words[i + 1] == "pas")
            and words[i + 1] not in NON_AFTER
        ):
            first = _content_after(tokens, i + 1, PASSED_OVER)
            if first >= 0:
                last = first
                while (
                    last + 1 < len(words)
                    and last + 1 - first < MAX_DENIED_WORDS
                    and words[last + 1][0].isalnum()
                    and words[last + 1] not in {"mais", "et", "ou", "qui", "que", "comme"}
                ):
                    last += 1
                for n in range(first, last + 1):
                    if words[n] not in PASSED_OVER:
                        take(n)
    return tuple(spans)


LINK_WORDS = word_class("negation_link")
PHRASE_BREAKS = word_class("negation_phrase_break")
_CLITICS = word_class("negation_clitic")
_ADVERBS = word_class("negation_adverb")


def calls_false(text: str) -> bool:
    """The sentence calls its own claim false ("l'information … est totalement fausse")."""
    return bool(FALSE_RE.search(fold(text)))


# antonyms that are function words, read from the text (the lemmas leave them out), each with
# the word it bears on: "avant son entrée" / "après son entrée", not "avant la fin du mois" /
# "après la manifestation"
FUNCTION_ANTONYMS = {"avant": "apres", "apres": "avant"}
FUNCTION_RE = re.compile(
    r"(?<![\w'])(avant|apres)\s+(?:(?:de|d'|du|des|le|la|les|l'|son|sa|ses|leur|leurs|cette|ce|ces)\s*)*([^\W\d_]{3,})"
)
VERB_ENDINGS = ("er", "ir", "re")


def _inflects(lemma: str, word: str) -> bool:
    """``word`` is ``lemma`` inflected: a plural or feminine ending ("faux" / "fausses" aside),
    or for a verb its stem with another ending ("combattre" / "combattant", "approuver" /
    "approuvée"); not "avant" / "avancent", "fin" / "fini", "positif" / "position"."""
    if word.startswith(lemma) and word[len(lemma) :] in {"", "s", "e", "es", "x"}:
        return True
    if not lemma.endswith(VERB_ENDINGS):
        return False
    shared = 0
    for x, y in zip(lemma, word, strict=False):
        if x != y:
            break
        shared += 1
    return shared >= max(4, len(lemma) - 2)


def _function_pairs(statement: Statement) -> frozenset[tuple[str, str]]:
    """("avant", stem of the word it bears on) pairs of the text; "d'après" is an attribution."""
    return _function_pairs_of(statement.text)


@functools.lru_cache(maxsize=65536)
def _function_pairs_of(text: str) -> frozenset[tuple[str, str]]:
    folded = fold(text)
    return frozenset(
        (m.group(1), m.group(2)[:5])
        for m in FUNCTION_RE.finditer(folded)
        if not folded[: m.start()].endswith(("d'", "d' "))
    )


@functools.lru_cache(maxsize=65536)
def _antonyms_said(lemmas: frozenset[str], words: tuple[str, ...]) -> frozenset[str]:
    """The words of the antonym table a statement says, as a lemma or inflected."""
    forms = lemmas | {fold(w) for w in words}
    entries, short = _antonym_entries()
    return frozenset(
        entry
        for form in forms
        for entry in (*entries.get(form[:4], ()), *(e for e in short if form.startswith(e)))
        if _inflects(entry, form)
    )


@functools.cache
def _antonym_entries() -> tuple[dict[str, list[str]], list[str]]:
    """The antonym table's words by their first four letters (``_inflects`` needs them said),
    and those shorter than four letters."""
    by_start: dict[str, list[str]] = {}
    short = []
    for entry in antonyms():
        if len(entry) >= 4:
            by_start.setdefault(entry[:4], []).append(entry)
        else:
            short.append(entry)
    return by_start, short


def opposition_keys(statement: Statement) -> tuple[frozenset[object], frozenset[object]]:
    """What another statement must say for ``opposite_forms(statement, other)`` to find a
    pair (``needs``), and what this one says that an other's ``needs`` may ask (``has``):
    ``opposite_forms(a, b)`` is None whenever ``needs(a) & has(b)`` is empty, so statements
    can be told apart by these keys before any pair is tested."""
    return _opposition_keys(statement.text, statement.lemmas, statement.words)


@functools.lru_cache(maxsize=65536)
def _opposition_keys(
    text: str, lemmas: frozenset[str], words: tuple[str, ...]
) -> tuple[frozenset[object], frozenset[object]]:
    table = antonyms()
    pairs = _function_pairs_of(text)
    said = _antonyms_said(lemmas, words)
    needs: set[object] = {("lemma", o) for w in lemmas for o in table.get(w, ())}
    needs.update(("function", FUNCTION_ANTONYMS[w], target) for w, target in pairs)
    needs.update(("said", o) for w in said for o in table[w])
    has: set[object] = {("lemma", w) for w in lemmas}
    has.update(("function", w, target) for w, target in pairs)
    has.update(("said", w) for w in said)
    return frozenset(needs), frozenset(has)


def opposite_forms(a: Statement, b: Statement) -> tuple[str, str] | None:
    """Like ``opposite_words``, also on the words as the lemmatiser left them and their
    inflections ("l'Etat soutenant le terrorisme" / "l'Etat combattant le terrorisme"), and on
    function-word antonyms bearing on the same word ("avant son entrée en vigueur" / "après son
    entrée en vigueur")."""
    found = opposite_words(a, b)
    if found:
        return found
    pairs_a, pairs_b = _function_pairs(a), _function_pairs(b)
    for word, target in sorted(pairs_a):
        opposite = FUNCTION_ANTONYMS[word]
        if (opposite, target) in pairs_b and (opposite, target) not in pairs_a:
            return word, opposite
    said_a = _antonyms_said(a.lemmas, a.words)
    said_b = _antonyms_said(b.lemmas, b.words)
    table = antonyms()
    for word in sorted(said_a - said_b):
        for opposite in sorted(table[word]):
            if opposite in said_b and opposite not in said_a:
                return word, opposite
    return None
