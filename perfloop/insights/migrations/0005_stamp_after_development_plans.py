"""The plan and support tables were rebuilt on SQLite to give plans a kind and a target position
and support its start date (development plans): their figures-stamp triggers are made again."""

from importlib import import_module

from django.db import migrations


def again(apps, schema_editor):
    import_module("perfloop.insights.migrations.0003_figures_stamp").create(
        schema_editor, ["plans_plan", "plans_support", "feedback_feedbackrequest"]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0004_stamp_after_team_plans"),
        ("plans", "0006_development_plans"),
        ("feedback", "0003_development_plans"),
    ]

    operations = [migrations.RunPython(again, migrations.RunPython.noop)]
