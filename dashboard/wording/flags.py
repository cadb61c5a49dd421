"""The qualifiers a figure carries, in words that must travel with it: 'at least', 'about',
'secondary source', 'unverified transcription', 'January-June'."""

from __future__ import annotations

from dashboard.models import split_flags

# before a value, by flag: how a headline card and a table write a bound or an approximation
# "at least" and "at most" hold for every bound a publication prints ("more than", "at least",
# "as many as", "up to"); "more than" or "less than" would claim more than some of them say
PREFIX = {"lower_bound": "at least", "upper_bound": "at most", "approximate": "about"}
# but a count printed as "<50" (NCMEC's platform data) reads "fewer than 50"
COUNT_UPPER_BOUND = "fewer than"
# before a value in a pasted sentence
QUALIFIER_WORDS = {
    "lower_bound": "at least",
    "upper_bound": "at most",
    "approximate": "about",
    "rounded": "about",
}
# beside a value
QUALIFIERS = {
    "secondary_source": "secondary source",
    "unverified_transcription": "unverified transcription",
    "doubtful": "doubtful",
    "half_year": "January-June",
    "rounded": "rounded",
}
# in square brackets after a pasted sentence
NOTE_WORDS = {
    "secondary_source": "secondary source",
    "unverified_transcription": "unverified third-party transcription",
    "doubtful": "doubtful value",
    "half_year": "January-June only",
    "rounded": "rounded by the publisher",
}


def qualifiers(flags: str, half_year: bool = False) -> list[str]:
    """Words that must travel with a value: 'secondary source', 'January-June', ..."""
    found = split_flags(flags) + (["half_year"] if half_year else [])
    return list(dict.fromkeys(QUALIFIERS[f] for f in found if f in QUALIFIERS))


def notes(flags: str) -> str:
    """' [secondary source; doubtful value]', or nothing."""
    found = [NOTE_WORDS[f] for f in flags.split(";") if f in NOTE_WORDS]
    return f" [{'; '.join(found)}]" if found else ""


def flags_text(flags: str, denominator_note: str = "") -> str:
    """Every flag in plain words, and the rate's denominator note: for hovers and tables."""
    parts = [f.replace("_", " ") for f in flags.split(";") if f]
    if denominator_note:
        parts.append(denominator_note)
    return "; ".join(parts)


def with_flag_texts(frame):
    """`frame` with `flags_text` from its `flags` and `denominator_note` columns."""
    frame["flags_text"] = [
        flags_text(f, n)
        for f, n in zip(frame["flags"].tolist(), frame["denominator_note"].tolist(), strict=True)
    ]
    return frame


def flag_names(*flag_texts: str) -> list[str]:
    """The flags of several figures together, in words, sorted; a series break is said apart."""
    found = {f for text in flag_texts for f in text.split(";") if f and f != "series_break"}
    return sorted(f.replace("_", " ") for f in found)
