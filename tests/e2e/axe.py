"""What every browser test checks on every page it visits.

`Tab` wraps one Playwright page and records, from the moment it opens, what the
page's own checks need: console errors, Content Security Policy violations and
sub-resources that failed to load. `Tab.check()` then audits the page in front
of it:

- axe-core finds no WCAG 2.0/2.1/2.2 A or AA violation (counting an id that ARIA
  or a label refers to, used twice, as one: see REVIEW_AS_VIOLATIONS);
- there is exactly one h1;
- the GOV.UK Frontend inline script ran (`govuk-frontend-supported` on <body>)
  and `initAll()` initialised every GOV.UK component on the page;
- nothing was refused by the Content Security Policy, and no stylesheet, script,
  font or image failed to load.

Problems are collected, not raised at once, so that one run reports every page's
problems; a test ends with `tab.assert_no_problems()`.

axe is injected through the DevTools protocol (`page.evaluate`), which the page's
CSP does not govern, so the browser context keeps enforcing the real CSP: a
context with `bypass_csp=True` would hide exactly the CSP errors checked here.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from playwright.sync_api import ConsoleMessage, Page, Request, Response

AXE_PATH = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Collects securitypolicyviolation events from the first script of every document
# (init scripts run before the page's own, and CSP does not apply to them).
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} refused ${event.blockedURI || "inline code"}` +
    (event.sourceFile ? ` (${event.sourceFile}:${event.lineNumber})` : "")
  );
});
"""

# GOV.UK Frontend marks each component it initialises with data-<module>-init.
UNINITIALISED_COMPONENTS = """
() => [...document.querySelectorAll("[data-module]")].flatMap((el) =>
  el.dataset.module.split(/\\s+/)
    .filter((name) => name.startsWith("govuk-") && !el.hasAttribute(`data-${name}-init`))
    .map((name) => `${name} on <${el.tagName.toLowerCase()} class="${el.className}">`)
)
"""

RUN_AXE = """
(tags) => axe.run(document, {
  runOnly: {type: "tag", values: tags},
  resultTypes: ["violations", "incomplete"],
})
"""

# axe leaves these for a human to review ("incomplete") rather than failing them, yet
# on our pages each one is a real fault: an id that aria-labelledby, aria-describedby
# or a label points at, used twice, names or describes the wrong element (WCAG 4.1.2).
REVIEW_AS_VIOLATIONS = frozenset({"duplicate-id-aria"})


def path_is(path: str) -> re.Pattern:
    """For `expect(page).to_have_url(...)`: the page is at exactly this path (and query)."""
    return re.compile(rf"^https?://[^/]+{re.escape(path)}$")


@functools.cache
def axe_source() -> str:
    if not AXE_PATH.exists():
        raise FileNotFoundError(f"{AXE_PATH} is missing: run `npm ci` (make assets)")
    return AXE_PATH.read_text(encoding="utf-8")


def run_axe(page: Page) -> list[dict]:
    """The WCAG A/AA violations axe-core finds on the page as it is now."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Wrapped in a function so that Playwright runs the file as a statement list.
        page.evaluate("() => {\n" + axe_source() + "\n}")
    results = page.evaluate(RUN_AXE, WCAG_TAGS)
    return results["violations"] + [
        result for result in results["incomplete"] if result["id"] in REVIEW_AS_VIOLATIONS
    ]


def describe_violations(violations: list[dict]) -> list[str]:
    """One readable block per violation: rule, impact, help, and each failing node."""
    lines = []
    for violation in violations:
        lines.append(
            f"axe {violation['id']} ({violation['impact']}): {violation['help']}"
            f" <{violation['helpUrl'].split('?')[0]}>"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            html = " ".join(node["html"].split())
            lines.append(f"    at {target}: {html[:200]}")
            summary = " ".join((node.get("failureSummary") or "").split())
            if summary:
                lines.append(f"       {summary[:300]}")
    return lines


@dataclass
class Tab:
    """One browser page, recording console errors, CSP reports and failed loads."""

    page: Page
    console_errors: list[str] = field(default_factory=list)
    failed_loads: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.page.add_init_script(CSP_LISTENER)
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.console_errors.append(f"uncaught {error}"))
        self.page.on("response", self._on_response)
        self.page.on("requestfailed", self._on_request_failed)

    # --- recording ---------------------------------------------------------------------

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.console_errors.append(message.text)

    def _on_response(self, response: Response) -> None:
        # The document itself may be a 403 or 404 on purpose; its sub-resources may not.
        if response.status >= 400 and not response.request.is_navigation_request():
            self.failed_loads.append(f"{response.status} {response.url}")

    def _on_request_failed(self, request: Request) -> None:
        # ERR_ABORTED is a load cancelled by navigating away (or a 4xx, recorded above).
        if not request.is_navigation_request() and "ERR_ABORTED" not in (request.failure or ""):
            self.failed_loads.append(f"{request.failure} {request.url}")

    # --- driving -----------------------------------------------------------------------

    def visit(self, path: str, *, status: int = 200) -> Response:
        """Open a path (or URL); the final response, after redirects, must have `status`."""
        response = self.page.goto(path)
        assert response is not None, f"no response for {path}"
        assert response.status == status, (
            f"GET {path} ended at {self.page.url} with {response.status}, expected {status}"
        )
        return response

    # --- auditing ----------------------------------------------------------------------

    def check(
        self,
        name: str,
        *,
        govuk: bool = True,
        allowed_axe_rules: frozenset[str] = frozenset(),
    ) -> list[dict]:
        """Audit the page in front of us; record its problems under `name`.

        `govuk=False` skips the GOV.UK Frontend checks (the Django admin's own pages).
        `allowed_axe_rules` are reported but not recorded as problems. Returns axe's
        violations, allowed or not.
        """
        page = self.page
        page.wait_for_load_state("load")
        url = urlsplit(page.url)
        where = f"{name} ({url.path}{'?' + url.query if url.query else ''})"
        found: list[str] = []

        violations = run_axe(page)
        counted = [v for v in violations if v["id"] not in allowed_axe_rules]
        found += describe_violations(counted)

        h1_count = page.locator("h1").count()
        if h1_count != 1:
            headings = page.locator("h1").all_inner_texts()
            found.append(f"{h1_count} h1 elements, expected exactly 1: {headings}")

        if govuk:
            if not page.evaluate(
                "() => document.body.classList.contains('govuk-frontend-supported')"
            ):
                found.append(
                    "<body> lacks govuk-frontend-supported: the template's inline script did not run"
                )
            for component in page.evaluate(UNINITIALISED_COMPONENTS):
                found.append(f"GOV.UK Frontend did not initialise {component}")

        csp_console = [e for e in self.console_errors if "Content Security Policy" in e]
        csp_events = page.evaluate("() => window.__cspViolations || []")
        found += [f"CSP console error: {message}" for message in csp_console]
        found += [f"CSP violation: {report}" for report in csp_events]
        found += [f"failed to load: {load}" for load in self.failed_loads]
        found += [
            f"uncaught script error: {e}" for e in self.console_errors if e.startswith("uncaught ")
        ]
        self.console_errors.clear()
        self.failed_loads.clear()

        self.checked.append(where)
        self.problems += [f"{where}: {line}" for line in found]
        return violations

    def assert_no_problems(self) -> None:
        assert self.checked, "no page was checked"
        assert not self.problems, (
            f"{len(self.problems)} problem line(s) on the pages checked ({', '.join(self.checked)}):\n"
            + "\n".join(self.problems)
        )
