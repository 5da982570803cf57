"""rexvet/lib/pdf.py: HTML to PDF, and text written into the PDF's CSS."""

import io

from pypdf import PdfReader

from rexvet.lib.pdf import css_string, html_to_pdf


def test_css_string_keeps_letters_of_any_language():
    assert css_string("Ülle Mäe-Õunapuu · Αλέξανδρος Ж") == '"Ülle Mäe-Õunapuu · Αλέξανδρος Ж"'


def test_css_string_escapes_quotes_backslashes_and_markup_as_css_hex():
    # Each escape is a backslash, hex digits and the one space that ends it.
    assert css_string('O\'Brien "Bob" \\ </style> & \n') == (
        '"O\\27 Brien \\22 Bob\\22  \\5c  \\3c /style\\3e  \\26  \\a "'
    )


def test_a_css_string_comes_out_of_a_pdf_as_it_went_in():
    name = "Сергій O'Коннор-Жук \"Ж\" \\ </style> & Ø"
    html = (
        "<html><head><style>@page { @top-left { content: %s; } }</style></head>"
        "<body><p>body</p></body></html>" % css_string(name)
    )
    text = PdfReader(io.BytesIO(html_to_pdf(html))).pages[0].extract_text()
    assert name in text
