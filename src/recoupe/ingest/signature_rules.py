"""Signature and byline rules: how an article names its outlet in its own text.

Data, not code. Written for recoupe from the conventions of French-language
news sites (staff signatures at the foot of an article, "Par X, pour Y"
bylines, a final "(Outlet)" line, copyright lines); not copied from another
project. Kept as a Python table rather than a .txt file so that it always
ships with the package.

Each rule is (WHERE, EXPRESSION):
  WHERE "end"  : tried on the last non-empty lines of the text, last first;
        "edge" : tried on the first lines after the headline, then the last lines.
  EXPRESSION must match the whole line (re.fullmatch, case-insensitive) and
  capture the outlet in the group "source"; an optional group "author"
  captures the journalist. Rules are tried in the order written.
"""

from __future__ import annotations

SIGNATURE_RULES: tuple[tuple[str, str], ...] = (
    # "Le Staff de All Israel News est une équipe de journalistes en Israël."
    (
        "end",
        r"(?:le |l['’]\s*)?(?:staff|équipe|rédaction) de (?P<source>.+?) est une équipe de journalistes.*",
    ),
    # "Par Jeanne Dupont, pour Le Quotidien du Nord" / "Par X, envoyée spéciale du Y"
    (
        "edge",
        r"par (?P<author>[^,]{2,80}),\s*(?:pour|envoyée? spéciale? (?:de|du|pour)) (?P<source>.+?)\s*[.]?",
    ),
    # "Par Jean Dupont, Le Courrier du Sud": a byline naming the outlet after a comma
    (
        "edge",
        r"par (?P<author>[A-ZÀ-Ý][\w'’.-]*(?: [A-ZÀ-Ý][\w'’.-]*){1,3}),\s*(?P<source>(?:L[ae]s? |L['’])?[A-ZÀ-Ý][^,]{1,50}?)\s*[.]?",
    ),
    # "(Le Courrier Alpin)" as the final line
    ("end", r"\((?P<source>[A-ZÀ-Ý][^()]{1,60})\)\s*[.]?"),
    # "© Le Matin Libre", "© 2024 Le Matin Libre. Tous droits réservés"
    ("end", r"(?:©|\(c\)|copyright)\s*(?:\d{4}\s*[-–—,]?\s*)?(?P<source>.+?)\s*[.]?"),
    # "La rédaction de L'Écho des Vallées"
    ("end", r"(?:la rédaction|l['’]\s*équipe|la rédac) (?:de |d['’]\s*|du )(?P<source>.+?)\s*[.]?"),
)
