"""Trigram matching of page titles for the search's typo tolerance (PostgreSQL only; SQLite skips it)."""

from django.db import migrations

INDEX = "portal_search_page_title_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = schema_editor.connection.ops.quote_name(apps.get_model("wagtailcore", "Page")._meta.db_table)
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON {table} USING gin (title gin_trgm_ops)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0001_unanswered_queries"), ("wagtailcore", "0098_apitoken")]

    operations = [migrations.RunPython(create, drop)]
