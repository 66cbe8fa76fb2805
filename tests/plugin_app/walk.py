from tests.access.walk_roles import HR

DECLARED = {"plugin_app:index": ("get", HR)}
