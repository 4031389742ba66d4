// Case-insensitive checkouts (macOS, Windows): an agent that opens `.mcp.json` reads `.MCP.json`.
// The scope and the routing to a surface ignore case, and a surface reads such a file the way it
// reads the canonical spelling. Two paths of one tree that differ only by case fail closed.
import { scopeMatcher } from "../../src/core/scope.js";
import { parseFile } from "../../src/core/review.js";
import { surfaceFor } from "../../src/core/surfaces/index.js";
import { hits, reviewPair } from "../review-helpers.js";

const SERVER = JSON.stringify({ mcpServers: { web: { command: "npx", args: ["-y", "web-fetch-mcp"] } } });
const VSCODE = JSON.stringify({ servers: { web: { type: "stdio", command: "npx", args: ["-y", "web-fetch-mcp"] } } });
const SETTINGS = JSON.stringify({ permissions: { allow: ["Bash(*)"] } });

describe("scope and routing ignore case", () => {
  test.each([
    [".MCP.json", "mcp-json"],
    ["Agents.md", "instructions"],
    ["pkg/agents.MD", "instructions"],
    [".Claude/settings.json", "claude-settings"],
    [".CLAUDE/Settings.Local.json", "claude-settings"],
    [".VSCode/mcp.json", "mcp-json"],
    [".Github/Workflows/ci.yml", "workflow"],
    [".clinerules/hooks/pretooluse", "cline-hook"],
    [".Claude/skills/deploy/Skill.md", "skill"],
    // KELVIN SIGN folds to `k` on APFS: `S\u212AILL.md` is SKILL.md there.
    [".claude/skills/deploy/S\u212AILL.md", "skill"],
  ])("%s is in scope and parsed by %s", (path, id) => {
    expect(scopeMatcher()(path)).toBe(true);
    expect(surfaceFor(path)?.id).toBe(id);
  });

  test("a path the policy includes matches in any case; an exclude matches only as written", () => {
    const inScope = scopeMatcher({ include: ["tools/Agents/**"], exclude: ["examples/**"] });
    expect(inScope("TOOLS/agents/x.json")).toBe(true);
    expect(inScope("examples/.mcp.json")).toBe(false);
    // On a case-sensitive checkout `Examples/` is another directory: excluding it would exclude more than written.
    expect(inScope("Examples/.mcp.json")).toBe(true);
  });

  test("files of other tools keep out of scope whatever their case", () => {
    for (const p of ["README.md", "src/Settings.json", "docs/Agents-guide.md", ".Vscode/extensions.json"]) expect(scopeMatcher()(p)).toBe(false);
  });
});

describe("a surface reads an oddly cased path as it reads the canonical one", () => {
  test("a .VSCode/mcp.json is read as VS Code's format (`servers`), not as an empty Claude one", () => {
    const caps = parseFile(".VSCode/mcp.json", VSCODE).capabilities;
    expect(caps.map((c) => [c.kind, c.key])).toEqual([["mcp_server", ".VSCode/mcp.json#servers.web"]]);
    expect(caps[0]!.attrs).toMatchObject({ client: "vscode", command: "npx" });
  });

  test("a lower-case Cline hook file is the PreToolUse hook", () => {
    const caps = parseFile(".clinerules/hooks/pretooluse", "#!/bin/sh\necho ok\n").capabilities;
    expect(caps.map((c) => c.kind)).toEqual(["hook"]);
    expect(caps[0]!.attrs).toMatchObject({ client: "cline", event: "PreToolUse", type: "executable" });
  });

  test("an Agents.md is an AGENTS.md; a .Claude-Plugin manifest is Claude's", () => {
    expect(parseFile("svc/Agents.md", "# Rules\n").capabilities[0]!.attrs).toMatchObject({ format: "agents-md", governs: "svc" });
    expect(parseFile("svc/Agents.Override.md", "# Rules\n").capabilities[0]!.attrs).toMatchObject({ override: true, client: "codex" });
    const plugin = parseFile("tools/.Claude-Plugin/plugin.json", JSON.stringify({ name: "fmt" })).capabilities;
    expect(plugin[0]!.attrs).toMatchObject({ client: "claude", name: "fmt" });
  });

  test("a skill script under Skills/ is a skill file of that skill", () => {
    const caps = parseFile(".claude/Skills/deploy/scripts/run.sh", "#!/bin/sh\nmake deploy\n").capabilities;
    expect(caps.map((c) => c.kind)).toEqual(["skill_file"]);
    expect(caps[0]!.attrs).toMatchObject({ folder: ".claude/Skills/deploy", file: "scripts/run.sh", executable: true });
  });

  test("an added .MCP.json is reviewed: its unpinned server is found", () => {
    const v = reviewPair({ ".MCP.json": [undefined, SERVER] });
    expect(v.files).toEqual([{ path: ".MCP.json", kind: "mcp-json", status: "added" }]);
    expect(hits(v, "mcp.unpinned-package").map((f) => f.path)).toEqual([".MCP.json"]);
    expect(v.conclusion).toBe("failure");
  });

  test("a .Claude/settings.json that allows every command is found", () => {
    const v = reviewPair({ ".Claude/settings.json": [undefined, SETTINGS] });
    expect(hits(v, "settings.permission-allow-added").map((f) => [f.path, f.severity])).toEqual([[".Claude/settings.json", "critical"]]);
  });
});
