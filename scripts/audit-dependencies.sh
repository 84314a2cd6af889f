#!/usr/bin/env bash
# Audit the pinned Python dependencies (pyproject.toml's dependency groups) for known
# vulnerabilities with pip-audit.
#
#   exit 0  every pinned package was audited and none has a known vulnerability
#   exit 1  a known vulnerability was found (listed on stderr)
#   exit 2  the audit could not run (pip-audit or pyproject.toml missing, bad output)
#   exit 3  the vulnerability service could not be reached, or some packages could not be
#           audited: NOTHING IS KNOWN about those packages. `make test` prints a warning.
#
# pip-audit asks PyPI's per-release endpoint (/pypi/NAME/VERSION/json). Where only the
# project endpoint (/pypi/NAME/json) answers, as on a registry mirror that serves the
# latest metadata only, a package pip-audit skipped is audited from that endpoint's
# `vulnerabilities`, which describe the latest release: so only when the pin IS the latest
# release. Any other skipped pin stays unaudited (exit 3).
#
# Environment: PYTHON (default .venv/bin/python) and PIP_AUDIT (default .venv/bin/pip-audit),
# so that tests can stand a fake pip-audit in for the real one; PYPI_JSON_URL (default
# https://pypi.org/pypi) for the project endpoint.
set -uo pipefail

cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-.venv/bin/python}"
PIP_AUDIT="${PIP_AUDIT:-.venv/bin/pip-audit}"
GROUP="${AUDIT_GROUP:-dev}"

if ! command -v "$PIP_AUDIT" >/dev/null 2>&1; then
  echo "audit-dependencies: pip-audit not found at $PIP_AUDIT" >&2
  exit 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The pins, flattened from the dependency group (include-group followed).
if ! "$PYTHON" - "$GROUP" >"$work/requirements.txt" <<'PY'
import sys
import tomllib

groups = tomllib.load(open("pyproject.toml", "rb"))["dependency-groups"]


def pins(name):
    for entry in groups[name]:
        if isinstance(entry, dict):
            yield from pins(entry["include-group"])
        else:
            yield entry


print("\n".join(dict.fromkeys(pins(sys.argv[1]))))
PY
then
  echo "audit-dependencies: could not read the pins from pyproject.toml" >&2
  exit 2
fi

# --no-deps --disable-pip: audit exactly these pins, without installing anything.
"$PIP_AUDIT" -r "$work/requirements.txt" --no-deps --disable-pip --format json \
  --progress-spinner off >"$work/audit.json" 2>"$work/audit.err"
audit_status=$?

"$PYTHON" - "$work/audit.json" "$work/audit.err" "$audit_status" "$work/requirements.txt" <<'PY'
import json
import os
import re
import sys
import urllib.error
import urllib.request

output, errors, status, requirements = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
PYPI_JSON_URL = os.environ.get("PYPI_JSON_URL", "https://pypi.org/pypi").rstrip("/")
stderr_tail = open(errors).read().strip().splitlines()[-5:]


def shout(lines):
    bar = "!" * 78
    print("\n".join([bar, *[f"!! {line}" for line in lines], bar]), file=sys.stderr)


try:
    report = json.load(open(output))
    dependencies = report["dependencies"]
except (OSError, ValueError, KeyError, TypeError):
    shout(
        [
            f"pip-audit exited with status {status} and no report:",
            *stderr_tail,
            "The vulnerability service may be unreachable: the dependencies were NOT audited.",
        ]
    )
    sys.exit(3)

def canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


pins = {}
for line in open(requirements).read().splitlines():
    name, _, version = line.partition("==")
    pins[canonical(name.split("[")[0])] = version.strip()


unreachable = []


def audit_from_project_endpoint(dependency):
    """The dependency audited from /pypi/NAME/json, or None when that cannot tell."""
    name = canonical(dependency["name"])
    version = pins.get(name)
    if not version:
        return None
    if unreachable:
        return None
    try:
        with urllib.request.urlopen(f"{PYPI_JSON_URL}/{name}/json", timeout=10) as response:
            project = json.load(response)
    except urllib.error.HTTPError:
        return None
    except (OSError, ValueError):
        # Not there at all: do not wait on it once per package.
        unreachable.append(name)
        return None
    if project.get("info", {}).get("version") != version or "vulnerabilities" not in project:
        return None
    vulns = [
        {"id": v.get("id", "?"), "fix_versions": v.get("fixed_in") or []}
        for v in project["vulnerabilities"]
        if not v.get("withdrawn")
    ]
    return {"name": name, "version": version, "vulns": vulns, "via": "project endpoint"}


dependencies = [
    (audit_from_project_endpoint(d) or d) if "skip_reason" in d else d for d in dependencies
]
via_project = sum(1 for d in dependencies if d.get("via"))
vulnerable = [d for d in dependencies if d.get("vulns")]
skipped = [d for d in dependencies if "skip_reason" in d]
audited = [d for d in dependencies if "skip_reason" not in d]

if vulnerable:
    print("Known vulnerabilities in the pinned dependencies:", file=sys.stderr)
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions") or []) or "no fixed release yet"
            print(
                f"  {dependency['name']} {dependency.get('version', '?')}: {vuln['id']}"
                f" (fixed in {fixes})",
                file=sys.stderr,
            )
    if skipped:
        print(f"  ...and {len(skipped)} packages could not be audited at all", file=sys.stderr)
    sys.exit(1)

if skipped:
    shout(
        [
            f"{len(skipped)} of {len(dependencies)} pinned packages could NOT be audited:",
            *[f"  {d['skip_reason']}" for d in skipped[:5]],
            *([f"  ...and {len(skipped) - 5} more"] if len(skipped) > 5 else []),
            "The vulnerability service is unreachable from here: this is not a pass.",
        ]
    )
    sys.exit(3)

# pip-audit may exit non-zero for the packages it skipped; those were audited above.
if status != 0 and not via_project:
    shout([f"pip-audit exited with status {status} without naming a vulnerability:", *stderr_tail])
    sys.exit(2)

how = f" ({via_project} from PyPI's project endpoint: the pin is the latest release)"
print(
    f"audit-dependencies: no known vulnerabilities in {len(audited)} pinned packages"
    + (how if via_project else "")
)
PY
