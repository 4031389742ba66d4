// The app sees only the files a pull request changes; a spelling that collides with an unchanged
// file of the same folder (`.MCP.json` beside `.mcp.json`) is found through the folder listings
// the first query already reads: a case-insensitive checkout keeps only one of the two.
import { pullRequestEvent, useHarness } from "./helpers.js";
import { push, seed } from "./scenario.js";

const h = useHarness();
const last = () => h.fake.checkRuns.at(-1)!;
const collisions = () => last().annotations.filter((a) => a.title?.includes("file.case-collision")).map((a) => a.path).sort();

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
