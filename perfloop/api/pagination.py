from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

# Larger numbers cannot be a real page and would overflow the database's integers.
MAX_PAGE = 1_000_000


class Pages(PageNumberPagination):
    """Page-number pagination whose inputs are bounded, so that nonsense is a 422, not a 500."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=1000)

    def paginate_queryset(self, queryset, pagination, request, **params):
        """The page; an operation that shows people's private records sets `request.log_page`,
        called with the page's items, so that what was read is logged (and only that)."""
        page = super().paginate_queryset(queryset, pagination, request, **params)
        hook = getattr(request, "log_page", None)
        if hook is not None:
            page[self.items_attribute] = list(page[self.items_attribute])
            hook(page[self.items_attribute])
        return page
