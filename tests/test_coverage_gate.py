"""The coverage gate CI applies: gated modules in every branch, named exceptions no lower than today."""

import importlib.util
import json
from pathlib import Path

import pytest

from conftest import present

pytestmark = pytest.mark.standalone

spec = importlib.util.spec_from_file_location(
    "coverage_gate", Path(__file__).parent.parent / ".ci/coverage_gate.py"
)
gate = importlib.util.module_from_spec(present(spec))
present(present(spec).loader).exec_module(gate)


def report(tmp_path, **percent):
    files = {
        name.replace("__", "/") + ".py": {"summary": {"percent_covered": value}}
        for name, value in percent.items()
    }
    path = tmp_path / "coverage.json"
    path.write_text(json.dumps({"files": files}))
    return str(path)


def test_a_gated_module_must_be_covered_in_every_branch(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(gate, "EXCEPTIONS", {})
    assert gate.main(report(tmp_path, varde__concerns__permissions=99.5, varde__concerns__views=40.0)) == 1
    assert "varde/concerns/permissions.py: 99.5 %" in capsys.readouterr().out
    assert gate.main(report(tmp_path, varde__concerns__permissions=100.0, varde__concerns__views=40.0)) == 0


def test_a_named_exception_may_not_fall_and_a_stale_one_is_named(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(gate, "EXCEPTIONS", {"varde/meetings/actions.py": 95})
    assert gate.main(report(tmp_path, varde__meetings__actions=95.3)) == 0
    assert gate.main(report(tmp_path, varde__meetings__actions=94.0)) == 1
    monkeypatch.setattr(gate, "EXCEPTIONS", {"varde/gone/actions.py": 90})
    assert gate.main(report(tmp_path)) == 1
    assert "remove it" in capsys.readouterr().out
