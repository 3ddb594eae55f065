"""Named errors of the NLP layer, each saying how to fix the problem."""

from __future__ import annotations


class ModelNotInstalled(RuntimeError):
    def __init__(self, model: str) -> None:
        super().__init__(
            f"spaCy model {model!r} is not installed. Install it with "
            f"`pip install {model.replace('_', '-')}==3.8.0` (it comes from PyPI; "
            "recoupe never downloads models at run time)."
        )
        self.model = model
