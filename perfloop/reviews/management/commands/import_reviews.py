from perfloop.imports.command import ImportCommand


class Command(ImportCommand):
    help = "Import 360° ratings of a cycle from an XLSX or CSV file: all rows or none."
    kind = "reviews"
