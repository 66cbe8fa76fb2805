from perfloop.imports.command import ImportCommand


class Command(ImportCommand):
    help = "Import KPI actual values of a cycle from an XLSX or CSV file: all rows or none."
    kind = "results"
