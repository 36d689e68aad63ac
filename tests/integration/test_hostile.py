"""Hostile content: every field a responder controls carries attacks, and internal markers.

A site written into a temporary folder is built for real (`mkdocs build --strict`) for the
public and the internal audience. A scanner then parses every page, every HTML fragment inside
the feeds, the search index and the JSON documents, the calendar and the badges, and finds
nothing executable; the public build holds no internal marker in any file, and the internal
build holds every one.
"""

from __future__ import annotations

import html
import io
import json
import re
import subprocess
import xml.etree.ElementTree as ET
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import feedparser
import icalendar
import pytest
import yaml
from checkruns import statusgen_main
from sitebuild import FIXTURE_EPOCH, mkdocs_build, parse_page, shared_build, write_site

from statusgen.content.budgets import DESCRIPTION, MESSAGE, NAME, TITLE
from statusgen.render.head import SEARCH_ON_DEMAND

# -- the attacks -------------------------------------------------------------------------------

#: Text that must only ever show as text: one line, for names, titles and other plain fields.
#: Contains a Jinja expression whose evaluation (49) would be visible, and template breakers.
JINJA = "JINJA{{ 7*7 }}JINJA"
RAW = "RAW{% raw %}x{% endraw %}RAW"
TEXT_ATTACK = (
    "</title><script>alert(1)</script>\"><img src=x onerror=alert(1)>'onmouseover='alert(1)' "
    "<svg onload=alert(1)>]]></script><!-- &lt;script&gt;alert(1)&lt;/script&gt; &amp;lt;b&amp;gt; "
    f"{JINJA} {RAW} {{# c #}} javascript:alert(1) \u202eevil\u202c \u2066iso\u2069 \u200f"
)
#: Titles hold at most TITLE.limit characters: each title carries one half of the attack, and
#: the two halves together are all of it.
_SPLIT = TEXT_ATTACK.index(" <svg")
TITLE_ATTACKS = (TEXT_ATTACK[:_SPLIT], TEXT_ATTACK[_SPLIT + 1 :])
#: Markdown attacks, one per paragraph, for messages, workarounds and bodies.
MD_ATTACKS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.test/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<img src="https://ok.test/x.png" onerror="alert(1)" style="width:9999px">',
    '<a href="javascript:alert(1)">jslink</a>',
    '<a href="&#106;avascript:alert(1)">entity-js</a>',
    '<a href=" JaVaScRiPt:alert(1)">mixed-case-js</a>',
    '<a href="java\tscript:alert(1)">tab-js</a>',
    "[mdjs](javascript:alert(1))",
    "[mdvb](vbscript:msgbox(1))",
    "[mddata](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![dataimg](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "![httpimg](http://tracker.test/pixel.gif)",
    'A paragraph with attributes.\n{: onclick="alert(1)" style="display:none" }',
    "A paragraph with braces.\n{ onmouseover=alert(1) }",
    "## Heading with handler { onmouseover=alert(1) }",
    '### Heading with style {: style="position:fixed" onclick="alert(1)" }',
    '[attrlink](https://ok.test/){: onclick="alert(1)" href="javascript:alert(1)" }',
    "[attrlink2](https://ok.test/){ onmouseover=alert(1) target=_blank }",
    '<iframe src="https://evil.test/"></iframe>',
    '<frameset><frame src="https://evil.test/"></frameset>',
    '<form action="https://evil.test/"><input name="q" onfocus="alert(1)" autofocus>'
    '<button formaction="javascript:alert(1)">go</button></form>',
    "<style>body{display:none}</style>",
    '<p style="position:fixed;top:0;left:0;width:100%;height:100%">overlay</p>',
    "<svg onload=alert(1)><circle r=1></circle></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<math href="javascript:alert(1)">m</math>',
    '<object data="https://evil.test/x.swf"></object>',
    '<embed src="https://evil.test/x.swf">',
    '<base href="https://evil.test/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.test/">',
    '<link rel="stylesheet" href="https://evil.test/x.css">',
    "</script><script>alert(1)</script>",
    "]]><script>alert(1)</script>",
    "<![CDATA[<script>alert(1)</script>]]>",
    "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    '"><script>alert(1)</script>',
    "'onmouseover='alert(1)'",
    '<div markdown="1" onclick="alert(1)" style="color:red">*md in html*</div>',
    "<details open ontoggle=alert(1)><summary>s</summary>d</details>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "<!-- <script>alert(1)</script> -->",
    "<xmp><script>alert(1)</script></xmp>",
    "<template><script>alert(1)</script></template>",
    '<table><tr><td background="javascript:alert(1)">t</td></tr></table>',
    "| head <script>alert(1)</script> | b |\n|---|---|\n"
    "| <img src=x onerror=alert(1)> | [c](javascript:alert(1)) |",
    '!!! note "<script>alert(1)</script>"\n    Admonition body <img src=x onerror=alert(1)>',
    "&lt;script&gt;alert(1)&lt;/script&gt; and &amp;lt;script&amp;gt;",
    f"{JINJA} {RAW} {{% include 'x' %}}",
    "\u202eevil\u202c right-to-left \u2066isolate\u2069",
    '<a href="https://ok.test/" target="_blank" rel="opener">tab</a>',
    "<isindex action=javascript:alert(1)><keygen autofocus onfocus=alert(1)>",
    "<video><source onerror=alert(1)></video><audio src=x onerror=alert(1)>",
    "<body onload=alert(1)><html onmouseover=alert(1)>",
    '<a href="java&#x09;script:alert(1)">tab-entity-js</a> '
    '<a href="java&#10;script:alert(1)">nl-js</a>',
    '<a href="&#x6A;avascript:alert(1)">hex-entity-js</a> '
    '<a href="&#1;javascript:alert(1)">ctl-js</a>',
    # Material reads its runtime configuration from the first element with id `__config`.
    '<h2 id="__config">{"base": "https://evil.test/", "features": ["navigation.instant"], '
    '"search": "https://evil.test/w.js", "translations": {}, "version": null}</h2>',
    "## Drawer {: #__drawer }",
    "## Updates {: #sg-updates }",
    # Theme classes would let a message draw a fake "all good" banner or a full-page overlay.
    '<div class="sg-banner sg-ind-none">SPOOFBANNER All systems operational</div>',
    '<span class="md-overlay">SPOOFBANNER overlay</span>',
]
MARKDOWN_ATTACK = "\n\n".join(MD_ATTACKS)
#: A phase message may not hold `{{...}}` at all (`check` refuses it as a template placeholder
#: left unfilled), so messages carry the Jinja attack as a statement: evaluated, it would also
#: show JINJA49JINJA.
JINJA_STATEMENT = "JINJA{% if 1 %}49{% endif %}JINJA"


