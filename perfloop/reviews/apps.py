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
        from perfloop.access.personal_data import Section, add_section
        from perfloop.reviews import erasure  # noqa: F401  (its records past retention)
        from perfloop.reviews import personal_data as data

        for key, rows, order in (
            ("results", data.results, 20),
            ("kpi_values", data.kpi_values, 21),
            ("ratings_received", data.ratings_received, 22),
            ("ratings_given", data.ratings_given, 23),
            ("evidence", data.evidence, 24),
        ):
            add_section(Section(key, rows, order))  # what a person's data export holds of this app
        # The app's kinds of import, menu entries and home cards (the shared pages' plug-in points).
        from perfloop.reviews import imports, ui

        imports.register_kinds()
        ui.register()
