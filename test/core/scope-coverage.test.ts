// Files agents load that the scope used to miss: each is in scope and read by the surface of its
// format (instructions for rule and prompt files, a module of its own where the format is new).
import { parseFile } from "../../src/core/review.js";
import { scopeMatcher } from "../../src/core/scope.js";
import { surfaceFor } from "../../src/core/surfaces/index.js";
import type { InstructionsAttrs } from "../../src/core/model.js";

/** Path, the agent that reads it, the surface, and for instructions the format and the governed directory. */
const LOADED: [path: string, surface: string, format?: string, client?: string, governs?: string][] = [
  // Zed reads the first of .rules, .cursorrules, ..., AGENT.md, AGENTS.md at a worktree's top.
  [".rules", "instructions", "zed-rules", "zed", ""],
  ["AGENT.md", "instructions", "agent-md", "generic", ""],
  ["tools/AGENT.md", "instructions", "agent-md", "generic", "tools"],
  // Roo Code and Kilo Code: rule folders (read recursively), mode-specific ones, single-file fallbacks.
  [".roo/rules/01-style.md", "instructions", "roo-rule", "generic", ""],
  [".roo/rules/backend/db.txt", "instructions", "roo-rule", "generic", ""],
  [".roo/rules-code/ts.md", "instructions", "roo-rule", "generic", ""],
  [".roorules", "instructions", "roo-rule", "generic", ""],
  [".roorules-architect", "instructions", "roo-rule", "generic", ""],
  [".kilocode/rules/team.md", "instructions", "roo-rule", "generic", ""],
  [".roo/system-prompt-code", "instructions", "roo-rule", "generic", ""],
  // Continue: rules, prompts, and the agents / checks its CLI runs on pull requests.
  [".continue/rules/naming.md", "instructions", "continue-rule", "continue", ""],
  [".continue/prompts/review.prompt", "instructions", "continue-rule", "continue", ""],
  [".continue/agents/security-review.md", "instructions", "continue-agent", "continue", ""],
  [".continue/checks/migrations.md", "instructions", "continue-agent", "continue", ""],
  [".agents/checks/migrations.md", "instructions", "continue-agent", "continue", ""],
  // Amazon Q rules, nested.
  [".amazonq/rules/security/secrets.md", "instructions", "amazonq-rule", "amazonq", ""],
  // Cursor rules in sub-folders and nested .cursor folders; Cursor commands.
  [".cursor/rules/frontend/react.mdc", "instructions", "cursor-rule", "cursor", ""],
  ["web/.cursor/rules/style.md", "instructions", "cursor-rule", "cursor", "web"],
  [".cursor/commands/release.md", "instructions", "cursor-command", "cursor", ""],
  // Copilot instruction and prompt files in sub-folders.
  [".github/instructions/backend/api.instructions.md", "instructions", "copilot-instructions-file", "copilot", ""],
  [".github/prompts/ops/deploy.prompt.md", "instructions", "copilot-prompt", "copilot", ""],
  // Claude rules and output styles; Codex prompts; Cline and Windsurf workflows; nested Kiro steering.
  [".claude/rules/testing.md", "instructions", "claude-rule", "claude", ""],
  [".claude/agents/review/security.md", "instructions", "claude-agent", "claude", ""],
  [".gemini/agents/triage.md", "instructions", "gemini-agent", "gemini", ""],
  [".claude/output-styles/terse.md", "instructions", "claude-output-style", "claude", ""],
  [".codex/prompts/triage.md", "instructions", "codex-prompt", "codex", ""],
  [".clinerules/workflows/release.md", "instructions", "cline-workflow", "cline", ""],
  [".windsurf/workflows/deploy.md", "instructions", "windsurf-workflow", "generic", ""],
  [".kiro/steering/api/rest.md", "instructions", "kiro-steering", "kiro", ""],
  [".kiro/specs/checkout/tasks.md", "instructions", "kiro-spec", "kiro", ""],
  // OpenCode agents and commands (singular and plural folder names).
  [".opencode/agents/review.md", "instructions", "opencode-agent", "opencode", ""],
  [".opencode/agent/review.md", "instructions", "opencode-agent", "opencode", ""],
  [".opencode/commands/ship.md", "instructions", "opencode-command", "opencode", ""],
  // New formats, each with a surface of its own.
  [".vscode/settings.json", "vscode-settings"],
  [".roomodes", "roomodes"],
  [".kilocodemodes", "roomodes"],
  [".opencode/plugins/guard.ts", "opencode-plugin"],
  [".opencode/plugin/notify.js", "opencode-plugin"],
  [".opencode/plugins/acme/index.mjs", "opencode-plugin"],
  [".opencode/tools/db-query.ts", "opencode-plugin"],
  [".opencode/package.json", "opencode-plugin"],
  [".codex/environments/environment.toml", "codex-environment"],
  [".amazonq/cli-agents/reviewer.json", "amazonq-agent"],
  [".kiro/agents/reviewer.json", "amazonq-agent"],
  [".cursor/environment.json", "cursor-environment"],
];

