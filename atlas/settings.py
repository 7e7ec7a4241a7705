"""Settings in one typed place, read from environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DB = Path("data/atlas.duckdb")
DEFAULT_PORT = 8050


@dataclass(frozen=True)
class Settings:
    db_path: Path
    state_path: Path
    port: int
    # Session cookies only over HTTPS: on for a deployment behind TLS, off for a laptop on
    # 127.0.0.1 (ATLAS_SECURE_COOKIES=1).
    secure_cookies: bool = False


def state_path_beside(db_path: Path) -> Path:
    """The app-state store lives beside the published warehouse unless told otherwise."""
    return db_path.with_name(db_path.stem + "-state.sqlite")


def load_settings(db: str | os.PathLike[str] | None = None, state: str | None = None) -> Settings:
    """Explicit arguments win over ATLAS_DB / ATLAS_STATE / PORT, which win over defaults."""
    db_path = Path(db or os.environ.get("ATLAS_DB") or DEFAULT_DB)
    state_env = state or os.environ.get("ATLAS_STATE")
    state_path = Path(state_env) if state_env else state_path_beside(db_path)
    port = int(os.environ.get("PORT") or DEFAULT_PORT)
    secure = os.environ.get("ATLAS_SECURE_COOKIES", "") in ("1", "true", "yes")
    return Settings(db_path=db_path, state_path=state_path, port=port, secure_cookies=secure)
