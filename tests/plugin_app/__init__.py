"""A stand-in for a new stage: it plugs into navigation, home, imports and the URL walk from its
own files only (it is installed by tests/settings.py)."""
