"""Markdown written by project admins, rendered to HTML that is safe to show.

Markdown passes raw HTML through, so the result is always sanitised with nh3: only the
tags of ordinary text survive, <script> and <style> go with their content, event handlers
and javascript: links are dropped, and every link gets rel="noopener noreferrer".
"""

import re

import markdown as _markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "h2", "h3", "h4", "h5", "h6",
    "hr", "i", "li", "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
URL_SCHEMES = {"http", "https", "mailto"}
# The page has its own h1: a "# heading" in the text becomes an h2 and so on down.
_HEADING = re.compile(r"<(/?)h([1-6])\b")


def markdown_to_html(text: str) -> SafeString:
    """Sanitised HTML of Markdown `text` (tables, lists, headings, links)."""
    html = _markdown.markdown(text or "", extensions=["extra", "sane_lists"], output_format="html")
    html = _HEADING.sub(lambda m: f"<{m[1]}h{min(int(m[2]) + 1, 6)}", html)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return mark_safe(clean.strip())  # noqa: S308 - sanitised by nh3 just above
