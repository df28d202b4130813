"""Database triggers that keep the audit tables append-only, below the ORM.

PostgreSQL: UPDATE, DELETE and TRUNCATE of events and checkpoints are refused; the head row may only
advance by one, to an event that exists. SQLite: the same with RAISE(ABORT) (SQLite has no TRUNCATE).
Other databases get no triggers. The owner of the database can still disable them: the hash chain and
the signed checkpoints are what reveal such tampering.
"""

from django.db import migrations

REFUSED = "Nhật ký kiểm toán chỉ được ghi thêm, không được sửa hay xoá / the audit trail is append-only"
HEAD = "Đầu chuỗi nhật ký chỉ được tiến lên từng sự kiện một / the audit chain head may only advance by one event"

PG_INSTALL = [
    f"""
    CREATE OR REPLACE FUNCTION bmnn_audit_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '{REFUSED}: % % refused', TG_OP, TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
    END $$
    """,
    f"""
    CREATE OR REPLACE FUNCTION bmnn_audit_head_forward() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.id <> OLD.id OR NEW.seq <> OLD.seq + 1 OR NOT EXISTS (
            SELECT 1 FROM core_auditevent WHERE seq = NEW.seq AND hash = NEW.hash
        ) THEN
            RAISE EXCEPTION '{HEAD}' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
    END $$
    """,  # noqa: S608
]
for _table, _short in (("core_auditevent", "event"), ("core_auditcheckpoint", "checkpoint")):
    PG_INSTALL += [
        f"CREATE TRIGGER bmnn_audit_{_short}_no_change BEFORE UPDATE OR DELETE ON {_table} "
        "FOR EACH ROW EXECUTE FUNCTION bmnn_audit_refuse()",
        f"CREATE TRIGGER bmnn_audit_{_short}_no_truncate BEFORE TRUNCATE ON {_table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION bmnn_audit_refuse()",
    ]
PG_INSTALL += [
    "CREATE TRIGGER bmnn_audit_head_no_delete BEFORE DELETE ON core_audithead "
    "FOR EACH ROW EXECUTE FUNCTION bmnn_audit_refuse()",
    "CREATE TRIGGER bmnn_audit_head_no_truncate BEFORE TRUNCATE ON core_audithead "
    "FOR EACH STATEMENT EXECUTE FUNCTION bmnn_audit_refuse()",
    "CREATE TRIGGER bmnn_audit_head_forward BEFORE UPDATE ON core_audithead "
    "FOR EACH ROW EXECUTE FUNCTION bmnn_audit_head_forward()",
]
PG_REMOVE = [
    "DROP TRIGGER IF EXISTS bmnn_audit_event_no_change ON core_auditevent",
    "DROP TRIGGER IF EXISTS bmnn_audit_event_no_truncate ON core_auditevent",
    "DROP TRIGGER IF EXISTS bmnn_audit_checkpoint_no_change ON core_auditcheckpoint",
    "DROP TRIGGER IF EXISTS bmnn_audit_checkpoint_no_truncate ON core_auditcheckpoint",
    "DROP TRIGGER IF EXISTS bmnn_audit_head_no_delete ON core_audithead",
    "DROP TRIGGER IF EXISTS bmnn_audit_head_no_truncate ON core_audithead",
    "DROP TRIGGER IF EXISTS bmnn_audit_head_forward ON core_audithead",
    "DROP FUNCTION IF EXISTS bmnn_audit_refuse()",
    "DROP FUNCTION IF EXISTS bmnn_audit_head_forward()",
]

SQLITE_INSTALL = []
for _table, _short in (("core_auditevent", "event"), ("core_auditcheckpoint", "checkpoint")):
    for _op in ("UPDATE", "DELETE"):
        SQLITE_INSTALL.append(
            f"CREATE TRIGGER bmnn_audit_{_short}_no_{_op.lower()} BEFORE {_op} ON {_table} "
            f"BEGIN SELECT RAISE(ABORT, '{REFUSED}: {_op} {_table} refused'); END"
        )
SQLITE_INSTALL += [
    "CREATE TRIGGER bmnn_audit_head_no_delete BEFORE DELETE ON core_audithead "
    f"BEGIN SELECT RAISE(ABORT, '{REFUSED}: DELETE core_audithead refused'); END",
    "CREATE TRIGGER bmnn_audit_head_forward BEFORE UPDATE ON core_audithead "  # noqa: S608
    "WHEN NEW.id <> OLD.id OR NEW.seq <> OLD.seq + 1 OR NOT EXISTS "
    "(SELECT 1 FROM core_auditevent WHERE seq = NEW.seq AND hash = NEW.hash) "
    f"BEGIN SELECT RAISE(ABORT, '{HEAD}'); END",
]
SQLITE_REMOVE = [
    f"DROP TRIGGER IF EXISTS {name}"
    for name in (
        "bmnn_audit_event_no_update",
        "bmnn_audit_event_no_delete",
        "bmnn_audit_checkpoint_no_update",
        "bmnn_audit_checkpoint_no_delete",
        "bmnn_audit_head_no_delete",
        "bmnn_audit_head_forward",
    )
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("core", "0002_audit_head_row")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": PG_INSTALL, "sqlite": SQLITE_INSTALL}),
            _run({"postgresql": PG_REMOVE, "sqlite": SQLITE_REMOVE}),
        )
    ]
