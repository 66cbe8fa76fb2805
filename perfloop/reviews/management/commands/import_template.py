from perfloop.imports.command import ImportCommand


class Command(ImportCommand):
    help = ""
    kind = "template"
