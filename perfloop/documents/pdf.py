"""PDF from a print-ready HTML page (WeasyPrint), with CJK fonts and no network access."""

from django.contrib.staticfiles import finders


def _no_fetching(url: str, *args, **kwargs):
    # The page's text comes from people; nothing in it may make the server fetch a URL or a file.
    raise ValueError(f"not fetched: {url[:80]}")


def html_to_pdf(html: str, *stylesheets: str) -> bytes:
    """`stylesheets` are static file paths (e.g. "documents/print.css"), read from disk."""
    from weasyprint import CSS, HTML  # loads Pango: only when a PDF is asked for

    css = [CSS(filename=finders.find(name)) for name in stylesheets]
    return HTML(string=html, url_fetcher=_no_fetching, base_url="/").write_pdf(stylesheets=css)