def in_message(attack: str) -> str:
    """An attack as a phase message may hold it."""
    return attack.replace(JINJA, JINJA_STATEMENT)


#: Long unbroken words, each as long as its budget allows.
LONG_TITLE_WORD = "L" * (TITLE.limit - len(f"Open {TITLE_ATTACKS[0]} "))
LONG_PARAGRAPH = "L" * (MESSAGE.limit - 1)
LONG_NAME = "N" * (NAME.limit - len("Long "))
LONG_DESCRIPTION = "L" * DESCRIPTION.limit

#: An upstream URL that is a valid http(s) URL without spaces, but full of breakers.
UPSTREAM = "https://up.test/a\"b'c<script>alert(1)</script>{{7*7}}"
#: A contact that passes as an e-mail address; its text is hostile.
CONTACT = {"url": '"onmouseover="alert(1)"@evil.test', "text": "Ask <script>alert(1)</script> us"}
SITE_NAME = 'Hostile "Status" Co'
BASE = "https://status.test/sub/"

#: Each internal thing carries one of these; none may reach a public output.
MARKERS = [f"INTERNALMARKER-{n}" for n in range(1, 18)]
#: Ids are lowercase, so internal ids carry the lowercase form; checks ignore case.
MARKER_WORD = "internalmarker"


def _m(n: int) -> str:
    return MARKERS[n - 1]


# -- the site -------------------------------------------------------------------------------------


def components_data(*, internal: bool = True) -> dict[str, Any]:
    """components.yml; without `internal`, only what the public may see (for comparison)."""
    hostile: list[dict[str, Any]] = [
        {
            "id": "api",
            "name": f"API {TEXT_ATTACK}",
            "description": f"Desc {TEXT_ATTACK}",
            "sla": 99.9,
        },
        {"id": "web", "name": f"Web {TEXT_ATTACK}", "upstream": UPSTREAM},
        {"id": "long", "name": "Long " + LONG_NAME, "description": LONG_DESCRIPTION},
    ]
    if internal:  # an internal component inside a public group
        hostile.append(
            {
                "id": "internalmarker-cache",
                "name": f"{_m(1)} cache {TEXT_ATTACK}",
                "description": f"{_m(2)} description",
                "audience": "internal",
            }
        )
    groups: list[dict[str, Any]] = [
        {
            "name": f"Group {TEXT_ATTACK}",
            "description": f"Group desc {TEXT_ATTACK}",
            "components": hostile,
        },
    ]
    if internal:  # a group of internal components only
        groups.append(
            {
                "name": f"{_m(3)} internal group",
                "components": [
                    {
                        "id": "internalmarker-db",
                        "name": f"{_m(4)} database",
                        "description": f"{_m(5)} db",
                        "audience": "internal",
                    }
                ],
            }
        )
    return {"groups": groups}


def incident_file(front: dict[str, Any], body: str = "") -> str:
    text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=100_000)
    return f"---\n{text}---\n{body}"


def public_outage(*, internal: bool = True) -> dict[str, Any]:
    """A resolved public incident with an internal update in the middle; its last two updates
    are posted at the same instant (11:00Z, one written with an offset)."""
    components = {"api": "partial_outage", "web": "degraded_performance"}
    if internal:
        components["internalmarker-db"] = "major_outage"
    phases: list[dict[str, Any]] = [
        {
            "at": "2026-03-01T10:00:00Z",
            "status": "investigating",
            "message": "First update.\n\n" + in_message(MARKDOWN_ATTACK),
            "next_update": "2026-03-01T10:30:00Z",
        },
    ]
    if internal:
        phases.append(
            {
                "at": "2026-03-01T10:10:00Z",
                "status": "identified",
                "message": f"{_m(6)} internal note: the db is down.",
                "components": {
                    "api": "major_outage",
                    "internalmarker-db": "major_outage",
                    "internalmarker-cache": "partial_outage",
                },
                "audience": "internal",
            }
        )
    phases += [
        {
            "at": "2026-03-01T11:00:00Z",
            "status": "monitoring",
            "message": "Monitoring. " + in_message(TEXT_ATTACK),
            "components": {"api": "operational"},
        },
        {
            "at": "2026-03-01T12:00:00+01:00",
            "status": "resolved",
            "message": in_message(MARKDOWN_ATTACK),
        },
    ]
    return {
        "title": f"Outage {TITLE_ATTACKS[0]}",
        "impact": "major",
        "components": components,
        "workaround": "Retry. " + MARKDOWN_ATTACK,
        "phases": phases,
    }


def attack_catalogue() -> dict[str, Any]:
    """One update per attack, so that no attack hides another (an unclosed <style> swallows
    everything after it)."""
    phases: list[dict[str, Any]] = [
        {
            "at": f"2026-02-01T{n // 60:02d}:{n % 60:02d}:00Z",
            "status": "investigating",
            "message": in_message(attack),
        }
        for n, attack in enumerate([*MD_ATTACKS, TEXT_ATTACK])
    ]
    phases[-1]["status"] = "resolved"
    return {
        "title": f"Catalogue {TITLE_ATTACKS[1]}",
        "impact": "minor",
        "components": {"api": "degraded_performance"},
        "phases": phases,
    }


def public_open() -> dict[str, Any]:
    """Open at build time: on the overview with its latest update and workaround."""
    return {
        "title": f"Open {TITLE_ATTACKS[0]} {LONG_TITLE_WORD}",
        "impact": "minor",
        "components": {"web": "degraded_performance", "long": "partial_outage"},
        "workaround": "Workaround " + MARKDOWN_ATTACK,
        "phases": [
            {
                "at": "2026-03-10T11:00:00Z",
                "status": "investigating",
                "message": in_message(MARKDOWN_ATTACK),
                "next_update": "2026-03-10T12:30:00Z",
            }
        ],
    }


