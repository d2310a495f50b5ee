from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from varde.accounts.access_matrix import render_matrix


def test_committed_access_matrix_is_up_to_date():
    call_command("access_matrix", "--check")


def test_check_fails_on_a_stale_file(tmp_path: Path):
    stale = tmp_path / "matrix.md"
    stale.write_text("old", encoding="utf-8")
    with pytest.raises(CommandError, match="stale"):
        call_command("access_matrix", "--check", "--output", str(stale))


def test_matrix_shows_admin_pages_for_admin_only():
    row = next(line for line in render_matrix().splitlines() if "`accounts:user_list`" in line)
    cells = [cell.strip() for cell in row.split("|")[1:-1]]
    # page, path, anonymous, then the roles in catalogue order; admin is the last role.
    assert cells[2] == "–"
    assert cells[-2] == "✓"
    assert cells[3:-2].count("✓") == 0
