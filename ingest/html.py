"""HTML review pages: decode deterministically, keep the main text, read dates from markup."""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag

from .errors import DamagedFileError, UnreadableFileError
from .metadata.dates import DATE, parse_date
from .registry import ExtractOptions, RawDocument, register

_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
    re.IGNORECASE | re.DOTALL,
)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Browsers treat these labels as windows-1252 (WHATWG Encoding Standard).
_AS_WINDOWS_1252 = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "ascii", "us-ascii", "cp1252"}

_DROP_TAGS = [
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "aside",
    "footer",
    "header",
    "form",
    "button",
    "iframe",
    "svg",
    "select",
    "input",
    "textarea",
    "dialog",
    "object",
    "embed",
]
_CHROME = re.compile(
    r"(?:^|[\s_-])(?:cookies?|consent|banner|breadcrumbs?|sidebar|skip|share|social|nav|navbar|"
    r"menu|footer|masthead|site-header|previous|related|other-reviews|see-also|latest|recent|"
    r"last-updated|updated|pagination|newsletter|search)(?:$|[\s_-])",
    re.IGNORECASE,
)
_CHROME_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog"}
_BLOCKS = [
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "th",
    "table",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "dl",
    "figure",
    "figcaption",
    "caption",
    "br",
    "hr",
    "address",
]
_PUBLISHED_META = (
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "article:published_time",
    "citation_publication_date",
    "citation_date",
    "datepublished",
    "publication_date",
    "pubdate",
)
_DATED_HEADING = re.compile(rf"^(?P<title>.+?)\s+[-–—|]\s+(?P<date>{DATE})$", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\u00a0]+")
_NEWLINES = re.compile(r"\s*\n\s*")


def decode_html(data: bytes) -> str:
    """Decode HTML bytes the same way every time: BOM, declared charset, UTF-8, windows-1252.

    Charset *guessing* is deliberately avoided: detectors take undeclared
    windows-1252 for cp850 and mangle quotes and accents.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    head = data[:4096]
    declared = _XML_ENCODING.search(head) or _CHARSET.search(head)
    if declared:
        label = declared.group(1).decode("ascii", "replace").lower()
        if label in _AS_WINDOWS_1252:
            label = "windows-1252"
        try:
            return data.decode(label)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown label: fall through to the deterministic chain
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("windows-1252", errors="replace")


def _is_chrome(tag: Tag) -> bool:
    if tag.name in ("header", "footer") and tag.find_parent(["main", "article"]):
        return False  # an article's own header holds its title and date
    if tag.name in _DROP_TAGS:
        return True
    attrs = tag.attrs or {}
    if str(attrs.get("role", "")).lower() in _CHROME_ROLES:
        return True
    if str(attrs.get("aria-hidden", "")).lower() == "true" or "hidden" in attrs:
        return True
    classes: list[str] = list(attrs.get("class") or [])
    names = " ".join([*classes, str(attrs.get("id", "")), str(attrs.get("aria-label", ""))])
    return bool(names.strip()) and bool(_CHROME.search(names))


#: The heading of a box listing *other* pages ("Recent reviews", "In this section"): on a board's
#: website those boxes carry other reviews' dates and ages, which must not be read as this one's.
_OTHER_PAGES_HEADING = re.compile(
    r"^\s*(?:(?:recent|related|other|more|latest|similar|popular|further)\s+(?:\w+\s+)?"
    r"(?:reviews|reports|publications|cases|news|stories|articles|pages|links)"
    r"|in\s+this\s+section|see\s+also|you\s+may\s+also|read\s+next)\b",
    re.IGNORECASE,
)
#: A box that long is content, not a sidebar, whatever its first line says.
_MAX_BOX_CHARS = 2000


def _is_other_pages_box(tag: Tag) -> bool:
    """A sidebar or "related reviews" box recognised by its first line rather than its markup."""
    if tag.name not in ("div", "td", "section", "ul", "table", "dl") or tag.find("h1"):
        return False
    first = next((s for s in tag.stripped_strings), "")
    if not _OTHER_PAGES_HEADING.match(first):
        return False
    return len(tag.get_text(" ", strip=True)) <= _MAX_BOX_CHARS


def _list_marker(item: Tag) -> str:
    """What a browser draws before a list item: its number in an ``<ol>``, else a bullet."""
    parent = item.find_parent(["ol", "ul"])
    if parent is None or parent.name != "ol":
        return "• "
    siblings = [li for li in parent.find_all("li", recursive=False)]
    start = str(parent.get("start") or "1")
    first = int(start) if start.isdigit() else 1
    return f"{first + siblings.index(item)}. " if item in siblings else "• "


def _main_text(root: Tag) -> str:
    for tag in list(root.find_all(True)):
        if tag.decomposed:
            continue
        if tag.name == "li":
            # the number or bullet a reader sees: it tells one recommendation from the next
            tag.insert(0, _list_marker(tag))
        if tag.name in _BLOCKS:
            tag.insert_before("\n")
            tag.insert_after("\n")
        elif tag.name in ("td", "th"):
            tag.insert_after(" ")
    text = root.get_text()
    text = _SPACES.sub(" ", text)
    return _NEWLINES.sub("\n", text).strip()


#: A bold paragraph this short is a heading ("<p><strong>Recommendations</strong></p>").
_BOLD_HEADING_WORDS = 12


def _headings(main: Tag) -> str:
    """The page's headings as ``level<TAB>text`` lines: ``<h2>`` is 2; a bold paragraph one below
    the deepest heading level used above it. The page's title (its one ``<h1>``) is left out."""
    lines = []
    h1s = main.find_all("h1")
    deepest = 1
    for tag in main.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p"]):
        text = " ".join(tag.get_text(" ").split())
        if not text:
            continue
        if tag.name == "p":
            bold = tag.find(["strong", "b"])
            if bold is None or " ".join(bold.get_text(" ").split()) != text:
                continue
            if len(text.split()) > _BOLD_HEADING_WORDS:
                continue
            lines.append(f"{deepest + 1}\t{text}")
            continue
        level = int(tag.name[1])
        if level == 1 and len(h1s) == 1:
            continue
        deepest = level
        lines.append(f"{level}\t{text}")
    return "\n".join(lines)