def public_maintenance() -> dict[str, Any]:
    return {
        "title": f"Maintenance {TITLE_ATTACKS[1]}",
        "type": "maintenance",
        "components": {"api": "under_maintenance"},
        "scheduled": {"start": "2026-03-20T02:00:00Z", "end": "2026-03-20T04:00:00Z"},
        "phases": [
            {
                "at": "2026-03-08T09:00:00Z",
                "status": "scheduled",
                "message": in_message(MARKDOWN_ATTACK),
            }
        ],
    }


def internal_outage() -> dict[str, Any]:
    """Internal and resolved, with 10 hours of major outage of a public component."""
    return {
        "title": f"{_m(7)} internal outage",
        "impact": "critical",
        "audience": "internal",
        "components": {"api": "major_outage", "internalmarker-db": "major_outage"},
        "workaround": f"{_m(8)} workaround",
        "phases": [
            {
                "at": "2026-03-05T00:00:00Z",
                "status": "investigating",
                "message": f"{_m(9)} started",
            },
            {"at": "2026-03-05T10:00:00Z", "status": "resolved", "message": f"{_m(10)} over"},
        ],
    }


def internal_open() -> dict[str, Any]:
    """Internal and open at build time: the public page would turn red if it leaked."""
    return {
        "title": f"{_m(11)} ongoing",
        "impact": "critical",
        "audience": "internal",
        "components": {"api": "major_outage", "web": "major_outage"},
        "phases": [
            {
                "at": "2026-03-10T09:00:00Z",
                "status": "investigating",
                "message": f"{_m(12)} ongoing message",
            }
        ],
    }


def internal_maintenance() -> dict[str, Any]:
    """Internal maintenance in progress at build time (and in the calendar if it leaked)."""
    return {
        "title": f"{_m(13)} maintenance",
        "type": "maintenance",
        "audience": "internal",
        "components": {"internalmarker-db": "under_maintenance", "api": "under_maintenance"},
        "scheduled": {"start": "2026-03-10T11:00:00Z", "end": "2026-03-25T04:00:00Z"},
        "phases": [
            {"at": "2026-03-08T09:00:00Z", "status": "scheduled", "message": f"{_m(14)} planned"},
            {"at": "2026-03-10T11:00:00Z", "status": "in_progress", "message": f"{_m(15)} started"},
        ],
    }


def mkdocs_yml(audience: str = "public", contact: dict[str, str] = CONTACT) -> str:
    config = {
        "site_name": SITE_NAME,
        "site_url": BASE,
        "theme": {"name": "material", "font": False},
        "markdown_extensions": ["attr_list", "tables", "admonition", "toc", "md_in_html"],
        "plugins": [
            "search",
            {
                "statusgen": {
                    "audience": audience,
                    "contact": contact,
                    "timezone": "Europe/Amsterdam",
                    "feed_entries": 500,
                }
            },
        ],
    }
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False)


#: The internal incidents; the public-only twin of the site has none of them.
INTERNAL_FILES = {
    "incidents/2026/2026-03-05-internalmarker-outage.md": incident_file(
        internal_outage(), f"{_m(16)} body\n"
    ),
    "incidents/2026/2026-03-10-internalmarker-ongoing.md": incident_file(internal_open()),
    "incidents/2026-03-10-internalmarker-maintenance.md": incident_file(
        internal_maintenance(), f"{_m(17)} body"
    ),
}


def hostile_site(root: Path, *, audience: str = "public", internal: bool = True) -> Path:
    """The hostile site; `internal=False` writes its public-only twin (every internal thing
    removed from the sources)."""
    files = {
        "mkdocs.yml": mkdocs_yml(audience),
        "components.yml": yaml.safe_dump(
            components_data(internal=internal), allow_unicode=True, sort_keys=False, width=100_000
        ),
        "incidents/2026-02-01-attack-catalogue.md": incident_file(attack_catalogue()),
        "incidents/2026-03-01-hostile-outage.md": incident_file(
            public_outage(internal=internal), "Body.\n\n" + MARKDOWN_ATTACK + "\n"
        ),
        "incidents/2026-03-10-hostile-open.md": incident_file(public_open(), LONG_PARAGRAPH + "\n"),
        "incidents/2026-03-20-hostile-maintenance.md": incident_file(
            public_maintenance(), MARKDOWN_ATTACK
        ),
        "docs/about.md": "# About\n\nA hand-written page.\n",
    }
    if internal:
        files.update(INTERNAL_FILES)
    for name, text in files.items():  # written as is: no dedent, the content is exact
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def incident_titles() -> dict[str, str]:
    """Every incident's title as readers must see it, by id."""
    return {
        "2026-02-01-attack-catalogue": attack_catalogue()["title"],
        "2026-03-01-hostile-outage": public_outage()["title"],
        "2026-03-10-hostile-open": public_open()["title"],
        "2026-03-20-hostile-maintenance": public_maintenance()["title"],
        "2026-03-05-internalmarker-outage": internal_outage()["title"],
        "2026-03-10-internalmarker-ongoing": internal_open()["title"],
        "2026-03-10-internalmarker-maintenance": internal_maintenance()["title"],
    }


def component_names() -> dict[str, str]:
    return {c["id"]: c["name"] for g in components_data()["groups"] for c in g["components"]}


