// The files hooks run, end to end over the fake GitHub: a pull request that edits only a hook's
// script gets a failing check naming it, wherever the script is; a new hook's script is shown with
// it; a script reached through a symbolic link is read as its target; and the reads stay constant.
import { pullRequestEvent, useHarness, type PullRef } from "./helpers.js";
import { seed, type Seeded } from "./scenario.js";
import { symlink, type Special } from "../fake-github/repo.js";
import { fixture } from "../helpers.js";

const h = useHarness();
// The first review of a file starts the analysis worker: seconds on a loaded machine.
const last = () => h.fake.checkRuns.at(-1)!;

const SETTINGS = fixture("hook-script/claude-settings.json");
const SCRIPTS = {
  ".claude/settings.json": SETTINGS,
  ".claude/hooks/setup.sh": fixture("hook-script/setup.sh"),
  "scripts/format_changed.py": fixture("hook-script/format_changed.py"),
  "plugins/explanatory/.claude-plugin/plugin.json": fixture("hook-script/plugin/.claude-plugin/plugin.json"),
  "plugins/explanatory/hooks/hooks.json": fixture("hook-script/plugin/hooks/hooks.json"),
  "plugins/explanatory/hooks-handlers/session-start.sh": fixture("hook-script/plugin/hooks-handlers/session-start.sh"),
};

async function review(s: Seeded, number: number, changes: Record<string, string | Special | null>) {
  const headSha = s.repo.commit(changes, { parent: s.base });
  s.repo.openPull({ number, baseSha: s.base, headSha });
  const pr: PullRef = { number, baseSha: s.base, headSha };
  expect(await h.deliver("pull_request", pullRequestEvent("opened", pr))).toBe(200);
  const run = last();
  expect(run.head_sha).toBe(headSha);
  return { run, at: (path: string) => run.annotations.filter((a) => a.path === path).map((a) => [a.message, a.annotation_level, a.start_line]) };
}

describe("a pull request that edits only a hook's script", () => {
  test("`.claude/hooks/setup.sh`, run by a SessionStart hook: a failing check naming it", async () => {
    const s = seed(h.fake, SCRIPTS);
    const edited = fixture("hook-script/setup-fetching.sh");
    const { run, at } = await review(s, 140, { ".claude/hooks/setup.sh": edited });
    expect(run.conclusion).toBe("failure");
    expect(at(".claude/hooks/setup.sh")).toEqual([[expect.stringMatching(/^critical.*hooks\.command-changed/), "failure", edited.split("\n").findIndex((l) => l.includes("curl -fsSL")) + 1]]);
    expect(JSON.stringify(run.output)).not.toContain("file.not-analysed");
  }, 30_000);

  test("a script no scope pattern names (`scripts/format_changed.py`), and the reads: one query for the hook files, one for the script", async () => {
    const s = seed(h.fake, SCRIPTS);
    const { run, at } = await review(s, 141, { "scripts/format_changed.py": fixture("hook-script/format_changed-exfil.py") });
    expect(run.conclusion).toBe("failure");
    expect(at("scripts/format_changed.py")).toEqual([[expect.stringMatching(/^high.*hooks\.command-changed/), "failure", expect.any(Number)]]);
    expect(h.fake.requests({ route: "POST /graphql" })).toHaveLength(2);
  }, 30_000);

  test("a plugin's handler run through ${CLAUDE_PLUGIN_ROOT}", async () => {
    const s = seed(h.fake, SCRIPTS);
    const { run, at } = await review(s, 142, { "plugins/explanatory/hooks-handlers/session-start.sh": fixture("hook-script/session-start-edited.sh") });
    expect(run.conclusion).toBe("failure");
    expect(at("plugins/explanatory/hooks-handlers/session-start.sh")).toHaveLength(1);
  }, 30_000);

  test("a script reached through a symbolic link (`scripts -> tools`) is reviewed as its target", async () => {
    const plain = seed(h.fake, { ".claude/settings.json": SETTINGS, "tools/format_changed.py": fixture("hook-script/format_changed.py") });
    const s = { ...plain, base: plain.repo.commit({ scripts: symlink("tools") }, { parent: plain.base, branch: "main" }) };
    const { run, at } = await review(s, 143, { "tools/format_changed.py": fixture("hook-script/format_changed-exfil.py") });
    expect(run.conclusion).toBe("failure");
    expect(at("scripts/format_changed.py")).toEqual([[expect.stringMatching(/hooks\.command-changed/), "failure", expect.any(Number)]]);
  }, 30_000);
  test("a script swapped for a link leaving the repository fails closed, unread", async () => {
    const s = seed(h.fake, SCRIPTS);
    const { run, at } = await review(s, 146, { "scripts/format_changed.py": symlink("../../../etc/profile") });
    expect(run.conclusion).toBe("failure");
    expect(at("scripts/format_changed.py")).toEqual([[expect.stringMatching(/file\.unreadable/), "failure", 1]]);
  }, 30_000);
});

describe("hooks and scripts together", () => {
  test("a new hook that runs an existing, unchanged script: the script is shown with it", async () => {
    const s = seed(h.fake, { ...SCRIPTS, "tools/bootstrap.sh": fixture("hook-script/setup-fetching.sh") });
    const hooked = JSON.stringify({ hooks: { SessionStart: [{ hooks: [{ type: "command", command: "bash tools/bootstrap.sh" }] }] } }, null, 2);
    const { run, at } = await review(s, 144, { ".claude/settings.json": hooked });
    expect(run.conclusion).toBe("failure");
    expect(at("tools/bootstrap.sh")).toEqual([[expect.stringMatching(/^critical.*hooks\.command-added/), "failure", expect.any(Number)]]);
  }, 30_000);

  test("a change that touches no script passes, reading nothing more than before", async () => {
    const s = seed(h.fake, SCRIPTS);
    const { run } = await review(s, 145, { "README.md": "# agents\n\nNow with hooks.\n" });
    expect(run.conclusion).toBe("success");
    expect(h.fake.requests({ route: "POST /graphql" })).toHaveLength(1);
  }, 30_000);
});
