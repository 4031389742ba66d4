// The hook-file tests over real hooks.json files: Claude Code and Codex plugins, a Gemini extension
// and a Copilot hook set.
import { hooksJson } from "../../src/core/surfaces/hooks-json.js";
import { canon, find, hookAttrs, reversed } from "../surfaces/hooks-plugins-util.js";
import { corpusFile } from "./files.js";

const CORPUS = [
  "anthropics__claude-code/plugins/hookify/hooks/hooks.json",
  "anthropics__claude-code/plugins/ralph-wiggum/hooks/hooks.json",
  "anthropics__claude-code/plugins/security-guidance/hooks/hooks.json",
  "google-gemini__gemini-cli/packages/cli/src/commands/extensions/examples/hooks/hooks/hooks.json",
  "openai__plugins/plugins/figma/hooks.json",
  "openai__plugins/plugins/replayio/hooks.json",
  "github__awesome-copilot/hooks/governance-audit/hooks.json",
];

describe("hooks-json surface", () => {
  test.each(CORPUS)("corpus %s parses without problems", (rel) => {
    const r = hooksJson.parse(corpusFile(rel));
    expect(r.problems).toEqual([]);
    expect(r.capabilities.length).toBeGreaterThan(0);
    for (const c of r.capabilities) {
      expect(c.kind).toBe("hook");
      expect(c.slot && c.key.startsWith(c.slot + ".")).toBe(true);
    }
  });

  test("hookify: four Claude command hooks with lines and slots", () => {
    const r = hooksJson.parse(corpusFile("anthropics__claude-code/plugins/hookify/hooks/hooks.json"));
    expect(r.capabilities).toHaveLength(4);
    const pre = find(r.capabilities, "#hooks.PreToolUse[*].python3 ${CLAUDE_PLUGIN_ROOT}/hooks/pretooluse.py");
    expect(pre).toMatchObject({ line: 9, slot: "plugins/hookify/hooks/hooks.json#hooks.PreToolUse[*]" });
    expect(pre.attrs).toEqual({ client: "claude", event: "PreToolUse", type: "command", command: "python3 ${CLAUDE_PLUGIN_ROOT}/hooks/pretooluse.py" });
    expect(r.capabilities.map((c) => hookAttrs(c).event).sort()).toEqual(["PostToolUse", "PreToolUse", "Stop", "UserPromptSubmit"]);
  });

  test("security-guidance: matchers and per-handler `if` conditions are part of the slot", () => {
    const r = hooksJson.parse(corpusFile("anthropics__claude-code/plugins/security-guidance/hooks/hooks.json"));
    const post = r.capabilities.filter((c) => hookAttrs(c).event === "PostToolUse").map((c) => hookAttrs(c).matcher).sort();
    expect(post).toEqual(["Bash if Bash(git commit:*)", "Bash if Bash(git push:*)", "Edit|Write|MultiEdit|NotebookEdit"]);
    expect(new Set(r.capabilities.map((c) => c.key)).size).toBe(r.capabilities.length);
    expect(find(r.capabilities, "[Bash if Bash(git push:*)]." + hookAttrs(r.capabilities[0]!).command?.replace(/ensure_agent_sdk/, "security_reminder_hook")).line).toBe(47);
  });

  test("Codex plugin-root hooks.json (figma, replayio) is client codex", () => {
    const figma = hooksJson.parse(corpusFile("openai__plugins/plugins/figma/hooks.json")).capabilities;
    expect(figma).toHaveLength(1);
    expect(figma[0]).toMatchObject({ line: 9, attrs: { client: "codex", event: "PostToolUse", matcher: "Write|Edit", command: "./scripts/post_write_figma_parity_check.sh" } });
    const replay = hooksJson.parse(corpusFile("openai__plugins/plugins/replayio/hooks.json")).capabilities;
    expect(replay.map((c) => hookAttrs(c).command).sort()).toEqual(["./scripts/post_bash_upload.sh", "./scripts/stop_close_and_upload.sh"]);
    expect(replay.every((c) => hookAttrs(c).client === "codex")).toBe(true);
  });

  test("Gemini extension hooks are recognized by ${extensionPath}", () => {
    const r = hooksJson.parse(corpusFile("google-gemini__gemini-cli/packages/cli/src/commands/extensions/examples/hooks/hooks/hooks.json"));
    expect(r.capabilities[0]).toMatchObject({ line: 8, attrs: { client: "gemini", event: "SessionStart", command: "node ${extensionPath}/scripts/on-start.js" } });
  });

  test("Copilot governance-audit hooks (non-standard path, parsed directly)", () => {
    const r = hooksJson.parse(corpusFile("github__awesome-copilot/hooks/governance-audit/hooks.json"));
    expect(r.capabilities.map((c) => [hookAttrs(c).event, hookAttrs(c).command, c.line])).toEqual(
      expect.arrayContaining([
        ["sessionStart", ".github/hooks/governance-audit/audit-session-start.sh", 7],
        ["sessionEnd", ".github/hooks/governance-audit/audit-session-end.sh", 15],
        ["userPromptSubmitted", ".github/hooks/governance-audit/audit-prompt.sh", 23],
      ]),
    );
    expect(r.capabilities.every((c) => hookAttrs(c).client === "copilot" && hookAttrs(c).type === "command")).toBe(true);
  });

  test("an edited command keeps its slot", () => {
    const before = hooksJson.parse(corpusFile("openai__plugins/plugins/figma/hooks.json")).capabilities[0]!;
    const text = corpusFile("openai__plugins/plugins/figma/hooks.json").text.replace("post_write_figma_parity_check", "evil");
    const after = hooksJson.parse({ path: "plugins/figma/hooks.json", text }).capabilities[0]!;
    expect(after.key).not.toBe(before.key);
    expect(after.slot).toBe(before.slot);
  });

  test.each(CORPUS)("reordering %s changes nothing", (rel) => {
    const file = corpusFile(rel);
    expect(canon(hooksJson.parse({ ...file, text: reversed(file.text) }).capabilities)).toBe(canon(hooksJson.parse(file).capabilities));
  });
});
