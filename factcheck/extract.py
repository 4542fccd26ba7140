"""Stage 2, extract: :class:`Fetched` bytes -> :class:`Document` (clean text in blocks).

1. Decode the bytes ourselves (BOM, declared charset, ``<meta>``, then UTF-8, then cp1252).
2. Build raw blocks by format: HTML through trafilatura (links made absolute first), Markdown
   through markdown-it (front matter read), plain text by lines.
3. Detect the language with py3langid; refuse languages without lexicons.
4. Drop page furniture with the per-language boilerplate lexicons (plus English, which leaks
   into pages of every language): navigation, share rows, "read more" boxes and the links under
   them, bylines, tag lists, comment forms, sign-offs, copyright lines.
5. Find cited sources (factcheck.discover): "source:" lines (any language), front matter,
   "via" credits, credited links, URLs written as text, links in the body; ranked best first,
   normalised and merged; the source line itself leaves the text.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import lxml.etree
import lxml.html

from . import discover
from .errors import ExtractionError, InputError, UnsupportedLanguageError
from .models import Block, Citation, Document, Fetched, Link
from .rules import calendar_words, lexicon, patterns, supported_languages

if TYPE_CHECKING:
    from trafilatura.settings import Document as TrafilaturaDocument

MIN_ARTICLE_CHARS = 80
URL_RE = re.compile(r"""(?:https?://|www\.)[^\s<>"'«»“”‘’()\[\]{}]+[^\s<>"'«»“”‘’()\[\]{}.,;:!?]""")
BULLET_RE = re.compile(r"^\s*(?:[•·▪‣◦●○■□►▸\-–—*+]|\d{1,2}[.)])\s+")
TERMINAL = tuple('.!?…»”"’)]:“«‘')  # German quotes close with “ and ‘ (and « in »...«)


@dataclass(frozen=True)
class RawBlock:
    kind: str  # title | heading | paragraph | bullet
    text: str


@dataclass(frozen=True)
class Meta:
    title: str | None = None
    author: str | None = None
    published: str | None = None
    site: str | None = None
    declared_language: str | None = None
    canonical: str | None = None


# -- 1. decoding ---------------------------------------------------------------------------


def decode(fetched: Fetched) -> str:
    """Bytes -> text. Refuses binary data with an InputError."""
    body = fetched.body
    if not body.strip():
        raise InputError(f"{fetched.url}: empty file", target=fetched.url)
    if not fetched.content_type.startswith("text/") and fetched.content_type not in (
        "application/xhtml+xml",
        "application/xml",
        "",
    ):
        raise InputError(
            f"{fetched.url}: unsupported content ({fetched.content_type})", target=fetched.url
        )
    if b"\x00" in body[:8192] and not body.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(
            f"{fetched.url}: binary data, not a text or HTML article", target=fetched.url
        )
    if fetched.content_type == "text/html":
        from w3lib.encoding import html_to_unicode

        header = f"text/html; charset={fetched.charset}" if fetched.charset else None
        encoding, text = html_to_unicode(
            header, body, default_encoding="utf-8", auto_detect_fun=detect_encoding
        )
        if (
            "\ufffd" in text
            and encoding.replace("-", "").lower() in ("utf8", "utf8sig")
            and detect_encoding(body) == "cp1252"
        ):
            text = body.decode("cp1252", errors="replace")  # a page that lies about UTF-8
    else:
        text = decode_plain(body, fetched.charset)
    if sum(ch == "\ufffd" or (ord(ch) < 32 and ch not in "\t\n\r\f") for ch in text[:4000]) > 40:
        raise InputError(
            f"{fetched.url}: binary data, not a text or HTML article", target=fetched.url
        )
    return text


def decode_plain(body: bytes, declared: str | None) -> str:
    for bom, enc in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if body.startswith(bom):
            return body.decode(enc, errors="replace")
    for enc in filter(None, (declared, "utf-8")):
        try:
            return body.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
    return body.decode(detect_encoding(body) or "cp1252", errors="replace")


def detect_encoding(body: bytes) -> str | None:
    """UTF-8 if it decodes, otherwise cp1252 (Western pages mislabelled as Latin-1/cp1250)."""
    try:
        body.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1252"


# -- 2. raw blocks per format --------------------------------------------------------------


def html_blocks(text: str, base_url: str) -> tuple[list[RawBlock], Meta, list[Link]]:
    from trafilatura import bare_extraction

    try:
        tree = lxml.html.fromstring(text)
    except (lxml.etree.ParserError, ValueError) as err:
        raise ExtractionError(f"{base_url}: unreadable HTML ({err})", target=base_url) from err
    if base_url.startswith(("http://", "https://")):
        tree.make_links_absolute(base_url, resolve_base_href=True, handle_failures="ignore")  # type: ignore[attr-defined]  # an HtmlElement
    meta = html_meta(tree)
    drop_furniture_elements(tree)
    page_links = [
        Link(a.get("href", ""), " ".join(a.text_content().split()))  # type: ignore[attr-defined]  # an HtmlElement
        for a in tree.iter("a")
        if a.get("href", "").startswith(("http", "/"))
    ]
    doc: TrafilaturaDocument | None = bare_extraction(  # type: ignore[assignment]  # not as_dict
        tree,
        url=base_url if base_url.startswith("http") else None,
        with_metadata=True,
        include_links=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,
        deduplicate=False,
    )
    blocks: list[RawBlock] = []
    links: list[Link] = []
    if doc is None or doc.body is None:
        return blocks, meta, links
    for el in body_elements(doc.body):
        tag = el.tag
        if tag == "list":
            for item in el.iter("item"):
                blocks.append(RawBlock("bullet", inline_text(item)))
        elif tag == "head":
            blocks.append(RawBlock("heading", inline_text(el)))
        elif tag in ("p", "quote", "lb", "div"):
            blocks.append(RawBlock("paragraph", inline_text(el)))
        for ref in el.iter("ref"):
            if target := ref.get("target"):
                links.append(Link(target, inline_text(ref)))
    meta = Meta(
        title=meta.title or doc.title,
        author=meta.author or doc.author,
        published=meta.published or doc.date,
        site=meta.site or doc.sitename,
        declared_language=meta.declared_language,
        canonical=meta.canonical,
    )
    # links outside the extracted body are kept for "via" credits and canonical discovery
    seen = {link.url for link in links}
    links += [link for link in page_links if link.url not in seen and "via" in link.text.lower()]
    return blocks, meta, links


FURNITURE_CLASS_RE = re.compile(
    r"^(?:[a-z0-9]+[-_])*(?:caption|captions|credit|credits|photo-credit|byline|bylines|author-bio|"
    r"author-box|authorbox|bio|newsletter|signup|sign-up|related|share|sharing|social|"
    r"advert|advertisement|ad|ads|adslot|sponsor|sponsored|read-?time|"
    r"reading-time|breadcrumbs?|tags|tag-list)(?:[-_][a-z0-9]+)*$",
    re.IGNORECASE,
)
KEEP_TAGS = ("html", "body", "main", "article")
CITES_RE = re.compile(r"\s*(?:sources?|fuentes?|quellen?|via|vía|original(?:ly)?)\b", re.IGNORECASE)


def drop_furniture_elements(tree: lxml.html.HtmlElement) -> None:
    """Remove elements a page marks as furniture by their class or id (a caption div, a credit
    span, an author box, a newsletter box, a related-links box), unless they hold most of the
    page's text: weakly structured pages carry no <figcaption> or <aside> for trafilatura to
    know them by."""
    total = len(tree.text_content() or "")
    for el in list(tree.iter()):
        if not isinstance(el.tag, str) or el.tag in KEEP_TAGS or el.getparent() is None:
            continue
        names = (el.get("class") or "").split() + [el.get("id") or ""]
        if any("source" in n.lower() for n in names) or CITES_RE.match(el.text_content() or ""):
            continue  # "source-credit": the line that names the source is a citation, kept
        if any(n and FURNITURE_CLASS_RE.match(n) for n in names):
            if len(el.text_content() or "") < 0.3 * total:
                el.drop_tree()


BLOCK_TAGS = ("list", "head", "p", "quote", "lb", "table")


INLINE_TAGS = ("ref", "hi", "span", "code")


def body_elements(body: lxml.etree._Element) -> list[lxml.etree._Element]:
    """The block elements of trafilatura's body, in order. Pages built of nested divs (weakly
    structured HTML, live blogs) come back as divs holding the paragraphs: walk into them; a
    div holding text of its own and no block is one paragraph; the text between two blocks
    (“<p>Anzeige</p> Verkehrsdezernent Dev Anand sagte ...”), with the links in it, is a
    paragraph of its own, and a link right after a paragraph ("<p>Source: </p><ref>El
    Diario</ref>") ends that paragraph."""
    out: list[lxml.etree._Element] = []
    loose: lxml.etree._Element | None = None  # the text after the last block, gathered
    last: lxml.etree._Element | None = None  # the paragraph just before, nothing after it

    def gather(text: str | None) -> None:
        nonlocal loose
        if not (text or "").strip():
            return
        if loose is None:
            loose = lxml.etree.Element("p")
            out.append(loose)
            loose.text = text
        else:
            extend(loose, text or "")

    for el in body:
        if el.tag in INLINE_TAGS:
            kept = copy.deepcopy(el)
            kept.tail = None
            if loose is None and last is not None:
                last.append(kept)
            else:
                if loose is None:
                    loose = lxml.etree.Element("p")
                    out.append(loose)
                loose.append(kept)
            gather(el.tail)
            continue
        loose = last = None
        if el.tag == "div" and any(child.tag in BLOCK_TAGS or child.tag == "div" for child in el):
            if (el.text or "").strip():  # text before the first child block
                lead = lxml.etree.Element("p")
                lead.text = el.text
                out.append(lead)
            out += body_elements(el)
        elif el.tag == "p":
            last = copy.deepcopy(el)
            last.tail = None
            out.append(last)
        else:
            out.append(el)
        gather(el.tail)
        if loose is not None:
            last = None
    return out


def extend(el: lxml.etree._Element, text: str) -> None:
    """Add text at the end of an element (after its last child, if any)."""
    if len(el):
        el[-1].tail = (el[-1].tail or "") + text
    else:
        el.text = (el.text or "") + text


def inline_text(el: lxml.etree._Element) -> str:
    """The text of an element, a line break counting as a space ("office.<br>Mayor")."""
    return " ".join(
        "".join(
            " " + t if t.is_tail and t.getparent().tag == "lb" else t  # type: ignore[operator, misc, union-attr]  # text() gives smart strings
            for t in el.xpath(".//text()")  # type: ignore[union-attr]  # a list for text()
        ).split()
    )


def html_meta(tree: lxml.html.HtmlElement) -> Meta:
    def first(xpath: str) -> str | None:
        found = tree.xpath(xpath)
        value = found[0].strip() if found and isinstance(found[0], str) else None
        return value or None

    title = first('//meta[@property="og:title"]/@content') or first("//title/text()")
    return Meta(
        title=title,
        author=first('//meta[@name="author"]/@content'),
        published=first('//meta[@property="article:published_time"]/@content')
        or first("//time/@datetime"),
        site=first('//meta[@property="og:site_name"]/@content'),
        declared_language=(first("/html/@lang") or "").split("-")[0].lower() or None,
        canonical=first('//link[@rel="canonical"]/@href')
        or first('//meta[@property="og:url"]/@content'),
    )


WRAP_WIDTH = 100  # characters: a text whose lines are no longer than this may be hard-wrapped
WRAPPED_SHARE = 0.4  # ... when this share of its lines stop mid-sentence before another line


def unwrap(lines: list[str]) -> list[str]:
    """Join the lines of a hard-wrapped text (a page copied with its printed line breaks, a
    mail): a line that stops mid-sentence continues on the next when the next starts in lower
    case or the line is about as long as the text's lines get (it was broken for the width)."""
    full = [line for line in lines if line]
    followed = [a for a, b in zip(lines, lines[1:], strict=False) if a and b]
    if len(followed) < 6:
        return lines
    widths = sorted(len(line) for line in full)
    width = widths[int(0.9 * (len(widths) - 1))]
    open_ended = [a for a in followed if not a.endswith(TERMINAL)]
    if width > WRAP_WIDTH or len(open_ended) < WRAPPED_SHARE * len(followed):
        return lines
    out: list[str] = []
    last = ""  # the previous line as printed (the last piece of out[-1])
    for line in lines:
        if (
            line
            and last
            and not last.endswith(TERMINAL)
            and not is_meta_line(last)  # "Redacción | Valdecina | 2 de diciembre de 2026"
            and not URL_RE.search(last)  # a page's address printed at its foot
            and not BULLET_RE.match(line)
            # lower case, past an opening quote mark too ("„zutiefst“ und arbeite ...")
            and (line.lstrip("„“”\"«»‚‘’'(")[:1].islower() or len(last) >= 0.75 * width)
        ):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        last = line
    return out


# inline markup left in a copied page's text ('... his now-bankrupt <a href="https://...">FTX
# exchange</a>'): the tags go, their words stay
INLINE_TAG_RE = re.compile(r"</?(?:a|b|i|em|strong|span|u|br)\b[^<>\n]{0,500}>", re.IGNORECASE)


FRAMED_LINE = re.compile(r"^\s*\|\s?(.*?)\s*(?:\|\s*)+$")  # "| text of the line | |"
FRAMED_SHARE = 0.6  # ... when this share of the lines is framed, the text is a rendered table


def unframed(lines: list[str]) -> list[str]:
    """The lines of a text rendered inside a table frame (a page printed by a text browser or a
    proxy: "| Athen taz | Am Dienstagabend ist ... | |"), without the frame; other texts as
    they are."""
    full = [line for line in lines if line.strip()]
    framed = [FRAMED_LINE.match(line) for line in lines]
    if not full or sum(m is not None for m in framed) < FRAMED_SHARE * len(full):
        return lines
    return [m.group(1) if m else line for m, line in zip(framed, lines, strict=True)]


def text_blocks(text: str) -> list[RawBlock]:
    """Plain text: one block per line (paragraphs are lines, or runs of lines when the text is
    hard-wrapped); bullets and headings by shape."""
    blocks: list[RawBlock] = []
    text = INLINE_TAG_RE.sub("", text.replace("\r\n", "\n"))
    lines = unwrap([" ".join(line.split()) for line in unframed(text.split("\n"))])
    final = max((n for n, line in enumerate(lines) if line), default=-1)
    for n, line in enumerate(lines):
        if not line:
            continue
        if BULLET_RE.match(line):
            blocks.append(RawBlock("bullet", BULLET_RE.sub("", line, count=1)))
        elif looks_like_heading(line, last=n == final):
            blocks.append(RawBlock("heading", line))
        else:
            blocks.append(RawBlock("paragraph", line))
    return blocks


QUOTE_CHARS = frozenset('«»“”„"‹›')  # marks of a quotation: a question inside one is speech
CLOSING_END = frozenset(".!?…,")  # what ends a sentence or a clause inside its closing quote
HEADING_WORDS = 14  # a line of plain text this short without a sentence end is a heading
LINKED_HEADLINE_WORDS = 20  # with prose after it, a longer one too: the headline of a linked
# story ("UN official says the toll is likely to rise"); headlines run to about fifteen words,
# sentences copied from a page end with a full stop; the last line is a cut sentence instead


def looks_like_heading(line: str, last: bool = False) -> bool:
    words = line.split()
    limit = HEADING_WORDS if last else LINKED_HEADLINE_WORDS
    return 0 < len(words) <= limit and not line.endswith(TERMINAL) and not URL_RE.search(line)


def markdown_blocks(text: str) -> tuple[list[RawBlock], dict, list[Link]]:
    from markdown_it import MarkdownIt

    front, body = split_front_matter(text)
    md = MarkdownIt("commonmark")
    tokens = md.parse(body)
    blocks: list[RawBlock] = []
    links: list[Link] = []
    kind_stack: list[str] = []
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open":
            kind_stack.append("heading")
        elif tok.type == "list_item_open":
            kind_stack.append("bullet")
        elif tok.type in ("heading_close", "list_item_close"):
            kind_stack.pop()
        elif tok.type == "inline":
            kind = kind_stack[-1] if kind_stack else "paragraph"
            if is_caption(tok, tokens[i - 3] if i >= 3 else None):
                continue
            plain, found = inline_markdown(tok)
            links += found
            if plain:
                blocks.append(RawBlock(kind, plain))
    return blocks, front, links


def is_caption(tok, previous) -> bool:
    """An image, or an all-italic line right after an image paragraph (a photo caption)."""
    kinds = [c.type for c in tok.children or [] if not (c.type == "text" and not c.content.strip())]
    if kinds and all(k in ("image", "softbreak", "hardbreak") for k in kinds):
        return True
    after_image = (
        previous is not None
        and previous.type == "inline"
        and any(c.type == "image" for c in previous.children or [])
    )
    italic = bool(kinds) and kinds[0] == "em_open" and kinds[-1] == "em_close"
    image_first = bool(kinds) and kinds[0] == "image"
    return image_first or (italic and after_image)


def inline_markdown(tok) -> tuple[str, list[Link]]:
    parts: list[str] = []
    links: list[Link] = []
    href = None
    anchor: list[str] = []
    for child in tok.children or []:
        if child.type == "link_open":
            href = child.attrs.get("href")
            anchor = []
        elif child.type == "link_close":
            if href:
                links.append(Link(str(href), "".join(anchor)))
            href = None
        elif child.type in ("text", "code_inline"):
            parts.append(child.content)
            if href is not None:
                anchor.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return " ".join("".join(parts).split()), links


def split_front_matter(text: str) -> tuple[dict, str]:
    """YAML (---) or TOML (+++) front matter -> (dict, rest). Broken front matter: InputError."""
    import tomllib

    import yaml

    from . import frontmatter

    stripped = text.lstrip("\ufeff")
    for fence, loader in (("---", "yaml"), ("+++", "toml")):
        if stripped.startswith(fence + "\n") or stripped.startswith(fence + "\r\n"):
            end = re.search(rf"^{re.escape(fence)}\s*$", stripped[len(fence) + 1 :], re.M)
            if not end:
                raise InputError(f"front matter opened with {fence} is never closed")
            raw = stripped[len(fence) + 1 : len(fence) + 1 + end.start()]
            rest = stripped[len(fence) + 1 + end.end() :]
            try:
                load = frontmatter.load_yaml if loader == "yaml" else frontmatter.load_toml
                data = load(raw)
            except frontmatter.FrontMatterError as err:
                raise InputError(str(err)) from err
            except (yaml.YAMLError, tomllib.TOMLDecodeError) as err:
                first = str(err).splitlines()[0]
                raise InputError(f"broken {loader.upper()} front matter: {first}") from err
            return (data if isinstance(data, dict) else {}), rest
    return {}, text


# -- 3. language ---------------------------------------------------------------------------

_IDENTIFIER = None


def identifier():
    global _IDENTIFIER
    if _IDENTIFIER is None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        _IDENTIFIER = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _IDENTIFIER


def detect_language(text: str) -> tuple[str, float]:
    """The most likely language among all py3langid knows, and its probability."""
    ident = identifier()
    ident.set_languages(None)
    lang, prob = ident.classify(text[:5000])
    return lang, float(prob)


def choose_language(text: str, declared: str | None, target: str) -> str:
    supported = supported_languages()
    lang, prob = detect_language(text)
    if lang in supported:
        return lang
    if prob < 0.9 and declared in supported:
        return declared
    names = ", ".join(supported)
    raise UnsupportedLanguageError(
        f"{target}: text is in an unsupported language ({lang}); supported: {names}",
        target=target,
        language=lang,
    )


# -- 4. furniture --------------------------------------------------------------------------


def furniture_langs(language: str) -> tuple[str, ...]:
    return (language,) if language == "en" else (language, "en")


def boilerplate_words(language: str, key: str) -> list[str]:
    """A plain word list of the boilerplate lexicons (the language's and English), folded."""
    return [
        w.casefold().replace("'", "’")
        for lang in furniture_langs(language)
        for w in lexicon(lang).get("boilerplate", {}).get(key, [])
    ]


def matches(language: str, key: str, text: str) -> bool:
    # "- Publicité -", "— Advertisement —": a label set off by dashes is the label
    probe = text.strip().strip(":()[]").strip().replace("'", "’")
    if re.fullmatch(r"[-–—•·*|]*\s*\S.*?\s+[-–—•·*|]+", probe):
        probe = probe.strip("-–—•·*| ")
    return any(
        p.search(probe)
        for lang in furniture_langs(language)
        for p in patterns(lang, "boilerplate", key)
    )


def is_tag_list(text: str) -> bool:
    """'Corée du Nord,Russie,Ukraine' or 'Politics | Asia | Russia': short items, no verb."""
    items = [i.strip() for i in re.split(r"\s*[,|·/]\s*", text) if i.strip()]
    return (
        len(items) >= 3
        and not text.endswith(TERMINAL)
        and all(len(i.split()) <= 4 and i[:1].isupper() for i in items)
    )


EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
DATELINE_RE = re.compile(
    # "KESSLING, March 4 (Northbridge) - ", "ZURICH/NEW YORK, March 19 (Reuters) - ",
    # "PUERTO LINDAR, 12 Nov. (Meridiana). "
    r"^(?-i:[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ .'’/-]{2,40}),\s+[^()\n]{3,30}?\s+\([^)]{2,30}\)"
    r"\s*(?:[-–—]+|\.[-–—]?)\s+"
    # "March 19 (Reuters) - ", "(Reuters) -UBS has agreed": a dateline without its place
    r"|^(?:(?-i:[A-Z][a-z]{2,8})\.?\s+\d{1,2}\s+)?\((?-i:[A-Z][\w .]{1,20})\)\s*[-–—]+\s*"
    r"(?=[A-ZÀ-ÖØ-Þ])"
)


def is_meta_line(text: str) -> bool:
    """'von Redaktion | 10.11.2025, 14:20 Uhr | Lesezeit: 3 Min.', '(File photo)', an email."""
    words = len(text.split())
    if sum(text.count(sep) for sep in "|·•") >= 2 and words <= 20:
        return True
    if "©" in text and words <= 20:
        return True  # "Daily Example © 2025 · Legal notice"
    if text.startswith("(") and text.endswith(")") and words <= 8:
        return True
    return bool(EMAIL_RE.search(text)) and words <= 12


def is_date_line(text: str, language: str) -> bool:
    """'[January 27, 2020]', 'Monday, 3 March 2025', '27.01.2020': a line that is only a date
    (the page's date line, not a sentence)."""
    words = re.findall(r"[^\W_]+", text.casefold())
    if not 1 <= len(words) <= 6 or not any(w.isdigit() for w in words):
        return False
    calendar = frozenset().union(*(calendar_words(lang) for lang in furniture_langs(language)))
    return all(w.isdigit() or w in calendar or w in DATE_GLUE for w in words)


DATE_GLUE = {"de", "del", "le", "den", "the", "of", "am"}  # "3 de marzo de 2025", "the 3rd"
LABEL_WORDS = 8  # the longest section label and date line ("Lokales | 12.06.")


def is_label_and_date(text: str, language: str) -> bool:
    """'Lokales | 12.06.', 'World · 3 March 2025': a section label and a date, one separator."""
    parts = [p.strip() for p in re.split(r"[|·•]", text)]
    return (
        len(parts) == 2
        and len(text.split()) <= LABEL_WORDS
        and any(is_date_line(p, language) for p in parts)
        and all(p for p in parts)
    )


def is_pull_quote(text: str) -> bool:
    """« Des erreurs ordinaires »: a few words in quote marks standing alone."""
    return text[:1] in '«“„"' and text.rstrip(".")[-1:] in '»”“"'


CAPS_DATELINE_RE = re.compile(
    r"^(?-i:[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ .,'’]{2,60}?)(?:\s*\([^()]{2,30}\))?\.?\s*[-–—]+\s*"
    r"(?=[A-ZÀ-ÖØ-Þ¿¡«\"“])"
    # "VALDECINA. Un equipo de arqueólogos ...": a place in capitals and a full stop
    r"|^(?-i:[A-ZÀ-ÖØ-Þ]{4,}(?:[ -][A-ZÀ-ÖØ-Þ]{2,}){0,3})\.\s+(?=[A-ZÀ-ÖØ-Þ¿¡«\"“][a-zß-öø-ÿ])"
    # "Estados Unidos.- Sam Bankman-Fried ...": a place and the full stop and dash of a dateline
    r"|^(?-i:[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+(?:\s+[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+){0,2})\.[-–—]\s*(?=[A-ZÀ-ÖØ-Þ])"
)
# "Halvern. Auf einer Strecke ...": a town and a full stop before the first paragraph's first
# sentence (German regional papers); only the first paragraph, which is where datelines stand
FIRST_DATELINE_RE = re.compile(
    r"^(?-i:[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{3,}(?:-[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+)?)\.\s+(?=[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ])"
)


def strip_dateline(text: str, first: bool = False) -> str:
    """'KESSLING, March 4 (Northbridge) - About 3,200...' -> 'About 3,200...'; 'MEXICO CITY,
    MEXICO.- An earthquake...' -> 'An earthquake...'; in the first paragraph (``first``) also
    'Halvern. Auf einer Strecke...' -> 'Auf einer Strecke...'."""
    text = ISO_DATE_PREFIX_RE.sub("", text, count=1)
    text = CAPS_DATELINE_RE.sub("", DATELINE_RE.sub("", text, count=1), count=1)
    if first:
        m = FIRST_DATELINE_RE.match(text)
        if m and len(text) - m.end() > 40:
            text = text[m.end() :]
    return text


TWEET_SIGNATURE = re.compile(r"^(?:[—–-]\s*)?[^()\n]{1,60}\(@\w{1,30}\)\s+[^\n]{3,30}\d{4}$")
TWEET_WORDS = 60  # an embedded post's text is at most about this long


# a credit after a finished sentence ("... of Pope Paul VI. (Source: Associated Press)"): the
# credit of a picture or of the paragraph, not a sentence of its own
SOURCE_TAIL_RE = re.compile(
    r"([.!?…])\s*\((?i:source|sources|fuente|quelle|crédit|credit)\s*:\s*[^()]{1,60}\)\s*$"
)


# the agencies credited at the end of a finished paragraph ("... 2,4 Milliarden Dollar.
# (AFP/SDA)", "... through force. /BGNES", "... in 1986. – REUTERS"): the story's credit, not a
# caption's or a sentence
AGENCY_TAIL_RE = re.compile(
    r"(?<=[.!?…»”\"])\s*(?:\((?-i:[A-Z][A-Za-z-]{1,11})(?:\s*[/,]\s*(?-i:[A-Z][A-Za-z-]{1,11}))*\)"
    r"|/\s*(?-i:[A-Z]{2,8})|[-–—]\s*(?-i:[A-Z]{2,10})"
    # "… tackled by security. AFP": a wire agency's name after the story's last full stop
    r"|\s(?-i:AFP|AP|Reuters|REUTERS|dpa|DPA|EFE|ANSA|APA|AAP|PA|Xinhua|Kyodo|Yonhap|SDA|ATS))"
    r"\s*$"
)
# a short label set off by dashes ("– Playing career –", "- Publicité -")
DASHED_LABEL_RE = re.compile(r"(?:[-–—]+\s*)?([^.!?]{1,40}?)\s*[-–—]+")
DASHED_LABEL_WORDS = 4
FOREIGN_PROBABILITY = 0.95  # an embedded post: a paragraph this surely in another language
FOREIGN_MIN_WORDS = 8


def foreign_paragraph(text: str, language: str) -> bool:
    """A paragraph in another of the supported languages than the page's, with no quote mark:
    an embedded post ("BREAKING: ... has collided with another aircraft" in a German page),
    not the article's prose."""
    if len(text.split()) < FOREIGN_MIN_WORDS or len(text.split()) > TWEET_WORDS:
        return False
    if any(ch in text for ch in '«»“”„"'):
        return False
    lang, prob = detect_language(text)
    return lang != language and lang in supported_languages() and prob >= FOREIGN_PROBABILITY


# a machine date before the first words of a paragraph ("date 2020-08-05 A massive explosion",
# "Updated 2016-08-26 23:39 Rescuers ..."): a copied page's date field, never prose
ISO_DATE_PREFIX_RE = re.compile(
    r"^(?:(?i:date|updated|published|posted|datum|fecha)\s*:?\s*)?"
    r"\d{4}-\d{2}(?:-\d{2})?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?\s+(?=[A-ZÀ-ÖØ-Þ„“«\"])"
)


GLUED_LABEL_RE = re.compile(
    r"^(?-i:[A-ZÀ-ÖØ-Þ]{2,}(?:\s[A-ZÀ-ÖØ-Þ]{2,})*)(?=[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ])"
)


CREDIT_TAIL_RE = re.compile(
    # the opening bracket may be lost in a copy ("... on Monday. Picture: X via AFP)")
    r"(?:[(\[]\s*|\b)(?:(?:AP|AFP|EPA|Reuters|dpa|PA)\s+)?(?:photos?|fotos?|images?|imagen|bild|pictures?|"
    r"crédits?|credits?|fotografía)\s*[:/][^()\[\]]{1,80}[)\]]\s*$"
    r"|\((?-i:[A-Z][\w .'’-]{1,40})\s*/\s*(?:AP|AFP|Reuters|EPA|PA|dpa|Getty Images|[A-Z]{2,6})\)\s*$"
    # "... at the age of 54. © GABRIEL BOUYS / AFP"
    r"|(?<=[.!?…])\s+©\s*[^()©.!?]{2,60}$"
    # "... blickt unsicheren Zeiten entgegenGETTYIMAGES/Getty": a credit run into the caption
    r"|(?-i:(?<=[a-zß-öø-ÿ])[A-Z]{3,}(?:\s?[A-Z]{2,})*)\s*/\s*[\w .'’-]{1,40}$"
    # "... chief of staff. (EPA PHOTO) Credit: AAP"
    r"|\((?-i:[A-Z][\w .'’-]{1,30})\s+(?:photo|foto|bild|image)\)(?:\s*credits?\s*:\s*[^()]{1,40})?\s*$",
    re.IGNORECASE,
)
CAPTION_WORDS = 40
BOX_WORDS = 60  # words of the paragraph under a box's label (an author's note, a newsletter)
CREDIT_LINE_RE = re.compile(
    r"^\(?\s*(?:(?:AP|AFP|EPA|Reuters|dpa|PA)\s+)?(?:photos?|fotos?|images?|imagen|bild|pictures?|"
    r"crédits?|credits?|fotografía|titelbild|titelfoto|symbolbild)\s*[:/]\s*[^()]{1,80}\)?$"
    # "© GABRIEL BOUYS / AFP", "(Sergei Ilnitsky/Pool via AP) (Sergei Ilnitsky)"
    r"|^©\s*[^()©]{2,60}$"
    r"|^\((?-i:[A-Z][\w .'’-]{1,40})\s*/\s*[^()/]{1,40}\)(?:\s*\([^()]{1,40}\))?$",
    re.IGNORECASE,
)
CAPTION_AFTER_CREDIT = 20  # words: a one-sentence block this short after a credit is its caption


def one_short_sentence(text: str) -> bool:
    body = text.rstrip(".!?…")
    return len(text.split()) <= CAPTION_AFTER_CREDIT and not re.search(r"[.!?…]\s", body)


NAME_LABEL_RE = re.compile(r"(?:[A-ZÀ-ÖØ-Þ][\w’'&.-]*\s+){1,4}\([A-ZÀ-ÖØ-Þ][\w&.-]{1,10}\)")


def name_label(text: str) -> bool:
    """'German Football League (DFL)': a name with its short form, alone on its line, labels
    the statement after it; it says nothing."""
    return bool(NAME_LABEL_RE.fullmatch(text.strip()))


def ends_with_credit(text: str) -> bool:
    """'The derailed tram at the market square. (Photo: X / Agency)': a short block that ends
    with a photo credit is a caption, the words before the credit included."""
    return bool(CREDIT_TAIL_RE.search(text)) and len(text.split()) <= CAPTION_WORDS


def unglue_label(text: str, language: str) -> str | None:
    """'WORLDHarbour city opens...' -> 'Harbour city opens...': a section label in capitals run
    into the next words when the page's text was copied. None when the label opens a box of
    related links ('TE PUEDE INTERESARLas aerolíneas...'): the whole block is furniture."""
    m = GLUED_LABEL_RE.match(text)
    if not m or len(m.group(0)) < 4 or len(text) - m.end() < 12:
        return text
    if matches(language, "sections", m.group(0)) or matches(language, "lines", m.group(0)):
        return None
    return text[m.end() :]


STANDFIRST_WORDS = 30


def kept_prose(blocks: list[RawBlock]) -> bool:
    return any(b.kind == "paragraph" for b in blocks)


def behind_paywall(blocks: list[RawBlock], language: str) -> bool:
    """A line says the rest is for subscribers, after some of the text: a label such as
    « Article réservé aux abonnés » above the headline marks a page, not a cut."""
    return any(
        matches(language, "paywall", b.text) and kept_prose(blocks[:n])
        for n, b in enumerate(blocks)
    )


def glued_section(text: str, language: str) -> bool:
    """'RelatedHeatwave: what the alert levels mean': a box title run into its first link."""
    for m in re.finditer(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Þ])", text[:40]):
        if matches(language, "sections", text[: m.start()]):
            return True
    return False