describe.each(LOADED)("%s", (path, surface, format, client, governs) => {
  test(`is in scope and read by ${surface}${format ? ` as ${format}` : ""}`, () => {
    expect(scopeMatcher()(path)).toBe(true);
    expect(surfaceFor(path)?.id).toBe(surface);
    if (!format) return;
    const parsed = parseFile(path, "Before pushing:\n\n```sh\nmake check\n```\n");
    expect(parsed.problems).toEqual([]);
    const attrs = parsed.capabilities[0]!.attrs as InstructionsAttrs;
    expect({ format: attrs.format, client: attrs.client, governs: attrs.governs }).toEqual({ format, client, governs });
    expect(attrs.commands).toEqual(["make check"]);
  });
});

test("an OpenCode command's !`cmd` runs when the command expands: it is a command", () => {
  const text = "---\ndescription: Ship\n---\nCurrent branch: !`git rev-parse --abbrev-ref HEAD`\n";
  const attrs = parseFile(".opencode/commands/ship.md", text).capabilities[0]!.attrs as InstructionsAttrs;
  expect(attrs.commands).toEqual(["git rev-parse --abbrev-ref HEAD"]);
});

test("files beside those stay with their own surfaces", () => {
  expect(surfaceFor(".roo/mcp.json")?.id).toBe("mcp-json");
  expect(surfaceFor(".opencode/opencode.json")?.id).toBe("opencode");
  expect(surfaceFor(".opencode/skills/x/SKILL.md")?.id).toBe("skill");
  expect(surfaceFor(".continue/mcpServers/db.yaml")?.id).toBe("continue-mcp");
  expect(surfaceFor(".codex/config.toml")?.id).toBe("codex-config");
  expect(surfaceFor(".vscode/extensions.json")).toBeUndefined();
  expect(scopeMatcher()(".vscode/extensions.json")).toBe(false);
});

test("agent folders are in scope as a whole: a file there of a kind no parser reads is not-analysed, not skipped", () => {
  for (const p of [".opencode/themes/night.json", ".roo/settings.cfg", ".kilocode/workflows/ship.md", ".roomodes", ".kilocodemodes", "svc/.rules"]) {
    expect(scopeMatcher()(p)).toBe(true);
  }
  expect(parseFile(".roo/settings.cfg", "mode = fast\n").kind).toBe("not-analysed");
});

// A path over PATH_MAX (4,096 bytes): no checkout holds it, and glob expressions match such paths in
// quadratic time, so none is tried. It must not slip out of the review either way.
describe("a path longer than any checkout holds", () => {
  const long = "docs/" + "a/".repeat(2_100) + ".mcp.json"; // 4,214 bytes
  const multibyte = "é/".repeat(1_400) + "AGENTS.md"; // 1,400 x 3 bytes: under 4,096 UTF-16 units, over in UTF-8

  test("is in scope, even where an exclude glob would match it", () => {
    expect(scopeMatcher()(long)).toBe(true);
    expect(scopeMatcher({ exclude: ["docs/**"] })(long)).toBe(true);
    expect(scopeMatcher({ exclude: ["docs/**"] })("docs/a/.mcp.json")).toBe(false);
    expect(scopeMatcher()(multibyte)).toBe(true);
  });

  test("is read by no surface, and fails the review closed saying why", () => {
    expect(surfaceFor(long)).toBeUndefined();
    for (const path of [long, multibyte]) {
      const parsed = parseFile(path, '{"mcpServers":{}}');
      expect(parsed.problems).toEqual([expect.objectContaining({ rule: "file.unreadable", message: expect.stringMatching(/^a path of \d+ bytes, over the 4096/) })]);
    }
    // One byte under the limit is an ordinary path.
    const fits = "a/".repeat(2_042) + ".mcp.json"; // 4,093 bytes
    expect(surfaceFor(fits)?.id).toBe("mcp-json");
    expect(parseFile(fits, '{"mcpServers":{}}').problems).toEqual([]);
  });
});
