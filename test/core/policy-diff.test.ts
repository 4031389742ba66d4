// `policy.changed`: a PR's edit of the review policy, loosening (high) or tightening (info).
import { COMPARED_FIELDS, policyChange } from "../../src/core/policy-diff.js";
import { parsePolicy, PolicySchema, type Policy } from "../../src/core/policy.js";
import { review } from "../../src/core/review.js";
import { json } from "../review-helpers.js";

const PATH = ".github/capability-review.yml";

function policy(text: string): Policy {
  const r = parsePolicy(text);
  if (!r.ok) throw new Error(r.error);
  return r.policy;
}

/** The findings for editing `before` into `after` (both YAML texts). */
const edit = (before: string, after: string) => policyChange(policy(before), policy(after), PATH, after);
const loosening = (before: string, after: string) => edit(before, after).filter((f) => f.direction === "escalation");
const tightening = (before: string, after: string) => edit(before, after).filter((f) => f.direction === "reduction");

describe("policy.changed", () => {
  it("compares every field of the schema", () => {
    expect([...COMPARED_FIELDS].sort()).toEqual(Object.keys(PolicySchema.shape).sort());
  });

  it("loosening: fail_on to a less strict severity, mode warn, at the changed key's line", () => {
    const [f, ...more] = edit("fail_on: high\n", "# policy\nfail_on: critical\n");
    expect(more).toEqual([]);
    expect(f).toMatchObject({ rule: "policy.changed", severity: "high", direction: "escalation", path: PATH, line: 2 });
    expect(f!.message).toContain("`fail_on` high → critical");
    expect(loosening("mode: enforce\n", "mode: warn\n")).toMatchObject([{ line: 1, message: expect.stringContaining("mode: warn") }]);
  });

  it("`comment` changed: reported, neither loosening nor tightening (it gates nothing)", () => {
    const [f, ...more] = edit("fail_on: high\n", "fail_on: high\ncomment: never\n");
    expect(more).toEqual([]);
    expect(f).toMatchObject({ rule: "policy.changed", severity: "info", direction: "neutral", line: 2 });
    expect(f!.message).toContain("`comment` on-attention → never");
  });

  it("loosening: allow entries added or their expiry extended or dropped", () => {
    const base = "allow:\n  mcp_packages:\n    - { name: a, expires: 2026-12-31 }\n";
    expect(loosening(base, `${base}    - '@evil/*'\n`)).toMatchObject([{ line: 4, message: expect.stringContaining("`allow.mcp_packages` gains `@evil/*`") }]);
    expect(loosening(base, "allow:\n  mcp_packages:\n    - { name: a, expires: 2027-12-31 }\n")[0]!.message).toContain("expires 2027-12-31 (was 2026-12-31)");
    expect(loosening(base, "allow:\n  mcp_packages: [a]\n")[0]!.message).toContain("no longer expires");
    // A duplicate of the name without a date extends it too.
    expect(loosening(base, `${base}    - a\n`)).toHaveLength(1);
  });

  it("loosening: deny entries removed, rules turned off or lowered, paths excluded or no longer included", () => {
    expect(loosening("deny:\n  actions: [evil/*]\n", "deny:\n  actions: []\n")[0]!.message).toContain("`deny.actions` loses `evil/*`");
    const rules = loosening("rules: { mcp.remote-host: high }\n", "rules:\n  mcp.remote-host: low\n  settings.changed: off\n");
    expect(rules.map((f) => [f.line, f.message])).toEqual([
      [2, expect.stringContaining("rule `mcp.remote-host` high → low")],
      [3, expect.stringContaining("rule `settings.changed` low → off")],
    ]);
    expect(loosening("paths: { include: [tools/**] }\n", "paths: { include: [] }\n")).toHaveLength(1);
    expect(loosening("paths: { exclude: [] }\n", "paths:\n  exclude: [examples/**]\n")).toMatchObject([{ line: 2 }]);
  });

  it("loosening: approvers added, their minimum lowered, or the section removed", () => {
    const base = "approvers: { teams: [org/sec], min: 2 }\n";
    expect(loosening(base, "approvers: { teams: [org/sec, org/all], min: 2 }\n")[0]!.message).toContain("more people can approve");
    expect(loosening(base, "approvers:\n  teams: [org/sec]\n  min: 1\n")).toMatchObject([{ line: 3, message: expect.stringContaining("`approvers.min` 2 → 1") }]);
    expect(loosening(base, "fail_on: high\n")[0]!.message).toContain("`approvers` removed");
  });

  it("tightening is reported as info, never as an escalation", () => {
    const pairs: [string, string][] = [
      ["fail_on: critical\n", "fail_on: medium\n"],
      ["mode: warn\n", "mode: enforce\n"],
      ["allow: { marketplaces: [acme] }\n", "allow: { marketplaces: [] }\n"],
      ["allow: { marketplaces: [acme] }\n", "allow: { marketplaces: [{ name: acme, expires: 2027-01-01 }] }\n"],
      ["deny: { mcp_hosts: [] }\n", "deny: { mcp_hosts: ['*.evil.test'] }\n"],
      ["rules: { settings.changed: off }\n", "rules: { settings.changed: medium }\n"],
      ["paths: { exclude: [examples/**] }\n", "paths: { include: [tools/**] }\n"],
      ["approvers: { users: [a, b], min: 1 }\n", "approvers: { users: [a], min: 2 }\n"],
      ["fail_on: high\n", "approvers: { teams: [org/sec] }\n"],
    ];
    for (const [before, after] of pairs) {
      expect(loosening(before, after)).toEqual([]);
      expect(tightening(before, after).length).toBeGreaterThan(0);
      for (const f of tightening(before, after)) expect(f).toMatchObject({ rule: "policy.changed", severity: "info" });
    }
  });

  it("reordering, comments, explicit defaults and reworded reasons loosen nothing", () => {
    expect(edit("allow: { marketplaces: [a, b] }\n", "# trusted\nallow:\n  marketplaces: [b, a]\n")).toEqual([]);
    expect(edit("fail_on: high\n", "fail_on: high\nmode: enforce\nrules: { settings.changed: low }\n")).toEqual([]);
    const reason = edit("allow: { marketplaces: [{ name: a, reason: x }] }\n", "allow: { marketplaces: [{ name: a, reason: y }] }\n");
    expect(reason).toMatchObject([{ severity: "info", direction: "neutral", message: expect.stringContaining("reason reworded") }]);
  });

  it("parses the head text when no head policy is given, and reports an invalid one as high", () => {
    expect(policyChange(undefined, undefined, PATH, "fail_on: low\n")).toMatchObject([{ direction: "reduction" }]);
    const [bad] = policyChange(undefined, undefined, PATH, "fail_on: high\nallow:\n  mcp_host: [x]\n");
    expect(bad).toMatchObject({ severity: "high", direction: "escalation", line: 3 });
    expect(bad!.message).toContain("invalid");
  });

  it("a deleted policy file is compared with the defaults", () => {
    const gone = policyChange(policy("deny: { marketplaces: [shady] }\n"), undefined, PATH, undefined);
    expect(gone).toMatchObject([{ direction: "escalation", line: 1, message: expect.stringContaining("`deny.marketplaces` loses `shady`") }]);
  });
});

