"""The qualifiers a figure carries, in words that must travel with it: 'at least', 'about',
'secondary source', 'unverified transcription', 'January-June'."""

from __future__ import annotations

from dashboard.language import N_, _
from dashboard.models import split_flags

# before a value, by flag: how a headline card and a table write a bound or an approximation
# "at least" and "at most" hold for every bound a publication prints ("more than", "at least",
# "as many as", "up to"); "more than" or "less than" would claim more than some of them say
# (all words here are marked for the catalogue and translated with _() where shown)
PREFIX = {"lower_bound": N_("at least"), "upper_bound": N_("at most"), "approximate": N_("about")}
# but a count printed as "<50" (NCMEC's platform data) reads "fewer than 50"
COUNT_UPPER_BOUND = N_("fewer than {value}")
# before a value in a pasted sentence
QUALIFIER_WORDS = {
    "lower_bound": N_("at least"),
    "upper_bound": N_("at most"),
    "approximate": N_("about"),
    "rounded": N_("about"),
}
# beside a value
QUALIFIERS = {
    "secondary_source": N_("secondary source"),
    "unverified_transcription": N_("unverified transcription"),
    "doubtful": N_("doubtful"),
    "half_year": N_("January-June"),
    "rounded": N_("rounded"),
}
# in square brackets after a pasted sentence
NOTE_WORDS = {
    "secondary_source": N_("secondary source"),
    "unverified_transcription": N_("unverified third-party transcription"),
    "doubtful": N_("doubtful value"),
    "half_year": N_("January-June only"),
    "rounded": N_("rounded by the publisher"),
}
# every flag in plain words, for hovers and tables
FLAG_WORDS = {
    "approximate": N_("approximate"),
    "lower_bound": N_("lower bound"),
    "upper_bound": N_("upper bound"),
    "secondary_source": N_("secondary source"),
    "unverified_transcription": N_("unverified transcription"),
    "doubtful": N_("doubtful"),
    "series_break": N_("series break"),
    "estimate": N_("estimate"),
    "provisional": N_("provisional"),
    "half_year": N_("half year"),
    "rounded": N_("rounded"),
}


def flag_word(flag: str) -> str:
    """'lower bound': one flag in the reader's language (an unknown one as its code reads)."""
    return _(FLAG_WORDS[flag]) if flag in FLAG_WORDS else flag.replace("_", " ")


def qualifiers(flags: str, half_year: bool = False) -> list[str]:
    """Words that must travel with a value: 'secondary source', 'January-June', ..."""
    found = split_flags(flags) + (["half_year"] if half_year else [])
    return list(dict.fromkeys(_(QUALIFIERS[f]) for f in found if f in QUALIFIERS))


def notes(flags: str) -> str:
    """' [secondary source; doubtful value]', or nothing."""
    found = [_(NOTE_WORDS[f]) for f in flags.split(";") if f in NOTE_WORDS]
    return " " + _("[{notes}]").format(notes="; ".join(found)) if found else ""


def flags_text(flags: str, denominator_note: str = "") -> str:
    """Every flag in plain words, and the rate's denominator note: for hovers and tables."""
    parts = [flag_word(f) for f in flags.split(";") if f]
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
    return sorted(flag_word(f) for f in found)
