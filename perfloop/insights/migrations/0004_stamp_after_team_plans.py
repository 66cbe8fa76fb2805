"""The plan table was rebuilt on SQLite to give plans a department (team plans): its figures-stamp
triggers are made again."""

from importlib import import_module

from django.db import migrations


def again(apps, schema_editor):
    import_module("perfloop.insights.migrations.0003_figures_stamp").create(schema_editor, ["plans_plan"])


class Migration(migrations.Migration):
    dependencies = [("insights", "0003_figures_stamp"), ("plans", "0005_team_plans")]

    operations = [migrations.RunPython(again, migrations.RunPython.noop)]
