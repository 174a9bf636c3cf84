"""axe-core in a playwright page (issue #14): the member portal and the
check-in page are checked against WCAG 2.1 A and AA.

axe-core is installed by scripts/setup.sh (npm, pinned) next to lessc in
.local/tools/node. The pages' Content Security Policy forbids inline
scripts: the file is evaluated through the DevTools protocol
(``page.evaluate``), which the policy does not govern, never added as a
<script> element."""
import os

import harness

AXE_JS = os.environ.get("PH_AXE_JS") or os.path.join(
    harness.LOCAL, "tools", "node", "node_modules", "axe-core", "axe.min.js")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
IMPACTS = ("critical", "serious", "moderate", "minor")

_source = {}


def source():
    if "js" not in _source:
        with open(AXE_JS, encoding="utf-8") as handle:
            _source["js"] = handle.read()
    return _source["js"]


def inject(page):
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # evaluated as a function body so that axe's UMD wrapper sees no
        # `module`/`define` and sets window.axe
        page.evaluate("(src) => { (0, eval)(src); }", source())


def run(page, tags=None):
    """The WCAG violations of the page as it is now: a list of dicts
    (id, impact, help, nodes: the targets' CSS selectors)."""
    inject(page)
    result = page.evaluate(
        """(tags) => window.axe.run(document, {
               runOnly: {type: 'tag', values: tags},
               resultTypes: ['violations'],
           }).then(r => r.violations.map(v => ({
               id: v.id, impact: v.impact, help: v.help,
               nodes: v.nodes.map(n => ({target: n.target.join(' '),
                                         impact: n.impact,
                                         summary: n.failureSummary}))})))""",
        tags or WCAG_TAGS)
    return result


def counts(violations):
    """{impact: number of violated rules} for every impact."""
    figures = dict.fromkeys(IMPACTS, 0)
    for violation in violations:
        figures[violation["impact"] or "minor"] += 1
    return figures


def blocking(violations):
    """The critical and serious violations (what the tests forbid)."""
    return [v for v in violations if v["impact"] in ("critical", "serious")]


def describe(violations):
    return "\n".join(
        "%s [%s] %s: %s" % (v["id"], v["impact"], v["help"],
                            "; ".join(n["target"] for n in v["nodes"][:5]))
        for v in violations)
