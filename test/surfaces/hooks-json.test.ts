import { join } from "node:path";
import { fixture, FIXTURES, listFiles } from "../helpers.js";
import { surfaceFor } from "../../src/core/surfaces/index.js";
import { claudeStyleHooks, hooksJson } from "../../src/core/surfaces/hooks-json.js";
import { parseJson } from "../../src/core/parse/json.js";
import { byKind, canon, find, hookAttrs, reversed } from "./hooks-plugins-util.js";

/** Every hook fixture, at the path its agent reads it from. */
const FIXTURE_PATHS: Record<string, string> = {
  "claude-four-events.json": "plugins/focus-timer/hooks/hooks.json",
  "claude-stop-loop.json": "plugins/second-pass/hooks/hooks.json",
  "claude-conditions.json": "plugins/dep-sentinel/hooks/hooks.json",
  "codex-root-one.json": "plugins/codegen-fence/hooks.json",
  "codex-root-two.json": "plugins/command-ledger/hooks.json",
  "gemini-extension-hooks.json": ".gemini/extensions/team-glossary/hooks/hooks.json",
  "copilot-flat.json": "hooks/shift-log/hooks.json",
  "claude-mixed.json": "plugins/x/hooks/hooks.json",
  "copilot-hooks.json": ".github/hooks/guard.json",
  "cursor-hooks.json": ".cursor/hooks.json",
  "windsurf-hooks.json": ".windsurf/hooks.json",
};
const FIXTURE_NAMES = Object.keys(FIXTURE_PATHS).sort();
const hookFile = (name: string) => ({ path: FIXTURE_PATHS[name]!, text: fixture(`hooks-json/${name}`) });

