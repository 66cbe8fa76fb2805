# One date style in English everywhere — tables, headings, messages, generated sentences — and
# one that reads the same to everyone (Django's default mixes "Oct. 16, 2023" with "10/16/2023").
DATE_FORMAT = SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = SHORT_DATETIME_FORMAT = "j M Y H:i"
MONTH_DAY_FORMAT = "j M"
YEAR_MONTH_FORMAT = "M Y"
