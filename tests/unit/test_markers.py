"""What statusgen writes into hand-written pages: the component picker and the e-mail sign-up
(`subscribe_form`), in each of its forms, read back as HTML."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from sitebuild import FIXTURE_BUILT, fixture_site
from siteoutputs import render_folder

from statusgen.options.mkdocs_yml import SiteConfigError

EMAIL = "<div data-statusgen-email></div>"
PICKER = "<div data-statusgen-components></div>"


def subscribe_page(tmp_path: Path, form: str = "", html: str = EMAIL) -> str:
    """The markers of `html` filled in, for a fixture site with `form` as its option."""
    extra = f"      subscribe_form:\n{form}" if form else ""
    root = fixture_site(tmp_path, extra=extra)
    return render_folder(root, FIXTURE_BUILT).hand_written(f"<h2>E-mail</h2>\n{html}\n<p>end</p>")


def parse(html: str) -> lxml.html.HtmlElement:
    """The filled-in body as an element tree."""
    return lxml.html.fragment_fromstring(html, create_parent="div")


def test_without_the_option_readers_are_told_to_ask(tmp_path: Path) -> None:
    page = subscribe_page(tmp_path)
    assert "Ask us to add your address." in page
    assert '<a href="mailto:help@status.test">Ask us</a>' in page
    assert "<form" not in page and EMAIL not in page and "<p>end</p>" in page


def test_a_listmonk_form_posts_the_address_and_the_chosen_lists(tmp_path: Path) -> None:
    form = (
        "        action: https://lists.status.test/subscription/form\n"
        "        fields: {nonce: ''}\n"
        "        lists: {Every update: uuid-all, '<b>API</b>': 7}\n"
    )
    page = parse(subscribe_page(tmp_path, form))
    (sent,) = page.iter("form")
    assert dict(sent.attrib) == {
        "class": "sg-email",
        "method": "post",
        "action": "https://lists.status.test/subscription/form",
    }
    inputs = [(i.get("type"), i.get("name"), i.get("value")) for i in page.iter("input")]
    assert inputs == [
        ("email", "email", None),
        ("hidden", "nonce", ""),
        ("checkbox", "l", "uuid-all"),
        ("checkbox", "l", "7"),
    ]
    assert next(page.iter("label")).text_content().strip() == "Your e-mail address"
    assert "&lt;b&gt;API&lt;/b&gt;" in subscribe_page(tmp_path / "again", form)


@pytest.mark.parametrize(
    ("form", "links"),
    [
        (  # Google Groups: the group's +subscribe address
            "        action: mailto:status+subscribe@googlegroups.com\n",
            ["mailto:status+subscribe@googlegroups.com?subject=join"],
        ),
        (  # Mailman 3: each list's -join address, one per component list
            "        action: mailto:status-join@lists.status.test\n"
            "        lists: {Everything: status-join@lists.status.test,"
            " Public API: api-join@lists.status.test}\n",
            [
                "mailto:status-join@lists.status.test?subject=join",
                "mailto:api-join@lists.status.test?subject=join",
            ],
        ),
    ],
)
def test_join_addresses_are_mail_links(tmp_path: Path, form: str, links: list[str]) -> None:
    page = parse(subscribe_page(tmp_path, form))
    assert [a.get("href") for a in page.iter("a")] == links
    assert not list(page.iter("form"))


@pytest.mark.parametrize(
    "form",
    [
        "        action: javascript:alert(1)\n",
        '        action: https://x.test/" onmouseover="x\n',
        "        email_field: 'e mail'\n",
        "        lists: [a, b]\n",
    ],
)
def test_a_bad_subscribe_form_is_refused(tmp_path: Path, form: str) -> None:
    with pytest.raises(SiteConfigError, match="subscribe_form"):
        subscribe_page(tmp_path, form)


def test_the_picker_lists_every_components_feeds_from_the_page(tmp_path: Path) -> None:
    page = parse(subscribe_page(tmp_path, html=PICKER))
    links = [a.get("href") for a in page.iter("a")]
    ids = ("api", "web", "payments")
    assert [link for link in links if link.endswith(".rss")][: len(ids)] == [
        f"../components/{i}/feed.rss" for i in ids
    ]
    boxes = list(page.iter("input"))
    assert len(boxes) == len(ids) and all("hidden" in box.attrib for box in boxes)
    (script,) = page.iter("script")
    assert script.get("src") == "../assets/statusgen/picker.js"


def test_the_widget_snippet_names_the_builds_own_address(tmp_path: Path) -> None:
    marker = "<div data-statusgen-widget-preview></div>"
    page = subscribe_page(tmp_path, html=marker)
    assert '&lt;script src="https://status.test/widget.js" async&gt;&lt;/script&gt;' in page
    tree = parse(page)
    (script,) = tree.iter("script")
    assert script.get("src") == "../widget.js"  # the live widget, from the page's own site
    assert len(tree.xpath("//div[@data-statusgen-widget]")) == 1
