"""Python-Markdown's inline step without its work on text that no inline pattern can match.

Markdown's `InlineProcessor` tries every inline pattern (`INLINE_PATTERNS`) on every piece of
text of a document, a regular-expression search each: a quarter of the time a postmortem
takes to render, spent mostly on headings, table cells and sentences without any inline
markup. Every one of those patterns needs one of a few characters to match (`_TRIGGER`); a
text without any of them is handed back unchanged, as the patterns would leave it.

It takes over only where the registered patterns are exactly `INLINE_PATTERNS` (a Markdown
release or an extension that adds one keeps Markdown's own step). `tests/unit/test_fast_paths.py`
compares this renderer's HTML with Markdown's
own, byte for byte, on generated texts and on every text of the example site and the benchmark
corpus.
"""

from __future__ import annotations

import re

import markdown
from markdown.treeprocessors import InlineProcessor

#: The inline patterns of the responders' Markdown, by name, in the order Markdown tries them.
INLINE_PATTERNS = (
    "backtick",
    "escape",
    "reference",
    "link",
    "image_link",
    "image_reference",
    "short_reference",
    "short_image_ref",
    "autolink",
    "automail",
    "linebreak",
    "html",
    "entity",
    "em_strong",
)
#: What each of them needs to match: a backtick, a backslash, `[` (links and images, by
#: reference or not), `<` (autolinks, e-mail links, HTML), two spaces before a line break,
#: `&` (character references), `*` or `_` (emphasis).
_TRIGGER = re.compile(r"[`\\\[<&*_]|  \n")
#: Markdown's own priority for its inline step (`markdown.treeprocessors.build_treeprocessors`).
INLINE_PRIORITY = 20


class QuickInline(InlineProcessor):  # type: ignore[misc]  # Markdown is untyped
    """Markdown's inline step, skipping the patterns on text none of them can match."""

    # Markdown's private `__handleInline`, by its mangled name: what `run` calls on each text
    # (from pattern 0) and on the text inside each element a pattern made (from the next one).
    def _InlineProcessor__handleInline(self, data: str, pattern_index: int = 0) -> str:
        if pattern_index == 0 and _TRIGGER.search(data) is None:
            return data  # what every pattern, none matching, would hand back
        handled: str = super()._InlineProcessor__handleInline(data, pattern_index)
        return handled


def install(md: markdown.Markdown) -> bool:
    """Put `QuickInline` in place of `md`'s inline step (same name and priority) when its
    inline patterns are the known ones; whether it did."""
    patterns = md.inlinePatterns
    if len(patterns) != len(INLINE_PATTERNS) or not all(n in patterns for n in INLINE_PATTERNS):
        return False
    md.treeprocessors.register(QuickInline(md), "inline", INLINE_PRIORITY)
    return True
