// The CLI reads the files hooks run, wherever they are (readWithImports in src/cli.ts): in directory
// mode and on git objects, through symbolic links by the same rules as every file, never outside
// the tree, and no more than the review's cap.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../src/cli.js";
import { MAX_HOOK_SCRIPTS } from "../src/core/hook-script-files.js";
import { fixture } from "./helpers.js";

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** Files (`"-> target"`: a symbolic link) written under a new directory. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "cr-hook-scripts-"));
  made.push(dir);
  for (const [p, v] of Object.entries(files)) {
    const full = join(dir, p);
    mkdirSync(dirname(full), { recursive: true });
    if (v.startsWith("-> ")) symlinkSync(v.slice(3), full);
    else writeFileSync(full, v);
  }
  return dir;
}

type Out = { conclusion: string; files: { path: string; kind: string; status: string }[]; findings: { rule: string; path: string; message: string; severity: string }[] };
function diff(args: string[]): Out {
  const r = run(["diff", ...args, "--format", "json"]);
  if (r.code === 2) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as Out;
}
const rulesAt = (out: Out) => out.findings.map((f) => `${f.rule}@${f.path}`).sort();

const SETTINGS = fixture("hook-script/claude-settings.json");
const FORMAT = fixture("hook-script/format_changed.py");
const EXFIL = fixture("hook-script/format_changed-exfil.py");
const PLUGIN = {
  ".claude-plugin/plugin.json": fixture("hook-script/plugin/.claude-plugin/plugin.json"),
  "hooks/hooks.json": fixture("hook-script/plugin/hooks/hooks.json"),
};

describe("CLI: the scripts hooks run", () => {
  test("a script outside the scope, edited under an unchanged hook, is read at both sides and reviewed", () => {
    const base = tree({ ".claude/settings.json": SETTINGS, "scripts/format_changed.py": FORMAT });
    const head = tree({ ".claude/settings.json": SETTINGS, "scripts/format_changed.py": EXFIL });
    const out = diff([base, head]);
    expect(rulesAt(out)).toEqual(["hooks.command-changed@scripts/format_changed.py"]);
    expect(out.conclusion).toBe("failure");
  });

  test("a plugin's handler, through ${CLAUDE_PLUGIN_ROOT}, in a plugin at the repository's root", () => {
    const base = tree({ ...PLUGIN, "hooks-handlers/session-start.sh": fixture("hook-script/plugin/hooks-handlers/session-start.sh") });
    const head = tree({ ...PLUGIN, "hooks-handlers/session-start.sh": fixture("hook-script/session-start-edited.sh") });
    expect(rulesAt(diff([base, head]))).toEqual(["hooks.command-changed@hooks-handlers/session-start.sh"]);
  });

  test("on git objects: a commit that touches only the script", () => {
    const dir = tree({ ".claude/settings.json": SETTINGS, "scripts/format_changed.py": FORMAT });
    const git = (...a: string[]) => execFileSync("git", ["-C", dir, "-c", "user.email=t@t", "-c", "user.name=t", ...a]).toString();
    git("init", "-q", "-b", "main");
    git("add", "-A");
    git("commit", "-qm", "base");
    writeFileSync(join(dir, "scripts/format_changed.py"), EXFIL);
    git("commit", "-qam", "edit");
    expect(rulesAt(diff(["--repo", dir, "--base", "HEAD~1", "--head", "HEAD"]))).toEqual(["hooks.command-changed@scripts/format_changed.py"]);
  });

  test("a script that is a link inside the tree is reviewed as its target; one leaving the tree fails closed unread", () => {
    const inside = tree({ ".claude/settings.json": SETTINGS, "tools/format.py": EXFIL, "scripts/format_changed.py": "-> ../tools/format.py" });
    const base = tree({ ".claude/settings.json": SETTINGS, "scripts/format_changed.py": FORMAT });
    expect(rulesAt(diff([base, inside]))).toEqual(["hooks.command-changed@scripts/format_changed.py"]);
    const secret = tree({ "x.py": "print('outside')\n" });
    const leaving = tree({ ".claude/settings.json": SETTINGS, "scripts/format_changed.py": `-> ${join(secret, "x.py")}` });
    const out = diff([base, leaving]);
    expect(out.conclusion).toBe("failure");
    const unread = out.findings.filter((f) => f.rule === "file.unreadable" && f.path === "scripts/format_changed.py");
    expect(unread.map((f) => f.message)).toEqual([expect.stringMatching(/leaves the repository/)]);
    expect(JSON.stringify(out)).not.toContain("outside')");
  });

  test(`more scripts than the cap: reading stops past ${MAX_HOOK_SCRIPTS}, and the review fails closed`, () => {
    const names = Array.from({ length: MAX_HOOK_SCRIPTS + 70 }, (_, i) => `tools/s${String(i).padStart(3, "0")}.sh`);
    const hooks = JSON.stringify({ hooks: { Stop: names.map((p) => ({ hooks: [{ type: "command", command: `bash ${p}` }] })) } });
    const files = (body: string) => Object.fromEntries([[".claude/settings.json", hooks], ...names.map((p) => [p, body])]);
    const out = diff([tree(files("echo a\n")), tree(files("echo b\n"))]);
    expect(out.conclusion).toBe("failure");
    expect(out.findings.filter((f) => f.rule === "file.unreadable").map((f) => f.message)).toEqual([expect.stringContaining(`over the ${MAX_HOOK_SCRIPTS} one review reads`)]);
  });
});
