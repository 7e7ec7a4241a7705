"""IATI 2.03: publish specific objectives as activities (`export_activities`)."""

from etl.iati.export import ExportRefusedError, ReportingOrg, export_activities

__all__ = ["ExportRefusedError", "ReportingOrg", "export_activities"]
