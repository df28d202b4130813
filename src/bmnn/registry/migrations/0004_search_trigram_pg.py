"""PostgreSQL only: trigram indexes for the folded search columns (LIKE '%…%' without a full scan).

Skipped on SQLite, and on PostgreSQL when the role may not create the pg_trgm extension (the search then
stays a sequential LIKE; an administrator can run ``CREATE EXTENSION pg_trgm`` and migrate again).
"""

from django.db import DatabaseError, migrations, transaction

INDEXES = (
    ("registry_item_search_trgm", "registry_item"),
    ("registry_entry_search_trgm", "registry_registerentry"),
)


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cursor.fetchone() is None:
            try:
                with transaction.atomic(using=connection.alias):
                    cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            except DatabaseError:
                return
        for name, table in INDEXES:
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (search_text gin_trgm_ops)"
            )


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name, _table in INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("registry", "0003_item_files")]

    operations = [migrations.RunPython(forwards, backwards, elidable=True)]
