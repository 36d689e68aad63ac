"""No bidirectional control character reaches any channel: a notice holds none, whatever the
incident's title, message or who-is-affected text carried."""

from __future__ import annotations

import pytest
from notifynotices import SITE, T, notice

from statusgen.notify.backends import BACKENDS
from statusgen.notify.updates import BIDI_CONTROLS
from statusgen.options.notify import ChannelOptions

CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


def channel(kind: str) -> ChannelOptions:
    if kind == "email":
        return ChannelOptions(
            kind, kind, smtp="smtp://m.test", sender="s@status.test", to=("a@b.test",)
        )
    return ChannelOptions(kind, kind, url="https://hooks.test/x", secret="k")


def test_the_pattern_covers_every_control_named_by_the_issue() -> None:
    assert BIDI_CONTROLS.findall(CONTROLS + "abc \u05d0\u0627") == list(CONTROLS)


@pytest.mark.parametrize("kind", sorted(BACKENDS))
def test_no_channel_sends_a_bidirectional_control(kind: str) -> None:
    n = notice(
        f"Pay at moc.\u202eelpmaxe{CONTROLS} and `\u2067code\u2069`",
        title=f"API \u202eerrors\u202c {CONTROLS}",
    )
    assert not BIDI_CONTROLS.search(n.headline + n.title + n.message_html + str(n.facts))
    shown = BACKENDS[kind].prepare(channel(kind), n, SITE, T).shown()
    if kind == "email":
        from email import message_from_string, policy

        parsed = message_from_string(shown, policy=policy.default)
        shown += str(parsed["Subject"]) + "".join(
            part.get_content() for part in parsed.walk() if not part.is_multipart()
        )
    else:
        import json

        shown = json.dumps(json.loads(shown.split("\n\n")[-1]), ensure_ascii=False)
    assert not BIDI_CONTROLS.search(shown), kind
    assert "moc.elpmaxe" in shown
