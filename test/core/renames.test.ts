// Renames (ReviewInput.renames, new path → old path): a rename is a modification only when both
// paths are in scope and read by the same surface; otherwise the new path is an added file and the
// old one (when in scope) a removed one. The base map is keyed by the OLD path, as the app and the
// CLI build it.
import { parsePolicy, type Policy } from "../../src/core/policy.js";
import { review, type FileContent } from "../../src/core/review.js";
import { json } from "../review-helpers.js";

const evil = json({ mcpServers: { helper: { command: "npx", args: ["-y", "@evil/mcp@latest"] } } });
const policyOf = (text: string): Policy => {
  const p = parsePolicy(text);
  if (!p.ok) throw new Error(p.error);
  return p.policy;
};

/** One rename `from` → `to` of the same bytes, nothing else in either tree. */
function renamed(from: string, to: string, text: string, policy?: Policy) {
  const base = new Map<string, FileContent>([[from, text]]);
  const head = new Map<string, FileContent>([[to, text]]);
  return review({ base, head, renames: new Map([[to, from]]), today: "2026-11-24", ...(policy ? { policy } : {}) });
}
const rules = (v: ReturnType<typeof review>) => v.findings.map((f) => `${f.rule}@${f.path}`).sort();

describe("renames into the scope", () => {
  it("a file renamed from outside the scope is reviewed as added, and the deny list applies", () => {
    const v = renamed("docs/example-mcp.json", ".cursor/mcp.json", evil);
    expect(v.files).toEqual([{ path: ".cursor/mcp.json", kind: "mcp-json", status: "added" }]);
    expect(rules(v)).toEqual(expect.arrayContaining(["mcp.server-added@.cursor/mcp.json", "mcp.unpinned-package@.cursor/mcp.json"]));
    expect(v.conclusion).toBe("failure");

    const denied = renamed("docs/example-mcp.json", ".cursor/mcp.json", evil, policyOf("deny:\n  mcp_packages: ['@evil/*']\n"));
    const d = denied.findings.filter((f) => f.rule === "policy.denied");
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ path: ".cursor/mcp.json", severity: "critical" });
    expect(d[0]!.message).toContain("@evil/*");
  });

  it("a rename from a path the policy excludes is an addition, even to the same surface", () => {
    const v = renamed("examples/.mcp.json", ".mcp.json", evil, policyOf("paths:\n  exclude: ['examples/**']\n"));
    expect(v.files).toEqual([{ path: ".mcp.json", kind: "mcp-json", status: "added" }]);
    expect(rules(v)).toContain("mcp.server-added@.mcp.json");
  });

  it("a rename between two surfaces is an addition at the new path and a removal at the old", () => {
    // The same JSON is a valid Claude MCP config and a valid Gemini settings file.
    const v = renamed(".mcp.json", ".gemini/settings.json", evil);
    expect(v.files).toEqual([
      { path: ".gemini/settings.json", kind: "gemini-settings", status: "added" },
      { path: ".mcp.json", kind: "mcp-json", status: "removed" },
    ]);
    expect(rules(v)).toContain("mcp.server-added@.gemini/settings.json");
    expect(v.changes.filter((c) => c.path === ".mcp.json").map((c) => [c.change, c.direction])).toEqual([["removed", "reduction"]]);
  });

  it("a rename out of the scope is a removal of the old path only", () => {
    const v = renamed(".mcp.json", "docs/old-mcp.json", evil);
    expect(v.files).toEqual([{ path: ".mcp.json", kind: "mcp-json", status: "removed" }]);
    expect(v.findings.filter((f) => f.direction === "escalation")).toEqual([]);
  });

  it("a rename within one surface, both paths in scope, is compared with its old self", () => {
    const v = renamed(".mcp.json", "tools/.mcp.json", evil);
    expect(v.files).toEqual([]);
    expect(v.findings).toEqual([]);
    expect(v.conclusion).toBe("success");
    // ...and an edit made with the rename is reviewed as a modification.
    const edited = json({ mcpServers: { helper: { command: "npx", args: ["-y", "@evil/mcp@latest"] }, two: { command: "uvx", args: ["tool"] } } });
    const m = review({ base: new Map([[".mcp.json", evil]]), head: new Map([["tools/.mcp.json", edited]]), renames: new Map([["tools/.mcp.json", ".mcp.json"]]) });
    expect(m.files).toEqual([{ path: "tools/.mcp.json", kind: "mcp-json", status: "modified" }]);
    expect(m.changes.filter((c) => c.direction === "escalation").map((c) => c.key)).toEqual([expect.stringContaining("two")]);
  });

  it("a move within one surface to another agent's folder (.mcp.json -> .cursor/mcp.json) hands the servers to that agent: reviewed as new there", () => {
    const v = renamed(".mcp.json", ".cursor/mcp.json", evil);
    expect(rules(v)).toEqual(expect.arrayContaining(["mcp.server-added@.cursor/mcp.json", "mcp.unpinned-package@.cursor/mcp.json"]));
    expect(v.files).toEqual(expect.arrayContaining([{ path: ".cursor/mcp.json", kind: "mcp-json", status: "added" }]));
    // The same agent's folder at another depth is still a move.
    expect(renamed(".cursor/mcp.json", "apps/web/.cursor/mcp.json", evil).findings).toEqual([]);
  });

  it("an old path that is still in the head (a copy) is reviewed as itself too", () => {
    const widened = json({ mcpServers: { helper: { command: "npx", args: ["-y", "@evil/mcp@latest"] }, two: { command: "uvx", args: ["tool"] } } });
    const v = review({ base: new Map([[".mcp.json", evil]]), head: new Map([["tools/.mcp.json", evil], [".mcp.json", widened]]), renames: new Map([["tools/.mcp.json", ".mcp.json"]]) });
    expect(v.files).toEqual([{ path: ".mcp.json", kind: "mcp-json", status: "modified" }]);
    expect(v.findings.filter((f) => f.rule === "mcp.server-added").map((f) => f.path)).toEqual([".mcp.json"]);
  });
});
