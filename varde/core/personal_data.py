"""Free text that should hold no one: a quick check for what looks like a person named with an age.

It is a net for slips ("Ola Hansen (15)" as an agenda title), not a guarantee: a point about a
person goes through the case and its privacy check, where a legal basis decides what is shared.
"""

import re

# Two or more capitalised words in a row: a first and a last name.
_NAME = re.compile(r"\b[A-ZÆØÅ][a-zæøåéü]+(?:[ -][A-ZÆØÅ][a-zæøåéü]+)+\b")
# An age: "15 år", "15-åring", "(15)".
_AGE = re.compile(r"\b[1-9]\d?\s*(?:år\b|-?åring)|\(\s*[1-9]\d?\s*\)", re.IGNORECASE)


def names_a_person_with_age(text: str) -> bool:
    return bool(_NAME.search(text)) and bool(_AGE.search(text))
