from django import template
from django.utils.safestring import SafeString

from rexvet.lib.markdown import markdown_to_html

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    """Markdown to sanitised HTML (rexvet.lib.markdown)."""
    return markdown_to_html(text)