# -- the scanner ----------------------------------------------------------------------------------

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "param",
    "source",
    "track",
    "wbr",
    "keygen",
    "isindex",
    "frame",
}
#: Elements that run, load, restyle or submit: never in content, nowhere on a page.
NEVER = {
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "base",
    "style",
    "xmp",
    "noembed",
    "noframes",
    "plaintext",
    "template",
    "textarea",
    "portal",
    "isindex",
    "keygen",
    "math",
    "noscript",
    "video",
    "audio",
    "source",
    "track",
    "param",
    "marquee",
    "dialog",
}
#: Form controls: only Material's own (header search, toggles) outside the article, and
#: statusgen's archive filter form (`form#sg-filters`).
FORM = {
    "form",
    "input",
    "button",
    "select",
    "option",
    "optgroup",
    "label",
    "fieldset",
    "datalist",
    "output",
}
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
    "srcset",
    "cite",
    "longdesc",
    "lowsrc",
    "dynsrc",
    "ping",
    "manifest",
    "codebase",
    "archive",
    "usemap",
    "icon",
    "profile",
    "xml:base",
    "content",
}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:", "livescript:", "mocha:")
#: Text an attacker put in; none of it may be inside a script element.
ATTACK_TEXT = ("alert", MARKER_WORD, "evil", "jinja", "spoofbanner")
#: Material's and statusgen's scripts, exactly: external ones from the site's assets...
SCRIPT_SRC = re.compile(
    r"^(?:(?:\.\./)*|/sub/)assets/(?:javascripts/bundle\.[0-9a-f]{8}\.min\.js|statusgen/statusgen\.js)$"
)
#: ... and the inline ones, Material's by their exact beginning (their base path differs by page).
INLINE_SCRIPTS = (
    re.compile(r'^__md_scope=new URL\("(?:\.|\.\.(?:/\.\.)*|/sub/)",location\),__md_hash=e=>'),
    re.compile(r'^var palette=__md_get\("__palette"\);if\(palette&&palette\.color\)\{'),
    re.compile(r"^var target=document\.getElementById\(location\.hash\.slice\(1\)\);"),
    # statusgen's own, the whole of it (render/head.py EARLY_JS_CLASS).
    re.compile(r'^document\.documentElement\.classList\.replace\("no-js", "js"\)$'),
    # ... and the search-on-demand script, the whole of it, byte for byte.
    re.compile(
        "^"
        + re.escape(SEARCH_ON_DEMAND.strip().removeprefix("<script>").removesuffix("</script>"))
        + "$"
    ),
)
CONFIG_KEYS = {"annotate", "base", "features", "search", "tags", "translations", "version"}
#: Ids of the page's own markup: Material's (`__drawer`, `__config`, ...) and statusgen's.
RESERVED_ID = re.compile(r"^(?:__|sg-|component-|group-)")
THEME_CLASS = re.compile(r"^(?:sg|md)-")


#: statusgen's own folder pages (/components/, /incidents/) send readers on to a page of the
#: same site: a relative path, never a scheme (render/redirects.py).
OWN_REFRESH = re.compile(r"0; url=(\.\./)+[a-z/]*(#[a-z-]+)?")


def own_refresh(attrs: dict[str, str]) -> bool:
    return attrs.get("http-equiv") == "refresh" and bool(
        OWN_REFRESH.fullmatch(attrs.get("content", ""))
    )


def bad_url(value: str) -> bool:
    """Whether a URL would run something, as browsers read it (they drop tabs and newlines
    anywhere and control characters and spaces around it)."""
    normal = (
        re.sub(r"[\t\n\r]", "", value)
        .strip(
            "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c"
            "\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18"
            "\x19\x1a\x1b\x1c\x1d\x1e\x1f \x7f"
        )
        .lower()
    )
    if "url=" in normal:  # meta refresh content
        normal = normal.split("url=", 1)[1].strip("'\" ")
    return normal.startswith(BAD_SCHEMES)


#: The elements of the report's charts (render/report.py): shapes and words, nothing active.
CHART_ELEMENTS = {"svg", "title", "desc", "defs", "pattern", "rect", "line", "text", "g"}


