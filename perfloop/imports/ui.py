"""What the imports app adds to the shared pages."""

from django.utils.translation import gettext_lazy as _

from perfloop.home.registry import HomeSection, MenuItem, add_home_section, add_menu_item
from perfloop.imports import rules


def register():
    add_menu_item(MenuItem("imports", _("Imports"), "imports:index", rules.can_use_imports, order=40))
    add_home_section(
        HomeSection(
            "imports",
            "home/sections/recent_imports.html",
            rules.can_use_imports,
            lambda user: {
                "imports": rules.visible_imports(user).select_related("uploaded_by").defer("content")[:5]
            },
            order=50,
        )
    )
