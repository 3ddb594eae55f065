"""Invented French news articles for the benchmarks (never taken from ../shared)."""

from __future__ import annotations

import random
from collections.abc import Iterator

from recoupe.model import Article

FIRST = ("Paul", "Claire", "Nadia", "Hélène", "Karim", "Sophie", "Louis", "Inès", "Marc", "Léa")
LAST = (
    "Garnier",
    "Maunoury",
    "Ferhat",
    "Marchal",
    "Benali",
    "Roussel",
    "Tessier",
    "Vidal",
    "Lacombe",
    "Perrin",
)
TOWNS = (
    "Lauzac",
    "Vireloup",
    "Cordanne",
    "Saint-Méran",
    "Mirabel",
    "Estagnol",
    "Port-Lauzac",
    "Brévannes",
)
ROLES = (
    "le maire",
    "la préfète",
    "le député",
    "la ministre de la Santé",
    "le président du conseil départemental",
)
OUTLETS = (
    "Le Courrier de Lauzac",
    "Radio Vireloup",
    "La Gazette des Coteaux",
    "Hexa Infos",
    "L'Écho du Bocage",
)
TOPICS = (
    ("la fermeture de la maternité", "les élus", "une manifestation"),
    ("la construction d'une digue", "les riverains", "une réunion publique"),
    ("le budget de la piscine", "l'opposition", "un recours"),
    ("l'arrivée de gendarmes", "les commerçants", "une pétition"),
    ("la grève des transports", "les syndicats", "un préavis"),
)
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "septembre",
    "octobre",
    "novembre",
)


def article(number: int, rng: random.Random, paragraphs: int = 4) -> Article:
    """One invented article; ``number`` makes its text unique."""
    person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    other = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    town = rng.choice(TOWNS)
    role = rng.choice(ROLES)
    topic, group, action = rng.choice(TOPICS)
    day, month, year = rng.randint(1, 28), rng.choice(MONTHS), rng.choice((2023, 2024, 2025))
    title = f"{town} : {group} contre {topic} (n° {number})"
    body = [
        f"À {town}, {group} ont organisé {action} le {day} {month} {year} contre {topic}. "
        f"Selon {role}, {person}, « la décision sera prise avant la fin du mois ».",
        f"« Nous ne laisserons pas faire », a déclaré {other}, porte-parole du collectif, "
        f"devant {rng.randint(40, 900)} personnes réunies place de la Mairie.",
        f"{person} a indiqué mardi que {rng.randint(2, 60)} millions d'euros seraient débloqués, "
        f"un chiffre contesté par {group}, qui évoquent plutôt {rng.randint(1, 30)} millions.",
        f"Le conseil municipal de {town} se réunira le {rng.randint(1, 28)} {rng.choice(MONTHS)} "
        f"pour examiner le dossier. {other} a affirmé qu'il resterait « mobilisé jusqu'au bout ».",
    ]
    text = title + "\n\n" + "\n\n".join(body[: max(1, paragraphs)])
    return Article(
        id=f"bench-{number}",
        text=text,
        title=title,
        published=f"{year}-{MONTHS.index(month) + 1:02d}-{day:02d}",
        source=rng.choice(OUTLETS),
        path=f"bench/{number}.txt",
    )


def articles(count: int, seed: int = 7, paragraphs: int = 4) -> Iterator[Article]:
    """A stream of invented articles (generated lazily: memory does not grow with ``count``)."""
    rng = random.Random(seed)
    for number in range(count):
        yield article(number, rng, paragraphs)
