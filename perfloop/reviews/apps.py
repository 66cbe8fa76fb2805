from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "perfloop.reviews"
    label = "reviews"
    verbose_name = _("Review results")

    def ready(self):
        from perfloop.reviews.imports import register_kinds

        register_kinds()
