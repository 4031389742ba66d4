// Deny lists (`policy.denied`), expired allow entries (`policy.allow-expired`) and what `mode: warn`
// still fails on.
import { parsePolicy } from "../../src/core/policy.js";
import { hits, json, reviewPair } from "../review-helpers.js";

type Files = Record<string, [string | undefined, string | undefined]>;

const server = (args: string[]) => json({ mcpServers: { pw: { command: "npx", args } } });
const addPw: Files = { ".mcp.json": [undefined, server(["-y", "@playwright/mcp@1.2.3"])] };
const remote = (url: string) => json({ mcpServers: { r: { type: "http", url } } });
const settings = ".claude/settings.json";
const WF = ".github/workflows/ci.yml";
const wf = (steps: string[]) =>
  `name: ci\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n${steps.map((s) => `      - ${s}\n`).join("")}`;
const SHA = "0123456789abcdef0123456789abcdef01234567";

describe("deny lists: policy.denied", () => {
  it("denies an added MCP server by package (glob), naming the entry and its reason", () => {
    const v = reviewPair(addPw, "deny:\n  mcp_packages:\n    - name: '@playwright/*'\n      reason: not vetted\n");
    const [d, ...more] = hits(v, "policy.denied");
    expect(more).toEqual([]);
    expect(d).toMatchObject({ severity: "critical", direction: "escalation", path: ".mcp.json", line: 3 });
    expect(d!.message).toContain("`deny.mcp_packages: @playwright/*`");
    expect(d!.message).toContain("not vetted");
    expect(v.conclusion).toBe("failure");
    expect(v.blocking.map((f) => f.rule)).toContain("policy.denied");
  });

  it("denies a remote server by host, case-insensitively", () => {
    const v = reviewPair({ ".mcp.json": [undefined, remote("https://MCP.Evil.test/sse")] }, "deny:\n  mcp_hosts: ['*.evil.test']\n");
    expect(hits(v, "policy.denied")).toHaveLength(1);
    expect(hits(v, "policy.denied")[0]!.message).toContain("`deny.mcp_hosts: *.evil.test`");
  });

  it("denies a plugin by its marketplace and a marketplace by its name", () => {
    const plugin = reviewPair({ [settings]: [json({}), json({ enabledPlugins: { "deploy@shady": true, "ok@claude-plugins-official": true } })] }, "deny:\n  marketplaces: [shady]\n");
    expect(hits(plugin, "policy.denied").map((f) => f.message)).toEqual([expect.stringContaining("Plugin `deploy`")]);
    const market = reviewPair({ [settings]: [json({}), json({ extraKnownMarketplaces: { shady: { source: { source: "github", repo: "shady/m" } } } })] }, "deny:\n  marketplaces: [shady]\n");
    expect(hits(market, "policy.denied")).toHaveLength(1);
  });

  it("denies a workflow action at the line of its `uses:`, by repository or full path, ignoring the ref", () => {
    const head = wf([`uses: actions/checkout@${SHA}`, "uses: evil-org/tools/setup@v1", "run: make"]);
    const v = reviewPair({ [WF]: [undefined, head] }, "deny:\n  actions: [evil-org/tools]\n");
    const [d] = hits(v, "policy.denied");
    expect(d!.line).toBe(head.split("\n").findIndex((l) => l.includes("evil-org")) + 1);
    expect(d!.message).toContain("`evil-org/tools/setup@v1`");
    expect(hits(reviewPair({ [WF]: [undefined, head] }, "deny:\n  actions: ['evil-org/*/setup']\n"), "policy.denied")).toHaveLength(1);
    expect(hits(reviewPair({ [WF]: [undefined, head] }, "deny:\n  actions: ['other/*']\n"), "policy.denied")).toEqual([]);
  });

  it("deny beats allow, fail_on and mode: warn", () => {
    const policy = "fail_on: critical\nmode: warn\nallow:\n  mcp_packages: ['@playwright/*']\ndeny:\n  mcp_packages: ['@playwright/mcp']\n";
    const v = reviewPair(addPw, policy);
    expect(hits(v, "mcp.server-added")[0]!.allowedBy).toBe("allow.mcp_packages: @playwright/*");
    expect(v.blocking.map((f) => f.rule)).toEqual(["policy.denied"]);
    expect(v.conclusion).toBe("failure");
  });

  it("rules: may not mention policy.denied (rejected with a clear message, not ignored)", () => {
    for (const value of ["off", "low", "critical"]) {
      const r = parsePolicy(`rules:\n  settings.changed: off\n  policy.denied: ${value}\n`);
      expect(r).toMatchObject({ ok: false, line: 3 });
      if (!r.ok) expect(r.error).toContain('rule "policy.denied" cannot be turned off or given another severity');
    }
  });

  it("applies only to what the PR adds or changes, not to untouched or removed config", () => {
    const policy = "deny:\n  mcp_packages: ['@playwright/*']\n";
    const old = server(["-y", "@playwright/mcp@1.2.3"]);
    const other = json({ mcpServers: { pw: { command: "npx", args: ["-y", "@playwright/mcp@1.2.3"] }, fs: { command: "node", args: ["fs.js"] } } });
    expect(hits(reviewPair({ ".mcp.json": [old, other] }, policy), "policy.denied")).toEqual([]);
    expect(reviewPair({ ".mcp.json": [old, other] }, policy).conclusion).toBe("failure"); // fs is new: mcp.server-added
    expect(reviewPair({ ".mcp.json": [old, json({ mcpServers: {} })] }, policy).conclusion).toBe("success");
    // Changing the denied server itself (a new version) is blocked.
    expect(hits(reviewPair({ ".mcp.json": [old, server(["-y", "@playwright/mcp@1.2.4"])] }, policy), "policy.denied")).toHaveLength(1);
  });

  it("an expired deny entry no longer denies", () => {
    const policy = "deny:\n  mcp_packages:\n    - { name: '@playwright/mcp', expires: 2026-01-01 }\n";
    expect(hits(reviewPair(addPw, policy), "policy.denied")).toEqual([]);
  });
});

