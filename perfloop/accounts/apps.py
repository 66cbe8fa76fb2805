from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "perfloop.accounts"
    label = "accounts"
    url_prefix = "accounts/"
    verbose_name = _("Accounts")

    def ready(self):
        from perfloop.accounts import signals  # noqa: F401
