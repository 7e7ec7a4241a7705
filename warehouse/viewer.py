"""Who is reading: every query takes a Viewer, so permissions are enforced where data is read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Role = Literal["admin", "staff", "partner", "public"]
Visibility = Literal["internal", "network", "public"]

VISIBILITY_LEVELS: tuple[Visibility, ...] = ("internal", "network", "public")


@dataclass(frozen=True)
class Viewer:
    role: Role
    organisation: str | None = None  # the partner's own organisation code

    def visible_levels(self) -> list[str]:
        """Visibility levels this viewer may read in every organisation's records."""
        if self.role in ("admin", "staff"):
            return list(VISIBILITY_LEVELS)
        if self.role == "partner":
            return ["network", "public"]
        return ["public"]


STAFF = Viewer(role="staff")
PUBLIC = Viewer(role="public")