describe("mode: warn", () => {
  it("is neutral for ordinary findings and fails on file problems", () => {
    expect(reviewPair(addPw, "mode: warn\n").conclusion).toBe("neutral");
    const broken = reviewPair({ ".mcp.json": [undefined, "{ not json"] }, "mode: warn\n");
    expect(hits(broken, "file.parse-error")).toHaveLength(1);
    expect(broken.conclusion).toBe("failure");
  });
});

describe("expired allow entries: policy.allow-expired", () => {
  const expiring = (date: string) =>
    `allow:\n  mcp_packages:\n    - name: '@playwright/mcp'\n      reason: trial\n      expires: ${date}\n`;

  it("reports the entry and its date once per capability when it would have allowed a finding", () => {
    const v = reviewPair(addPw, expiring("2026-11-23"));
    const [e, ...more] = hits(v, "policy.allow-expired");
    expect(more).toEqual([]);
    expect(e).toMatchObject({ severity: "low", path: ".mcp.json", line: 3, direction: "neutral" });
    expect(e!.message).toContain("`allow.mcp_packages` entry `@playwright/mcp` (reason: `trial`) expired on 2026-11-23");
    expect(e!.message).toContain("`mcp.server-added`");
    expect(v.conclusion).toBe("failure");
    expect(hits(v, "mcp.server-added")[0]!.allowedBy).toBeUndefined();
  });

  it("is silent while the entry lives (the expiry day included) and when another entry still allows", () => {
    expect(hits(reviewPair(addPw, expiring("2026-11-24")), "policy.allow-expired")).toEqual([]);
    expect(reviewPair(addPw, expiring("2026-11-24")).conclusion).toBe("success");
    const both = reviewPair(addPw, `${expiring("2026-01-01")}    - '@playwright/*'\n`);
    expect(hits(both, "policy.allow-expired")).toEqual([]);
    expect(both.conclusion).toBe("success");
  });

  it("is silent when the entry would not have matched, and can be tuned like other rules", () => {
    const other = `allow:\n  mcp_packages:\n    - { name: '@other/*', expires: 2026-01-01 }\n`;
    expect(hits(reviewPair(addPw, other), "policy.allow-expired")).toEqual([]);
    expect(hits(reviewPair(addPw, `${expiring("2026-01-01")}rules: { policy.allow-expired: off }\n`), "policy.allow-expired")).toEqual([]);
  });

  it("reports an expired marketplace entry for a plugin", () => {
    const v = reviewPair({ [settings]: [json({}), json({ enabledPlugins: { "deploy@acme": true } })] }, "allow:\n  marketplaces: [{ name: acme, expires: 2026-06-30 }]\n");
    expect(hits(v, "policy.allow-expired")[0]!.message).toMatch(/`allow\.marketplaces` entry `acme` expired on 2026-06-30.*`plugin\.enabled`.*`plugin\.untrusted-marketplace`/);
  });
});

describe("deny in the Markdown headline", () => {
  it("says denied, not 'needs approval', when a deny entry fails the check", async () => {
    const { renderReviewMarkdown } = await import("../../src/core/render/markdown.js");
    const { reviewPair: pair, json: j } = await import("../review-helpers.js");
    const v = pair({ ".mcp.json": [undefined, j({ mcpServers: { x: { command: "npx", args: ["-y", "evil-mcp@1.0.0"] } } })] }, "deny:\n  mcp_packages: [evil-mcp]\n");
    expect(renderReviewMarkdown(v)).toContain("Denied by policy");
  });
});
