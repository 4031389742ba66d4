import { DEFAULT_POLICY, parsePolicy } from "../../src/core/policy.js";
import { hits, json, reviewPair } from "../review-helpers.js";

describe("policy parsing", () => {
  it("defaults", () => {
    expect(DEFAULT_POLICY).toMatchObject({ fail_on: "high", mode: "enforce", rules: {} });
  });

  it("names file, line and field for a bad value", () => {
    const r = parsePolicy("fail_on: high\nallow:\n  marketplaces: [acme]\n  mcp_hosts: 5\n");
    expect(r).toMatchObject({ ok: false, line: 4 });
    if (!r.ok) expect(r.error).toMatch(/^\.github\/capability-review\.yml:4: allow\.mcp_hosts: /);
  });

  it("rejects unknown rule ids and unknown keys (typos must not pass silently)", () => {
    const r = parsePolicy("rules:\n  mcp.server-add: off\n");
    expect(r).toMatchObject({ ok: false, line: 2 });
    if (!r.ok) expect(r.error).toContain('unknown rule id "mcp.server-add"');
    const typo = parsePolicy("fail_on: high\nmode: warn\nrulez:\n  x: off\n");
    expect(typo).toMatchObject({ ok: false, line: 3 });
    if (!typo.ok) expect(typo.error).toMatch(/:3: rulez: /);
  });

  it("reports YAML syntax errors with their line", () => {
    const r = parsePolicy("fail_on: high\nrules: [\n");
    expect(r.ok).toBe(false);
  });
});

const added = { ".mcp.json": [undefined, json({ mcpServers: { pw: { command: "npx", args: ["-y", "@playwright/mcp@latest"] } } })] } as Record<string, [string | undefined, string | undefined]>;

describe("policy application", () => {
  it("fail_on decides the conclusion", () => {
    expect(reviewPair(added).conclusion).toBe("failure");
    expect(reviewPair(added, "fail_on: critical\n").conclusion).toBe("success");
  });

  it("rules: off drops a rule, a severity overrides it", () => {
    const v = reviewPair(added, "rules:\n  mcp.unpinned-package: off\n  mcp.server-added: low\n");
    expect(hits(v, "mcp.unpinned-package")).toEqual([]);
    expect(hits(v, "mcp.server-added")[0]!.severity).toBe("low");
    expect(v.conclusion).toBe("success");
  });

  it("allow.mcp_packages allows a package (glob), an expired entry does not", () => {
    expect(reviewPair(added, "allow:\n  mcp_packages: ['@playwright/*']\n").conclusion).toBe("success");
    const expired = reviewPair(added, "allow:\n  mcp_packages:\n    - name: '@playwright/mcp'\n      reason: trial\n      expires: 2026-01-01\n");
    expect(expired.conclusion).toBe("failure");
  });

  it("allow.mcp_hosts allows a remote server's host but not the secrets it receives", () => {
    const remote = { ".mcp.json": [undefined, json({ mcpServers: { r: { type: "http", url: "https://mcp.corp.test/x", headers: { Authorization: "Bearer ${T}" } } } })] } as Record<string, [string | undefined, string | undefined]>;
    const v = reviewPair(remote, "allow:\n  mcp_hosts: [mcp.corp.test]\n");
    expect(hits(v, "mcp.remote-host")[0]!.allowedBy).toBe("allow.mcp_hosts: mcp.corp.test");
    expect(v.blocking.map((f) => f.rule)).toEqual(["mcp.secret-env"]);
  });

  it("allow.actions trusts a third-party action referenced by tag; the rest stay unpinned findings", () => {
    const wf = (uses: string[]) =>
      `on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n${uses.map((u) => `      - uses: ${u}\n`).join("")}`;
    const files = { ".github/workflows/ci.yml": [wf([]), wf(["acme/setup@v2", "other/tool@v1"])] } as Record<string, [string | undefined, string | undefined]>;
    const v = reviewPair(files, "fail_on: medium\nworkflows: all\nallow:\n  actions: ['acme/*']\n");
    const unpinned = hits(v, "workflow.unpinned-action");
    expect(unpinned.map((f) => [f.subject, f.allowedBy])).toEqual([
      ["acme/setup@v2", "allow.actions: acme/*"],
      ["other/tool@v1", undefined],
    ]);
    expect(v.blocking.map((f) => f.subject)).toEqual(["other/tool@v1"]);
  });

  it("mode: warn reports without failing", () => {
    expect(reviewPair(added, "mode: warn\n").conclusion).toBe("neutral");
  });
});
