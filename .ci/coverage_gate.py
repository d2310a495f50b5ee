"""The coverage gate: the modules that decide who may do what, and the actions that change data, are
covered in every branch by the tests; a short list of named exceptions holds the ones not there yet,
each at the coverage it has, so that it can only rise. Everything else is reported, not gated.

    python .ci/coverage_gate.py var/coverage.json
"""

import json
import sys
from fnmatch import fnmatch

GATED = [
    "varde/*/permissions.py",
    "varde/*/actions.py",
    "varde/*/actions/*.py",
    "varde/core/access.py",
    "varde/accounts/policy.py",
]

# Not yet covered in every branch: the percentage each has today. Raise a figure when its tests grow;
# remove the line when it reaches 100.
EXCEPTIONS: dict[str, float] = {
    "varde/accounts/actions.py": 95,
    "varde/actionplan/actions.py": 80,
    "varde/actionplan/permissions.py": 96,
    "varde/assessments/actions.py": 96,
    "varde/assessments/permissions.py": 98,
    "varde/concerns/actions/casework.py": 83,
    "varde/concerns/actions/common.py": 96,
    "varde/concerns/actions/intake.py": 91,
    "varde/concerns/actions/measures.py": 87,
    "varde/concerns/actions/reference.py": 84,
    "varde/concerns/actions/retention.py": 97,
    "varde/concerns/actions/sharing.py": 84,
    "varde/concerns/permissions.py": 94,
    "varde/core/access.py": 95,
    "varde/information/actions.py": 86,
    "varde/meetings/actions.py": 99,
    "varde/meetings/permissions.py": 98,
    "varde/privacy/permissions.py": 90,
    "varde/statistics/actions.py": 92,
}


def main(path: str) -> int:
    files = json.load(open(path))["files"]  # noqa: SIM115
    short = []
    for name, data in sorted(files.items()):
        if not any(fnmatch(name, pattern) for pattern in GATED):
            continue
        covered = data["summary"]["percent_covered"]
        needed = EXCEPTIONS.get(name, 100.0)
        if covered + 1e-9 < needed:
            short.append(f"{name}: {covered:.1f} % of lines and branches, {needed:g} % needed")
    stale = [name for name in EXCEPTIONS if name not in files]
    for name in stale:
        short.append(f"{name}: named as an exception but not measured; remove it")
    if short:
        print("Coverage gate: not met\n  " + "\n  ".join(short))  # noqa: T201
        return 1
    print(f"Coverage gate: met ({len(EXCEPTIONS)} named exceptions)")  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
