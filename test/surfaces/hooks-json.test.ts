import { corpusFile, fixture } from "../helpers.js";
import { surfaceFor } from "../../src/core/surfaces/index.js";
import { claudeStyleHooks, hooksJson } from "../../src/core/surfaces/hooks-json.js";
import { parseJson } from "../../src/core/parse/json.js";
import type { HookAttrs } from "../../src/core/model.js";
import { byKind, canon, find, reversed } from "./hooks-plugins-util.js";

const CORPUS = [
  "anthropics__claude-code/plugins/hookify/hooks/hooks.json",
  "anthropics__claude-code/plugins/ralph-wiggum/hooks/hooks.json",
  "anthropics__claude-code/plugins/security-guidance/hooks/hooks.json",
  "google-gemini__gemini-cli/packages/cli/src/commands/extensions/examples/hooks/hooks/hooks.json",
  "openai__plugins/plugins/figma/hooks.json",
  "openai__plugins/plugins/replayio/hooks.json",
  "github__awesome-copilot/hooks/governance-audit/hooks.json",
];
const attrs = (c: { attrs: unknown }) => c.attrs as HookAttrs;

describe("hooks-json surface", () => {
  test("routes hook file paths here", () => {
    for (const p of ["plugins/x/hooks/hooks.json", "plugins/figma/hooks.json", ".github/hooks/audit.json", ".cursor/hooks.json", ".windsurf/hooks.json"]) {
      expect(surfaceFor(p)?.id).toBe("hooks-json");
    }
    expect(surfaceFor(".github/hooks/readme.md")).toBeUndefined();
  });

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
    expect(r.capabilities.map((c) => attrs(c).event).sort()).toEqual(["PostToolUse", "PreToolUse", "Stop", "UserPromptSubmit"]);
  });

  test("security-guidance: matchers and per-handler `if` conditions are part of the slot", () => {
    const r = hooksJson.parse(corpusFile("anthropics__claude-code/plugins/security-guidance/hooks/hooks.json"));
    const post = r.capabilities.filter((c) => attrs(c).event === "PostToolUse").map((c) => attrs(c).matcher).sort();
    expect(post).toEqual(["Bash if Bash(git commit:*)", "Bash if Bash(git push:*)", "Edit|Write|MultiEdit|NotebookEdit"]);
    expect(new Set(r.capabilities.map((c) => c.key)).size).toBe(r.capabilities.length);
    expect(find(r.capabilities, "[Bash if Bash(git push:*)]." + attrs(r.capabilities[0]!).command?.replace(/ensure_agent_sdk/, "security_reminder_hook")).line).toBe(47);
  });

  test("Codex plugin-root hooks.json (figma, replayio) is client codex", () => {
    const figma = hooksJson.parse(corpusFile("openai__plugins/plugins/figma/hooks.json")).capabilities;
    expect(figma).toHaveLength(1);
    expect(figma[0]).toMatchObject({ line: 9, attrs: { client: "codex", event: "PostToolUse", matcher: "Write|Edit", command: "./scripts/post_write_figma_parity_check.sh" } });
    const replay = hooksJson.parse(corpusFile("openai__plugins/plugins/replayio/hooks.json")).capabilities;
    expect(replay.map((c) => attrs(c).command).sort()).toEqual(["./scripts/post_bash_upload.sh", "./scripts/stop_close_and_upload.sh"]);
    expect(replay.every((c) => attrs(c).client === "codex")).toBe(true);
  });

  test("Gemini extension hooks are recognized by ${extensionPath}", () => {
    const r = hooksJson.parse(corpusFile("google-gemini__gemini-cli/packages/cli/src/commands/extensions/examples/hooks/hooks/hooks.json"));
    expect(r.capabilities[0]).toMatchObject({ line: 8, attrs: { client: "gemini", event: "SessionStart", command: "node ${extensionPath}/scripts/on-start.js" } });
  });

  test("Copilot governance-audit hooks (non-standard path, parsed directly)", () => {
    const r = hooksJson.parse(corpusFile("github__awesome-copilot/hooks/governance-audit/hooks.json"));
    expect(r.capabilities.map((c) => [attrs(c).event, attrs(c).command, c.line])).toEqual(
      expect.arrayContaining([
        ["sessionStart", ".github/hooks/governance-audit/audit-session-start.sh", 7],
        ["sessionEnd", ".github/hooks/governance-audit/audit-session-end.sh", 15],
        ["userPromptSubmitted", ".github/hooks/governance-audit/audit-prompt.sh", 23],
      ]),
    );
    expect(r.capabilities.every((c) => attrs(c).client === "copilot" && attrs(c).type === "command")).toBe(true);
  });

  test("Copilot .github/hooks file: bash preferred, powershell-only kept, env values never copied", () => {
    const text = fixture("hooks-json/copilot-hooks.json");
    const r = hooksJson.parse({ path: ".github/hooks/guard.json", text });
    expect(r.problems).toEqual([]);
    expect(r.capabilities.map((c) => attrs(c).command).sort()).toEqual(["./scripts/guard.sh", "./scripts/windows-only.ps1"]);
    expect(find(r.capabilities, "]../scripts/windows-only.ps1").line).toBe(15);
    expect(JSON.stringify(r)).not.toContain("ghp_");
  });

  test("Cursor hooks: flat entries with optional matcher", () => {
    const r = hooksJson.parse({ path: ".cursor/hooks.json", text: fixture("hooks-json/cursor-hooks.json") });
    expect(r.capabilities.map((c) => c.key).sort()).toEqual([
      ".cursor/hooks.json#hooks.afterFileEdit[*].npx prettier --write",
      ".cursor/hooks.json#hooks.beforeShellExecution[*]../hooks/audit-shell.sh",
      ".cursor/hooks.json#hooks.beforeShellExecution[rm]../hooks/deny-rm.sh",
    ]);
    expect(r.capabilities.every((c) => attrs(c).client === "cursor")).toBe(true);
    expect(find(r.capabilities, "deny-rm.sh").line).toBe(6);
  });

  test("Windsurf hooks", () => {
    const r = hooksJson.parse({ path: ".windsurf/hooks.json", text: fixture("hooks-json/windsurf-hooks.json") });
    expect(r.capabilities).toHaveLength(1);
    expect(r.capabilities[0]!.attrs).toEqual({ client: "generic", event: "pre_run_command", type: "command", command: "python3 .windsurf/check.py" });
  });

  test("http, prompt and agent handlers; secrets redacted; duplicates collapse", () => {
    const r = hooksJson.parse({ path: "plugins/x/hooks/hooks.json", text: fixture("hooks-json/claude-mixed.json") });
    const hooks = byKind(r.capabilities, "hook");
    const http = hooks.find((h) => h.attrs.type === "http")!;
    expect(http.attrs.url).toBe("https://hooks.example.com/pre?token=…");
    expect(http.key).toBe("plugins/x/hooks/hooks.json#hooks.PreToolUse[Bash].https://hooks.example.com/pre?token=…");
    const cmd = hooks.find((h) => h.attrs.event === "PreToolUse" && h.attrs.type === "command")!;
    expect(cmd.attrs.command).toBe("curl -H 'X-Key: <redacted> https://audit.example.com");
    const stop = hooks.filter((h) => h.attrs.event === "Stop").map((h) => h.attrs.type).sort();
    expect(stop).toEqual(["agent", "prompt"]);
    expect(hooks.find((h) => h.attrs.type === "prompt")!.key).toMatch(/#hooks\.Stop\[\*\]\.prompt:[0-9a-f]{12}$/);
    expect(hooks.filter((h) => h.attrs.event === "SessionStart")).toHaveLength(1);
    expect(JSON.stringify(r)).not.toMatch(/sk-ant-|pw@|abcdef0123456789abcdef|Did you run/);
  });

  test("an edited command keeps its slot", () => {
    const before = hooksJson.parse(corpusFile("openai__plugins/plugins/figma/hooks.json")).capabilities[0]!;
    const text = corpusFile("openai__plugins/plugins/figma/hooks.json").text.replace("post_write_figma_parity_check", "evil");
    const after = hooksJson.parse({ path: "plugins/figma/hooks.json", text }).capabilities[0]!;
    expect(after.key).not.toBe(before.key);
    expect(after.slot).toBe(before.slot);
  });

  test.each([...CORPUS, "fixture:claude-mixed.json", "fixture:cursor-hooks.json"])("reordering %s changes nothing", (rel) => {
    const file = rel.startsWith("fixture:") ? { path: ".cursor/hooks.json", text: fixture(`hooks-json/${rel.slice(8)}`) } : corpusFile(rel);
    expect(canon(hooksJson.parse({ ...file, text: reversed(file.text) }).capabilities)).toBe(canon(hooksJson.parse(file).capabilities));
  });

  test("a hooks.json without hooks is not ours: no capabilities, no problem", () => {
    expect(hooksJson.parse({ path: "tools/hooks.json", text: '{"preCommit": ["lint"]}' })).toEqual({ capabilities: [], problems: [] });
    expect(hooksJson.parse({ path: "tools/hooks.json", text: '["a", "b"]' })).toEqual({ capabilities: [], problems: [] });
    expect(hooksJson.parse({ path: "tools/hooks.json", text: '{"hooks": ["pre-commit"]}' })).toEqual({ capabilities: [], problems: [] });
  });

  test("invalid JSON is a parse error at its line", () => {
    const r = hooksJson.parse({ path: "hooks/hooks.json", text: '{\n  "hooks": {\n    "Stop": [\n      { "hooks": [ { "command": "x" } ] }\n    ]\n  \n' });
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ rule: "file.parse-error", path: "hooks/hooks.json" });
    const bad = hooksJson.parse({ path: "hooks/hooks.json", text: '{\n  "hooks": {\n    "Stop": [ { "command": "x" } oops ]\n  }\n}' });
    expect(bad.problems[0]).toMatchObject({ rule: "file.parse-error", line: 3 });
  });

  test("wrong shapes are problems on dedicated paths, never crashes", () => {
    expect(hooksJson.parse({ path: ".github/hooks/x.json", text: "[1]" }).problems[0]).toMatchObject({ rule: "file.parse-error", line: 1 });
    expect(hooksJson.parse({ path: "hooks/hooks.json", text: '{\n "hooks": "x"\n}' }).problems[0]).toMatchObject({ line: 2 });
    const weird = '{"hooks": {"Stop": 5, "A": [null, 3, {"hooks": "x"}, {"hooks": [5, {"type": "command", "command": 7}]}], "B": [{"command": ["x"]}]}}';
    expect(hooksJson.parse({ path: "hooks/hooks.json", text: weird })).toEqual({ capabilities: [], problems: [] });
  });

  test("claudeStyleHooks is reusable with a base path and key prefix", () => {
    const text = '{\n  "settings": {\n    "hooks": {\n      "Stop": [ { "hooks": [ { "type": "command", "command": "./s.sh" } ] } ]\n    }\n  }\n}';
    const r = parseJson(".claude/settings.json", text);
    if (!r.ok) throw new Error("parse");
    const caps = claudeStyleHooks(".claude/settings.json", "claude", (r.doc.value as any).settings.hooks, r.doc, ["settings", "hooks"], "hooks");
    expect(caps).toEqual([
      { kind: "hook", key: ".claude/settings.json#hooks.Stop[*]../s.sh", slot: ".claude/settings.json#hooks.Stop[*]", path: ".claude/settings.json", line: 4, attrs: { client: "claude", event: "Stop", type: "command", command: "./s.sh" } },
    ]);
  });
});