describe("policy.changed in review()", () => {
  const empty = new Map<string, string>();
  const base = policy("fail_on: high\n");
  const looser = "fail_on: critical\nallow: { mcp_packages: ['*'] }\n";
  const run = (headText: string, reviewPolicy = base) =>
    review({ base: empty, head: empty, policy: reviewPolicy, today: "2026-11-24", policyChange: { path: PATH, headText } });

  it("judges the PR under the base policy: a loosening edit needs approval", () => {
    const v = run(looser);
    expect(v.findings.map((f) => f.rule)).toEqual(["policy.changed", "policy.changed"]);
    expect(v.conclusion).toBe("failure");
    expect(v.policy).toBe(base);
  });

  it("a tightening edit passes; the base policy's rules tune the rule", () => {
    expect(run("fail_on: medium\n").conclusion).toBe("success");
    expect(run(looser, policy("rules: { policy.changed: medium }\n")).conclusion).toBe("success");
  });

  it("a loosening edit enters the fingerprint, so an approval does not cover a later, looser edit", () => {
    const none = review({ base: empty, head: empty, today: "2026-11-24" }).fingerprint;
    expect(run("fail_on: medium\n").fingerprint).toBe(none);
    const one = run(looser).fingerprint;
    expect(one).not.toBe(none);
    expect(run(`# reformatted\n${looser}`).fingerprint).toBe(one);
    expect(run("fail_on: critical\nallow: { mcp_packages: ['*', '@x/*'] }\n").fingerprint).not.toBe(one);
  });

  it("sits alongside capability findings", () => {
    const head = new Map([[".mcp.json", json({ mcpServers: { a: { command: "node", args: ["a.js"] } } })]]);
    const v = review({ base: empty, head, policy: base, today: "2026-11-24", policyChange: { path: PATH, headText: looser } });
    expect(v.findings.map((f) => f.rule)).toEqual(["policy.changed", "policy.changed", "mcp.server-added"]);
  });
});
