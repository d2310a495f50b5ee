"""The limited formatting editors may use: paragraphs, headings, lists, emphasis and links.

Raw HTML is never passed through (it is shown as text), and links may only point to the web, to
e-mail or to a telephone number, so an edited page cannot carry a script.
"""

from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

ALLOWED_SCHEMES = ("http://", "https://", "mailto:", "tel:", "/")


def _safe_link(url: str) -> bool:
    return url.strip().lower().startswith(ALLOWED_SCHEMES)


def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser.disable(["image", "html_block", "html_inline"])
    parser.validateLink = _safe_link  # type: ignore[method-assign]
    return parser


def render_text(text: str) -> SafeString:
    """The editor's text as HTML that is safe to show on a public page."""
    return mark_safe(str(_parser().render(text)))  # noqa: S308  (html is off; links are checked)
