"""manage.py benchmark on national data at scale 0.01: one row per page, in Markdown."""

import io

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db

PAGES = [
    "School dashboard (60 ECTs)",
    "Appropriate body home (5,000 ECTs)",
    "Appropriate body teacher list, page 1 of 50",
    "Appropriate body TRN search",
    "Appropriate body name search",
    "Lead provider participants",
    "Mentor home",
    "ECT programme",
    "Admin teacher search",
]


def test_the_benchmark_times_every_page_and_writes_the_table_to_a_file(tmp_path):
    call_command("seed_national", scale=0.01, verbosity=0)
    out, output = io.StringIO(), tmp_path / "benchmark.md"
    call_command(
        "benchmark",
        pages_only=True,
        repeats=2,
        warm_up=0,
        output=output,
        stdout=out,
        stderr=io.StringIO(),
    )
    rows = [line for line in out.getvalue().splitlines() if line.startswith("| ")]
    assert rows[0].startswith("| Page | p50 ms | p95 ms | Queries |")
    for name, row in zip(PAGES, rows[1:], strict=True):
        assert row.startswith(f"| {name}"), row
    assert output.read_text() == out.getvalue()


def test_the_benchmark_refuses_a_database_without_national_data():
    with pytest.raises(CommandError, match="run seed_national first"):
        call_command("benchmark", pages_only=True, repeats=2, stdout=io.StringIO())


def test_the_benchmark_needs_two_repeats_for_a_p95():
    with pytest.raises(CommandError, match="at least 2"):
        call_command("benchmark", repeats=1, stdout=io.StringIO())
