"""Problems found in intake files, each pointing at the file, sheet, row and column."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    sheet: str
    row: int  # as Excel shows it: the header is row 1; 0 when the problem is the whole file
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.sheet}:{self.row}:{self.column}: {self.message}"


class LoadRefusedError(Exception):
    """The input was refused; nothing was written. Carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(f"{len(problems)} problem(s) in the input")
