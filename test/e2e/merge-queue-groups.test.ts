// Merge groups of several queue entries, end to end. GitHub merges a group when its last entry's
// checks pass, the entries ahead included, and `merge_group.base_sha` is the entry ahead: reviewing
// only base_sha..head_sha would let an unapproved escalation ahead ride in under an approved one.
// The group's check covers every entry's part, each with its own pull request's approvals.
import { mergeGroupEvent, pullRequestEvent, useHarness, type PullRef } from "./helpers.js";
import { fingerprintOf, MAINTAINER, pushAs, say, world } from "./conversation.js";
import { escalate, type Seeded } from "./scenario.js";
import { MAX_GROUP_ENTRIES } from "../../src/app/merge-group.js";

const h = useHarness({ expected: (r) => r.status === 404 && /^GET \/repos\/:owner\/:repo\/collaborators/.test(r.route ?? "") });
const last = () => h.fake.checkRuns.at(-1)!;
const QUEUE = "github-merge-queue";

/** Two pull requests on one base: #110 adds an unpinned MCP server, #111 sets Codex's approval_policy to never. */
async function twoPulls(approve: { a: boolean; b: boolean }) {
  const s = world(h.fake);
  const changes = escalate(s.tree);
  const a = pushAs(s, 110, { ".mcp.json": changes[".mcp.json"]! });
  expect(await h.deliver("pull_request", pullRequestEvent("opened", a))).toBe(200);
  const b = pushAs(s, 111, { ".codex/config.toml": changes[".codex/config.toml"]! });
  expect(await h.deliver("pull_request", pullRequestEvent("opened", b))).toBe(200);
  if (approve.a) await say(h, 110, MAINTAINER, "/capability-review approve");
  if (approve.b) await say(h, 111, MAINTAINER, "/capability-review approve");
  return { s, a, b, changes };
}

/** The queue's commit for `pr` on `parent` (squash), and its read-only queue branch. */
function entry(s: Seeded, pr: PullRef, parent: string, changes: Record<string, string>) {
  const headSha = s.repo.commit(changes, { parent, author: QUEUE });
  s.repo.branches.set(`gh-readonly-queue/main/pr-${pr.number}-${parent}`, headSha);
  return { baseSha: parent, headSha, number: pr.number };
}

/** The queue holds #110 then #111: their two group commits. */
function queueBoth(x: Awaited<ReturnType<typeof twoPulls>>) {
  const first = entry(x.s, x.a, x.s.base, { ".mcp.json": x.changes[".mcp.json"]! });
  const second = entry(x.s, x.b, first.headSha, { ".codex/config.toml": x.changes[".codex/config.toml"]! });
  return { first, second };
}

async function check(group: { baseSha: string; headSha: string; number: number }) {
  expect(await h.deliver("merge_group", mergeGroupEvent(group))).toBe(200);
  const run = last();
  expect(run.head_sha).toBe(group.headSha);
  return run;
}

test("an unapproved escalation ahead in the queue does not ride in under an approved entry", async () => {
  const x = await twoPulls({ a: false, b: true });
  const { second } = queueBoth(x);
  const run = await check(second);
  expect(run.conclusion).toBe("failure");
  expect(run.output.summary).toContain("This merge group merges #110 ahead of #111 as well, and the change #110 adds is not approved");
  // The findings shown are #110's: its unpinned server, not #111's approval policy.
  expect(run.annotations.some((a) => a.path === ".mcp.json")).toBe(true);
  expect(run.annotations.some((a) => a.path === ".codex/config.toml")).toBe(false);
});

test("every entry approved on its own pull request: the group passes and says which entries it covered", async () => {
  const x = await twoPulls({ a: true, b: true });
  const { first, second } = queueBoth(x);
  expect((await check(first)).conclusion).toBe("success");
  const run = await check(second);
  expect(run).toMatchObject({ conclusion: "success", actions: [] });
  expect(run.output.summary).toContain("This merge group merges #110 ahead of #111 as well; each entry's part of the group was reviewed with its own pull request's approvals, and all of them pass.");
  // The group's own entry is #111's change, under #111's approval.
  const b = h.fake.checkRuns.find((r) => r.head_sha === x.b.headSha && r.conclusion === "success")!;
  expect(fingerprintOf(run.output.summary!)).toBe(fingerprintOf(b.output.summary!));
});

test("the group's own entry unapproved fails even when the entry ahead is approved", async () => {
  const x = await twoPulls({ a: true, b: false });
  const { second } = queueBoth(x);
  const run = await check(second);
  expect(run.conclusion).toBe("failure");
  expect(run.annotations.some((a) => a.path === ".codex/config.toml")).toBe(true);
});

test("an entry ahead that loosens the policy does not judge the entries behind it: the base branch's policy does", async () => {
  const x = await twoPulls({ a: false, b: false });
  // #112 (ahead) switches the policy to warn without approval; #111 behind it is then judged by main's policy.
  const c = pushAs(x.s, 112, { ".github/capability-review.yml": "mode: warn\n" });
  expect(await h.deliver("pull_request", pullRequestEvent("opened", c))).toBe(200);
  const first = entry(x.s, c, x.s.base, { ".github/capability-review.yml": "mode: warn\n" });
  const second = entry(x.s, x.b, first.headSha, { ".codex/config.toml": x.changes[".codex/config.toml"]! });
  const run = await check(second);
  expect(run.conclusion).toBe("failure");
  expect(run.output.summary).toContain("the change #112 adds is not approved");
});

test("a group built on the base branch itself costs one read more than before and no queue listing", async () => {
  const x = await twoPulls({ a: true, b: false });
  const first = entry(x.s, x.a, x.s.base, { ".mcp.json": x.changes[".mcp.json"]! });
  h.fake.clearLog();
  expect((await check(first)).conclusion).toBe("success");
  const reads = h.fake.reads().map((r) => r.route);
  expect(reads.filter((r) => r === "GET /repos/:owner/:repo/compare/:basehead")).toHaveLength(2);
  expect(reads).not.toContain("GET /repos/:owner/:repo/git/matching-refs/:ref");
});

test(`more than ${MAX_GROUP_ENTRIES} entries in one group fail closed, saying why`, async () => {
  const s = world(h.fake);
  let parent = s.base;
  for (let n = 0; n < MAX_GROUP_ENTRIES; n++) parent = entry(s, { number: 200 + n, baseSha: s.base, headSha: parent }, parent, { [`notes/${n}.md`]: `entry ${n}\n` }).headSha;
  const own = entry(s, { number: 300, baseSha: s.base, headSha: parent }, parent, { "notes/own.md": "own\n" });
  const run = await check(own);
  expect(run.conclusion).toBe("failure");
  expect(run.output.summary).toContain(`holds ${MAX_GROUP_ENTRIES + 1} queue entries, more than the ${MAX_GROUP_ENTRIES} reviewed per group`);
});
