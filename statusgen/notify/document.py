"""A message as a document: the sanitized HTML of an update read once into blocks of styled text
runs, which each platform's formatter writes in its own markup (`markdown.py`, `structured.py`,
and plain text here).

Reading the HTML is where the platform-independent rules live:
- Text is text: a run holds characters, never markup; each formatter escapes (or, for Slack's
  and Teams' structured elements, needs no escaping) by its platform's rules.
- Code keeps its characters: a code block is one run with its text exactly as written, inline
  code likewise (line breaks as spaces).
- Links are safe and say where they go: only http, https and mailto; a host is written in
  ASCII (IDNA), user names and passwords in a URL are dropped, and every character a markup
  could read (spaces, controls, brackets, quotes, `@`, non-ASCII) is percent-encoded. A link
  whose words look like an address (`https://bank.test`, `bank.test/login`, `a@bank.test`) but
  another target shows its own address instead. Bare `http(s)://` addresses in text become
  links to themselves, so no platform has to find them in escaped text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from urllib.parse import quote, urlsplit, urlunsplit

_BLOCKS = {"p", "div", "table", "dl", "details", "summary", "hr", "blockquote", "pre"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_TIGHT = {"li", "tr", "dt", "dd"}
_MARKS = {
    "strong": "bold",
    "b": "bold",
    "em": "italic",
    "i": "italic",
    "del": "strike",
    "s": "strike",
}
_BARE_URL = re.compile(r"https?://[^\s<>\"]+")
_TRAILING = ".,;:!?)]}'\""
_DOMAIN = re.compile(r"(?i)(?<![\w.-])(?:[a-z0-9-]+\.)+[a-z]{2,}(?![\w-])")
_MAILBOX = re.compile(r"^[A-Za-z0-9.!#$%&*+/=?^_{|}~-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")
_PATH_SAFE = "/-._~!$&*+,;=:%"
_QUERY_SAFE = _PATH_SAFE + "?/"


@dataclass(frozen=True)
class Run:
    """Characters with one style; `href` is a safe URL when the run is (part of) a link."""

    text: str
    bold: bool = False
    italic: bool = False
    strike: bool = False
    code: bool = False
    href: str | None = None

    def styled_like(self, other: Run) -> bool:
        """Same style and link (runs that can be merged)."""
        return replace(self, text="") == replace(other, text="")


@dataclass(frozen=True)
class Block:
    """A paragraph, list item, heading, table row, or code block (`code`: one verbatim run)."""

    runs: tuple[Run, ...]
    code: bool = False
    #: A list item's marker with its indentation: "• ", "  2. ".
    prefix: str = ""
    #: How many quotes it is in.
    quote: int = 0
    #: Joined to the block before with a line break, not a blank line (list items, rows).
    tight: bool = False

    @property
    def text(self) -> str:
        """Its characters."""
        return "".join(run.text for run in self.runs)


Document = tuple[Block, ...]


def safe_href(url: str) -> str | None:
    """`url` as every formatter may write it (see the module's docstring), or None when it is
    not an http(s) or mailto URL that can be made safe."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        if parts.scheme.lower() == "mailto":
            address = parts.path
            return f"mailto:{address}" if _MAILBOX.match(address) else None
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            return None
        host = parts.hostname.encode("idna").decode("ascii")
        port = f":{parts.port}" if parts.port else ""
    except (ValueError, UnicodeError):
        return None
    if not re.fullmatch(r"[a-z0-9.-]+", host):
        return None
    return urlunsplit(
        (
            parts.scheme.lower(),
            host + port,
            quote(parts.path, safe=_PATH_SAFE),
            quote(parts.query, safe=_QUERY_SAFE),
            quote(parts.fragment, safe=_QUERY_SAFE),
        )
    )


def shown_address(href: str) -> str:
    """What a link to `href` says when its own words cannot be trusted."""
    return href.removeprefix("mailto:")


def _host(href: str) -> str:
    if href.startswith("mailto:"):
        return href.rsplit("@", 1)[-1].lower()
    return (urlsplit(href).hostname or "").lower()


def truthful(label: str, href: str) -> bool:
    """False when the words of a link name an address other than where it goes."""
    target = _host(href)
    try:
        named = [urlsplit(u).hostname or "" for u in _BARE_URL.findall(label)]
    except ValueError:
        return False
    named += _DOMAIN.findall(_BARE_URL.sub(" ", label))
    for name in named:
        try:
            host = name.lower().encode("idna").decode("ascii")
        except UnicodeError:
            return False
        if host != target:
            return False
    return True


def _linked_urls(run: Run) -> list[Run]:
    """A text run with its bare http(s) addresses made links to themselves."""
    if run.code or run.href:
        return [run]
    found: list[Run] = []
    rest = 0
    for match in _BARE_URL.finditer(run.text):
        url = match.group().rstrip(_TRAILING)
        href = safe_href(url)
        if href is None:
            continue
        found.append(replace(run, text=run.text[rest : match.start()]))
        found.append(replace(run, text=url, href=href))
        rest = match.start() + len(url)
    found.append(replace(run, text=run.text[rest:]))
    return found


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.runs: list[Run] = []
        self.marks = {"bold": 0, "italic": 0, "strike": 0}
        self.code = 0
        self.pre: list[str] | None = None
        self.link: tuple[str, int] | None = None
        self.in_link = 0
        self.lists: list[list[int]] = []
        #: Items seen in each open list, table or definition list (the first is not tight).
        self.groups: list[int] = []
        self.quote = 0
        self.prefix = ""
        self.tight = False
        self.cells = 0

    def flush(self, tight: bool = False) -> None:
        self.close_link()
        runs: list[Run] = []
        for run in (piece for each in self.runs for piece in _linked_urls(each)):
            if runs and runs[-1].styled_like(run):
                runs[-1] = replace(runs[-1], text=runs[-1].text + run.text)
            elif run.text:
                runs.append(run)
        while runs and not runs[0].text.lstrip():
            runs.pop(0)
        while runs and not runs[-1].text.rstrip():
            runs.pop()
        if runs:
            runs[0] = replace(runs[0], text=runs[0].text.lstrip())
            runs[-1] = replace(runs[-1], text=runs[-1].text.rstrip())
            block = Block(tuple(runs), prefix=self.prefix, quote=self.quote, tight=self.tight)
            self.blocks.append(block)
            self.prefix = ""
        self.runs = []
        self.tight = tight or (self.tight and not runs)

    def close_link(self) -> None:
        if self.link is None:
            return
        href, start = self.link
        self.link = None
        label = "".join(run.text for run in self.runs[start:])
        if not label.strip() or not truthful(label, href):
            self.runs[start:] = [Run(shown_address(href), href=href)]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.pre is not None:
            return
        if tag in _BLOCKS or tag in _HEADINGS or tag in _TIGHT or tag in ("ul", "ol", "br"):
            self.start_block(tag, attrs)
        elif tag in _MARKS:
            self.marks[_MARKS[tag]] += 1
        elif tag == "code":
            self.code += 1
        elif tag == "a":
            self.in_link += 1
            href = safe_href(dict(attrs).get("href") or "")
            if self.in_link == 1 and href:
                self.link = (href, len(self.runs))
        elif tag in ("td", "th"):
            self.cells += 1
            if self.cells > 1:
                self.runs.append(Run(" | "))

    def start_block(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.flush(tight=True)
        elif tag == "pre":
            self.flush()
            self.pre = []
        elif tag in ("ul", "ol"):
            self.flush()
            start = dict(attrs).get("start") or "1"
            self.groups.append(1 if self.lists else 0)  # a nested list follows its item
            self.lists.append([int(start) - 1 if tag == "ol" and start.isdigit() else -1])
        elif tag == "li":
            self.item()
            counter = self.lists[-1] if self.lists else [-1]
            if counter[0] >= 0:
                counter[0] += 1
            marker = f"{counter[0]}. " if counter[0] >= 0 else "• "
            self.prefix = "  " * max(len(self.lists) - 1, 0) + marker
        elif tag in _TIGHT:
            self.item()
            self.cells = 0
        else:
            self.flush()
            if tag in ("table", "dl"):
                self.groups.append(0)
            if tag == "blockquote":
                self.quote += 1
            if tag in _HEADINGS:
                self.marks["bold"] += 1

    def item(self) -> None:
        """A list item, table row or definition starts: tight after the first of its group."""
        self.flush(tight=bool(self.groups and self.groups[-1]))
        if self.groups:
            self.groups[-1] += 1

    def handle_endtag(self, tag: str) -> None:
        if self.pre is not None:
            if tag == "pre":
                text = "".join(self.pre).strip("\n")
                self.pre = None
                if text:
                    self.blocks.append(Block((Run(text, code=True),), True, "", self.quote))
            return
        if tag in _MARKS:
            self.marks[_MARKS[tag]] = max(self.marks[_MARKS[tag]] - 1, 0)
        elif tag == "code":
            self.code = max(self.code - 1, 0)
        elif tag == "a":
            self.in_link = max(self.in_link - 1, 0)
            if self.in_link == 0:
                self.close_link()
        elif tag in ("ul", "ol", "table", "dl"):
            self.flush()
            if self.lists and tag in ("ul", "ol"):
                self.lists.pop()
            if self.groups:
                self.groups.pop()
        elif tag in _BLOCKS or tag in _HEADINGS or tag in _TIGHT:
            self.flush()
            if tag == "blockquote":
                self.quote = max(self.quote - 1, 0)
            if tag in _HEADINGS:
                self.marks["bold"] = max(self.marks["bold"] - 1, 0)

    def handle_data(self, data: str) -> None:
        if self.pre is not None:
            self.pre.append(data)
            return
        text = data.replace("\n", " ") if self.code else re.sub(r"\s+", " ", data)
        href = self.link[0] if self.link else None
        marks = {name: count > 0 for name, count in self.marks.items()}
        self.runs.append(Run(text, code=self.code > 0, href=href, **marks))

    def close(self) -> None:
        super().close()
        if self.pre is not None:
            self.handle_endtag("pre")
        self.flush()


def read(html: str) -> Document:
    """The document of a message's sanitized HTML."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return tuple(reader.blocks)


def plain(document: Document) -> str:
    """The document as plain text: links as "words (address)", code as written."""
    out: list[str] = []
    for block in document:
        if out:
            out.append("\n" if block.tight else "\n\n")
        text = "".join(
            run.text
            if not run.href or run.text.strip() == shown_address(run.href)
            else f"{run.text} ({shown_address(run.href)})"
            for run in _linked(block.runs)
        )
        lines = (block.prefix + text).split("\n")
        out.append("\n".join("> " * block.quote + line for line in lines))
    return "".join(out)


def _linked(runs: tuple[Run, ...]) -> list[Run]:
    """Runs with each link's runs merged into one (its words, one address)."""
    merged: list[Run] = []
    for run in runs:
        if merged and run.href and merged[-1].href == run.href:
            merged[-1] = replace(merged[-1], text=merged[-1].text + run.text)
        else:
            merged.append(run)
    return merged


def links(runs: tuple[Run, ...]) -> list[tuple[str | None, list[Run]]]:
    """Runs grouped by link: (href or None, the runs it holds), in order."""
    groups: list[tuple[str | None, list[Run]]] = []
    for run in runs:
        if groups and run.href and groups[-1][0] == run.href:
            groups[-1][1].append(run)
        else:
            groups.append((run.href, [run]))
    return groups


def _cost(block: Block) -> int:
    """Characters a block adds: its marker, its text and the break before it."""
    return len(block.prefix) + len(block.text) + (1 if block.tight else 2)


def size(document: Document) -> int:
    """Characters of text it holds, breaks between blocks included (an upper bound)."""
    return sum(_cost(block) for block in document)


def cut_document(document: Document, limit: int) -> tuple[Document, bool]:
    """The start of `document` holding at most `limit` characters of text, cut after a word
    (a code block is cut at a line); and whether anything was cut."""
    if size(document) <= limit:
        return document, False
    kept: list[Block] = []
    room = limit
    for block in document:
        need = _cost(block)
        if need <= room:
            kept.append(block)
            room -= need
            continue
        runs: list[Run] = []
        room -= need - len(block.text)
        for run in block.runs:
            if len(run.text) <= room:
                runs.append(run)
                room -= len(run.text)
                continue
            head = run.text[: max(room, 0)]
            stop = head.rfind("\n" if block.code else " ")
            head = head[:stop] if stop > 0 else ("" if run.href else head)
            if head.strip():
                runs.append(replace(run, text=head.rstrip()))
            break
        if runs and any(run.text.strip() for run in runs):
            kept.append(replace(block, runs=tuple(runs)))
        break
    return tuple(kept), True
