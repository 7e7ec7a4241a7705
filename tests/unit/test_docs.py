"""The docs stay true: generated docs are current; the README names every setting and command."""

from __future__ import annotations

import argparse
from pathlib import Path

from atlas.cli import parser
from etl import docs

ROOT = Path(__file__).resolve().parents[2]


def test_data_contract_doc_is_generated_from_the_contract() -> None:
    assert (ROOT / "docs" / "data-contract.md").read_text(encoding="utf-8") == docs.render(), (
        "run `make docs`"
    )


def test_readme_documents_every_setting_and_subcommand() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for setting in ("PORT", "ATLAS_DB", "ATLAS_STATE"):
        assert f"`{setting}`" in readme, setting
    [subcommands] = [
        action for action in parser()._actions if isinstance(action, argparse._SubParsersAction)
    ]
    for name in subcommands.choices:
        assert f"atlas {name}" in readme, name


def test_readme_gives_the_two_commands_first() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```")[1]
    assert "make run" in first_block and "make test" in first_block
