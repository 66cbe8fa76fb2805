"""Admin for the structure of reviews only: cycles' settings and templates.

People's results, ratings and evidence are not here on purpose: administrators run the
system and have no automatic right to read reviews (PRODUCT.md).
"""

from django.contrib import admin

from perfloop.reviews.models import Indicator, ReviewCycle, Template


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0


@admin.register(Template)
class TemplateAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]
    filter_horizontal = ["positions", "departments"]
    inlines = [IndicatorInline]


@admin.register(ReviewCycle)
class ReviewCycleAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "start_date", "end_date", "status"]
    list_filter = ["status", "kind"]
    readonly_fields = ["status", "created_at", "created_by"]