def _meta_published(soup: BeautifulSoup) -> str | None:
    for meta in soup.find_all("meta"):
        key = str(meta.get("name") or meta.get("property") or meta.get("itemprop") or "").lower()
        if key in _PUBLISHED_META and meta.get("content"):
            return str(meta["content"]).strip()
    return None


def _time_published(main: Tag) -> str | None:
    """The ``datetime`` of a ``<time>`` that the markup or its label says is the publication."""
    for time in main.find_all("time"):
        if not time.get("datetime"):
            continue
        label = " ".join(
            [
                str(time.get("itemprop", "")),
                " ".join(time.get("class") or []),
                "pubdate" if time.has_attr("pubdate") else "",
                time.parent.get_text(" ")[:80] if time.parent else "",
            ]
        ).lower()
        if "publish" in label or "pubdate" in label or "issued" in label:
            return str(time["datetime"]).strip()
    return None


def _title(soup: BeautifulSoup, main: Tag) -> str | None:
    heading = main.find(["h1", "h2"])
    if heading and heading.get_text(strip=True):
        return " ".join(heading.get_text(" ").split())
    if soup.title and soup.title.string:
        return re.split(r"\s+[|–—-]\s+", soup.title.string.strip())[0] or None
    return None


class HtmlExtractor:
    """Extracts the visible main text and publication markup of an HTML page."""

    content_type = "html"
    label = "HTML"
    suffixes: tuple[str, ...] = (".html", ".htm", ".xhtml")
    media_types: tuple[str, ...] = ("text/html", "application/xhtml+xml")

    def sniff(self, head: bytes) -> bool:
        """HTML if the (BOM-stripped) start is a doctype, html, head or body tag."""
        for bom, encoding in _BOMS:
            if head.startswith(bom):
                head = head[len(bom) :]
                if encoding.startswith("utf-16"):
                    head = head.decode(encoding, "ignore").encode("utf-8")
                break
        if b"\x00" in head:
            return False
        return bool(_HTML_START.match(head))

    def extract(self, path: Path, options: ExtractOptions) -> RawDocument:
        """Read the page; raise ``DamagedFileError`` if it holds no visible text."""
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise UnreadableFileError(f"unreadable ({exc.strerror or exc})") from exc
        # imported here: an ingest's workers start without it (with pdfplumber, a third of their
        # start-up, which is a sixth of ingesting two dozen reports) until an HTML page comes
        from bs4 import BeautifulSoup, Tag

        soup = BeautifulSoup(decode_html(data), "lxml")
        info: dict[str, str] = {}
        published = _meta_published(soup)
        if published:
            info["published"] = published
        if soup.title and soup.title.string and "|" in soup.title.string:
            info["site"] = soup.title.string.rsplit("|", 1)[1].strip()
        description = soup.find("meta", attrs={"name": "description"})
        if description and description.get("content"):
            info["description"] = str(description["content"])
        # the site's header and footer say whose page it is (the logo, a copyright line, the site's
        # address): read them before they go with the rest of the site's chrome
        banner = _site_header(soup)
        if banner:
            info["site_header"] = banner
        notice = _copyright_notice(soup)
        if notice:
            info["copyright"] = notice
        addresses = _WEB_ADDRESS.findall(soup.get_text(" "))
        if addresses:
            info["web_addresses"] = " ".join(dict.fromkeys(addresses[:20]))
        for tag in soup.find_all(_is_chrome):
            if not tag.decomposed:
                tag.decompose()
        for tag in soup.find_all(_is_other_pages_box):
            if not tag.decomposed:
                tag.decompose()
        main = soup.find("main") or soup.find(True, attrs={"role": "main"}) or soup.find("article")
        if not isinstance(main, Tag):
            main = soup.body if isinstance(soup.body, Tag) else soup
        articles = main.find_all("article")
        if len(articles) == 1:
            # a listing page ("Serious case reviews") that holds one review: read the review
            main = articles[0]
        time_published = _time_published(main)
        if time_published and "published" not in info:
            info["published"] = time_published
        title = _title(soup, main)
        if title:
            dated = _DATED_HEADING.match(title)
            if dated and parse_date(dated.group("date")):
                title = dated.group("title")
                info["heading_date"] = dated.group("date")
            info["title"] = title
        headings = _headings(main)
        if headings:
            info["headings"] = headings
        text = _main_text(main)
        if not text:
            raise DamagedFileError("HTML page has no visible text")
        return RawDocument(format="html", pages=(text,), paged=False, info=info)


