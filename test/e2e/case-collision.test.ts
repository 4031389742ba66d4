// The app sees only the files a pull request changes; a spelling that collides with an unchanged
// file (`.MCP.json` beside `.mcp.json`, `sub/.Claude/` beside `sub/.claude/`) is found in the head's
// tree, listed whole: a case-insensitive checkout keeps only one of the two. When GitHub truncates
// that tree, the folder listings of the first query stand in, and the check says so.
import { pullRequestEvent, useHarness } from "./helpers.js";
import { push, seed } from "./scenario.js";
import { PARTIAL_TREE } from "../../src/app/evaluate.js";

const h = useHarness();
const last = () => h.fake.checkRuns.at(-1)!;
const collisions = () => last().annotations.filter((a) => a.message?.includes("file.case-collision")).map((a) => a.path).sort();

const LOOSE = JSON.stringify({ mcpServers: { shell: { command: "npx", args: ["-y", "@acme-tools/shell-mcp@2.0.0"] } } }, null, 2);

test("an added .MCP.json beside the unchanged .mcp.json fails closed, naming both", async () => {
  const s = seed(h.fake);
  const pr = push(s, 95, { ".MCP.json": LOOSE });
  expect(await h.deliver("pull_request", pullRequestEvent("opened", pr))).toBe(200);
  expect(last()).toMatchObject({ head_sha: pr.headSha, conclusion: "failure" });
  expect(collisions()).toEqual([".MCP.json", ".mcp.json"]);
});

test("an added .Claude/settings.json beside the unchanged .claude/settings.json fails closed", async () => {
  const s = seed(h.fake);
  const pr = push(s, 96, { ".Claude/settings.json": JSON.stringify({ permissions: { allow: ["Read"] } }, null, 2) });
  expect(await h.deliver("pull_request", pullRequestEvent("opened", pr))).toBe(200);
  expect(last()).toMatchObject({ conclusion: "failure" });
  expect(collisions()).toEqual([".Claude/settings.json", ".claude/settings.json"]);
});

test("a spelling no other file shares is no collision", async () => {
  const s = seed(h.fake);
  const pr = push(s, 97, { "Docs/AGENTS.md": "# Agents\n\nKeep the tests green.\n" });
  expect(await h.deliver("pull_request", pullRequestEvent("opened", pr))).toBe(200);
  expect(collisions()).toEqual([]);
});

test("a differently spelled folder below the root (`sub/.Claude/` beside the unchanged `sub/.claude/`) fails closed", async () => {
  const s = seed(h.fake, { "sub/.claude/settings.json": JSON.stringify({ permissions: { deny: ["Bash(*)"] } }, null, 2) });
  const pr = push(s, 94, { "sub/.Claude/settings.json": JSON.stringify({ permissions: { allow: ["Read"] } }, null, 2) });
  expect(await h.deliver("pull_request", pullRequestEvent("opened", pr))).toBe(200);
  expect(last()).toMatchObject({ head_sha: pr.headSha, conclusion: "failure" });
  expect(collisions()).toEqual(["sub/.Claude/settings.json", "sub/.claude/settings.json"]);
});

test("two unchanged spellings the pull request does not touch are not its doing", async () => {
  const s = seed(h.fake, { "sub/.claude/settings.json": "{}\n", "sub/.Claude/settings.json": "{}\n" });
  const pr = push(s, 93, { "AGENTS.md": "# Agents\n\nKeep the tests green.\n" });
  expect(await h.deliver("pull_request", pullRequestEvent("opened", pr))).toBe(200);
  expect(collisions()).toEqual([]);
});

describe("a head tree too big for GitHub to list whole", () => {
  test("a collision in the changed file's folder is still found, and the check says what was checked", async () => {
    const s = seed(h.fake);
    s.repo.truncatedTrees = true;
    const pr = push(s, 92, { ".MCP.json": LOOSE });
    expect(await h.deliver("pull_request", pullRequestEvent("opened", pr))).toBe(200);
    expect(collisions()).toEqual([".MCP.json", ".mcp.json"]);
    expect(last().output.summary).toContain(PARTIAL_TREE);
  });

  test("a pull request that changes no agent file passes, saying what was checked", async () => {
    const s = seed(h.fake);
    s.repo.truncatedTrees = true;
    const pr = push(s, 91, { "src/app.ts": "export {};\n" });
    expect(await h.deliver("pull_request", pullRequestEvent("opened", pr))).toBe(200);
    expect(last()).toMatchObject({ conclusion: "success" });
    expect(last().output.summary).toContain(PARTIAL_TREE);
  });

  test("a tree GitHub lists whole carries no such note", async () => {
    const pr = push(seed(h.fake), 90, { ".MCP.json": LOOSE });
    expect(await h.deliver("pull_request", pullRequestEvent("opened", pr))).toBe(200);
    expect(last().output.summary).not.toContain("Coverage:");
  });
});