def remove_furniture(blocks: list[RawBlock], language: str) -> list[RawBlock]:
    kept: list[RawBlock] = []
    in_section = False
    box = False
    after_credit = False
    lead_caption: RawBlock | None = None
    for block in blocks:
        text = unglue_label(block.text, language)
        if text is not None and CREDIT_LINE_RE.match(text.strip()):
            # a photo credit on a line of its own: the short line right after it is the
            # caption (the line before it may be prose: a credit ends no caption); with none
            # after it, the one short line above it, when it is all the prose so far, is the
            # lead picture's caption
            lead_caption = (
                kept[-1]
                if kept
                and kept[-1].kind == "paragraph"
                and one_short_sentence(kept[-1].text)
                and not kept_prose(kept[:-1])
                else None
            )
            after_credit = True
            continue
        if after_credit and block.kind == "paragraph" and one_short_sentence(text or ""):
            after_credit = False
            continue
        if after_credit and lead_caption is not None and kept and kept[-1] is lead_caption:
            kept.pop()
        after_credit = False
        lead_caption = None
        if text is not None and block.kind in ("paragraph", "heading"):
            credited = AGENCY_TAIL_RE.sub("", text)
            if credited != text and len(credited.split()) > 5:
                # the story's credit after its last sentence: that line is prose
                text, block = credited, RawBlock("paragraph", credited)
        if text is None or ends_with_credit(text) or glued_section(text, language):
            continue
        label = DASHED_LABEL_RE.fullmatch(text.strip())
        if label and len(label.group(1).split()) <= DASHED_LABEL_WORDS:
            if matches(language, "lines", label.group(1)):
                continue  # "- Publicité -"
            block = RawBlock("heading", label.group(1))  # "– Playing career –": a subheading
            text = block.text
        if block.kind == "paragraph" and kept_prose(kept) and foreign_paragraph(text, language):
            continue
        if text != block.text:
            block = RawBlock(block.kind, text)
        if box:
            box = False
            if block.kind == "paragraph" and len(text.split()) <= BOX_WORDS:
                continue  # the paragraph under "ABOUT THE AUTHOR", "+++ Newsletter +++"
        if matches(language, "boxes", text):
            box = True  # a box's label: the paragraph under it is the box
            continue
        if matches(language, "sections", text):
            in_section = True
            continue
        head, colon, rest = text.partition(":")
        if colon and len(rest.split()) <= 14 and matches(language, "sections", head):
            continue  # "Te puede interesar: Cómo preparar ...": a box title with its link
        if in_section:
            # the box holds short link-like items (teaser headlines); prose ends it: a sentence
            # that ends like one and is long enough to be one
            if block.kind in ("bullet", "heading") or (
                len(text.split()) <= 14
                and not (text.endswith(TERMINAL[:4]) and len(text.split()) >= 6)
            ):
                continue
            in_section = False
        if TWEET_SIGNATURE.match(text.strip()):
            # "— Elon Musk (@elonmusk) April 25, 2022": an embedded post; the line before it is
            # the post's text, not the article's
            if kept and len(kept[-1].text.split()) <= TWEET_WORDS and kept[-1].kind != "bullet":
                kept.pop()
            continue
        if matches(language, "paywall", text):
            if not kept_prose(kept):
                continue  # « Article réservé aux abonnés » above the headline: a badge
            break  # what follows a paywall line is its sales pitch and the page's footer
        if matches(language, "lines", text) or matches(language, "byline", text):
            continue
        if (
            (block.kind != "bullet" and is_tag_list(text))
            or (is_meta_line(text) and not discover.source_line_re(language).match(text))
            or is_date_line(text, language)
            or is_label_and_date(text, language)
        ):
            continue
        if block.kind == "paragraph":
            text = strip_dateline(SOURCE_TAIL_RE.sub(r"\1", text), first=not kept_prose(kept))
            letters = [ch for ch in text if ch.isalpha()]
            if letters and all(ch.isupper() for ch in letters) and len(text.split()) <= 8:
                block = RawBlock("heading", text)  # "MEXICO CITY, MEXICO.": a dateline, a kicker
            elif (
                not kept_prose(kept)
                and not text.endswith(TERMINAL)
                and len(text.split()) <= STANDFIRST_WORDS
            ):
                block = RawBlock("heading", text)  # a standfirst: a second headline, no full stop
            elif (
                len(text.split()) <= 5
                and (
                    not text.endswith(TERMINAL)
                    or is_pull_quote(text)
                    or name_label(text)
                    # "¿Qué ocurrió y cuándo?", "What happens next?": a question as a subheading
                    or (text.endswith("?") and not QUOTE_CHARS.intersection(text))
                    # 'Partie "paisiblement"': a headline ending with a quoted word, no sentence end
                    or (text[-1] in QUOTE_CHARS and text[-2:-1] not in CLOSING_END)
                )
            ):
                block = RawBlock("heading", text)  # a kicker, a box title ("En bref"), a pull quote
            elif text != block.text:
                block = RawBlock("paragraph", text)
        kept.append(block)
    return kept


