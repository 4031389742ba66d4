import { fingerprint } from "../../src/core/fingerprint.js";
import { json, reviewPair } from "../review-helpers.js";

const base = json({ mcpServers: { a: { command: "node", args: ["a.js"] } } });
const head = json({ mcpServers: { a: { command: "node", args: ["a.js"] }, b: { command: "npx", args: ["-y", "pkg"], env: { T: "${T}" } } } });

describe("fingerprint", () => {
  it("is a sha256 and stable across runs", () => {
    const one = reviewPair({ ".mcp.json": [base, head] }).fingerprint;
    expect(one).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(reviewPair({ ".mcp.json": [base, head] }).fingerprint).toBe(one);
  });

  it("ignores key order, formatting and line positions", () => {
    const one = reviewPair({ ".mcp.json": [base, head] }).fingerprint;
    const reordered = '\n\n{"mcpServers":{"b":{"env":{"T":"${T}"},"args":["-y","pkg"],"command":"npx"},\n"a":{"args":["a.js"],"command":"node"}}}';
    expect(reviewPair({ ".mcp.json": [base, reordered] }).fingerprint).toBe(one);
  });

  it("changes when the escalation changes, not when only a reduction is added", () => {
    const one = reviewPair({ ".mcp.json": [base, head] }).fingerprint;
    const other = head.replace('"pkg"', '"pkg2"');
    expect(reviewPair({ ".mcp.json": [base, other] }).fingerprint).not.toBe(one);
    // Also removing an unrelated permission rule (a reduction) leaves it alone.
    const s0 = json({ permissions: { allow: ["Bash(ls)"] } });
    const s1 = json({ permissions: { allow: [] } });
    const withReduction = reviewPair({ ".mcp.json": [base, head], ".claude/settings.json": [s0, s1] }).fingerprint;
    expect(withReduction).toBe(one);
  });

  it("is the same for no change and for only reductions", () => {
    const none = reviewPair({}).fingerprint;
    expect(reviewPair({ ".mcp.json": [head, base] }).fingerprint).toBe(none);
  });

  it("covers a non-escalating change only when a blocking finding is about it", () => {
    // An env value edit of an existing server: a neutral change (capability.changed, low).
    const one = json({ mcpServers: { a: { command: "node", args: ["a.js"], env: { LOG: "info" } } } });
    const two = json({ mcpServers: { a: { command: "node", args: ["a.js"], env: { LOG: "debug" } } } });
    const v = reviewPair({ ".mcp.json": [one, two] }, "fail_on: low\n");
    expect(v.changes.map((c) => c.direction)).toEqual(["neutral"]);
    expect(v.blocking.map((f) => f.rule)).toEqual(["capability.changed"]);
    expect(fingerprint(v.changes)).toBe(fingerprint([]));
    expect(fingerprint(v.changes, [], new Set([v.changes[0]!.key]))).not.toBe(fingerprint([]));
    expect(v.fingerprint).toBe(fingerprint(v.changes, [], new Set([v.changes[0]!.key])));
    // Under the default fail_on (high) it blocks nothing, and the fingerprint is that of no change.
    expect(reviewPair({ ".mcp.json": [one, two] }).fingerprint).toBe(reviewPair({}).fingerprint);
  });
});