@dataclass
class Scan(HTMLParser):
    """Finds what could run in one HTML document (`page`) or fragment (content from a feed or
    an index, where no script, form or embedded document belongs at all)."""

    where: str
    page: bool = True
    findings: list[str] = field(default_factory=list)
    #: Ids that user content should not have been able to take (see RESERVED_ID).
    clobbered: list[str] = field(default_factory=list)
    #: Theme classes on text an attacker wrote.
    spoofed: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.script: tuple[dict[str, str], list[str]] | None = None
        self.title: list[str] | None = None
        self.ids: dict[str, str] = {}

    def flag(self, what: str) -> None:
        self.findings.append(f"{self.where}: {what}")

    def inside(self, tag: str, **attrs: str) -> bool:
        return any(
            t == tag and all(v in a.get(k, "").split() or a.get(k) == v for k, v in attrs.items())
            for t, a in self.stack
        )

    @property
    def in_article(self) -> bool:
        return not self.page or self.inside("article", **{"class": "md-content__inner"})

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): v or "" for k, v in attrs}
        self.check(tag, values)
        if tag not in VOID:
            self.stack.append((tag, values))
        if tag == "script":
            self.script = (values, [])
        if tag == "title" and not self.inside("svg"):
            self.title = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.check(tag, {k.lower(): v or "" for k, v in attrs})

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self.script is not None:
            self.check_script(*self.script)
            self.script = None
        if tag == "title" and self.title is not None:
            self.titles.append("".join(self.title))
            self.title = None
        for n in range(len(self.stack) - 1, -1, -1):
            if self.stack[n][0] == tag:
                del self.stack[n:]
                break

    def handle_data(self, data: str) -> None:
        if self.script is not None:
            self.script[1].append(data)
        if self.title is not None:
            self.title.append(data)
        if "SPOOFBANNER" in data and self.stack:
            classes = self.stack[-1][1].get("class", "").split()
            if any(THEME_CLASS.match(c) for c in classes):
                self.spoofed.append(
                    f"{self.where}: <{self.stack[-1][0]} class={classes}> {data.strip()[:60]}"
                )

    def check(self, tag: str, attrs: dict[str, str]) -> None:
        shown = f"<{tag} {' '.join(f'{k}={v[:60]!r}' for k, v in attrs.items())}>"
        for name, value in attrs.items():
            if name.startswith("on"):
                self.flag(f"event handler {shown}")
            if name == "style":
                self.flag(f"style attribute {shown}")
            if name in URL_ATTRIBUTES and bad_url(value):
                self.flag(f"script URL {shown}")
            if name == "srcset" and any(bad_url(part) for part in value.split(",")):
                self.flag(f"script URL {shown}")
        # The archive's row template (an empty row from the incident_row macro, which the
        # script clones and fills with text) is statusgen's own: one, with exactly this id.
        own_template = tag == "template" and attrs == {"id": "sg-row-template"}
        if tag in NEVER and not own_template:
            self.flag(f"forbidden element {shown}")
        if tag == "meta" and (
            ("http-equiv" in attrs and not own_refresh(attrs))
            or not self.page
            or self.in_article
            or not self.inside("head")
        ):
            self.flag(f"meta element {shown}")
        if tag == "link" and (not self.page or not self.inside("head")):
            self.flag(f"link element {shown}")
        if tag == "title" and not self.inside("svg") and (not self.page or not self.inside("head")):
            self.flag(f"title element {shown}")
        if tag == "script" and (not self.page or self.in_article):
            self.flag(f"script element {shown}")
        if (
            tag in FORM
            and self.in_article
            and not self.inside("form", id="sg-filters")
            and not (tag == "form" and attrs.get("id") == "sg-filters")
        ):
            self.flag(f"form element {shown}")
        if tag in ("svg", "math") and self.in_article and not self.is_report_chart(tag, attrs):
            self.flag(f"embedded document {shown}")
        if self.inside("svg", **{"class": "sg-chart"}) and tag not in CHART_ELEMENTS:
            self.flag(f"unexpected element in a report chart {shown}")
        element_id = attrs.get("id", "")
        if element_id and RESERVED_ID.match(element_id):
            if element_id in self.ids:
                self.clobbered.append(
                    f"{self.where}: id {element_id!r} on {shown} and on {self.ids[element_id]}"
                )
            else:
                self.ids[element_id] = shown
            if element_id == "__config" and tag != "script":
                self.clobbered.append(f"{self.where}: Material's #__config taken by {shown}")

    def is_report_chart(self, tag: str, attrs: dict[str, str]) -> bool:
        """statusgen's own charts, drawn at build time on the report pages (no content of
        responders' goes into them; the elements inside are checked against CHART_ELEMENTS)."""
        return (
            self.page
            and self.where.endswith("report/index.html")
            and tag == "svg"
            and attrs.get("class") == "sg-chart"
            and attrs.get("role") == "img"
        )

    def check_script(self, attrs: dict[str, str], parts: list[str]) -> None:
        content = "".join(parts)
        shown = f"<script {attrs}> {content[:80]!r}"
        lowered = content.lower()
        if any(word in lowered for word in ATTACK_TEXT):
            self.flag(f"attacker text inside a script {shown}")
        if "src" in attrs:
            if not SCRIPT_SRC.match(attrs["src"]) or content.strip() or set(attrs) != {"src"}:
                self.flag(f"unknown external script {shown}")
        elif attrs == {"id": "__config", "type": "application/json"}:
            try:
                config = json.loads(content)
            except ValueError:
                self.flag(f"Material's configuration is not JSON {shown}")
                return
            if (
                set(config) != CONFIG_KEYS
                or not isinstance(config["base"], str)
                or config["features"]
            ):
                self.flag(f"unexpected Material configuration {shown}")
        elif attrs or not any(p.match(content) for p in INLINE_SCRIPTS):
            self.flag(f"unknown inline script {shown}")


def scan(text: str, where: str, *, page: bool = True) -> Scan:
    scanner = Scan(where, page)
    scanner.feed(text)
    scanner.close()
    if page:
        heads = [t for t in scanner.titles]
        if len(heads) != 1:
            scanner.flag(f"{len(heads)} <title> elements")
        if scanner.script is not None:
            scanner.flag("unterminated script")
    return scanner


def all_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.is_file())


def pages(site: Path) -> list[Path]:
    return [p for p in all_files(site) if p.suffix == ".html"]


def feeds(site: Path) -> list[Path]:
    return [p for p in all_files(site) if p.suffix in (".rss", ".atom")]


def statusgen_json(site: Path) -> list[Path]:
    return [
        p
        for p in all_files(site)
        if p.suffix == ".json" and p.relative_to(site).parts[0] in ("api", "history", "badges")
    ]


def rel(site: Path, path: Path) -> str:
    return path.relative_to(site).as_posix()


# -- builds ----------------------------------------------------------------------------------------


def build(root: Path, out: Path) -> Path:
    result = mkdocs_build(root, out, FIXTURE_EPOCH)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return out


def shared(factory: pytest.TempPathFactory, name: str, **options: Any) -> Path:
    """The hostile site (`hostile_site`'s options), built once per run for every worker."""

    def build(out: Path) -> subprocess.CompletedProcess[str]:
        root = hostile_site(out.with_name(out.name + "-src"), **options)
        result = mkdocs_build(root, out, FIXTURE_EPOCH)
        assert "Traceback" not in result.stderr
        return result

    return shared_build(factory.getbasetemp(), name, build)


@pytest.fixture(scope="session")
def public_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shared(tmp_path_factory, "hostile/public-site")


@pytest.fixture(scope="session")
def internal_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shared(tmp_path_factory, "hostile/internal-site", audience="internal")