# -- 5. cited sources ------------------------------------------------------------------------


def take_citations(
    blocks: list[RawBlock],
    links: list[Link],
    language: str,
    base_url: str,
    *,
    canonical: str | None = None,
    front: Sequence[str] = (),
) -> tuple[list[RawBlock], list[Citation]]:
    """Remove "source:" lines from the blocks and list every cited source, best first (the
    ranking, normalisation and merging are factcheck.discover's)."""
    found = discover.discover(
        [b.text for b in blocks], links, language, base_url, canonical=canonical, front=front
    )
    kept = [b for i, b in enumerate(blocks) if i not in found.source_lines]
    return kept, list(found.citations)


# -- the stage -------------------------------------------------------------------------------


def extract(fetched: Fetched) -> Document:
    """Raw bytes -> Document. Raises InputError / ExtractionError / UnsupportedLanguageError."""
    text = decode(fetched)
    base = fetched.final_url if fetched.how == "http" else fetched.url
    front: dict = {}
    if fetched.content_type == "text/html":
        raw, meta, links = html_blocks(text, base)
    elif fetched.content_type == "text/markdown":
        try:
            raw, front, links = markdown_blocks(text)
        except InputError as err:
            raise InputError(f"{fetched.url}: {err}", target=fetched.url) from err
        meta = Meta(
            title=str(front["title"]) if front.get("title") else None,
            published=str(front["date"]) if front.get("date") else None,
            declared_language=str(front.get("lang") or "") or None,
            author=str(front["author"]) if front.get("author") else None,
        )
    else:
        raw, meta, links = text_blocks(text), Meta(), []

    sample = " ".join(b.text for b in raw if b.kind in ("paragraph", "bullet"))
    if len(sample) < MIN_ARTICLE_CHARS:
        raise ExtractionError(f"{fetched.url}: no article text found", target=fetched.url)
    language = choose_language(sample, meta.declared_language, fetched.url)

    paywall = behind_paywall(raw, language)
    signed = signed_off(raw)
    raw = remove_furniture(raw, language)
    # a <title> such as "Advertisement" is furniture, not the headline
    meta_title = None if meta.title and matches(language, "lines", meta.title) else meta.title
    raw, title = pick_title(raw, meta_title)
    raw, citations = take_citations(
        raw, links, language, base, canonical=meta.canonical, front=front_matter_sources(front)
    )
    body = [b for b in raw if b.kind in ("paragraph", "bullet")]
    if sum(len(b.text) for b in body) < MIN_ARTICLE_CHARS:
        raise ExtractionError(f"{fetched.url}: no article text found", target=fetched.url)

    raw, teaser = teaser_end(raw, language)
    truncated = (
        "paywall"
        if paywall
        else ("teaser" if teaser else ("cut" if not signed and cut_short(raw) else None))
    )
    parts: list[str] = []
    blocks: list[Block] = []
    offset = 0
    for block in ([RawBlock("title", title)] if title else []) + raw:
        blocks.append(Block(block.kind, offset, offset + len(block.text)))
        parts.append(block.text)
        offset += len(block.text) + 2
    return Document(
        url=fetched.url,
        final_url=fetched.final_url,
        text="\n\n".join(parts),
        blocks=tuple(blocks),
        language=language,
        title=title,
        author=meta.author,
        published=meta.published,
        site=meta.site or urlsplit(fetched.final_url).netloc or None,
        links=tuple(links),
        citations=tuple(citations),
        how=fetched.how,
        archived_at=fetched.archived_at,
        canonical=meta.canonical,
        truncated=truncated,
    )


