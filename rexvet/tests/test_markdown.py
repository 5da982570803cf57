"""rexvet.lib.markdown: Markdown to HTML that is safe to show."""

from django.utils.safestring import SafeString

from rexvet.lib.markdown import markdown_to_html


def test_it_renders_ordinary_markdown():
    html = markdown_to_html("Some **bold** and *italic* text.\n\n- one\n- two\n")

    assert html == "<p>Some <strong>bold</strong> and <em>italic</em> text.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>"
    assert isinstance(html, SafeString)


def test_a_script_is_removed_with_its_content():
    html = markdown_to_html("Hello <script>alert('x')</script> world\n\n<script>\ndocument.cookie\n</script>\n")

    assert "<script" not in html
    assert "alert" not in html and "document.cookie" not in html
    assert html == "<p>Hello  world</p>"


def test_event_handlers_styles_and_javascript_links_are_dropped():
    html = markdown_to_html(
        '<a href="https://example.org/" onclick="steal()">ok</a> '
        '<img src="x" onerror="steal()"> <span style="color:red" onmouseover="x()">s</span> '
        "[bad](javascript:steal()) <style>body{display:none}</style><iframe src=\"https://evil.example\"></iframe>"
    )

    assert "onclick" not in html and "onerror" not in html and "onmouseover" not in html
    assert "javascript:" not in html and "<img" not in html and "<iframe" not in html
    assert "style" not in html and "display:none" not in html
    assert '<a href="https://example.org/" rel="noopener noreferrer">ok</a>' in html


def test_every_link_gets_rel_noopener_noreferrer():
    html = markdown_to_html("[Erasmus+](https://erasmus-plus.ec.europa.eu/) and <https://europass.europa.eu/>")

    assert html == (
        '<p><a href="https://erasmus-plus.ec.europa.eu/" rel="noopener noreferrer">Erasmus+</a> and '
        '<a href="https://europass.europa.eu/" rel="noopener noreferrer">https://europass.europa.eu/</a></p>'
    )


def test_headings_start_below_the_pages_own_h1():
    assert markdown_to_html("# Title\n\n## Part\n\n###### Deep") == "<h2>Title</h2>\n<h3>Part</h3>\n<h6>Deep</h6>"


def test_tables_survive():
    html = markdown_to_html("| a | b |\n|---|---|\n| 1 | 2 |\n")

    assert "<table>" in html and "<th>a</th>" in html and "<td>2</td>" in html


def test_empty_text_renders_nothing():
    assert markdown_to_html("") == ""
    assert markdown_to_html(None) == ""
