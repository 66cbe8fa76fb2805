"""The figures stamp: one row, given a new random value by triggers when anything a team report
counts is written, once per transaction and at its commit on PostgreSQL (a deferred trigger, so
that the row is locked for an instant at the end, never while the transaction takes other locks).

Django rebuilds a SQLite table to alter it, which drops its triggers: a migration that alters one
of these tables re-creates them with `create` below (tests/insights/test_figures_stamp.py checks
that every trigger is there)."""

from django.db import migrations, models

TABLES = [
    "reviews_reviewcycle", "reviews_cycletransition", "reviews_result", "reviews_scoredindicator",
    "reviews_rootcause", "feedback_feedbackrecord", "feedback_feedbackrequest", "feedback_appeal",
    "plans_plan", "plans_goal", "plans_support", "plans_milestone", "followup_checkin",
    "followup_reading", "followup_closure", "org_department", "insights_reportsettings",
]  # fmt: skip
EVENTS = ("INSERT", "UPDATE", "DELETE")
SQLITE_SET = "UPDATE insights_figuresstamp SET value = random() WHERE id = 1;"
PG_FUNCTION = """
CREATE OR REPLACE FUNCTION insights_bump_figures_stamp() RETURNS trigger AS $$
BEGIN
    IF current_setting('perfloop.figures_bumped', true) IS DISTINCT FROM txid_current()::text THEN
        UPDATE insights_figuresstamp SET value = floor(random() * 9e18)::bigint WHERE id = 1;
        PERFORM set_config('perfloop.figures_bumped', txid_current()::text, true);
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;
"""


def create(schema_editor, tables=TABLES) -> None:
    run = schema_editor.execute
    if schema_editor.connection.vendor == "postgresql":
        run(PG_FUNCTION)
        for table in tables:
            run(f"DROP TRIGGER IF EXISTS figures_stamp ON {table}")
            run(f"CREATE CONSTRAINT TRIGGER figures_stamp AFTER INSERT OR UPDATE OR DELETE ON {table} "
                "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION insights_bump_figures_stamp()")  # fmt: skip
    elif schema_editor.connection.vendor == "sqlite":
        for table in tables:
            for event in EVENTS:
                name = f"figures_stamp_{table}_{event.lower()}"
                run(f"DROP TRIGGER IF EXISTS {name}")
                run(f"CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN {SQLITE_SET} END")


def triggers(apps, schema_editor):
    apps.get_model("insights", "FiguresStamp").objects.create(pk=1, value=1)
    create(schema_editor)


def drop(apps, schema_editor):
    run = schema_editor.execute
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            run(f"DROP TRIGGER IF EXISTS figures_stamp ON {table}")
        run("DROP FUNCTION IF EXISTS insights_bump_figures_stamp()")
    elif schema_editor.connection.vendor == "sqlite":
        for table in TABLES:
            for event in EVENTS:
                run(f"DROP TRIGGER IF EXISTS figures_stamp_{table}_{event.lower()}")


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0002_report_settings"),
        ("reviews", "0009_team_figures"),
        ("feedback", "0002_held_by_index"),
        ("plans", "0004_plan_cancelled_ended_and_bulk_runs"),
        ("followup", "0007_stored_track"),
        ("org", "0006_employee_spelling"),
    ]

    operations = [
        migrations.CreateModel(
            name="FiguresStamp",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("value", models.BigIntegerField(default=0)),
            ],
            options={"verbose_name": "figures stamp", "verbose_name_plural": "figures stamps"},
        ),
        migrations.RunPython(triggers, drop),
    ]
