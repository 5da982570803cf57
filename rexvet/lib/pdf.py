"""HTML to PDF with WeasyPrint, reading static files (fonts, CSS) from disk.

A worker has no web server to fetch {% static %} URLs from, so static URLs are
resolved through Django's static-file finders, and nothing is fetched over the network.
"""

from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils.safestring import SafeString, mark_safe
from weasyprint import HTML
from weasyprint.urls import URLFetcher


class StaticFileFetcher(URLFetcher):
    """Serves /static/... from the project's static folders; refuses everything else."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"file", "data"}, fail_on_errors=True)

    def fetch(self, url: str, headers=None):
        parsed = urlparse(url)
        if parsed.scheme == "file":
            path = unquote(parsed.path)
            prefix = "/" + settings.STATIC_URL.strip("/") + "/"
            found = finders.find(path[len(prefix):]) if path.startswith(prefix) else None
            if not found:
                raise ValueError(f"Not a static file of this project: {url}")
            url = Path(found).as_uri()
        return super().fetch(url, headers)


def css_string(value: str) -> SafeString:
    """`value` as a quoted CSS string, safe to write inside a <style> element.

    Django's escapejs is no use here: CSS reads its \\u002D as the letter u and digits.
    A CSS escape is a backslash, hex digits and one space that ends it.
    """
    escaped = "".join(
        f"\\{ord(ch):x} " if ch in "\"'\\<>&" or ord(ch) < 0x20 or ord(ch) == 0x7F else ch for ch in value
    )
    return mark_safe(f'"{escaped}"')


def html_to_pdf(html: str) -> bytes:
    return HTML(string=html, base_url="file:///", url_fetcher=StaticFileFetcher()).write_pdf()
