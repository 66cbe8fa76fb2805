"""Other ways to sign in, shown under the login form: each app that brings one registers a
function giving its (label, address) pairs for now (perfloop/directory registers the directory's)."""

_PROVIDERS = []


def register(provider) -> None:
    _PROVIDERS.append(provider)


def shown(next_url: str = "") -> list[tuple[str, str]]:
    return [option for provider in _PROVIDERS for option in provider(next_url)]
