"""A dossier's evidence records name their indicator as it is called now: renaming one moves the
figures stamp too, so a kept basis (basis.kept) is read again."""

from importlib import import_module

from django.db import migrations

TABLES = ["reviews_indicator"]


def stamped(apps, schema_editor):
    import_module("perfloop.insights.migrations.0003_figures_stamp").create(schema_editor, TABLES)


class Migration(migrations.Migration):
    dependencies = [("careers", "0003_approvals_take_effect"), ("reviews", "__latest__")]

    operations = [migrations.RunPython(stamped, migrations.RunPython.noop)]
