from django.utils import timezone


def this_year_by_phenomenon() -> dict[str, str]:
    """The query of a table of this year's concerns by phenomenon, one column for the year."""
    year = str(timezone.localdate().year)
    return {
        "source": "concerns",
        "dimension": "phenomenon",
        "period": "year",
        "first_year": year,
        "last_year": year,
    }
