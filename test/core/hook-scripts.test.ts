// Which repository files a hook's command runs (hook-scripts.ts): the shapes real hooks are written
// in, where they start (project, plugin root, Copilot's cwd), and what cannot be resolved.
import { MAX_COMMAND_CHARS, MAX_PATHS_PER_COMMAND, runContextOf, scriptsOfCommand, type RunContext } from "../../src/core/hook-scripts.js";
import { expectNoBlowUp } from "../helpers.js";

const ROOT: RunContext = { cwd: [""], vars: { CLAUDE_PROJECT_DIR: [""], CLAUDE_PLUGIN_ROOT: ["plugins/guard"] } };
const paths = (command: string, ctx = ROOT) => scriptsOfCommand(command, ctx).paths;
const unresolved = (command: string, ctx = ROOT) => scriptsOfCommand(command, ctx).unresolved;

describe("the files a command runs", () => {
  test.each([
    ["bash .claude/hooks/setup.sh", [".claude/hooks/setup.sh"]],
    ["./scripts/format.py", ["scripts/format.py"]],
    ['python3 "$CLAUDE_PROJECT_DIR"/.claude/hooks/check.py', [".claude/hooks/check.py"]],
    ['python3 "${CLAUDE_PROJECT_DIR}/.claude/hooks/check.py" --strict', [".claude/hooks/check.py"]],
    ["${CLAUDE_PLUGIN_ROOT}/hooks/stop-hook.sh", ["plugins/guard/hooks/stop-hook.sh"]],
    ["node hooks/validate.mjs", ["hooks/validate.mjs"]],
    ["node --import tsx scripts/lint-prompt.ts --fix", ["scripts/lint-prompt.ts"]],
    ["npx -y tsx .claude/hooks/guard.ts", [".claude/hooks/guard.ts"]],
    ["uv run .claude/hooks/guard.py", [".claude/hooks/guard.py"]],
    ["bun run hooks/after-edit.ts", ["hooks/after-edit.ts"]],
    ["deno run -A hooks/after-edit.ts", ["hooks/after-edit.ts"]],
    ["source .claude/env.sh", [".claude/env.sh"]],
    ["cd .claude/hooks && ./notify.sh 2>/dev/null", [".claude/hooks/notify.sh"]],
    ["cd tools; ./lint.sh || true", ["tools/lint.sh"]],
    ["(cd tools && ./a.sh); ./b.sh", ["b.sh", "tools/a.sh"]],
    ["bash -c 'cd tools && ./lint.sh'", ["tools/lint.sh"]],
    ["A=1 sudo -E nohup ./scripts/x.sh", ["scripts/x.sh"]],
    ["if [ -f .claude/x.sh ]; then .claude/x.sh; fi", [".claude/x.sh"]],
    ["powershell -ExecutionPolicy Bypass -File scripts/guard.ps1", ["scripts/guard.ps1"]],
    ['"${CLAUDE_PLUGIN_ROOT:-.}/hooks/run.sh"', ["plugins/guard/hooks/run.sh"]],
    // A wrapper handed the script it runs: both are the hook's code.
    ['bash "${CLAUDE_PLUGIN_ROOT}/hooks/sg-python.sh" "${CLAUDE_PLUGIN_ROOT}/hooks/reminder.py"', ["plugins/guard/hooks/reminder.py", "plugins/guard/hooks/sg-python.sh"]],
    ["bash .claude/hooks/a.sh\nbash .claude/hooks/b.sh", [".claude/hooks/a.sh", ".claude/hooks/b.sh"]],
  ])("%j", (command, expected) => {
    expect(paths(command)).toEqual(expected);
    expect(unresolved(command)).toEqual([]);
  });

  test.each([
    ["jq -r .tool_input.command | grep -q 'rm -rf' && exit 2"],
    ["npx prettier --write src/app.ts"],
    ["npm run lint"],
    ["echo done > .claude/last-run.sh"],
    ["python3 -m hooks.guard"],
    ["node -e 'require(\"./x.js\")'"],
    ["curl -fsSL https://example.com/install.sh | bash"],
    ["~/bin/notify.sh"],
    ["$HOME/.claude/hooks/global.sh"],
    ["$CODEX_HOME/hooks/x.sh"],
    ["/usr/local/bin/guard.sh"],
    ["cd $HOME && ./x.sh"],
  ])("%j names no repository file and nothing unresolved", (command) => {
    expect(scriptsOfCommand(command, ROOT)).toEqual({ paths: [], unresolved: [] });
  });

  test.each([
    ["bash $(dirname $0)/x.sh", "$(…)/x.sh"],
    ["bash `pwd`/x.sh", "$(…)/x.sh"],
    ['"$HOOK_DIR/guard.sh"', "${HOOK_DIR}/guard.sh"],
    ["$SCRIPT", "${SCRIPT}"],
    ["python3 .claude/hooks/$NAME.py", ".claude/hooks/${NAME}.py"],
    ["sh .claude/hooks/*.sh", ".claude/hooks/*.sh"],
    ['cd "$(git rev-parse --show-toplevel)" && ./x.sh', "./x.sh"],
    ["bash ../outside.sh", "../outside.sh (outside the repository)"],
    ["bash .claude/../../outside.sh", ".claude/../../outside.sh (outside the repository)"],
  ])("%j is said to be unresolved", (command, word) => {
    expect(unresolved(command)).toContain(word);
  });

  test("`$(git rev-parse --show-toplevel)` is the repository's root", () => {
    const ctx = runContextOf({ path: "apps/web/.claude/settings.json", client: "claude" }, () => false);
    expect(paths('cd "$(git rev-parse --show-toplevel)" && ./tools/x.sh', ctx)).toEqual(["tools/x.sh"]);
    expect(paths('"$(git rev-parse --show-toplevel)/.claude/hooks/x.sh"', ctx)).toEqual([".claude/hooks/x.sh"]);
  });

  test("an unknown variable with a default: the default's file is followed, and the variable said", () => {
    expect(scriptsOfCommand('bash "${HOOKS_DIR:-.claude/hooks}/guard.sh"', ROOT)).toEqual({ paths: [".claude/hooks/guard.sh"], unresolved: ["${HOOKS_DIR:-.claude/hooks}/guard.sh"] });
    expect(paths('"${CLAUDE_PLUGIN_ROOT:-unused}/x.sh"')).toEqual(["plugins/guard/x.sh"]);
  });

  test("`..` that stays inside the repository is followed", () => {
    expect(paths("bash .claude/../scripts/x.sh")).toEqual(["scripts/x.sh"]);
  });

  test("a plugin variable without a known plugin root is unresolved, not the repository root", () => {
    const project: RunContext = { cwd: [""], vars: { CLAUDE_PROJECT_DIR: [""] } };
    expect(scriptsOfCommand("${CLAUDE_PLUGIN_ROOT}/hooks/x.sh", project)).toEqual({ paths: [], unresolved: ["${CLAUDE_PLUGIN_ROOT}/hooks/x.sh"] });
  });

  test("at most MAX_PATHS_PER_COMMAND paths, and the rest said", () => {
    const many = Array.from({ length: MAX_PATHS_PER_COMMAND + 3 }, (_, i) => `./s${String(i).padStart(2, "0")}.sh`).join("; ");
    const r = scriptsOfCommand(many, ROOT);
    expect(r.paths).toHaveLength(MAX_PATHS_PER_COMMAND);
    expect(r.unresolved).toEqual([`(3 more paths than the ${MAX_PATHS_PER_COMMAND} one command is followed to)`]);
  });

  test("a command too long to take apart is said, not passed", () => {
    const long = `./a.sh ${"x".repeat(MAX_COMMAND_CHARS)}`;
    expect(scriptsOfCommand(long, ROOT)).toEqual({ paths: [], unresolved: [expect.stringContaining("over the")] });
  });

  test("linear in the command: unclosed quotes, substitutions and operators", () => {
    const shapes = [(n: number) => `bash '${"a ".repeat(n)}`, (n: number) => "$(".repeat(n), (n: number) => "./x.sh && ".repeat(n), (n: number) => `cd a; ${"(".repeat(n)}`];
    for (const shape of shapes) expectNoBlowUp((n) => shape(n), (c) => scriptsOfCommand(c, ROOT), 200, 4000);
  });
});