def _site_header(soup: BeautifulSoup) -> str | None:
    """The site's own name in its header or banner (the logo's text): a board's website names itself
    there, and nowhere else on some review pages."""
    from bs4 import Tag

    # in document order, so the page's own header comes before any header inside the content
    for tag in soup.find_all(True, limit=400):
        if not isinstance(tag, Tag):
            continue
        role = str(tag.get("role", "")).lower()
        value = tag.get("class")
        classes = " ".join(value) if isinstance(value, list) else str(value or "")
        if (
            tag.name == "header"
            or role == "banner"
            or re.search(r"site-?(?:header|name|title)|masthead|logo", classes)
        ):
            if tag.find_parent(["main", "article"]):
                continue
            # the logo is often a picture: its alt text is the site's name ("Gwent Safeguarding Board logo")
            alts = [str(img.get("alt", "")) for img in tag.find_all("img")]
            text = " ".join(" ".join([tag.get_text(" "), *alts]).split())
            if text:
                return text[:200]
    return None


_WEB_ADDRESS = re.compile(r"\b(?:https?://)?www\.[\w.-]+\.[a-z]{2,}\b", re.IGNORECASE)
_COPYRIGHT_MARK = re.compile(r"©|\(c\)|\bcopyright\b", re.IGNORECASE)


def _copyright_notice(soup: BeautifulSoup) -> str | None:
    """The page's copyright line ("© Fife Child Protection Committee 2019"), usually in the footer."""
    for text in soup.find_all(string=_COPYRIGHT_MARK):
        line = " ".join(str(text).split())
        if 0 < len(line) <= 200:
            return line
    return None


register(HtmlExtractor())
