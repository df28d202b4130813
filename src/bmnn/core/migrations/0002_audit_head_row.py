"""Create the single chain-head row (seq 0, genesis hash) so that the first append only has to lock it."""

from django.db import migrations

GENESIS_HASH = "0" * 64


def create_head(apps, schema_editor):
    AuditHead = apps.get_model("core", "AuditHead")
    if not AuditHead.objects.using(schema_editor.connection.alias).filter(pk=1).exists():
        AuditHead.objects.using(schema_editor.connection.alias).create(pk=1, seq=0, hash=GENESIS_HASH)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(create_head, migrations.RunPython.noop)]