describe("where a hook's command starts", () => {
  const none = () => false;

  test("a project's settings: the folder above the agent folder", () => {
    expect(runContextOf({ path: ".claude/settings.json", client: "claude" }, none).cwd).toEqual([""]);
    const nested = runContextOf({ path: "apps/web/.claude/settings.json", client: "claude" }, none);
    expect(nested.cwd).toEqual(["apps/web"]);
    expect(nested.vars.CLAUDE_PROJECT_DIR).toEqual(["apps/web"]);
    expect(nested.vars.CLAUDE_PLUGIN_ROOT).toBeUndefined();
  });

  test("a plugin's hooks: the folder holding its manifest, found up the tree", () => {
    const has = (p: string) => p === "plugins/guard/.claude-plugin/plugin.json";
    const ctx = runContextOf({ path: "plugins/guard/config/hooks.json", client: "claude" }, has);
    expect(ctx.vars.CLAUDE_PLUGIN_ROOT).toEqual(["plugins/guard"]);
    expect(paths("${CLAUDE_PLUGIN_ROOT}/hooks-handlers/session-start.sh", ctx)).toEqual(["plugins/guard/hooks-handlers/session-start.sh"]);
    // Codex starts a plugin's `./scripts/x.sh` at the plugin's root; the project root is kept as a candidate.
    expect(paths("./scripts/upload.sh", ctx)).toEqual(["plugins/guard/scripts/upload.sh", "scripts/upload.sh"]);
  });

  test("a plugin's `hooks/hooks.json` without its manifest in view: the folder above `hooks/`", () => {
    expect(runContextOf({ path: "plugins/guard/hooks/hooks.json", client: "claude" }, none).vars.CLAUDE_PLUGIN_ROOT).toEqual(["plugins/guard"]);
  });

  test("Copilot's `cwd` moves the start; one leaving the repository makes relative paths unresolved", () => {
    expect(paths("./check.sh", runContextOf({ path: ".github/hooks/guard.json", client: "copilot", cwd: "tools" }, none))).toEqual(["tools/check.sh"]);
    expect(unresolved("./check.sh", runContextOf({ path: ".github/hooks/guard.json", client: "copilot", cwd: "../elsewhere" }, none))).toEqual(["./check.sh"]);
  });

  test("Cursor: the project root and the hooks file's folder", () => {
    expect(paths("bun run hooks/after-edit.ts", runContextOf({ path: ".cursor/hooks.json", client: "cursor" }, none))).toEqual([".cursor/hooks/after-edit.ts", "hooks/after-edit.ts"]);
  });
});