CUT_MIN_WORDS = 6  # a last block this long without a sentence end is a cut paragraph
CUT_SHORT_WORDS = 3  # shorter, it is cut when it ends in a lower-case word


def teaser_end(blocks: list[RawBlock], language: str) -> tuple[list[RawBlock], bool]:
    """A text that ends with a link to the rest ("... (87%). Lire la suite", a last line "...")
    is a teaser: the link goes, and the text is marked as ending early."""
    prose = [n for n, b in enumerate(blocks) if b.kind in ("paragraph", "heading")]
    if not prose:
        return blocks, False
    n = prose[-1]
    text = blocks[n].text.rstrip()
    if text.strip(" .…[]") == "" and len(prose) > 1:
        return blocks[:n] + blocks[n + 1 :], True  # "...": the rest is elsewhere
    # "Continue reading on:", « Lire la suite sur : »: the link's own words, then where it goes
    folded = re.sub(
        r"\s+(?:on|at|sur|auf|bei|en)\s*:?$",
        "",
        text.casefold().replace("'", "’").rstrip(" .…»›>→:"),
    ).rstrip(" .…»›>→:")
    for tail in sorted(boilerplate_words(language, "teaser_tail"), key=len, reverse=True):
        if folded.endswith(tail) and (
            len(folded) == len(tail) or not folded[-len(tail) - 1].isalnum()
        ):
            rest = text[: len(folded) - len(tail)].rstrip(" -–—|:")
            if not rest:
                return blocks[:n] + blocks[n + 1 :], True
            return [*blocks[:n], RawBlock(blocks[n].kind, rest), *blocks[n + 1 :]], True
    return blocks, False


