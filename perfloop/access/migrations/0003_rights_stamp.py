"""The rights stamp: one row, changed by triggers in the same transaction as any write to the tables
that decide someone's rights (a new random value, so that a rolled-back change never repeats one)."""

from django.db import migrations, models

# table → the events that change rights (on auth_user, only the columns that do)
TABLES = {
    "org_employee": "INSERT OR UPDATE OR DELETE",
    "org_department": "INSERT OR UPDATE OR DELETE",
    "access_hrassignment": "INSERT OR UPDATE OR DELETE",
    "auth_user": "INSERT OR DELETE OR UPDATE OF is_active, is_superuser",
}
SQLITE_SET = "UPDATE access_rightsstamp SET value = random() WHERE id = 1;"
PG_FUNCTION = """
CREATE OR REPLACE FUNCTION access_bump_rights_stamp() RETURNS trigger AS $$
BEGIN
    UPDATE access_rightsstamp SET value = floor(random() * 9e18)::bigint WHERE id = 1;
    RETURN NULL;
END $$ LANGUAGE plpgsql;
"""


def triggers(apps, schema_editor):
    apps.get_model("access", "RightsStamp").objects.create(pk=1, value=1)
    run = schema_editor.execute
    if schema_editor.connection.vendor == "postgresql":
        run(PG_FUNCTION)
        for table, events in TABLES.items():
            run(f"CREATE TRIGGER rights_stamp AFTER {events} ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION access_bump_rights_stamp()")  # fmt: skip
    elif schema_editor.connection.vendor == "sqlite":
        for table, events in TABLES.items():
            for event in events.split(" OR "):  # SQLite names one event a trigger
                name = f"rights_stamp_{table}_{event.split()[0].lower()}"
                run(f"CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN {SQLITE_SET} END")


def drop(apps, schema_editor):
    run = schema_editor.execute
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            run(f"DROP TRIGGER IF EXISTS rights_stamp ON {table}")
        run("DROP FUNCTION IF EXISTS access_bump_rights_stamp()")
    elif schema_editor.connection.vendor == "sqlite":
        for table, events in TABLES.items():
            for event in events.split(" OR "):
                run(f"DROP TRIGGER IF EXISTS rights_stamp_{table}_{event.split()[0].lower()}")


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0002_history_and_private_reads"),
        ("org", "0004_retention"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.CreateModel(
            name="RightsStamp",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("value", models.BigIntegerField(default=0)),
            ],
            options={"verbose_name": "rights stamp", "verbose_name_plural": "rights stamps"},
        ),
        migrations.RunPython(triggers, drop),
    ]
