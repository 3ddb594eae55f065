"""French numbers written in letters: "dix-huit", "vingt et un", "quatre-vingt", "une dizaine".

Two readings with their own tables: :func:`parse_number` reads the amount of a
time expression ("trois jours", vocabulary ``time_words.tsv``), and
:func:`word_number` a quantity of a news statement with its kind (exact,
approximate, scale; ``number_words.tsv``).
"""

from __future__ import annotations

import re

from recoupe.fr.lexicon import number_words, time_lexicon
from recoupe.fr.text import fold


def parse_number(word: str) -> float | None:
    """'3', '30,4', 'trois', 'dix-huit', 'vingt et un', 'quatre-vingt' -> number."""
    word = word.strip().lower()
    if re.fullmatch(r"\d+(?:[,.]\d+)?", word):
        return float(word.replace(",", "."))
    numbers = time_lexicon().table("number")
    if word in numbers:
        return float(numbers[word])
    total = 0.0
    for part in re.split(r"-|\s+et\s+", word):
        if part not in numbers:
            return None
        value = float(numbers[part])
        if (value in {100.0, 1000.0} and total > 0) or (part == "vingt" and total == 4):
            total *= value
        else:
            total += value
    return total


def word_number(word: str) -> tuple[float, str] | None:
    """Value and kind of a number written in letters ("quarante-cinq" -> 45, exact)."""
    table = number_words()
    folded = fold(word)
    if folded in table:
        return table[folded]
    parts = folded.split("-")
    if len(parts) < 2:
        return None
    total, current, i = 0.0, 0.0, 0
    while i < len(parts):
        for j in range(len(parts), i, -1):  # longest known run first ("quatre-vingt")
            chunk = "-".join(parts[i:j])
            if chunk in table and table[chunk][1] == "exact":
                value = table[chunk][0]
                if value in (100.0, 1000.0):
                    current = max(current, 1.0) * value
                else:
                    current += value
                i = j
                break
        else:
            if parts[i] == "et":
                i += 1
                continue
            return None
    total += current
    return (total, "exact") if total else None
