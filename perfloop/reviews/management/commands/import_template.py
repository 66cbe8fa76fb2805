from perfloop.reviews.management.commands._importing import ImportCommand


class Command(ImportCommand):
    help = (
        "Import review templates (indicators, weights, positions) from an XLSX or CSV file: all rows or none."
    )
    kind = "template"
    needs_cycle = False
