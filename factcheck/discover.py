"""Finding the sources an article cites: every candidate, ranked best first, with how it was
found and the words that show it.

Signals and their scores (ties keep the order of appearance):

    100  front-matter  ``source:`` / ``sources:`` in Markdown front matter
    100  source-line   a line opening with a source word of the lexicons ("Source :", "Sources:",
                       "Fuente:", "Quelle:", "Via:", "D'après :"; also "**Source** -",
                       "(Source: ...)") that holds an address or a link; the line leaves the text
     80  via           a "via" credit: a link whose text says "via", or right after "via"
     70  credit        a link introduced by a credit phrase ("according to", "selon le",
                       "laut", "según") or followed by one ("[Reuters] reported"), or whose text
                       says it is the original ("article original", "read the full story")
     50  text-url      an address written in the text
     40  body-link     any other link of the body to another site
    +30  the outlet a source line names without an address ("Source : Reuters") is the link's
         text or is in its host (reuters.com)
    -30  a social network or share button; -25 a home page; -20 a file that is not a page

Links to the article's own site (the host of its address, of its ``<link rel=canonical>`` or
``og:url``) are navigation, not sources, unless a source line or front matter cites them. For
a saved page, relative links are resolved against the canonical address.

Every address is normalised before anything is compared: tracking parameters removed
(``utm_*``, ``fbclid``, ``gclid``, ...), AMP and mobile variants turned into the canonical page
(``amp.``/``m.`` hosts, ``/amp`` paths, ``.amp.html``, ``?amp=1``, Google AMP cache and
``google.com/amp/s/`` addresses), the fragment dropped. The same page found several ways is one
citation with its best signal; the other ways are listed in ``also``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from .fetch import url_problem
from .models import Citation, Document, Link
from .rules import lexicon, phrase_pattern

URL_RE = re.compile(r"""(?:https?://|www\.)[^\s<>"'«»“”‘’()\[\]{}]+[^\s<>"'«»“”‘’()\[\]{}.,;:!?]""")

SCORES = {
    "front-matter": 100,
    "source-line": 100,
    "via": 80,
    "credit": 70,
    "text-url": 50,
    "body-link": 40,
}
NAMED_OUTLET_BONUS = 30
SOCIAL_PENALTY = 30
HOME_PAGE_PENALTY = 25
FILE_PENALTY = 20

TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "at_", "ns_", "hsa_")
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "ttclid",
        "igshid",
        "igsh",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "oly_anon_id",
        "oly_enc_id",
        "vero_id",
        "vero_conv",
        "ref_src",
        "ref_url",
        "cmpid",
        "icid",
        "ocid",
        "smid",
        "smtyp",
        "xtor",
        "ito",
        "sr_share",
        "spm",
        "s_cid",
        "cmp",
        "wt.mc_id",
        "feature",
        "share",
        "sharetype",
        "ftag",
        "guccounter",
        "guce_referrer",
        "guce_referrer_sig",
    }
)
AMP_VALUES = {
    "amp": None,
    "outputtype": "amp",
    "output": "amp",
    "_amp": None,
    "amp_js_v": None,
    "usqp": None,
}
MOBILE_LABELS = ("m", "mobile", "amp")
SOCIAL_HOSTS = (
    "twitter.com",
    "x.com",
    "facebook.com",
    "instagram.com",
    "linkedin.com",
    "pinterest.com",
    "reddit.com",
    "whatsapp.com",
    "wa.me",
    "t.me",
    "telegram.me",
    "tiktok.com",
    "youtube.com",
    "youtu.be",
    "threads.net",
    "bsky.app",
    "news.google.com",
    "flipboard.com",
)
FILE_SUFFIXES = (
    ".pdf",
    ".jpg",
    ".jpeg",
    ".png",
    ".gif",
    ".webp",
    ".svg",
    ".mp4",
    ".mp3",
    ".zip",
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
)
GENERIC_ANCHORS = frozenset(
    {
        "here",
        "this",
        "link",
        "source",
        "sources",
        "ici",
        "ce lien",
        "aquí",
        "hier",
        "read more",
        "lire la suite",
        "more",
        "plus",
    }
)


# -- addresses -------------------------------------------------------------------------------


def clean_url(url: str) -> str:
    url = url.strip().rstrip(".,;")
    return "https://" + url if url.startswith("www.") else url