@pytest.fixture(scope="session")
def public_only_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The public build of the same site with every internal thing removed from its sources."""
    return shared(tmp_path_factory, "hostile/public-only-site", internal=False)


@pytest.fixture(params=["public", "internal"])
def site(request: pytest.FixtureRequest) -> Path:
    return request.getfixturevalue(f"{request.param}_site")


# -- the scanner finds what it looks for -----------------------------------------------------------


@pytest.mark.parametrize(
    "fragment",
    [
        "<script>x()</script>",
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">x</a>',
        '<a href=" JaVa\tScRiPt:alert(1)">x</a>',
        '<a href="&#1;javascript:alert(1)">x</a>',
        '<a href="data:text/html,x">x</a>',
        '<p style="color:red">x</p>',
        "<iframe src=x></iframe>",
        "<form><input></form>",
        "<style>p{}</style>",
        "<svg onload=alert(1)>",
        "<math></math>",
        "<object data=x></object>",
        "<embed src=x>",
        '<base href="https://evil.test/">',
        '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
        "<button formaction=javascript:x>",
        '<svg><a xlink:href="javascript:alert(1)">x</a></svg>',
        "<title>x</title>",
    ],
)
def test_scanner_flags_executable_markup(fragment: str) -> None:
    assert scan(fragment, "fragment", page=False).findings


def test_scanner_flags_clobbering_and_spoofing() -> None:
    page = (
        '<html><head><title>t</title></head><body><article class="md-content__inner md-typeset">'
        '<h2 id="__config">{}</h2><div class="sg-banner">SPOOFBANNER</div></article>'
        '<script id="__config" type="application/json">{}</script></body></html>'
    )
    found = scan(page, "page")
    assert found.clobbered and found.spoofed
    assert (
        scan('<p>plain <a href="https://ok.test/">ok</a></p>', "fragment", page=False).findings
        == []
    )


# -- nothing executable, anywhere -----------------------------------------------------------------


def test_hostile_site_is_complete(public_site: Path, internal_site: Path) -> None:
    """Both builds publish every page and file the attacks should have reached."""
    for built in (public_site, internal_site):
        for incident in (
            "2026-02-01-attack-catalogue",
            "2026-03-01-hostile-outage",
            "2026-03-10-hostile-open",
            "2026-03-20-hostile-maintenance",
        ):
            assert (built / "incidents" / incident / "index.html").is_file()
        for name in (
            "feed.rss",
            "feed.atom",
            "maintenance.ics",
            "api/v2/summary.json",
            "badges/api.svg",
            "search/search_index.json",
            "sitemap.xml",
        ):
            assert (built / name).is_file()
    assert (internal_site / "incidents/2026-03-05-internalmarker-outage/index.html").is_file()
    # Every attack of the catalogue is one update on its page.
    catalogue = parse_page(public_site / "incidents/2026-02-01-attack-catalogue/index.html")
    assert (
        "jslink" in catalogue.text
        and "attrlink" in catalogue.text
        and "tab-entity-js" in catalogue.text
    )


def test_pages_hold_nothing_executable(site: Path) -> None:
    findings = []
    for path in pages(site):
        findings += scan(path.read_text(encoding="utf-8"), rel(site, path)).findings
    assert findings == [], "\n".join(findings[:40])


def html_typed(element: ET.Element) -> bool:
    """Whether a feed element holds HTML as feed readers read it: RSS descriptions (item and
    channel) and content:encoded always; Atom text constructs when their type says so."""
    namespace, _, name = element.tag.rpartition("}")
    if "Atom" in namespace:
        return element.get("type") in ("html", "xhtml")
    return name in ("description", "encoded")


def test_feed_fragments_hold_nothing_executable(site: Path) -> None:
    """Every HTML fragment of every feed, read both as a feed reader does (feedparser, with its
    own sanitizing off) and as plain XML. Titles are text (RSS Advisory Board; feedparser reads
    them so) and must come out exactly as written."""
    titles = set(incident_titles().values())
    findings: list[str] = []
    checked = 0
    for path in feeds(site):
        where = rel(site, path)
        parsed = feedparser.parse(
            path.read_bytes(), sanitize_html=False, resolve_relative_uris=False
        )
        assert not parsed.bozo, (where, parsed.get("bozo_exception"))
        assert parsed.entries or path.parent.name == "long"
        for owner, details in [
            ("feed", [parsed.feed.get("title_detail"), parsed.feed.get("subtitle_detail")]),
            *(
                (
                    entry.id,
                    [
                        entry.get("title_detail"),
                        entry.get("summary_detail"),
                        *entry.get("content", []),
                    ],
                )
                for entry in parsed.entries
            ),
        ]:
            for detail in filter(None, details):
                if detail["type"] in ("text/html", "application/xhtml+xml"):
                    findings += scan(
                        detail["value"], f"{where} {owner} (feedparser)", page=False
                    ).findings
                    checked += 1
                else:
                    assert detail["type"] == "text/plain", detail
        for entry in parsed.entries:
            assert entry.title.startswith("[") and entry.title.split("] ", 1)[1] in titles, (
                entry.title
            )
            assert entry.link.startswith(BASE + "incidents/") and not bad_url(entry.link)
        for element in ET.parse(path).iter():
            name = element.tag.rsplit("}", 1)[-1]
            text = element.text or ""
            if html_typed(element):
                findings += scan(text, f"{where} <{name}> (XML)", page=False).findings
                checked += 1
            if name == "title" and text.startswith("["):
                assert text.split("] ", 1)[1] in titles, text
            if name == "link":
                assert not bad_url(element.get("href") or text)
    assert checked > 100
    assert findings == [], "\n".join(findings[:40])


def test_json_documents_escape_markup(site: Path) -> None:
    """statusgen's JSON (API, archive index, badges) never holds a raw `<`, `>` or `&`: no text
    can close a tag or open one wherever the document lands. Material's search index holds HTML
    (the search box renders it): every string of it with markup is scanned like a fragment."""
    for path in statusgen_json(site):
        raw = path.read_text(encoding="utf-8")
        json.loads(raw)
        for char in "<>&":
            assert char not in raw, f"{rel(site, path)}: raw {char!r}"
        assert "<script" not in raw.lower()
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    findings: list[str] = []
    for doc in index["docs"]:
        for key in ("title", "text"):
            if "<" in doc[key]:
                findings += scan(
                    doc[key], f"search_index {doc['location']} {key}", page=False
                ).findings
    assert findings == [], "\n".join(findings[:40])


def test_api_bodies_hold_nothing_executable_for_clients_that_render_them(site: Path) -> None:
    """Statuspage clients render an update's `body` and a `postmortem_body` as HTML: each is
    the responder's text through the pages' sanitizer, so nothing in it can run there."""
    findings: list[str] = []
    checked = 0
    for name in ("incidents.json", "scheduled-maintenances.json"):
        data = json.loads((site / "api/v2" / name).read_text(encoding="utf-8"))
        for item in data.get("incidents") or data.get("scheduled_maintenances") or []:
            bodies = [u["body"] for u in item["incident_updates"]]
            bodies += [item["postmortem_body"]] if item.get("postmortem_body") else []
            for body in bodies:
                findings += scan(body, f"{name} {item['id']}", page=False).findings
                checked += 1
    assert checked > 20
    assert findings == [], "\n".join(findings[:40])


def test_calendar_and_badges_hold_nothing_executable(site: Path) -> None:
    calendar = icalendar.Calendar.from_ical((site / "maintenance.ics").read_bytes())
    titles = set(incident_titles().values())
    events = list(calendar.walk("VEVENT"))
    assert events
    for event in events:
        assert str(event["summary"]) in titles  # text, exactly as written
        assert str(event["url"]).startswith(BASE + "incidents/")
        for name in event:  # no HTML alternative description, no attachments, no alarms
            assert name.upper() not in ("X-ALT-DESC", "ATTACH", "X-MICROSOFT-CDO-ALTDESC"), name
        assert not list(event.walk("VALARM"))
    names = component_names()
    for path in site.glob("badges/*.svg"):
        root = ET.parse(path).getroot()  # well-formed XML
        for element in root.iter():
            tag = element.tag.rsplit("}", 1)[-1]
            assert tag in ("svg", "title", "rect", "g", "text"), (path.name, tag)
            for attribute in element.attrib:
                assert not attribute.lower().startswith("on") and "href" not in attribute, (
                    path.name,
                    attribute,
                )
        component = path.stem
        if component in names:
            title = root.find("{http://www.w3.org/2000/svg}title")
            assert title is not None and title.text is not None
            assert title.text.startswith(names[component] + ": ")


def test_sitemap_lists_only_site_urls(site: Path) -> None:
    tree = ET.parse(site / "sitemap.xml")
    locations = [e.text or "" for e in tree.iter() if e.tag.endswith("}loc")]
    assert locations and all(loc.startswith(BASE) for loc in locations)


# -- text stays text ----------------------------------------------------------------------------


def head_title(page: Path) -> str:
    raw = page.read_text(encoding="utf-8")
    match = re.search(r"<title>(.*?)</title>", raw, re.S)
    assert match, page
    assert "<" not in match.group(1), f"{page}: <title> opens a tag: {match.group(1)[:200]}"
    return html.unescape(match.group(1))


INCIDENT_STATES = {"Upcoming", "Ongoing", "In progress", "Resolved", "Completed"}


def test_title_elements_are_the_escaped_user_titles(site: Path) -> None:
    names = component_names()
    # The internal site marks its name in every title.
    site_name = SITE_NAME if site.name.startswith("public") else f"{SITE_NAME} (internal)"
    for incident, title in incident_titles().items():
        page = site / "incidents" / incident / "index.html"
        if not page.exists():
            assert MARKER_WORD in incident and site.name.startswith("public")
            continue
        # The state first ("Resolved: ..."), then the title as typed.
        state, _, rest = head_title(page).partition(": ")
        assert state in INCIDENT_STATES and rest == f"{title.strip()} - {site_name}"
        scanned = scan(page.read_text(encoding="utf-8"), incident)
        assert len(scanned.titles) == 1
        text = parse_page(page).text
        assert " ".join(title.split()) in text
    for component, name in names.items():
        page = site / "components" / component / "index.html"
        if page.exists():
            assert head_title(page) == f"{name} - {site_name}"


def test_template_syntax_is_shown_literally(site: Path) -> None:
    """`{{ 7*7 }}` and `{% raw %}` in content reach readers as typed, never evaluated."""
    for path in all_files(site):
        if path.suffix in (".html", ".rss", ".atom", ".json", ".ics", ".svg", ".xml"):
            text = path.read_text(encoding="utf-8")
            assert "JINJA49JINJA" not in text and "RAWxRAW" not in text, rel(site, path)
    for name in (
        "index.html",
        "incidents/2026-03-01-hostile-outage/index.html",
        "components/api/index.html",
    ):
        text = parse_page(site / name).text
        assert JINJA in text and RAW in text, name


def test_attribute_values_hold_exactly_what_was_written(site: Path) -> None:
    """The upstream link, the contact link and feed titles in the head are escaped once for
    their attribute, so the value a browser reads is exactly the configured text."""
    component = parse_page(site / "components/web/index.html")
    assert UPSTREAM in component.links
    for name in ("index.html", "incidents/2026-03-01-hostile-outage/index.html"):
        page = parse_page(site / name)
        assert "mailto:" + CONTACT["url"] in page.links
        assert CONTACT["text"] in page.text


class LinkTitles(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.titles: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "link" and "alternate" in (values.get("rel") or "").split():
            self.titles.append(values.get("title") or "")


def test_component_feed_autodiscovery_titles_are_escaped_once(public_site: Path) -> None:
    """Component pages link their own feeds in the head; the link's title is the component's
    name, as a feed reader offering the subscription should show it."""
    name = component_names()["api"]
    parser = LinkTitles()
    parser.feed((public_site / "components/api/index.html").read_text(encoding="utf-8"))
    assert f"{SITE_NAME} (RSS)" in parser.titles
    assert f"{name} (RSS)" in parser.titles, [t[:80] for t in parser.titles]
    assert f"{name} (Atom)" in parser.titles


def test_content_cannot_take_the_pages_own_ids(site: Path) -> None:
    """A heading id from content (`{: #__config }`, raw `<h2 id=...>`) must not take an id the
    page's own markup uses: Material reads its runtime configuration (base URL, features,
    search worker) from the first `#__config` element, which would then be the attacker's."""
    clobbered = []
    for path in pages(site):
        clobbered += scan(path.read_text(encoding="utf-8"), rel(site, path)).clobbered
    assert clobbered == [], "\n".join(clobbered[:20])


