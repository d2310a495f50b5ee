"""The write sweep reads a page's form and fills it as a hurried user would: it keeps what the page
holds, takes the first choice or a plain value for each required field left empty, and leaves the
rest empty."""

from datetime import date

import pytest

from bench.forms import TEXT, errors_in, filled, read_form

PAGE = """
<html><body>
<form method="get" action="/search/"><input name="q" required></form>
<main>
  <form method="get"><input name="filter" value="x"></form>
  <form method="post" action="/saker/ny/">
    <input type="hidden" name="csrfmiddlewaretoken" value="token">
    <select name="agency" required><option value="">---------</option><option value="a1">A</option>
      <option value="a2">B</option></select>
    <select name="phenomenon" required><option value="left">V</option>
      <option value="right" selected>H</option></select>
    <input type="radio" name="kind" value="concern" required>
    <input type="radio" name="kind" value="advice" required>
    <input type="checkbox" name="parts" value="description">
    <input type="checkbox" name="parts" value="measures">
    <input type="checkbox" name="acute">
    <input type="checkbox" name="notify" value="on" checked>
    <textarea name="description" required>
</textarea>
    <textarea name="notes">Kept.</textarea>
    <input type="text" name="subject_name">
    <input type="email" name="email" required>
    <input type="date" name="held_on" required>
    <input type="datetime-local" name="starts_at" required>
    <input type="number" name="participants" value="12" required>
    <input type="file" name="plan">
    <button type="submit" name="action" value="save">Lagre</button>
  </form>
  <form method="post" action="/other/"><input name="other" required></form>
</main>
</body></html>
"""
TODAY = date(2026, 12, 6)


def test_the_first_form_sent_with_post_inside_main_is_read():
    form = read_form(PAGE)
    assert form.action == "/saker/ny/"
    assert "q" not in form.fields
    assert "filter" not in form.fields
    assert "other" not in form.fields
    assert "plan" not in form.fields
    assert form.button == ("action", "save")


def test_required_fields_get_the_first_choice_or_a_value_of_their_type_and_the_page_s_values_stay():
    data = filled(read_form(PAGE), {}, today=TODAY)
    assert data == {
        "csrfmiddlewaretoken": "token",
        "agency": "a1",
        "phenomenon": "right",
        "kind": "concern",
        "notify": ["on"],
        "description": TEXT,
        "notes": "Kept.",
        "email": "syntetisk@example.invalid",
        "held_on": "2026-12-06",
        "starts_at": "2026-12-13T09:00",
        "participants": "12",
        "action": "save",
    }


def test_fields_named_as_required_and_given_values_are_filled_too():
    data = filled(
        read_form(PAGE),
        {"subject_name": "Syntetisk Person", "agency": lambda: "a2"},
        also_required=("parts",),
        today=TODAY,
    )
    assert data["parts"] == ["description"]
    assert data["subject_name"] == "Syntetisk Person"
    assert data["agency"] == "a2"
    assert "acute" not in data


def test_a_page_without_a_form_to_send_or_a_field_named_is_refused_with_a_reason():
    with pytest.raises(ValueError, match="no form"):
        read_form("<main><form method='get'><input name='q'></form></main>")
    with pytest.raises(ValueError, match="no field 'reason'"):
        filled(read_form(PAGE), {}, also_required=("reason",), today=TODAY)


def test_the_error_summary_s_items_are_the_refusals():
    page = """
    <div class="ds-error-summary ds-alert" role="alert"><h2>Rett opp følgende</h2>
      <ul class="ds-list"><li>Saken er endret.</li>
        <li><a class="ds-link" href="#id_code">Kode: Oppgi en gyldig kode.</a></li></ul></div>
    <p class="ds-validation-message">Not in the summary.</p>
    """
    assert errors_in(page) == ["Saken er endret.", "Kode: Oppgi en gyldig kode."]
    assert errors_in("<main><p>Lagret.</p></main>") == []