def _unwrap_amp_cache(parts):
    """Google AMP cache and viewer addresses -> the publisher's address (or None)."""
    host = parts.hostname or ""
    path = parts.path
    if host.endswith(".cdn.ampproject.org"):
        m = re.match(r"^/[cvi]/(s/)?(.+)$", path)
        if m:
            return ("https" if m[1] else "http") + "://" + m[2]
    if re.fullmatch(r"(www\.)?google\.[a-z.]+", host):
        m = re.match(r"^/amp/(s/)?(.+)$", path)
        if m:
            return ("https" if m[1] else "http") + "://" + m[2]
    return None


def normalise(url: str) -> str:
    """The address to fetch: tracking parameters, AMP and mobile variants and the fragment
    removed. Anything that is not an http(s) address is returned as given (stripped)."""
    url = clean_url(url)
    if url_problem(url):
        return url
    parts = urlsplit(url)
    unwrapped = _unwrap_amp_cache(parts)
    if unwrapped:
        if url_problem(unwrapped):
            return url
        parts = urlsplit(unwrapped)
    host = parts.hostname.lower().rstrip(".")  # type: ignore[union-attr]  # url_problem: has a host
    labels = host.split(".")
    if len(labels) >= 3 and labels[0] in MOBILE_LABELS:
        labels[0] = "www"
    elif len(labels) >= 4 and labels[1] in ("m", "mobile"):  # en.m.wikipedia.org
        del labels[1]
    host = ".".join(labels)
    netloc = host if ":" not in host else f"[{host}]"
    if parts.port and not (
        (parts.scheme == "http" and parts.port == 80)
        or (parts.scheme == "https" and parts.port == 443)
    ):
        netloc += f":{parts.port}"
    path = parts.path or "/"
    segments = path.split("/")
    if len([s for s in segments if s]) > 1:
        segments = [s for s in segments if s.lower() != "amp"] or ["", ""]
        path = "/".join(segments) or "/"
        if not path.startswith("/"):
            path = "/" + path
    path = re.sub(r"\.amp(\.html?)$", r"\1", path, flags=re.I)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if not is_tracking(k, v)]
    query = parts.query if len(kept) == len(pairs) else urlencode(kept)
    return urlunsplit((parts.scheme.lower(), netloc, path, query, ""))


def is_tracking(key: str, value: str) -> bool:
    k = key.lower()
    if k in AMP_VALUES:
        wanted = AMP_VALUES[k]
        return wanted is None or value.lower() == wanted
    return k.startswith(TRACKING_PREFIXES) or k in TRACKING_PARAMS


def same_page_key(url: str) -> str:
    """A key under which variants of one page compare equal (scheme, www., trailing slash)."""
    if url_problem(url):
        return url
    parts = urlsplit(url)
    host = bare_host(parts.hostname or "")
    port = f":{parts.port}" if parts.port else ""
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return f"{host}{port}{parts.path.rstrip('/') or '/'}?{query}"


def bare_host(host: str) -> str:
    host = host.lower().rstrip(".")
    labels = host.split(".")
    while len(labels) >= 3 and labels[0] in ("www",) + MOBILE_LABELS:
        labels = labels[1:]
    return ".".join(labels)


def host_of(url: str) -> str:
    try:
        return bare_host(urlsplit(url).hostname or "")
    except ValueError:  # a malformed address has no host
        return ""


# -- lexicons --------------------------------------------------------------------------------


def languages(language: str) -> tuple[str, ...]:
    return (language,) if language == "en" else (language, "en")


def words(language: str, topic: str, key: str) -> list[str]:
    out: list[str] = []
    for lang in languages(language):
        try:
            out += lexicon(lang).get(topic, {}).get(key, [])
        except Exception:  # noqa: BLE001 - a language without lexicons contributes nothing
            continue
    return out


@functools.cache
def source_line_re(language: str) -> re.Pattern[str]:
    alts = "|".join(
        sorted(
            {
                re.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]")
                for w in words(language, "boilerplate", "source_line")
            },
            key=len,
            reverse=True,
        )
    )
    return re.compile(
        rf"^\s*[(\[*_]*\s*(?:{alts})\s*[*_]*\s*(?:[:：]|\s[-–—]\s)\s*[*_]*\s*"
        rf"(?P<rest>.+?)\s*[)\]]?\s*$",
        re.IGNORECASE,
    )


@functools.cache
def credit_before_re(language: str) -> re.Pattern[str] | None:
    pat = phrase_pattern(words(language, "sources", "credit"))
    if pat is None:
        return None
    # the credit phrase, then at most three short words ("selon le quotidien", "laut dem")
    return re.compile(rf"(?:{pat.pattern})\s*:?\s+(?:[\w'’.-]+\s+){{0,3}}$", re.IGNORECASE)


