"""The factories give people random British names. A test that writes a name of its
own choosing and then asserts that the page does *not* show it must choose a name
the factories can never produce, or it fails whenever the signed-in user happens to
be called the same (CI once met a "Leonard Brown" on a page that must not show the
ECT "Brown")."""

import re
from pathlib import Path

from faker.providers.person.en_GB import Provider

TESTS = Path(__file__).parent
LAST_NAMES = set(Provider.last_names)
FIRST_NAMES = set(Provider.first_names_male) | set(Provider.first_names_female)
ABSENCE = re.compile(r"""assert\s+(['"])(?P<text>[^'"]+)\1\s+not\s+in\b""")


def could_be_a_factory_name(text: str) -> bool:
    words = text.split()
    if len(words) == 1:
        return words[0] in LAST_NAMES | FIRST_NAMES
    if len(words) == 2:
        return words[0] in FIRST_NAMES and words[1] in LAST_NAMES
    return False


def test_a_name_a_test_expects_to_be_absent_is_one_the_factories_never_give():
    clashes = [
        f"{path.relative_to(TESTS)}: {match['text']!r}"
        for path in sorted(TESTS.rglob("*.py"))
        for source in [path.read_text()]
        for match in ABSENCE.finditer(source)
        if could_be_a_factory_name(match["text"])
    ]
    assert clashes == []


def test_the_check_recognises_names_the_factories_can_give():
    assert could_be_a_factory_name("Brown")
    assert could_be_a_factory_name("Alice Thornton")
    assert not could_be_a_factory_name("Brownlow")
    assert not could_be_a_factory_name("Bob Jones")
    assert not could_be_a_factory_name("Change")
