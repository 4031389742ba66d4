// No window hides history: every comment and every commit that decides an approval is read, however
// many there are, or the check fails closed. Committers and `Co-authored-by:` trailers are authors.
import { pullRequestEvent, useHarness, type PullRef } from "./helpers.js";
import { escalate } from "./scenario.js";
import { acks, AUTHOR, MAINTAINER, openEscalating, pushAs, READER, replies, say, world } from "./conversation.js";
import type { Seeded } from "./scenario.js";

const h = useHarness();
const last = () => h.fake.checkRuns.at(-1)!;
const graphqlReads = () => h.fake.requests({ route: "POST /graphql" }).length;
const AUTHORED = "You authored a commit in this pull request that changes a capability file, so your approval would not count.";

/** `n` commits by the PR's author on top of `pr`, each touching a plain file. */
function fillerCommits(s: Seeded, pr: PullRef, n: number): PullRef {
  let at = pr;
  for (let i = 0; i < n; i++) at = pushAs(s, pr.number, { "src/app.ts": `export const step = ${i};\n` }, { parent: at.headSha });
  return at;
}

/** A commit on the base with `opts` as its git metadata, opened as PR `number` by the author. */
function commitWith(s: Seeded, number: number, changes: Record<string, string>, opts: { author: string; committer?: string; message?: string }): PullRef {
  const headSha = s.repo.commit(changes, { parent: s.base, ...opts });
  s.repo.openPull({ number, baseSha: s.base, headSha, author: AUTHOR });
  return { number, baseSha: s.base, headSha };
}

async function open(pr: PullRef) {
  expect(await h.deliver("pull_request", pullRequestEvent("opened", pr))).toBe(200);
  expect(last()).toMatchObject({ head_sha: pr.headSha, conclusion: "failure" });
}

describe("who authored the pull request's commits", () => {
  test("between 101 filler commits on either side, the author of the escalating commit still may not approve it", async () => {
    const s = world(h.fake);
    const before = fillerCommits(s, pushAs(s, 70, { "src/app.ts": "export {};\n" }), 100);
    const escalating = pushAs(s, 70, escalate(s.tree), { parent: before.headSha, commitAuthor: MAINTAINER });
    const pr = fillerCommits(s, escalating, 101);
    // Neither the first 100 nor the last 100 commits hold the escalating one.
    const commits = s.repo.commitsBetween(pr.baseSha, pr.headSha);
    expect(commits).toHaveLength(203);
    expect(commits.findIndex((c) => c.author === MAINTAINER)).toBe(101);
    await open(pr);

    await say(h, 70, MAINTAINER, "/capability-review approve");
    expect(replies(h.fake)).toEqual([`@${MAINTAINER} ${AUTHORED}`]);
    expect(acks(h.fake)).toEqual([]);
    expect(last()).toMatchObject({ head_sha: pr.headSha, conclusion: "failure" });
  });

  test.each([
    ["the committer of a commit authored by someone else", { author: AUTHOR, committer: MAINTAINER }],
    ["a Co-authored-by: trailer", { author: AUTHOR, message: `Add a browser server\n\nCo-authored-by: Maya <4242+${MAINTAINER}@users.noreply.github.com>\n` }],
  ])("%s counts as a commit author", async (_what, meta) => {
    const s = world(h.fake);
    const pr = commitWith(s, 71, escalate(s.tree), meta);
    await open(pr);

    await say(h, 71, MAINTAINER, "/capability-review approve");
    expect(replies(h.fake)).toEqual([`@${MAINTAINER} ${AUTHORED}`]);
    expect(acks(h.fake)).toEqual([]);
  });

  test("more commits than GitHub lists for a pull request: the check fails closed and says why", async () => {
    const s = world(h.fake);
    const pr = fillerCommits(s, pushAs(s, 72, escalate(s.tree)), 259);
    expect(await h.deliver("pull_request", pullRequestEvent("opened", pr))).toBe(200);
    expect(last()).toMatchObject({ head_sha: pr.headSha, conclusion: "failure" });
    expect(last().output.title).toBe("Capability review failed");
    expect(last().output.summary).toContain("the pull request has 260 commits and only 250 could be read");
  });
});

describe("a long conversation", () => {
  test("a revoke in the middle of 300 comments stays in force", async () => {
    const { s, pr } = await openEscalating(h, 73);
    await say(h, 73, MAINTAINER, "/capability-review approve");
    expect(last().conclusion).toBe("success");
    for (let i = 0; i < 140; i++) h.fake.addComment(73, `thought ${i}`, { login: READER });
    await say(h, 73, MAINTAINER, "/capability-review revoke");
    expect(last().conclusion).toBe("failure");
    for (let i = 0; i < 150; i++) h.fake.addComment(73, `more thoughts ${i}`, { login: READER });
    expect(h.fake.comments.filter((c) => c.issueNumber === 73).length).toBeGreaterThan(290);

    h.fake.clearLog();
    const next = pushAs(s, 73, { "src/app.ts": 'export const greeting = "hi";\n' }, { parent: pr.headSha });
    expect(await h.deliver("pull_request", pullRequestEvent("synchronize", next))).toBe(200);
    expect(last()).toMatchObject({ head_sha: next.headSha, conclusion: "failure" });
    // The comments came in pages of 100: one query, then one per further page.
    const comments = h.fake.comments.filter((c) => c.issueNumber === 73).length;
    expect(graphqlReads()).toBe(Math.ceil(comments / 100));
  });

  test("an approval after 150 comments counts, read from the second page", async () => {
    const { pr } = await openEscalating(h, 74);
    for (let i = 0; i < 150; i++) h.fake.addComment(74, `thought ${i}`, { login: READER });
    await say(h, 74, MAINTAINER, "/capability-review approve");
    expect(last()).toMatchObject({ head_sha: pr.headSha, conclusion: "success" });
  });

  test("more comments than the app reads (30 pages of 100): the check fails closed and says why", async () => {
    const s = world(h.fake);
    const pr = pushAs(s, 76, escalate(s.tree));
    for (let i = 0; i < 3001; i++) h.fake.addComment(76, `thought ${i}`, { login: READER });
    expect(await h.deliver("pull_request", pullRequestEvent("opened", pr))).toBe(200);
    expect(last()).toMatchObject({ head_sha: pr.headSha, conclusion: "failure" });
    expect(last().output.title).toBe("Capability review failed");
    expect(last().output.summary).toContain("more than 3000 comments or commits");
    expect(graphqlReads()).toBe(30);
  });

  test("under 100 comments and 100 commits: one GraphQL query", async () => {
    const s = world(h.fake);
    const pr = fillerCommits(s, pushAs(s, 75, escalate(s.tree)), 98);
    for (let i = 0; i < 99; i++) h.fake.addComment(75, `thought ${i}`, { login: READER });
    await open(pr);
    expect(graphqlReads()).toBe(1);
  });
});
