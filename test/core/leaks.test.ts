// Nothing a pull request commits as a credential leaves the app or the CLI: each credential shape of
// the table, planted in every place every file kind has for text, is searched for in every output
// (check title, summary and annotations, sticky comment, inline review comments, the CLI's Markdown,
// JSON and SARIF for `diff` and `scan`). Values hidden for display still bind the approval (see
// hidden-values.test.ts); here only what is written out is checked.
import { checkRunOutput, inlineComments, stickyComment } from "../../src/app/report.js";
import { inventoryJson, reviewJson } from "../../src/core/render/json.js";
import { renderInventoryMarkdown } from "../../src/core/render/inventory.js";
import { renderReviewMarkdown } from "../../src/core/render/markdown.js";
import { reviewSarif } from "../../src/core/render/sarif.js";
import { inventory, review, type Verdict } from "../../src/core/review.js";
import { SURFACES, surfaceFor } from "../../src/core/surfaces/index.js";
import { CREDENTIALS, SURFACE_FILES, type Credential } from "./leaks-fixtures.js";

/** A patch that adds every line of the file, so every finding's line can carry an inline comment. */
const addedPatch = (text: string) => {
  const lines = text.replace(/\n$/, "").split("\n");
  return `@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join("\n")}`;
};

/** Every text the app and the CLI write for this head tree (reviewed against an empty base). */
export function everyOutput(head: Map<string, string>): { verdict: Verdict; outputs: Record<string, string> } {
  const verdict = review({ base: new Map(), head, today: "2026-11-24" });
  const check = checkRunOutput(verdict, { detailsUrl: "https://ci.example.net/runs/1" });
  const patches = new Map([...head].map(([p, t]) => [p, addedPatch(t)]));
  const scan = inventory(head);
  return {
    verdict,
    outputs: {
      "check title": check.title,
      "check summary": check.summary,
      "check annotations": JSON.stringify(check.annotations),
      "sticky comment": stickyComment(verdict, { checkUrl: "https://ci.example.net/runs/1" }),
      "inline review comments": inlineComments(verdict, patches, new Set()).map((c) => c.body).join("\n"),
      "CLI diff Markdown": renderReviewMarkdown(verdict),
      "CLI diff JSON": JSON.stringify(reviewJson(verdict), null, 2),
      "CLI diff SARIF": JSON.stringify(reviewSarif(verdict, { version: "0.0.0-test" }), null, 2),
      "CLI scan Markdown": renderInventoryMarkdown(scan),
      "CLI scan JSON": JSON.stringify(inventoryJson(scan), null, 2),
    },
  };
}

/** `[output, needle]` for every needle found in an output. */
export function leaksOf(outputs: Record<string, string>, needles: string[]): string[][] {
  return Object.entries(outputs).flatMap(([name, text]) => needles.filter((n) => text.includes(n)).map((n) => [name, n]));
}

test("the table has at least 17 shapes and plants them in a file of every kind the registry reads", () => {
  expect(CREDENTIALS.length).toBeGreaterThanOrEqual(17);
  const kinds = new Set(SURFACE_FILES.map((f) => surfaceFor(f.path)?.id));
  expect(SURFACES.map((s) => s.id).filter((id) => !kinds.has(id))).toEqual([]);
  // Every needle is distinctive: long enough that no report text holds it by chance.
  for (const c of CREDENTIALS) for (const n of c.needles) expect(n.length).toBeGreaterThanOrEqual(12);
});

describe.each(CREDENTIALS.map((c) => [c.name, c] as [string, Credential]))("%s", (_, credential) => {
  test.each(SURFACE_FILES.map((f) => [f.path, f] as const))("in %s: in no output", (path, file) => {
    const text = file.text(credential);
    // The fixture carries the credential, and the file is read as what it is (no parse error).
    expect(credential.needles.some((n) => text.includes(n))).toBe(true);
    const { verdict, outputs } = everyOutput(new Map([[path, text]]));
    expect(verdict.findings.filter((f) => f.rule.startsWith("file."))).toEqual([]);
    expect(verdict.findings.length).toBeGreaterThan(0);
    // Nothing was left out to fit GitHub's limits (what is left out would go unsearched).
    expect(outputs["check summary"]).not.toContain("left out");
    expect(leaksOf(outputs, credential.needles)).toEqual([]);
  });
});

test("every credential at once, in every file: the one review of a whole pull request leaks none", () => {
  const head = new Map(SURFACE_FILES.map((f, i) => [f.path, f.text(CREDENTIALS[i % CREDENTIALS.length]!)]));
  const { outputs } = everyOutput(head);
  const planted = SURFACE_FILES.flatMap((_, i) => CREDENTIALS[i % CREDENTIALS.length]!.needles);
  expect(leaksOf(outputs, planted)).toEqual([]);
});

test("what is left around a credential still says where it points", () => {
  const byName = (n: string) => CREDENTIALS.find((c) => c.name === n)!;
  const md = (c: Credential) => everyOutput(new Map([[".mcp.json", SURFACE_FILES[0]!.text(c)]])).outputs["CLI diff Markdown"];
  expect(md(byName("URL userinfo"))).toContain("packages.example.net");
  expect(md(byName("?access_token= query value"))).toContain("events.example.net");
  expect(md(byName("curl -u user:password"))).toContain("jenkins.example.net");
});