def test_content_cannot_use_theme_classes(site: Path) -> None:
    """Content keeps classes only where formatting needs them; statusgen's and Material's layout
    classes (`sg-banner`, `md-overlay`, ...) would let an update draw a fake "All systems
    operational" banner or a full-page overlay."""
    spoofed = []
    for path in pages(site):
        spoofed += scan(path.read_text(encoding="utf-8"), rel(site, path)).spoofed
    assert spoofed == [], "\n".join(spoofed[:20])


def test_updates_posted_at_the_same_instant_stay_distinct(public_site: Path) -> None:
    """Two updates at the same instant (11:00Z, one written as 12:00+01:00) are two updates:
    distinct anchors on the incident page and distinct feed entry ids."""
    raw = (public_site / "incidents/2026-03-01-hostile-outage/index.html").read_text(
        encoding="utf-8"
    )
    anchors = re.findall(r'<li class="sg-update" id="([^"]+)"', raw)
    assert len(anchors) == 3
    assert len(set(anchors)) == len(anchors), anchors
    parsed = feedparser.parse((public_site / "feed.atom").read_bytes())
    ids = [e.id for e in parsed.entries]
    assert len(set(ids)) == len(ids), sorted(i for i in ids if ids.count(i) > 1)


def test_astral_characters_keep_the_page_title_and_layout(tmp_path: Path) -> None:
    """A title with characters outside the BMP (emoji, mathematical letters) is the page's
    title too; the page keeps its generated layout (no navigation, no table of contents)."""
    title = "Fire \U0001f525 in the \U0001d521\U0001d51e\U0001d531\U0001d51e centre"
    root = hostile_site(tmp_path / "src", internal=False)
    (root / "incidents/2026-03-09-fire.md").write_text(
        incident_file(
            {
                "title": title,
                "impact": "minor",
                "components": {"api": "degraded_performance"},
                "phases": [
                    {
                        "at": "2026-03-09T10:00:00Z",
                        "status": "resolved",
                        "message": "Out \U0001f525.",
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    out = build(root, tmp_path / "site")
    page = out / "incidents/2026-03-09-fire/index.html"
    assert head_title(page) == f"Resolved: {title} - {SITE_NAME}"  # its state first
    reference = (out / "incidents/2026-03-01-hostile-outage/index.html").read_text(encoding="utf-8")
    hidden_nav = 'data-md-type="navigation" hidden'
    assert hidden_nav in reference
    assert hidden_nav in page.read_text(encoding="utf-8")
    index = json.loads((out / "search/search_index.json").read_text(encoding="utf-8"))
    assert f"Resolved: {title}" in [
        d["title"] for d in index["docs"] if d["location"] == "incidents/2026-03-09-fire/"
    ]


# -- audiences ----------------------------------------------------------------------------------


def test_public_build_has_no_internal_marker_in_any_file(public_site: Path) -> None:
    import gzip

    leaks = []
    for path in all_files(public_site):
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        if MARKER_WORD.encode() in data.lower() or MARKER_WORD in rel(public_site, path).lower():
            leaks.append(rel(public_site, path))
        if b"sg-internal" in data and not rel(public_site, path).startswith("assets/"):
            leaks.append(rel(public_site, path) + " (internal label)")
    assert leaks == []


def test_public_api_lists_no_internal_component(public_site: Path) -> None:
    components = json.loads((public_site / "api/v2/components.json").read_text(encoding="utf-8"))
    ids = {c["id"] for c in components["components"]}
    assert {"api", "web", "long"} <= ids
    assert not any(MARKER_WORD in i for i in ids)
    for group in (c for c in components["components"] if c["group"]):
        assert set(group["components"]) <= ids


def test_public_status_and_uptime_ignore_internal_content(
    public_site: Path, public_only_site: Path
) -> None:
    """The public build equals the public build of the same site with every internal thing
    deleted from its sources: statuses, uptime, indicator, every page and file."""

    def status(site: Path) -> dict[str, Any]:
        summary = json.loads((site / "api/v2/summary.json").read_text(encoding="utf-8"))
        return {
            "status": summary["status"],
            "components": {c["id"]: c["status"] for c in summary["components"]},
        }

    assert status(public_site) == status(public_only_site)
    assert (
        status(public_site)["components"]["api"] == "operational"
    )  # the internal ones said major_outage
    for component in ("api", "web", "long"):
        page = f"components/{component}/index.html"
        assert parse_page(public_site / page).text == parse_page(public_only_site / page).text, (
            component
        )
    differing = [
        rel(public_site, p)
        for p in all_files(public_site)
        if p.read_bytes() != (public_only_site / rel(public_site, p)).read_bytes()
    ]
    missing = {rel(public_only_site, p) for p in all_files(public_only_site)} - {
        rel(public_site, p) for p in all_files(public_site)
    }
    assert differing == [] and not missing


def test_internal_build_keeps_every_marker(internal_site: Path) -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in pages(internal_site))
    assert [m for m in MARKERS if m not in text] == []
    components = json.loads((internal_site / "api/v2/components.json").read_text(encoding="utf-8"))
    assert {"internalmarker-db", "internalmarker-cache"} <= {
        c["id"] for c in components["components"]
    }
    assert "sg-internal" in text


# -- unsafe URLs are refused -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "upstream",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "javascript://https://x.test/%0aalert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "https://x.test/ onmouseover=alert(1)",
        " javascript:alert(1)",
    ],
)
def test_check_rejects_an_unsafe_upstream(tmp_path: Path, upstream: str) -> None:
    components = {
        "groups": [
            {
                "name": "Core",
                "components": [
                    {"id": "api", "name": "API"},
                    {"id": "web", "name": "Web", "upstream": upstream},
                ],
            }
        ]
    }
    text = yaml.safe_dump(components, sort_keys=False)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "upstream:" in row)
    write_site(tmp_path, {"components.yml": text})
    # In process, as the command line runs it (a process per URL added nothing but start-up).
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = statusgen_main(["-C", str(tmp_path), "--now", "2026-03-10T12:00:00Z", "check"])
    assert code == 1, (out.getvalue(), err.getvalue())
    assert re.search(
        rf"components\.yml:{line}: upstream .*expected http\(s\)://", err.getvalue()
    ), err.getvalue()
    assert "Traceback" not in out.getvalue() + err.getvalue()


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "javascript:alert(1)//@x.test",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
    ],
)
def test_an_unsafe_contact_url_stops_the_build(tmp_path: Path, url: str) -> None:
    root = hostile_site(tmp_path / "src", internal=False)
    (root / "mkdocs.yml").write_text(
        mkdocs_yml(contact={"url": url, "text": "Ask"}), encoding="utf-8"
    )
    result = mkdocs_build(root, tmp_path / "site", FIXTURE_EPOCH)
    assert result.returncode == 1, result.stderr
    # MkDocs' own config error, naming the plugin, the option and the value.
    assert "Plugin 'statusgen' option 'contact': Sub-option 'url'" in result.stderr
    assert f"{url!r} is not allowed; expected an http(s) URL" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()
