"""Documents written in Markdown for Mattermost and Discord, each by its own rules.

Prose: every character either markup reads is escaped with a backslash, which both document
and both remove on display (CommonMark escapes any ASCII punctuation; Discord's parser, any
character but a letter, digit or space): `\\`, backtick, `*`, `~`, `[`, `]`, `<`, `>`, `#`,
`|`, `&`, `!` always; `_` unless between two ASCII letters or digits (where neither reads it: no
`__`, no word boundary); `-`, `+`, `=` and `1.` / `1)` where a line starts (lists, setext
headings, Discord's `-#`). Nothing else is touched, so text reads as written.

Code is never escaped (neither platform reads escapes in code): inline code is fenced with
more backticks than it holds (and padded with a space where it starts or ends with one), a
code block with ``` on lines of their own.

Mentions are broken, with a zero-width space after the `@`, only where the platform reads one:
- Mattermost notifies `@name`, `@channel`, `@all` and `@here` wherever an `@` starts a word
  (not in `user@example.com`); it skips code, so code is left whole, except code holding a
  backtick (or `~~~`), whose end a mention parser may see elsewhere than the renderer does.
- Discord reads `@everyone` and `@here` (`<@id>`, `<#id>` and `<t:...>` cannot form: `<` is
  escaped); an embed never pings and the payload allows no mention either. A code block
  cannot hold ``` on Discord (its parser ends the block at the first), so such a run is
  broken with a zero-width space.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from statusgen.notify.document import Block, Document, Run, links

ZERO_WIDTH_SPACE = "\u200b"
_ALWAYS = frozenset("\\`*~[]<>#|&!")
_LINE_START = re.compile(r"^(?:([-+=])|(\d+)([.)]))")
_BACKTICKS = re.compile(r"`+")
#: Mattermost: an `@` that starts a word (not after a letter, digit, `_` or `@`).
_MATTERMOST_MENTION = re.compile(r"(?<![\w@])@(?=\w)")
_DISCORD_MENTION = re.compile(r"@(?=everyone|here)")
_UNSAFE_BLOCK = re.compile(r"`{3}|~{3}")


def _ascii_word(character: str) -> bool:
    return character.isascii() and character.isalnum()


def escape(text: str, line_start: bool = False) -> str:
    """Prose with every character Markdown could read escaped (see the module's docstring)."""
    out = []
    last = len(text) - 1
    for index, character in enumerate(text):
        intraword = (
            0 < index < last and _ascii_word(text[index - 1]) and _ascii_word(text[index + 1])
        )
        if character in _ALWAYS or (character == "_" and not intraword):
            out.append("\\" + character)
        else:
            out.append(character)
    escaped = "".join(out)
    if line_start:
        escaped = _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", escaped)
    return escaped


def fence_for(content: str) -> str:
    """Backticks, one more than the longest run of them in `content`."""
    return "`" * (max((len(run) for run in _BACKTICKS.findall(content)), default=0) + 1)


@dataclass(frozen=True)
class Dialect:
    """One platform's Markdown."""

    name: str
    #: Breaks the mentions this platform reads in prose.
    defuse: Callable[[str], str]
    #: Writes inline code and a code block.
    inline_code: Callable[[str], str]
    code_block: Callable[[str], str]
    #: Whether a mailto link can be written as a link.
    mailto: bool

    def prose(self, text: str, line_start: bool = False) -> str:
        """Text as this platform shows it literally."""
        return self.defuse(escape(text, line_start))


def _mattermost_defuse(text: str) -> str:
    return _MATTERMOST_MENTION.sub("@" + ZERO_WIDTH_SPACE, text)


def _discord_defuse(text: str) -> str:
    return _DISCORD_MENTION.sub("@" + ZERO_WIDTH_SPACE, text)


def _padded(content: str, both_spaces: bool) -> str:
    """CommonMark strips one space from each side when both have one; both strip one next to a
    backtick: pad so that what remains is `content`."""
    if content.startswith("`") or content.endswith("`"):
        return f" {content} "
    if both_spaces and content.startswith(" ") and content.endswith(" ") and content.strip():
        return f" {content} "
    return content


def _mattermost_inline(content: str) -> str:
    if "`" in content:
        content = _mattermost_defuse(content)
    fence = fence_for(content)
    return f"{fence}{_padded(content, True)}{fence}"


def _mattermost_block(content: str) -> str:
    if _UNSAFE_BLOCK.search(content):
        content = _mattermost_defuse(content)
        fence = "`" * max(3, len(fence_for(content)))
        return f"{fence}\n{content}\n{fence}"
    return f"```\n{content}\n```"


def _discord_inline(content: str) -> str:
    fence = fence_for(content)
    return f"{fence}{_padded(content, False)}{fence}"


def _discord_block(content: str) -> str:
    while "```" in content:
        content = content.replace("```", "``" + ZERO_WIDTH_SPACE + "`")
    return f"```\n{content}\n```"


MATTERMOST = Dialect("mattermost", _mattermost_defuse, _mattermost_inline, _mattermost_block, True)
DISCORD = Dialect("discord", _discord_defuse, _discord_inline, _discord_block, False)


def _styled(run: Run, dialect: Dialect, line_start: bool) -> str:
    body = dialect.inline_code(run.text) if run.code else dialect.prose(run.text, line_start)
    core = body.strip(" ")
    if not core or run.code and not core.strip("`"):
        return body
    for flag, mark in ((run.strike, "~~"), (run.italic, "*"), (run.bold, "**")):
        if flag:
            core = f"{mark}{core}{mark}"
    lead = body[: len(body) - len(body.lstrip(" "))]
    trail = body[len(body.rstrip(" ")) :]
    return lead + core + trail


def inline(runs: tuple[Run, ...], dialect: Dialect) -> str:
    """A block's runs: styles as `**`, `*`, `~~` and code, links as `[words](address)` (never
    `<address>`, whose text a client may show decoded)."""
    out: list[str] = []
    for href, group in links(runs):
        if href is None or href.startswith("mailto:") and not dialect.mailto:
            out.extend(_styled(run, dialect, not out) for run in group)
            continue
        label = "".join(_styled(run, dialect, False) for run in group).strip()
        # CommonMark reads entities and escapes in a destination: `&#64;` would be `@`.
        out.append(f"[{label}]({href.replace('&', chr(92) + '&')})")
    return "".join(out)


def _marker(prefix: str) -> str:
    return prefix.replace("• ", "- ")


def write(document: Document, dialect: Dialect) -> str:
    """The whole document in `dialect`."""
    out: list[str] = []
    for block in document:
        if out:
            out.append("\n" if block.tight else "\n\n")
        out.append(_block(block, dialect))
    return "".join(out)


def _block(block: Block, dialect: Dialect) -> str:
    if block.code:
        text = dialect.code_block(block.text)
    else:
        text = _marker(block.prefix) + inline(block.runs, dialect)
    quote = "> " * block.quote
    return "\n".join(quote + line for line in text.split("\n")) if quote else text
