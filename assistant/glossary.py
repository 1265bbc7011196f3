"""NHS acronyms users type, expanded for retrieval: "PCN" alone is a weak match for "primary care network"."""

from __future__ import annotations

import re

ACRONYMS = {
    "A&E": "accident and emergency",
    "AHP": "allied health professional",
    "AHPs": "allied health professionals",
    "BAME": "black, Asian and minority ethnic",
    "CAMHS": "children and young people's mental health services",
    "CCG": "clinical commissioning group",
    "CCGs": "clinical commissioning groups",
    "CSP": "Chartered Society of Physiotherapy",
    "CYP": "children and young people",
    "DoF": "director of finance",
    "DoFs": "directors of finance",
    "ED": "emergency department (A&E)",
    "CVD": "cardiovascular disease",
    "COPD": "chronic obstructive pulmonary disease",
    "FCP": "first contact practitioner",
    "FCPs": "first contact practitioners",
    "GP": "general practice",
    "ICS": "integrated care system",
    "ICSs": "integrated care systems",
    "IF": "implementation framework",
    "LD": "learning disability",
    "LTP": "Long Term Plan",
    "MH": "mental health",
    "MIU": "minor injury unit",
    "MIUs": "minor injury units",
    "MDT": "multidisciplinary team",
    "MSK": "musculoskeletal",
    "NHSE": "NHS England",
    "NHSEI": "NHS England and NHS Improvement",
    "NHSI": "NHS Improvement",
    "PCN": "primary care network",
    "PCNs": "primary care networks",
    "PHB": "personal health budget",
    "PHBs": "personal health budgets",
    "RTT": "referral to treatment",
    "SDEC": "same day emergency care",
    "STP": "sustainability and transformation partnership",
    "STPs": "sustainability and transformation partnerships",
    "UCR": "urgent community response",
    "UEC": "urgent and emergency care",
    "UTC": "urgent treatment centre",
}
SHORT_FORMS = {
    "physio": "physiotherapist physiotherapy",
    "physios": "physiotherapists physiotherapy",
}
"""Everyday short forms users type and the documents never use ("physio" is in no passage, "physiotherapist" in
many): BM25 matches neither to the long form, as the stemmer keeps them apart. Matched in any case. A short form
the documents use themselves ("rehab", 8 times) is matched as it is: expanding it changed one tune answer's
sentences and lost its fact."""
_PATTERN = re.compile(r"(?<![\w&])(" + "|".join(re.escape(k) for k in sorted(ACRONYMS, key=len, reverse=True)) + r")(?![\w&])")


_SHORT_PATTERN = re.compile(r"\b(" + "|".join(SHORT_FORMS) + r")\b", re.I)
_LOWER = {k.lower(): k for k in ACRONYMS if len(k.rstrip("s")) >= 3 or k == "GP"}
"""Acronyms typed in lower case or as a plural ("how many utcs were open?"): all but the two-letter ones that are
words ("if", "ed")."""
_LOWER_PATTERN = re.compile(r"(?<![\w&])(" + "|".join(re.escape(k) for k in sorted(_LOWER, key=len, reverse=True))
                            + r")s?(?![\w&])", re.I)


def long_form(word: str) -> str | None:
    """What an acronym stands for, typed in any case or as a plural ("UTCs", "utc"), or None."""
    key = _LOWER.get(word.lower()) or _LOWER.get(word.lower().removesuffix("s"))
    return ACRONYMS.get(word) or (ACRONYMS[key] if key else None)


def expand_acronyms(query: str) -> str:
    """Append the expansions of any acronyms and short forms in `query` (the words themselves stay for exact
    matches)."""
    found = dict.fromkeys([ACRONYMS[m] for m in _PATTERN.findall(query)] +
                          [ACRONYMS[_LOWER[m.lower()]] for m in _LOWER_PATTERN.findall(query)] +
                          [SHORT_FORMS[m.lower()] for m in _SHORT_PATTERN.findall(query)])
    return f"{query} ({'; '.join(found)})" if found else query


_JOINING = r"(?:(?:and|of|for|the|in|to|&)\s+)?"


def spelled_out(short: str, text: str, shortest: int = 3) -> str | None:
    """The phrase of lower-cased `text` whose words' initials spell the short form `short` ("MIU": "minor injury
    units"), or None. A short form the documents never use is no unknown thing when they spell it out; two letters
    are too few to tell a name from chance in a passage (`shortest`), though not in the asker's own words ("mental
    health commissioner - what sets out the MH detail?")."""
    letters = short.rstrip("s") if short[:-1].isupper() and short.endswith("s") else short
    if len(letters) < shortest or not letters.isalpha() or not letters.isupper():
        return None
    pattern = r"\b" + (r"\s+" + _JOINING).join(f"{c}[a-z]*" for c in letters.lower()) + r"\b"
    match = re.search(pattern, text)
    return match.group(0) if match else None


_EVERYDAY_PEOPLE = (
    (re.compile(r"\b(\d+(?:\s*(?:-|–|to)\s*\d+)?)[\s-]+year[\s-]+olds\b", re.I), r"people aged \1"),
    (re.compile(r"\b(?:kids|youngsters)\b", re.I), "children"),
    (re.compile(r"\bteens\b", re.I), "teenagers"),
    (re.compile(r"\b(?:ppl|folks?)\b", re.I), "people"),
    (re.compile(r"\bpts\b", re.I), "patients"),
)
"""How people are named in a typed question and never in the documents ("kids", "ppl", "pts", "0-25 year olds"):
the documents count "children", "people", "patients" and "people aged 0-25"."""


def documents_words(question: str) -> str:
    """`question` with the everyday words for people the documents never use put in their words, so a check for a
    count of them reads "1,000 more children" as the count of "kids" asked for."""
    for pattern, words in _EVERYDAY_PEOPLE:
        question = pattern.sub(words, question)
    return question
