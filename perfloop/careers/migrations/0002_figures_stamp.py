"""A dossier's basis is kept per process under the figures stamp (basis.kept): what it reads
besides the tables a team report counts — calibrations, evidence records, lessons and the
development path — moves the stamp too."""

from importlib import import_module

from django.db import migrations

TABLES = ["reviews_calibration", "reviews_evidencerecord", "followup_lesson", "careers_step", "careers_requirement"]


def stamped(apps, schema_editor):
    import_module("perfloop.insights.migrations.0003_figures_stamp").create(schema_editor, TABLES)


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0001_careers"),
        ("insights", "0005_stamp_after_development_plans"),
        ("reviews", "__latest__"),
    ]

    operations = [migrations.RunPython(stamped, migrations.RunPython.noop)]
