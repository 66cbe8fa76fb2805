"""Lessons belong to the insights app now: the table, its indexes and its search triggers stay
where they are (insights' Lesson names the same table); only Django's record of the model moves."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("followup", "0004_lesson_search"),
        ("insights", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveIndex(model_name="lesson", name="lesson_by_sharing"),
                migrations.DeleteModel(name="Lesson"),
            ],
            database_operations=[],
        ),
    ]
