"""Lessons, moved from the follow-up stage: the model on the table it already has (followup_lesson,
its full-text triggers included), so nothing is created in the database."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('followup', '0004_lesson_search'),
        ('org', '0004_retention'),
        ('plans', '0003_first_sent'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.CreateModel(
            name='Lesson',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200, verbose_name='title')),
                ('done', models.TextField(verbose_name='what was done')),
                ('worked', models.TextField(blank=True, verbose_name='what worked')),
                ('root_cause', models.CharField(blank=True, choices=[('resources', 'Insufficient resources'), ('skills', 'Lacking skills'), ('goals', 'Unclear goals'), ('environment', 'Work environment'), ('workload', 'Workload'), ('motivation', 'Motivation'), ('other', 'Other')], db_index=True, max_length=12, verbose_name='root cause')),
                ('indicator', models.CharField(blank=True, db_index=True, max_length=100, verbose_name='indicator')),
                ('tags', models.CharField(blank=True, max_length=200, verbose_name='tags')),
                ('sharing', models.CharField(choices=[('team', 'Team'), ('department', 'Department'), ('company', 'Company')], default='team', max_length=10, verbose_name='shared with')),
                ('scope_path', models.CharField(default='', editable=False, max_length=255)),
                ('search_text', models.TextField(default='', editable=False)),
                ('grams', models.TextField(default='', editable=False)),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='written at')),
                ('author', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='written by')),
                ('department', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='org.department', verbose_name='department')),
                ('plan', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='lessons', to='plans.plan', verbose_name='improvement plan')),
            ],
            options={
                'verbose_name': 'lesson',
                'verbose_name_plural': 'lessons',
                'db_table': 'followup_lesson',
                'ordering': ['-created_at', '-pk'],
                'indexes': [models.Index(fields=['sharing', 'scope_path'], name='lesson_by_sharing')],
            },
        ),
        ], database_operations=[]),
    ]
