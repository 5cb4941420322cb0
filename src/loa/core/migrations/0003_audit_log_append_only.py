"""The audit log is append-only in the database itself (ADR 0022).

Rows may be added; no column may be changed except ``actor_id``, which Django empties when a user
is deleted (the name stays in ``actor_name``). On PostgreSQL deleting a row is refused too; on
SQLite it is not, because test and restore tools empty tables with ``DELETE`` (see the ADR).
"""

from django.db import migrations

KEPT = "at, actor_name, verb, target_type, target_id, target_repr, unit_id, before, after"
MESSAGE = "Nhật ký thao tác chỉ được ghi thêm, không được sửa hoặc xoá."

SQLITE_UP = f"""
CREATE TRIGGER core_auditevent_append_only BEFORE UPDATE OF id, {KEPT} ON core_auditevent
BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
"""
SQLITE_DOWN = "DROP TRIGGER IF EXISTS core_auditevent_append_only;"

PG_UP = f"""
CREATE OR REPLACE FUNCTION core_auditevent_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (NEW.id, NEW.at, NEW.actor_name, NEW.verb, NEW.target_type, NEW.target_id, NEW.target_repr,
      NEW.unit_id, NEW.before::text, NEW.after::text)
     IS DISTINCT FROM
     (OLD.id, OLD.at, OLD.actor_name, OLD.verb, OLD.target_type, OLD.target_id, OLD.target_repr,
      OLD.unit_id, OLD.before::text, OLD.after::text) THEN
    RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_auditevent_append_only BEFORE UPDATE OR DELETE ON core_auditevent
FOR EACH ROW EXECUTE FUNCTION core_auditevent_append_only();
"""
PG_DOWN = """
DROP TRIGGER IF EXISTS core_auditevent_append_only ON core_auditevent;
DROP FUNCTION IF EXISTS core_auditevent_append_only();
"""


def _run(sql_by_vendor):
    def apply(apps, schema_editor):
        sql = sql_by_vendor.get(schema_editor.connection.vendor)
        if sql:
            with schema_editor.connection.cursor() as cursor:
                cursor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("core", "0002_audit_actor_name")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": PG_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": PG_DOWN}),
        )
    ]
