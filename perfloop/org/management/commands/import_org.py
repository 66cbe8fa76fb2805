from perfloop.imports.command import ImportCommand


class Command(ImportCommand):
    help = "Import the organisation from an XLSX or CSV file: all rows or none."
    kind = "org"
