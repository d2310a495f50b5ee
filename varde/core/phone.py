"""A phone number as people write it, and as the tel: link a phone dials."""

import re

NORWEGIAN_DIGITS = 8


def tel_href(number: str) -> str:
    """ "69 00 00 00" gives "tel:+4769000000"; short numbers (112, 02800) and numbers with a country
    code are dialled as written."""
    digits = re.sub(r"[^\d+]", "", number)
    if len(digits) == NORWEGIAN_DIGITS and not digits.startswith("+"):
        digits = f"+47{digits}"
    return f"tel:{digits}" if digits else ""
