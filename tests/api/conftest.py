from tests.reviews.conftest import cycle, scored  # noqa: F401  (shared review fixtures)
