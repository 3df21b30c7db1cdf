"""Funding programs and their finder; the page models arrive with the funding-programs issue."""