describe("hooks-json surface", () => {
  test("routes hook file paths here", () => {
    for (const p of ["plugins/x/hooks/hooks.json", "plugins/figma/hooks.json", ".github/hooks/audit.json", ".cursor/hooks.json", ".windsurf/hooks.json"]) {
      expect(surfaceFor(p)?.id).toBe("hooks-json");
    }
    // A text file beside the hooks is generic agent text, not a hooks file.
    expect(surfaceFor(".github/hooks/readme.md")?.id).toBe("instructions");
  });

  test("every hook fixture has its path here", () => {
    expect(listFiles(join(FIXTURES, "hooks-json"))).toEqual(FIXTURE_NAMES);
  });

  test.each(FIXTURE_NAMES)("fixture %s parses without problems", (name) => {
    const r = hooksJson.parse(hookFile(name));
    expect(r.problems).toEqual([]);
    expect(r.capabilities.length).toBeGreaterThan(0);
    for (const c of r.capabilities) {
      expect(c.kind).toBe("hook");
      expect(c.slot && c.key.startsWith(c.slot + ".")).toBe(true);
    }
  });

  test("Claude plugin hooks/hooks.json: four command hooks with lines and slots", () => {
    const r = hooksJson.parse(hookFile("claude-four-events.json"));
    expect(r.capabilities).toHaveLength(4);
    const pre = find(r.capabilities, "#hooks.PreToolUse[*].node ${CLAUDE_PLUGIN_ROOT}/dist/focus.mjs tool-start");
    expect(pre).toMatchObject({ line: 20, slot: "plugins/focus-timer/hooks/hooks.json#hooks.PreToolUse[*]" });
    expect(pre.attrs).toEqual({ client: "claude", event: "PreToolUse", type: "command", command: "node ${CLAUDE_PLUGIN_ROOT}/dist/focus.mjs tool-start" });
    expect(r.capabilities.map((c) => hookAttrs(c).event).sort()).toEqual(["PostToolUse", "PreToolUse", "Stop", "UserPromptSubmit"]);
  });

  test("Claude plugin Stop hook whose command is the plugin-root script itself", () => {
    const path = FIXTURE_PATHS["claude-stop-loop.json"]!;
    expect(hooksJson.parse(hookFile("claude-stop-loop.json")).capabilities).toEqual([
      {
        kind: "hook",
        key: `${path}#hooks.Stop[*].\${CLAUDE_PLUGIN_ROOT}/bin/second-pass`,
        slot: `${path}#hooks.Stop[*]`,
        path,
        line: 9,
        attrs: { client: "claude", event: "Stop", type: "command", command: "${CLAUDE_PLUGIN_ROOT}/bin/second-pass" },
      },
    ]);
  });

  test("matchers and per-handler `if` conditions are part of the slot", () => {
    const r = hooksJson.parse(hookFile("claude-conditions.json"));
    expect(r.problems).toEqual([]);
    expect(r.capabilities).toHaveLength(6);
    expect(r.capabilities.every((c) => hookAttrs(c).client === "claude")).toBe(true);
    const post = r.capabilities.filter((c) => hookAttrs(c).event === "PostToolUse").map((c) => hookAttrs(c).matcher).sort();
    expect(post).toEqual(["Bash if Bash(npm install:*)", "Bash if Bash(pip install:*)", "Edit|Write"]);
    expect(new Set(r.capabilities.map((c) => c.key)).size).toBe(r.capabilities.length);
    // The quoted paths of the command stay as written.
    expect(hookAttrs(r.capabilities[0]!)).toEqual({
      client: "claude",
      event: "SessionStart",
      type: "command",
      command: 'sh "${CLAUDE_PLUGIN_ROOT}/bin/with-venv.sh" "${CLAUDE_PLUGIN_ROOT}/bin/make_venv.py"',
    });
    expect(find(r.capabilities, "[Bash if Bash(npm install:*)]." + hookAttrs(r.capabilities[0]!).command?.replace(/make_venv/, "dep_sentinel")).line).toBe(29);
  });

  test("Codex plugin-root hooks.json is client codex", () => {
    const one = hooksJson.parse(hookFile("codex-root-one.json")).capabilities;
    expect(one).toHaveLength(2);
    expect(one[0]).toMatchObject({ line: 9, attrs: { client: "codex", event: "PreToolUse", matcher: "Edit|Write", command: "./bin/refuse_generated_edits.sh src/gen" } });
    // Two handlers of one matcher group share its slot.
    expect(one[1]).toMatchObject({ line: 15, slot: "plugins/codegen-fence/hooks.json#hooks.PreToolUse[Edit|Write]", attrs: { client: "codex", event: "PreToolUse", matcher: "Edit|Write", command: "./bin/note_touched_paths.sh" } });
    expect(one[0]!.slot).toBe(one[1]!.slot);
    const two = hooksJson.parse(hookFile("codex-root-two.json")).capabilities;
    expect(two.map((c) => hookAttrs(c).command).sort()).toEqual(["./tools/ledger/append.sh --kind shell", "./tools/ledger/open.sh", "./tools/ledger/seal.sh"]);
    expect(two.every((c) => hookAttrs(c).client === "codex")).toBe(true);
  });

  test("Gemini extension hooks are recognized by ${extensionPath}", () => {
    const r = hooksJson.parse(hookFile("gemini-extension-hooks.json"));
    expect(r.capabilities).toHaveLength(2);
    expect(r.capabilities[0]).toMatchObject({
      line: 10,
      slot: ".gemini/extensions/team-glossary/hooks/hooks.json#hooks.SessionStart[startup]",
      attrs: { client: "gemini", event: "SessionStart", matcher: "startup", command: "node ${extensionPath}/hooks/load-glossary.mjs" },
    });
    expect(r.capabilities[1]).toMatchObject({ line: 23, attrs: { client: "gemini", event: "SessionEnd", command: "node ${extensionPath}/hooks/save-new-terms.mjs" } });
  });

  test("Copilot flat hooks (non-standard path, parsed directly)", () => {
    const r = hooksJson.parse(hookFile("copilot-flat.json"));
    expect(r.capabilities.map((c) => [hookAttrs(c).event, hookAttrs(c).command, c.line])).toEqual(
      expect.arrayContaining([
        ["sessionStart", "./hooks/shift-log/open-entry.sh", 7],
        ["userPromptSubmitted", "./hooks/shift-log/note-prompt.sh", 16],
        ["postToolUse", "./hooks/shift-log/note-tool.sh", 28],
        ["sessionEnd", "./hooks/shift-log/close-entry.sh", 35],
      ]),
    );
    expect(r.capabilities).toHaveLength(4);
    expect(r.capabilities.every((c) => hookAttrs(c).client === "copilot" && hookAttrs(c).type === "command")).toBe(true);
    // bash wins over powershell; env values never leave the parser.
    expect(JSON.stringify(r)).not.toMatch(/open-entry\.ps1|markdown-table|emails,paths/);
  });

  test("Copilot .github/hooks file: bash preferred, powershell-only kept, env values never copied", () => {
    const text = fixture("hooks-json/copilot-hooks.json");
    const r = hooksJson.parse({ path: ".github/hooks/guard.json", text });
    expect(r.problems).toEqual([]);
    expect(r.capabilities.map((c) => hookAttrs(c).command).sort()).toEqual(["./scripts/guard.sh", "./scripts/windows-only.ps1"]);
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
    expect(r.capabilities.every((c) => hookAttrs(c).client === "cursor")).toBe(true);
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
    expect(cmd.attrs.command).toBe("curl -H 'X-Key: <redacted>' https://audit.example.com");
    const stop = hooks.filter((h) => h.attrs.event === "Stop").map((h) => h.attrs.type).sort();
    expect(stop).toEqual(["agent", "prompt"]);
    expect(hooks.find((h) => h.attrs.type === "prompt")!.key).toMatch(/#hooks\.Stop\[\*\]\.prompt:[0-9a-f]{12}$/);
    expect(hooks.filter((h) => h.attrs.event === "SessionStart")).toHaveLength(1);
    expect(JSON.stringify(r)).not.toMatch(/sk-ant-|pw@|abcdef0123456789abcdef|Did you run/);
  });

  test("an edited command keeps its slot", () => {
    const file = hookFile("codex-root-one.json");
    const before = hooksJson.parse(file).capabilities[0]!;
    const text = file.text.replace("refuse_generated_edits", "evil");
    expect(text).not.toBe(file.text);
    const after = hooksJson.parse({ path: file.path, text }).capabilities[0]!;
    expect(after.key).not.toBe(before.key);
    expect(after.slot).toBe(before.slot);
  });

  test.each(FIXTURE_NAMES)("reordering %s changes nothing", (name) => {
    const file = hookFile(name);
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
