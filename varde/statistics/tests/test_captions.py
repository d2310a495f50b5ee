"""A chart's words never claim more than its published figures prove."""

import pytest

from varde.statistics.charts import bar_chart


@pytest.mark.parametrize(
    ("figures", "said", "not_said"),
    [
        # The case: a zero "highest" among six small counts.
        ([("Venstre", "0"), *[(f"K{n}", "<5") for n in range(6)]], "6 tall er skjult", "Høyest"),
        # Every figure hidden: said in words, and no order claimed.
        ([("A", "<5"), ("B", "×")], "Alle tallene er skjult for å beskytte små tall.", "Høyest"),
        # A figure hidden to protect another could be larger than any shown.
        ([("A", "40"), ("B", "×"), ("C", "<5")], "2 tall er skjult", "Høyest"),
        # A tie has no single highest.
        ([("A", "12"), ("B", "12")], "Stolpediagram", "Høyest"),
        # Above the threshold, a shown figure is higher than any small count.
        ([("A", "12"), ("B", "<5"), ("C", "7")], "Høyest: A med 12.", "Høyest: C"),
        # A figure below the threshold is not proven above a small count.
        ([("A", "0"), ("B", "<5")], "1 tall er skjult", "Høyest"),
        ([("A", "0"), ("B", "0")], "Alle tallene er null.", "Høyest"),
    ],
)
def test_a_caption_claims_only_what_the_published_figures_prove(figures, said, not_said, settings):
    from django.utils import translation

    with translation.override("nb"):
        description = bar_chart("k", "Tittel", figures).description
    assert said in description
    assert not_said not in description
