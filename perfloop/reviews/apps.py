from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "perfloop.reviews"
    label = "reviews"
    url_prefix = "reviews/"
    api_router = "perfloop.reviews.api.router"
    # The demo company's review data, loaded after the organisation (`seed_demo`).
    demo = "perfloop.reviews.demo.seed_reviews"
    verbose_name = _("Review results")

    def ready(self):
        from perfloop.access.personal_data import add_sections
        from perfloop.reviews import erasure, personal_data  # noqa: F401  (erasure: its receivers)

        add_sections(personal_data.SECTIONS)
        # The app's kinds of import, menu entries and home cards (the shared pages' plug-in points).
        from perfloop.reviews import imports, ui

        imports.register_kinds()
        ui.register()
