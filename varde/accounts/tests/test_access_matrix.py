from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from varde.accounts.access_matrix import render_matrix
from varde.accounts.roles import Role


def test_committed_access_matrix_is_up_to_date():
    call_command("access_matrix", "--check")


def test_check_fails_on_a_stale_file(tmp_path: Path):
    stale = tmp_path / "matrix.md"
    stale.write_text("old", encoding="utf-8")
    with pytest.raises(CommandError, match="stale"):
        call_command("access_matrix", "--check", "--output", str(stale))


def _row(matrix: str, first_cell: str) -> list[str]:
    row = next(line for line in matrix.splitlines() if line.startswith(f"| {first_cell} |"))
    return [cell.strip() for cell in row.split("|")[1:-1]]


def test_matrix_shows_admin_pages_for_admin_only():
    matrix = render_matrix()
    assert _row(matrix, "`accounts:user_list`")[2] == "`accounts.administer_agency`"
    # capability, then the roles in catalogue order (admin is the last), the object rule, the scopes.
    cells = _row(matrix, "`accounts.administer_agency`")
    assert cells[1:-2] == ["–"] * (len(Role) - 1) + ["✓"]
    assert cells[-2] == "`account.administered_agency`"


def test_matrix_names_the_scopes_a_token_needs_for_a_capability():
    cells = _row(render_matrix(), "`concerns.handle`")
    assert cells[-1] == "`casework`, `intake`, `read`"
    assert cells[1:3] == ["✓", "✓"]
