"""Roles normalised into comparable parts: one key for one office however it is worded."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from recoupe.fr.text import fold
from recoupe.model import Role, RoleParts

# Cabinet officers: a US "secrétaire à la Défense" holds the office a "ministre de la Défense" holds.
CABINET_FUNCTIONS = frozenset({"ministre", "secrétaire"})


def role_key(parts: RoleParts) -> str:
    """A comparable key: equal for the same office worded differently."""
    function = parts.function
    if function in CABINET_FUNCTIONS and parts.portfolio:
        function = "ministre"
    items = [
        ("function", function),
        ("portfolio", parts.portfolio),
        ("organization", parts.organization),
        ("country", fold(parts.country) if parts.country else None),
        ("rank", parts.rank),
    ]
    return ";".join(f"{name}={value}" for name, value in items if value)


# "le chef de l'État" is whoever heads the state: a president or a monarch.
HEAD_OF_STATE = "chef de l'état"
HEADS_OF_STATE = frozenset({"président", "roi", "reine", "émir", "monarque"})


def _same_office(description: RoleParts, role: RoleParts) -> bool:
    if description.function == role.function:
        return True
    if description.function == HEAD_OF_STATE:
        return role.function in HEADS_OF_STATE and not role.portfolio and not role.organization
    return bool(
        description.function in CABINET_FUNCTIONS
        and role.function in CABINET_FUNCTIONS
        and description.portfolio
        and description.portfolio == role.portfolio
    )


def compatible(description: RoleParts, role: RoleParts) -> bool:
    """A description can refer to someone holding ``role`` (no stated part conflicts)."""
    if not _same_office(description, role):
        return False
    for name in ("portfolio", "organization", "country"):
        a, b = getattr(description, name), getattr(role, name)
        if a and b and a != b:
            return False
    return True


def inherit_country(roles: Sequence[Role], country: str | None) -> tuple[Role, ...]:
    """Roles without a country take the person's country when the person states one."""
    if not country:
        return tuple(roles)
    out = []
    for role in roles:
        if role.parts.country is None and role.parts.function is not None:
            parts = replace(role.parts, country=country)
            role = replace(role, parts=parts, key=role_key(parts))
        out.append(role)
    return tuple(out)


def counterpart_parts(parts: RoleParts, counterpart: RoleParts) -> RoleParts:
    """'son homologue israélien' holds the counterpart's office in its own country."""
    return RoleParts(
        function=counterpart.function,
        portfolio=counterpart.portfolio,
        organization=parts.organization,
        country=parts.country,
        rank=parts.rank,
    )
