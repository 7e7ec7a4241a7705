"""Intake: read sources, validate them against the data contract, publish the warehouse.

Public functions:
- `load(paths, db_path)`: validate and publish, all or nothing; raises `LoadRefusedError`.
- `write_sample(out_dir)`: write the sample programme history as an Excel workbook.
"""

from etl.errors import LoadRefusedError, Problem
from etl.load import LoadReport, load
from etl.sample import write_sample

__all__ = ["LoadRefusedError", "LoadReport", "Problem", "load", "write_sample"]
