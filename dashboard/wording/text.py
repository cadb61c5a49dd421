"""Text fitted to a small space: a figure's annotation, a hover."""

from __future__ import annotations


def wrap_line(text: str, width: int, lines: int) -> str:
    """Break a long figure annotation into a few <br>-separated lines, ending in '…'."""
    words, out, current = text.split(), [], ""
    for word in words:
        if len(current) + len(word) + 1 > width:
            out.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    out.append(current)
    if len(out) > lines:
        out = [*out[: lines - 1], out[lines - 1][: width - 1] + "…"]
    return "<br>".join(out)
