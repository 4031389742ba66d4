// End to end: GitHub lists a moved file as `renamed` with its `previous_filename`. A rename is the
// old file's review only when both paths are in scope and read by the same surface; a file moved
// into the scope from anywhere else is a new file, and the base's deny list applies to it.
import { pullRequestEvent, useHarness } from "./helpers.js";
import { lineOf, push, seed } from "./scenario.js";

const h = useHarness();

const sample = JSON.stringify({ mcpServers: { helper: { command: "npx", args: ["-y", "@evil/mcp@latest"] } } }, null, 2) + "\n";
const POLICY = ".github/capability-review.yml";

describe("renames over the fake GitHub", () => {
  test("a sample config moved into .cursor/mcp.json is reviewed as added and denied by the base policy", async () => {
    const s = seed(h.fake, { "docs/example-mcp.json": sample, [POLICY]: "deny:\n  mcp_packages:\n    - name: '@evil/*'\n      reason: compromised\n" });
    const pr = push(s, 31, { "docs/example-mcp.json": null, ".cursor/mcp.json": sample });
    // The fake lists it as GitHub does: one renamed entry naming the old path.
    expect(s.repo.diffFiles(pr.baseSha, pr.headSha)).toEqual([expect.objectContaining({ filename: ".cursor/mcp.json", status: "renamed", previous_filename: "docs/example-mcp.json" })]);
    expect(await h.deliver("pull_request", pullRequestEvent("opened", pr))).toBe(200);

    const run = h.fake.checkRuns[0]!;
    expect(run.conclusion).toBe("failure");
    const line = lineOf(sample, '"helper"');
    const at = (rule: string) => run.annotations.filter((a) => a.message?.includes(rule)).map((a) => [a.path, a.start_line]);
    expect(at("policy.denied")).toEqual([[".cursor/mcp.json", line]]);
    expect(at("mcp.server-added")).toEqual([[".cursor/mcp.json", line]]);
  });

  test("a move within one surface (.mcp.json into a subfolder) stays a pure rename: success", async () => {
    const s = seed(h.fake, { [POLICY]: "deny:\n  mcp_packages: ['@evil/*']\n", ".mcp.json": sample });
    const pr = push(s, 32, { ".mcp.json": null, "tools/.mcp.json": sample });
    expect(await h.deliver("pull_request", pullRequestEvent("opened", pr))).toBe(200);
    // An existing server is not re-denied by a move: the deny list applies to what the PR adds or changes.
    expect(h.fake.checkRuns[0]!.conclusion).toBe("success");
    expect(h.fake.checkRuns[0]!.annotations.filter((a) => a.annotation_level === "failure")).toEqual([]);
  });
});
