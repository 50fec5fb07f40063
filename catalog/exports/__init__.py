"""Export figures: history import, combining history with product shipments, charts, report.

Nothing in this package imports Flask or writes SQL except `report` (templates and PDF).
"""
