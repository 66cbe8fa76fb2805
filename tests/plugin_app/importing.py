"""A kind of import that only counts rows: enough to show the imports app serves any app's kinds."""

from perfloop.documents.imports import ImportRefused, RowError, summary
from perfloop.documents.tables import Column, TableError, read_table

COLUMNS = [Column("employee_no", ("工号", "employee_no")), Column("note", ("备注", "note"))]


class ImportPlan:
    def __init__(self, rows=0, errors=()):
        self.rows, self.errors = rows, list(errors)

    @property
    def ok(self):
        return not self.errors

    def summary(self):
        return summary(
            kind="plugin_notes",
            rows=self.rows,
            to_create=self.rows,
            to_update=0,
            unchanged=0,
            notes=[],
            errors=self.errors,
        )


def plan(content, filename, *, user, target=None):
    try:
        return ImportPlan(rows=len(read_table(content, filename, COLUMNS)))
    except TableError as error:
        return ImportPlan(errors=[RowError(0, str(error))])


def apply(content, filename, *, user, target=None):
    result = plan(content, filename, user=user)
    if not result.ok:
        raise ImportRefused(result)
    return result