SIGN_OFF = re.compile(r"^\((?:[^\W\d_][\w.]*)(?:\s*[/,-]\s*[^\W\d_][\w.]*){0,3}\)$")  # "(AFP)"
SIGN_OFF_TAIL = 12  # words after a story's closing credit that are page furniture, not prose


def signed_off(blocks: list[RawBlock]) -> bool:
    """The story ends at its closing credit ("(AFP)", "(tib/ats)"): only a few words of page
    furniture come after it ("link on the official site"), so the text is not cut short."""
    prose = [b for b in blocks if b.kind in ("paragraph", "heading")]
    ends = [k for k, b in enumerate(prose) if SIGN_OFF.match(b.text.strip())]
    return bool(ends) and sum(len(b.text.split()) for b in prose[ends[-1] + 1 :]) < SIGN_OFF_TAIL


def cut_short(blocks: list[RawBlock]) -> bool:
    """The text stops in the middle of a sentence: its last block of prose (furniture gone)
    has no sentence end, or trails off with an ellipsis ("... until the end of the")."""
    prose = [
        b for b in blocks if b.kind in ("paragraph", "heading") and not URL_RE.search(b.text)
    ]  # a page's address printed after the text
    if not prose:
        return False
    last = prose[-1].text.rstrip()
    words = last.split()
    if last.isupper():
        return False
    if len(words) < CUT_SHORT_WORDS:
        return cut_fragment(words, prose[:-1])
    if last.endswith(("...", "…")) and not last.endswith(("[...]", "[…]")):
        return True
    if last.endswith(TERMINAL):
        return False
    # no sentence end: a cut paragraph, or a cut line read as a subheading ("The minister
    # said the"), which ends in a lower-case word where a real subheading is a title
    return len(words) >= CUT_MIN_WORDS or words[-1][:1].islower()


