"""The limited formatting editors may use: paragraphs, headings, lists, emphasis and links.

Raw HTML is never passed through (it is shown as text), and links may only point to the web, to
e-mail or to a telephone number, so an edited page cannot carry a script. A phone number is written
once: `[69 00 00 00](tel:)` links to the number its text shows.
"""

from itertools import pairwise

from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

from varde.core.phone import tel_href

ALLOWED_SCHEMES = ("http://", "https://", "mailto:", "tel:", "/")


def _safe_link(url: str) -> bool:
    return url.strip().lower().startswith(ALLOWED_SCHEMES)


def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser.disable(["image", "html_block", "html_inline"])
    parser.validateLink = _safe_link  # type: ignore[method-assign]
    parser.core.ruler.push("phone_links", _dial_the_text)
    return parser


def _dial_the_text(state: StateCore) -> None:
    """A link to a bare "tel:" dials the number its text shows."""
    for block in state.tokens:
        children = block.children or []
        for link, text in pairwise(children):
            if link.type == "link_open" and link.attrGet("href") == "tel:" and text.type == "text":
                link.attrSet("href", tel_href(text.content) or "tel:")


def render_text(text: str) -> SafeString:
    """The editor's text as HTML that is safe to show on a public page."""
    return mark_safe(str(_parser().render(text)))  # noqa: S308  (html is off; links are checked)
