"""HTML to text: trafilatura's main-content extraction with the page's metadata, and a stdlib fallback.

`extract` keeps the article's paragraphs and drops navigation, footers and comments (trafilatura, with
`lxml_html_clean` installed), and reads the title, publication date, canonical URL and outlet name from
the page's metadata. When trafilatura finds no main content, `html_to_text` (the standard library's
parser: paragraphs kept, scripts, styles and navigation dropped) is tried before the page is called empty.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from html.parser import HTMLParser

# trafilatura logs warnings and errors for pages it finds no content in; we report such a page as a Skip.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)

_BLOCK = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "article", "section", "header",
          "footer", "blockquote", "figcaption", "title"}
_SKIP = {"head", "script", "style", "noscript", "nav", "template", "svg", "iframe", "form", "button"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.skip = 0  # an unclosed <head> ends where the body starts
        elif tag in _SKIP:
            self.skip += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIP and self.skip:
            self.skip -= 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    parser = _Text()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # noqa: BLE001 - malformed markup yields what was read so far
        pass
    lines = [" ".join(line.split()) for line in "".join(parser.parts).split("\n")]
    return "\n\n".join(line for line in lines if line)


@dataclass(frozen=True)
class Extracted:
    text: str
    title: str | None = None
    date: str | None = None  # ISO date of publication, from the page's metadata
    url: str | None = None
    source: str | None = None  # the outlet: og:site_name, else the host name


def extract(html: str, url: str | None = None) -> Extracted:
    """The main text and metadata of an HTML page (text "" when the page has none)."""
    import trafilatura

    found = None
    try:
        found = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # noqa: BLE001 - a page trafilatura cannot parse falls back to the stdlib parser
        found = None
    text = (getattr(found, "text", None) or "").strip() if found is not None else ""
    title = (getattr(found, "title", None) or None) if found is not None else None
    if text:
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if title and lines and lines[0] == title.strip():
            lines = lines[1:]  # the headline repeated as the first line: it is the title, not body text
        text = "\n\n".join(lines)
    if not text:
        text = html_to_text(html)
    if found is None:
        return Extracted(text=text, url=url)
    return Extracted(
        text=text, title=title, date=getattr(found, "date", None) or None,
        url=getattr(found, "url", None) or url,
        source=getattr(found, "sitename", None) or getattr(found, "hostname", None) or None,
    )
