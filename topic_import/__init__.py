"""Imports topic pages from Markdown or JSON files through Wagtail's page API (``manage.py import_topics``)."""
