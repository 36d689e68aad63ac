"""Documents as Slack's and Microsoft Teams' structured elements, where text is never markup.

Slack's mrkdwn can escape only `&`, `<` and `>` (its documentation names no escape for `*`,
`_`, `~` or backticks), so a message's text goes in a `rich_text` block instead: each run is a
`text` element (or a `link` with its URL) with its style as flags, shown literally, and a code
block is a `rich_text_preformatted` element holding its text as written. A broadcast (`@here`)
or a mention is an element type of its own there, which no text becomes.

Adaptive Cards read Markdown in a TextBlock and in a FactSet, and none in a RichTextBlock's
`TextRun` ("Markdown is not supported", says the schema), so every text of a card is a
TextRun: styles as its flags, code in the monospace font, a link as its `selectAction`.
Both are valid in Adaptive Cards 1.2 and later (the card declares 1.4).
"""

from __future__ import annotations

from typing import Any

from statusgen.notify.document import Document, Run

_SLACK_STYLES = ("bold", "italic", "strike", "code")


def _slack_element(run: Run) -> dict[str, Any]:
    element: dict[str, Any] = (
        {"type": "link", "url": run.href, "text": run.text}
        if run.href
        else {"type": "text", "text": run.text}
    )
    style = {name: True for name in _SLACK_STYLES if getattr(run, name)}
    if style:
        element["style"] = style
    return element


def slack_rich_text(document: Document, more: Run | None = None) -> dict[str, Any]:
    """One `rich_text` block for the document; `more` (a link) ends it when it was cut."""
    elements: list[dict[str, Any]] = []
    section: list[dict[str, Any]] = []

    def end_section() -> None:
        if section:
            elements.append({"type": "rich_text_section", "elements": list(section)})
            section.clear()

    for block in document:
        if block.code:
            end_section()
            text = {"type": "text", "text": block.text}
            elements.append({"type": "rich_text_preformatted", "elements": [text]})
            continue
        parts = [_slack_element(run) for run in block.runs]
        if block.prefix:
            parts.insert(0, {"type": "text", "text": block.prefix})
        if block.quote:
            end_section()
            elements.append({"type": "rich_text_quote", "elements": parts})
            continue
        if section:
            section.append({"type": "text", "text": "\n" if block.tight else "\n\n"})
        section.extend(parts)
    if more is not None:
        section.extend([{"type": "text", "text": "… "}, _slack_element(more)])
    end_section()
    return {"type": "rich_text", "elements": elements}


def text_run(run: Run, **extra: Any) -> dict[str, Any]:
    """One Adaptive Card TextRun for a run (and any further properties)."""
    made: dict[str, Any] = {"type": "TextRun", "text": run.text}
    if run.bold:
        made["weight"] = "Bolder"
    if run.italic:
        made["italic"] = True
    if run.strike:
        made["strikethrough"] = True
    if run.code:
        made["fontType"] = "Monospace"
    if run.href:
        made["selectAction"] = {"type": "Action.OpenUrl", "url": run.href}
    return {**made, **extra}


def teams_blocks(document: Document, more: Run | None = None) -> list[dict[str, Any]]:
    """A RichTextBlock for each block of the document; `more` (a link) ends the last."""
    made: list[dict[str, Any]] = []
    for block in document:
        inlines: list[dict[str, Any]] = []
        if block.quote:
            inlines.append({"type": "TextRun", "text": "│ " * block.quote, "isSubtle": True})
        if block.prefix:
            inlines.append({"type": "TextRun", "text": block.prefix})
        inlines.extend(text_run(run) for run in block.runs)
        element: dict[str, Any] = {"type": "RichTextBlock", "inlines": inlines}
        if block.tight:
            element["spacing"] = "None"
        made.append(element)
    if more is not None:
        ending = [{"type": "TextRun", "text": "… "}, text_run(more)]
        if made:
            made[-1]["inlines"].extend(ending)
        else:
            made.append({"type": "RichTextBlock", "inlines": ending})
    return made
