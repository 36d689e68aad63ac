"""Page shells (`render/shells.py`): a template rendered once with sentinels, then filled with
each page's values, gives exactly what rendering the template with those values gives, for
hostile values too; a value the template shows through a filter the shell cannot repeat makes
no shell."""

from __future__ import annotations

import jinja2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from statusgen.render.shells import MARK, TRANSFORMS, Hole, learn, sentinel

#: Every filter a theme uses on a page's values, as Material writes them, with and without
#: Jinja's autoescape (MkDocs' environment has none).
TEMPLATE = """<title>{{ title | striptags }} - Site</title>
<meta name="description" content="{{ description }}">
<h1>{{ title }}</h1><a title="{{ title | e }}" href="{{ url }}">{{ title | striptags | e }}</a>
<a href="https://share.test/?t={{ title | urlencode }}">{{ title | e | striptags }}</a>
<article>{{ content }}</article>"""

HOSTILE = [
    "<script>alert(1)</script>",
    "Tom & Jerry &amp; &lt;b&gt; &#39; &nonsense;",
    "\"quoted\" and 'single' `back`",
    "JINJA{{ 7*7 }}{% raw %}x{% endraw %}{# c #}",
    sentinel("title"),
    sentinel("content", extra="<h1"),
    f"{MARK} {MARK[::-1]} {MARK}title{MARK[::-1]}",
    "  runs\tof \n white   space  ",
    "<!-- comment --> <b>bold</b> </title><img src=x onerror=alert(1)>",
    "\u202eevil\u202c \u2066iso\u2069 \u200f ünïcödé 日本",
    "",
]


#: With autoescape (a theme of another environment): `| e | striptags` is escaped again,
#: through no filter of `TRANSFORMS`, so it is left out.
ESCAPING = TEMPLATE.replace("{{ title | e | striptags }}", "")


def render(values: dict[str, str], autoescape: bool) -> str:
    env = jinja2.Environment(autoescape=autoescape)
    return env.from_string(ESCAPING if autoescape else TEMPLATE).render(values)


SENTINELS = {
    "title": sentinel("title"),
    "description": sentinel("description"),
    "content": sentinel("content"),
    "url": sentinel("url", segment=True),
}


@pytest.mark.parametrize("autoescape", [False, True])
@pytest.mark.parametrize("value", HOSTILE)
def test_a_filled_shell_is_the_template_rendered_with_hostile_values(
    value: str, autoescape: bool
) -> None:
    shell = learn(render(SENTINELS, autoescape), SENTINELS)
    assert shell is not None
    assert shell.holes == (8 if autoescape else 9)  # every place a value lands
    values = {"title": value, "description": value[::-1], "content": value + value, "url": "x-1"}
    assert shell.fill(values) == render(values, autoescape)


@settings(max_examples=200, deadline=None)
@given(title=st.text(), content=st.text())
def test_any_text_fills_as_the_template_renders_it(title: str, content: str) -> None:
    shell = learn(render(SENTINELS, False), SENTINELS)
    assert shell is not None
    values = {"title": title, "description": content, "content": content, "url": "2026"}
    assert shell.fill(values) == render(values, False)


def test_the_filter_of_each_hole_is_found() -> None:
    shell = learn(render(SENTINELS, False), SENTINELS)
    assert shell is not None
    found = {(part.slot, part.transform) for part in shell.parts if isinstance(part, Hole)}
    assert found == {
        ("title", "striptags"),
        ("title", "raw"),
        ("title", "escape"),
        ("title", "striptags-escape"),
        ("title", "urlencode"),
        ("title", "escape-striptags"),
        ("description", "raw"),
        ("content", "raw"),
        ("url", "raw"),
    }


def test_filters_tell_a_sentinel_apart() -> None:
    value = sentinel("title")
    images = [transform(value) for transform in TRANSFORMS.values()]
    assert len(set(images)) == len(images)


@pytest.mark.parametrize(
    "shown",
    [
        "{{ title | upper }}",
        "{{ title | replace('<', '') }}",
        "{{ title | tojson }}",
        "{{ title[:20] }}",
        "{{ title | truncate(30) }}",
        "{{ title | title }}",
        "{{ title | reverse | join }}",
    ],
)
def test_a_value_through_an_unknown_filter_makes_no_shell(shown: str) -> None:
    template = jinja2.Environment().from_string("<h1>{{ title }}</h1><p>" + shown + "</p>")
    assert learn(template.render(SENTINELS), SENTINELS) is None


def test_two_slots_that_look_alike_make_no_shell() -> None:
    same = {"title": sentinel("title"), "other": sentinel("title")}
    assert learn(f"<h1>{same['title']}</h1>", same) is None
