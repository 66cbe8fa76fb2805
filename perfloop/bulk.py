"""Bulk upsert for large imports and scoring: INSERT … ON CONFLICT DO UPDATE, run with executemany.

Django's bulk_create(update_conflicts=True) says the same, but for 200,000 rows it
spends most of its time building model instances and compiling SQL in Python.
Here each value is still prepared by its own model field, as the ORM would, and
the statement is compiled once. SQLite and PostgreSQL both speak this SQL.
"""

from django.db import DEFAULT_DB_ALIAS, connections

BATCH = 5000
# After this many rows the database's statistics about the table are refreshed at once, so that
# the next pages are planned for the table as it now is rather than before the load.
ANALYZE_AFTER = 10_000


def refresh_statistics(*models) -> None:
    """ANALYZE the models' tables after a large load (SQLite and PostgreSQL alike).

    Without statistics SQLite's planner walks a whole cycle's results to find one department's
    people instead of going from the department's index: ten times slower on a 20,000-person
    organisation.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def upsert(model, rows: list[dict], *, unique: list[str], update: list[str]) -> None:
    """Insert rows (dicts keyed by field name, foreign keys as ids), updating those whose `unique` fields exist."""
    # The connection itself, not the thread-local proxy: it is asked once per value below.
    connection = connections[DEFAULT_DB_ALIAS]
    fields = [model._meta.get_field(name) for name in unique + update]
    quote = connection.ops.quote_name
    columns = [quote(f.column) for f in fields]
    key = ", ".join(columns[: len(unique)])
    changes = ", ".join(f"{c} = EXCLUDED.{c}" for c in columns[len(unique) :])
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))}) ON CONFLICT ({key}) DO UPDATE SET {changes}"
    )
    # Rows repeat values (the cycle, an indicator, the author and time of the write): each
    # distinct value is prepared by its field once.
    prepared: list[dict] = [{} for _ in fields]

    def prepare(i, field, value):
        try:
            return prepared[i][value]
        except KeyError:
            result = prepared[i][value] = field.get_db_prep_save(value, connection)
            return result
        except TypeError:  # an unhashable value (a JSON breakdown): prepared every time
            return field.get_db_prep_save(value, connection)

    columns_of = list(enumerate(fields))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(
                sql,
                [
                    tuple(prepare(i, f, row[f.name]) for i, f in columns_of)
                    for row in rows[start : start + BATCH]
                ],
            )
    if len(rows) >= ANALYZE_AFTER:
        refresh_statistics(model)
