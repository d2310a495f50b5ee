"""Documents as PDF with WeasyPrint, from our own files only: nothing is fetched from outside.

WeasyPrint is imported when the first PDF is written: it takes about two seconds and tens of
megabytes, which every web worker and command would otherwise pay at start-up.
"""

from functools import cache
from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders

FONT_FILES = {
    400: "vendor/inter/inter-latin-400-normal.woff2",
    600: "vendor/inter/inter-latin-600-normal.woff2",
    700: "vendor/inter/inter-latin-700-normal.woff2",
}


def _static_path(name: str) -> Path:
    found = finders.find(name)
    if not found:
        raise FileNotFoundError(name)
    return Path(str(found))


@cache
def _font_uris() -> frozenset[str]:
    return frozenset(_static_path(name).as_uri() for name in FONT_FILES.values())


@cache
def _bundled_fonts_only() -> Any:
    from weasyprint.urls import URLFetcher

    class BundledFontsOnly(URLFetcher):  # type: ignore[misc]
        """Only our own font files may be loaded; any other address in a document is refused."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url not in _font_uris():
                raise ValueError("only the bundled fonts may be loaded")
            return super().fetch(url, headers)

    return BundledFontsOnly()


def _stylesheet(fonts: Any) -> Any:
    from weasyprint import CSS

    faces = "".join(
        f"@font-face {{ font-family: Inter; font-weight: {weight}; "
        f"src: url('{_static_path(name).as_uri()}'); }}"
        for weight, name in FONT_FILES.items()
    )
    return CSS(
        string=faces + _path_css().read_text(encoding="utf-8"),
        url_fetcher=_bundled_fonts_only(),
        font_config=fonts,
    )


def _path_css() -> Path:
    return Path(__file__).parent / "pdf.css"


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    document = HTML(string=html, base_url=None, url_fetcher=_bundled_fonts_only())
    fonts = FontConfiguration()
    # PDF/UA: tagged, with the document's title and language, so a screen reader follows its structure.
    pdf = document.write_pdf(stylesheets=[_stylesheet(fonts)], font_config=fonts, pdf_variant="pdf/ua-1")
    return bytes(pdf)