def cut_fragment(words: list[str], before: list[RawBlock]) -> bool:
    """A last line of one or two words with no sentence end after a finished paragraph is the
    start of a cut sentence ("Yesterday", "López Obrador") when the text has used its words
    before; a name the text never mentioned is more likely a signature or credit line."""
    if not words or not before or words[-1].endswith(TERMINAL):
        return False
    previous = before[-1].text.rstrip()
    if before[-1].kind != "paragraph" or not previous.endswith(TERMINAL):
        return False
    seen = set(re.findall(r"\w+", " ".join(b.text for b in before).casefold()))
    mine = re.findall(r"\w+", " ".join(words).casefold())
    return bool(mine) and all(w in seen for w in mine)


def front_matter_sources(front: dict) -> list[str]:
    found = front.get("sources") or front.get("source") or []
    values = found if isinstance(found, list) else [found]
    return [str(v).strip() for v in values if str(v).strip()]


def pick_title(blocks: list[RawBlock], meta_title: str | None) -> tuple[list[RawBlock], str | None]:
    """Find the headline, drop its repeats and whatever is glued before it (breadcrumbs)."""
    title = meta_title.strip() if meta_title else None
    if not title:
        # plain text: a line repeated verbatim near the top, or the first heading
        heads = [b.text for b in blocks[:6]]
        for i, text in enumerate(heads):
            if text.endswith(TERMINAL[:4]) or len(text.split()) > 25:
                continue  # a paragraph printed twice is prose, not the headline
            if (
                any(other != text and other.endswith(text) for other in heads[:i])
                or heads.count(text) > 1
            ):
                title = text
                break
        # the first unpunctuated line, past a dateline or kicker in capitals above it
        lead = [b for b in blocks[:3] if not (b.text.isupper() and len(b.text.split()) <= 8)]
        first = lead[0] if lead else None
        if (
            not title
            and first
            and first.kind in ("heading", "paragraph")
            and not first.text.endswith(TERMINAL[:4])
            and len(first.text.split()) <= 25
        ):
            title = first.text
    if not title:
        return blocks, None
    short = re.sub(r"\s+[-–|]\s+[^-–|]+$", "", title)  # "Headline - Site name"
    kept = []
    for i, block in enumerate(blocks):
        near_top = i < 8
        if (
            near_top
            and block.kind != "bullet"
            and (
                block.text in (title, short)
                or block.text.endswith((title, short))
                and len(block.text) - len(short) <= 60
            )
        ):
            continue
        kept.append(block)
    return kept, short
