"""The lessons' search indexes: on SQLite two FTS5 tables kept by triggers (trigrams of the text;
its one- and two-character pieces), on PostgreSQL a pg_trgm GIN index on the text."""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE followup_lesson_fts USING fts5("
    "search_text, content='followup_lesson', content_rowid='id', tokenize='trigram')",
    "CREATE VIRTUAL TABLE followup_lesson_grams USING fts5("
    "grams, content='followup_lesson', content_rowid='id')",
    """CREATE TRIGGER followup_lesson_ai AFTER INSERT ON followup_lesson BEGIN
        INSERT INTO followup_lesson_fts(rowid, search_text) VALUES (new.id, new.search_text);
        INSERT INTO followup_lesson_grams(rowid, grams) VALUES (new.id, new.grams);
    END""",
    """CREATE TRIGGER followup_lesson_ad AFTER DELETE ON followup_lesson BEGIN
        INSERT INTO followup_lesson_fts(followup_lesson_fts, rowid, search_text)
            VALUES ('delete', old.id, old.search_text);
        INSERT INTO followup_lesson_grams(followup_lesson_grams, rowid, grams) VALUES ('delete', old.id, old.grams);
    END""",
    """CREATE TRIGGER followup_lesson_au AFTER UPDATE ON followup_lesson BEGIN
        INSERT INTO followup_lesson_fts(followup_lesson_fts, rowid, search_text)
            VALUES ('delete', old.id, old.search_text);
        INSERT INTO followup_lesson_grams(followup_lesson_grams, rowid, grams) VALUES ('delete', old.id, old.grams);
        INSERT INTO followup_lesson_fts(rowid, search_text) VALUES (new.id, new.search_text);
        INSERT INTO followup_lesson_grams(rowid, grams) VALUES (new.id, new.grams);
    END""",
]
SQLITE_UNDO = [
    "DROP TRIGGER followup_lesson_au",
    "DROP TRIGGER followup_lesson_ad",
    "DROP TRIGGER followup_lesson_ai",
    "DROP TABLE followup_lesson_grams",
    "DROP TABLE followup_lesson_fts",
]
POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX followup_lesson_trgm ON followup_lesson USING gin (search_text gin_trgm_ops)",
]
POSTGRES_UNDO = ["DROP INDEX followup_lesson_trgm"]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("followup", "0003_lessons")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_UNDO, "postgresql": POSTGRES_UNDO}),
        )
    ]