@functools.cache
def credit_after_re(language: str) -> re.Pattern[str] | None:
    pat = phrase_pattern(words(language, "sources", "credit"))
    if pat is None:
        return None
    return re.compile(rf"^\s*,?\s*(?:{pat.pattern})", re.IGNORECASE)


# -- discovery -------------------------------------------------------------------------------


@dataclass
class Candidate:
    url: str
    how: str
    evidence: str
    outlet: str
    written: str
    order: int
    score: int = 0
    also: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Discovery:
    citations: tuple[Citation, ...]  # best first
    source_lines: frozenset[int]  # indices of the texts that are source lines
    own_hosts: tuple[str, ...]
    named_outlets: tuple[str, ...]  # outlets source lines name without an address


def looks_like_outlet(text: str) -> bool:
    t = text.strip()
    return (
        0 < len(t.split()) <= 6
        and t.lower() not in GENERIC_ANCHORS
        and any(ch.isupper() for ch in t)
        and not URL_RE.search(t)
        and not t.endswith(".")
    )


def squash(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.lower())


def discover(
    texts: Sequence[str],
    links: Sequence[Link],
    language: str,
    base_url: str,
    *,
    canonical: str | None = None,
    front: Sequence[str] = (),
) -> Discovery:
    """Rank every source the article cites. ``texts``: the article's blocks in order (after
    page furniture is removed); ``links``: its links with their text; ``front``: the sources
    of its front matter."""
    web_base = (
        base_url
        if base_url.startswith(("http://", "https://"))
        else (canonical if canonical and canonical.startswith(("http://", "https://")) else "")
    )
    own = tuple(
        dict.fromkeys(
            h
            for h in (host_of(base_url) if web_base == base_url else "", host_of(canonical or ""))
            if h
        )
    )
    src_re = source_line_re(language)
    before_re = credit_before_re(language)
    after_re = credit_after_re(language)
    original = phrase_pattern(words(language, "sources", "original"))
    via_before = re.compile(r"\bv[ií]a\s*:?\s*$", re.IGNORECASE)

    found: list[Candidate] = []
    lines: set[int] = set()
    named: list[str] = []

    def add(url: str, how: str, evidence: str, outlet: str = "") -> None:
        written = url.strip()
        explicit = how in ("front-matter", "source-line")
        try:
            relative = (
                web_base
                and not urlsplit(written).scheme
                and (not explicit or not written.startswith("www."))
            )
            if relative:
                written = urljoin(web_base, written)
        except ValueError:  # "http://[oops/story": an unclosed IPv6 bracket
            pass
        if not explicit:
            if not written.startswith(("http://", "https://", "www.")):
                return  # mailto:, javascript:, a relative path in a saved page
            if url_problem(clean_url(written)):
                return  # a malformed link ("http://example.org:8o/", "http://[oops/") is skipped
        url = normalise(written)
        if not outlet and url.startswith("http"):
            outlet = host_of(url)
        found.append(
            Candidate(
                url,
                how,
                " ".join(evidence.split())[:200],
                outlet,
                written if clean_url(written) != url else "",
                len(found),
            )
        )

    for value in front:
        add(str(value), "front-matter", "front matter")

    link_texts = [ln for ln in links if ln.text]
    for i, text in enumerate(texts):
        m = src_re.match(text)
        if not m or len(text.split()) > 25:
            continue
        rest = m.group("rest")
        urls = URL_RE.findall(rest)
        linked = [ln for ln in link_texts if ln.text in rest]
        label = URL_RE.sub("", rest).strip(" ,;:-–—()[]")
        for url in urls:
            add(url, "source-line", text, label if looks_like_outlet(label) else "")
        for ln in linked:
            add(ln.url, "source-line", text, ln.text if looks_like_outlet(ln.text) else "")
        if urls or linked or len(rest.split()) <= 6:
            lines.add(i)  # "Source : Reuters" names an outlet; not a claim either
            if not urls and not linked:
                named += [
                    p.strip()
                    for p in re.split(r"\s*(?:,|/|&|\bet\b|\band\b|\by\b|\bund\b)\s*", rest)
                    if p.strip()
                ]

    for i, text in enumerate(texts):
        if i in lines:
            continue
        for url in URL_RE.findall(text):
            add(url, "text-url", text)

    for ln in links:
        context_before, context_after = around(ln.text, texts)
        how = "body-link"
        if re.search(r"\bv[ií]a\b", ln.text, re.I) or via_before.search(context_before):
            how = "via"
        elif (
            (before_re and before_re.search(context_before))
            or (after_re and after_re.search(context_after))
            or (original and original.search(ln.text))
        ):
            how = "credit"
        evidence = (
            f"{context_before[-60:]}[{ln.text}]{context_after[:40]}".strip() if ln.text else ln.url
        )
        outlet = (
            ln.text
            if looks_like_outlet(ln.text) and not re.search(r"\bv[ií]a\b", ln.text, re.I)
            else ""
        )
        add(ln.url, how, evidence, outlet)

    return Discovery(rank(found, own, named), frozenset(lines), own, tuple(named))


