"""The field's words for the same thing, as site search understands them: a reader who types
any word of a group also finds what is written with the others (an indicator says "online
enticement", a reader types "grooming").

One entry per concept: its name, then every spelling readers and publications use. Lower case;
hyphens and spaces are read alike."""

from __future__ import annotations

SYNONYMS: dict[str, tuple[str, ...]] = {
    "livestreaming": (
        "livestream",
        "livestreams",
        "livestreamed",
        "livestreaming",
        "live-streaming",
        "live-streamed",
        "live stream",
    ),
    "sextortion": (
        "sextortion",
        "sexual extortion",
        "financial sextortion",
        "sexual blackmail",
        "blackmailed",
    ),
    "grooming": (
        "grooming",
        "enticement",
        "online enticement",
        "luring",
        "online solicitation",
    ),
    "generative AI": (
        "generative ai",
        "generative-ai",
        "ai-generated",
        "gen ai",
        "genai",
        "artificial intelligence",
        "deepfake",
    ),
    "trafficking": (
        "trafficking",
        "trafficked",
        "traffickers",
        "sex trafficking",
        "human trafficking",
        "modern slavery",
    ),
}
