from django.apps import AppConfig


class PluginAppConfig(AppConfig):
    name = "tests.plugin_app"
    label = "plugin_app"
    url_prefix = "plugin/"

    def ready(self):
        from perfloop.home.registry import HomeSection, MenuItem, add_home_section, add_menu_item
        from perfloop.imports.registry import ImportKind, register
        from perfloop.notify.registry import EMPLOYEE, EventType, Rule, declare
        from tests.plugin_app.importing import apply, plan
        from tests.plugin_app.rules import is_hr

        add_menu_item(MenuItem("plugin", "Plugin stage", "plugin_app:index", is_hr, order=45))
        add_home_section(
            HomeSection(
                "plugin", "plugin_app/section.html", is_hr, lambda user: {"greeting": "plugin card"}, order=45
            )
        )
        register(
            ImportKind(
                "plugin_notes",
                "Plugin notes",
                plan=plan,
                apply=apply,
                permission=is_hr,
                example_header=["工号", "备注"],
                example_rows=[["E0001", "示例"]],
            )
        )
        # Its own event: the notifications app delivers it without naming this app anywhere.
        declare(
            EventType(
                "plugin_app.noted",
                "Plugin note added",
                lambda p: f"A note about {p['name']}",
                Rule((EMPLOYEE,)),
            )
        )
