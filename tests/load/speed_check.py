"""How fast this machine runs Python right now: a fixed piece of work of the kind a page
is made of (a Jinja2 table of 500 rows through a macro, attribute look-ups, escaping),
timed at its best of 5, on every CPU at once (the load test's server uses them all).

    python -m tests.load.speed_check        # prints the slowest CPU's milliseconds

The load test runs it before and after locust. On a virtual machine the same code can
cost half as much CPU again from one half-hour to the next (docs/load-and-faults.md),
which no CPU-time figure shows by itself: this puts each run's speed beside its result.
It does not see everything: on 24 November the app's CPU a request fell from 31 to 23 ms
over 40 minutes while this stayed at 24 ms.
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from jinja2 import Environment

TEMPLATE = """
{%- macro cell(text, classes="") -%}
<td class="govuk-table__cell{{ ' ' ~ classes if classes }}">{{ text }}</td>
{%- endmacro -%}
<table class="govuk-table"><tbody>
{%- for row in rows %}
<tr>{{ cell(row.name) }}{{ cell(row.trn, "govuk-hint") }}{{ cell(row.terms|round(1)) }}
{%- for step in row.steps %}{{ cell(("Done: " if step[1] else "To do: ") ~ step[0]) }}{% endfor %}</tr>
{%- endfor %}
</tbody></table>
"""


@dataclass
class _Row:
    name: str
    trn: str
    terms: float
    steps: list


ROWS = [
    _Row(
        f"Teacher <{n}> O'Name",
        f"{1000000 + n}",
        n % 7 / 2,
        [("Registered", True), ("Claimed", n % 2 == 0), ("Mentor", n % 3 == 0)],
    )
    for n in range(500)
]


def once(template) -> float:
    started = time.perf_counter()
    template.render(rows=ROWS)
    return time.perf_counter() - started


def best_ms(repeats: int = 5) -> float:
    template = Environment(autoescape=True).from_string(TEMPLATE)
    once(template)  # warm
    return 1000 * min(once(template) for _ in range(repeats))


def slowest_cpu_ms() -> float:
    workers = os.process_cpu_count() or 1
    with ProcessPoolExecutor(workers) as pool:
        return max(pool.map(best_ms, [5] * workers))


if __name__ == "__main__":
    print(f"{slowest_cpu_ms():.1f}")