def around(anchor: str, texts: Sequence[str]) -> tuple[str, str]:
    """The words before and after the first occurrence of a link's text in the blocks."""
    if not anchor:
        return "", ""
    for text in texts:
        pos = text.find(anchor)
        if pos >= 0:
            return text[:pos], text[pos + len(anchor) :]
    return "", ""


def score(c: Candidate, named: Sequence[str]) -> int:
    value = SCORES.get(c.how, 0)
    if url_problem(c.url):
        return value  # a malformed address the article names as its source: kept, to report
    parts = urlsplit(c.url)
    host = bare_host(parts.hostname or "")
    if named and c.how not in ("front-matter", "source-line"):
        squashed_host = squash(host)
        for name in named:
            key = squash(name)
            if key and (key == squash(c.outlet) or (len(key) >= 4 and key in squashed_host)):
                value += NAMED_OUTLET_BONUS
                break
    if any(host == s or host.endswith("." + s) for s in SOCIAL_HOSTS):
        value -= SOCIAL_PENALTY
    if parts.path in ("", "/") and not parts.query:
        value -= HOME_PAGE_PENALTY
    if parts.path.lower().endswith(FILE_SUFFIXES):
        value -= FILE_PENALTY
    return value


def rank(found: list[Candidate], own: Sequence[str], named: Sequence[str]) -> tuple[Citation, ...]:
    merged: dict[str, Candidate] = {}
    for c in found:
        internal = c.how not in ("front-matter", "source-line") and host_of(c.url) in own
        if internal:
            continue  # a link to another page of the same site is navigation, not a source
        c.score = score(c, named)
        key = same_page_key(c.url)
        kept = merged.get(key)
        if kept is None:
            merged[key] = c
            continue
        if c.score > kept.score:
            c.also = [kept.how, *kept.also]
            c.order = kept.order
            c.outlet = c.outlet if c.outlet != host_of(c.url) else kept.outlet
            merged[key] = c
        elif c.how != kept.how and c.how not in kept.also:
            kept.also.append(c.how)
            if kept.outlet == host_of(kept.url) and c.outlet != host_of(c.url):
                kept.outlet = c.outlet
    best = sorted(merged.values(), key=lambda c: (-c.score, c.order))
    return tuple(
        Citation(c.url, c.how, c.evidence, c.outlet, tuple(c.also), c.written) for c in best
    )


# -- the `factcheck sources` listing ----------------------------------------------------------


def listing(doc: Document, checked: int = 3) -> dict:
    """What ``factcheck sources --format json`` prints."""
    return {
        "article": doc.url,
        "canonical": doc.canonical,
        "sources": [
            {
                "rank": n,
                "url": c.url,
                "how": c.how,
                "outlet": c.outlet or None,
                "evidence": c.evidence or None,
                "also": list(c.also),
                "written": c.written or None,
                "checked": n <= checked and c.url.startswith(("http://", "https://")),
            }
            for n, c in enumerate(doc.citations, 1)
        ],
    }


def render_text(doc: Document, checked: int = 3) -> str:
    data = listing(doc, checked)
    out = [f"article    {doc.url}"]
    if doc.canonical and doc.canonical != doc.url:
        out.append(f"canonical  {doc.canonical}  (its own site is not counted as a source)")
    if not data["sources"]:
        out.append("no source found: give one with --source")
    for item in data["sources"]:
        mark = "" if item["checked"] else "  (not checked)"
        out.append("")
        out.append(f"{item['rank']:>2}  {item['url']}{mark}")
        out.append(
            f"    how       {item['how']}"
            + (f" (also {', '.join(item['also'])})" if item["also"] else "")
        )
        if item["outlet"]:
            out.append(f"    outlet    {item['outlet']}")
        if item["evidence"]:
            out.append(f"    evidence  {item['evidence']}")
        if item["written"]:
            out.append(f"    written   {item['written']}")
    return "\n".join(out) + "\n"
