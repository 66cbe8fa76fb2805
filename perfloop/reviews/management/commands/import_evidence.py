from perfloop.imports.command import ImportCommand


class Command(ImportCommand):
    help = "Import evidence records (事例) of a cycle from an XLSX or CSV file: all rows or none."
    kind = "evidence"
