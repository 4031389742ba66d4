// An approval holds only for what the approver could have seen, end to end: the author pushes a
// new escalation between a maintainer's `/capability-review approve` and the app's handling of it
// (before the webhook, or while the app is reading), and the approval must not land on the new head.
// The fake's `hold` places the push; nothing depends on how fast this machine is.
import { APPROVE_ACTION } from "../../src/app/review-run.js";
import { shortFingerprint } from "../../src/core/approvals.js";
import { checkRunRequestedAction, issueCommentEvent, pullRequestEvent, useHarness, type PullRef } from "./helpers.js";
import { acks, fingerprintOf, MAINTAINER, openEscalating, pushAs, replies, say, sticky } from "./conversation.js";
import type { Seeded } from "./scenario.js";

const h = useHarness();
const last = () => h.fake.checkRuns.at(-1)!;
const PULL = "GET /repos/:owner/:repo/pulls/:number";
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A second unpinned MCP server on top of the PR's head: another capability change, another fingerprint. */
function escalateFurther(s: Seeded, pr: PullRef): PullRef {
  const mcp = s.repo.need(pr.headSha).files.get(".mcp.json")!.toString("utf8");
  const more = mcp.replace('    "browser": {', '    "fetch": {\n      "command": "uvx",\n      "args": ["mcp-server-fetch"]\n    },\n    "browser": {');
  return pushAs(s, pr.number, { ".mcp.json": more }, { parent: pr.headSha });
}

/** The approver writes the command now (it exists on GitHub); the webhook is delivered by the caller. */
function write(number: number, body: string) {
  const c = h.fake.addComment(number, body, { login: MAINTAINER });
  return { c, event: issueCommentEvent("created", number, { id: c.id, body, login: MAINTAINER }) };
}

test("a push between the approve comment and its webhook: refused with what changed, nothing approved", async () => {
  const { s, pr, fingerprint } = await openEscalating(h, 80);
  const { event } = write(80, "/capability-review approve vetted the browser server");
  // The author's push lands after the approver wrote, before GitHub delivered the comment.
  const later = escalateFurther(s, pr);
  expect(await h.deliver("issue_comment", event)).toBe(200);

  expect(acks(h.fake)).toEqual([]);
  const check = last();
  expect(check).toMatchObject({ head_sha: later.headSha, conclusion: "failure", actions: [APPROVE_ACTION] });
  const now = fingerprintOf(check.output.summary!);
  expect(now).not.toBe(fingerprint);
  expect(replies(h.fake)).toEqual([
    expect.stringMatching(
      new RegExp(`^@${MAINTAINER} the app's report showed the capability change \`${esc(shortFingerprint(fingerprint))}\` when you approved; it is now \`${esc(shortFingerprint(now))}\` at commit \`${later.headSha.slice(0, 7)}\`\\. Needing approval now: .*\`mcp\\.server-added\` at \`\\.mcp\\.json:\\d+\``),
    ),
  ]);
  expect(replies(h.fake)[0]).toContain(`\`/capability-review approve ${now} [reason]\``);

  // Once the approver has read the new report, approving it works.
  await say(h, 80, MAINTAINER, "/capability-review approve checked the fetch server too");
  expect(acks(h.fake).map((a) => a.fingerprint)).toEqual([now]);
  expect(last()).toMatchObject({ head_sha: later.headSha, conclusion: "success" });
});

test("a push reviewed while the app is still reading the command: the report changed after the comment, refused", async () => {
  const { s, pr, fingerprint } = await openEscalating(h, 81);
  const { event } = write(81, "/capability-review approve");
  // The app's first read for the command waits until the push has been reviewed.
  const held = h.fake.hold(PULL);
  const delivery = h.deliver("issue_comment", event);
  await h.fake.waitFor(() => h.fake.requests({ route: PULL }).length === 1, 10_000, "the command's first read");
  const later = escalateFurther(s, pr);
  expect(await h.deliver("pull_request", pullRequestEvent("synchronize", later))).toBe(200);
  const reviewed = fingerprintOf(last().output.summary!);
  expect(reviewed).not.toBe(fingerprint);
  held.release();
  expect(await delivery).toBe(200);

  expect(acks(h.fake)).toEqual([]);
  expect(replies(h.fake)).toEqual([expect.stringMatching(new RegExp(`^@${MAINTAINER} the app's report changed after you wrote your command \\(at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\), so it cannot tell which capability change you saw\\. It is now \`${esc(shortFingerprint(reviewed))}\``))]);
  expect(last()).toMatchObject({ head_sha: later.headSha, conclusion: "failure" });
  expect(sticky(h.fake)!.body).toContain("It needs one approval from");
});

test("naming the fingerprint binds to it whatever the timing; naming an older one is refused", async () => {
  const { s, pr, fingerprint } = await openEscalating(h, 82);
  const { event: old } = write(82, `/capability-review approve ${fingerprint} vetted`);
  const later = escalateFurther(s, pr);
  expect(await h.deliver("issue_comment", old)).toBe(200);
  expect(acks(h.fake)).toEqual([]);
  expect(replies(h.fake)).toEqual([expect.stringMatching(new RegExp(`^@${MAINTAINER} the fingerprint you named \\(\`${esc(shortFingerprint(fingerprint))}\`\\) is not the current capability change`))]);
  const now = fingerprintOf(last().output.summary!);

  // Named right, it holds even when the report was edited after the command was written.
  const { event: named } = write(82, `/capability-review approve ${now} vetted both`);
  const held = h.fake.hold(PULL);
  const delivery = h.deliver("issue_comment", named);
  await h.fake.waitFor(() => h.fake.requests({ route: PULL }).length === 1, 10_000, "the command's first read");
  expect(await h.deliver("pull_request", pullRequestEvent("synchronize", later))).toBe(200);
  held.release();
  expect(await delivery).toBe(200);
  expect(acks(h.fake)).toEqual([expect.objectContaining({ user: MAINTAINER, fingerprint: now, reason: "vetted both" })]);
  expect(last()).toMatchObject({ head_sha: later.headSha, conclusion: "success" });
});

describe("the Approve button binds to its own check run's fingerprint", () => {
  test("pressed on the run the approver saw after a capability push: refused, saying what changed", async () => {
    const { s, pr, check, fingerprint } = await openEscalating(h, 83);
    const later = escalateFurther(s, pr);
    // The push's webhook has not been handled yet: only GitHub knows the new head.
    expect(await h.deliver("check_run", checkRunRequestedAction(pr, check.id, MAINTAINER))).toBe(200);
    expect(acks(h.fake)).toEqual([]);
    const now = fingerprintOf(last().output.summary!);
    expect(last()).toMatchObject({ head_sha: later.headSha, conclusion: "failure" });
    expect(replies(h.fake)).toEqual([expect.stringMatching(new RegExp(`^@${MAINTAINER} that check run showed the capability change \`${esc(shortFingerprint(fingerprint))}\` when you approved; it is now \`${esc(shortFingerprint(now))}\``))]);
  });

  test("a run of another name carrying the same summary binds to nothing", async () => {
    const { pr, check } = await openEscalating(h, 87);
    const other = { ...check, id: h.fake.newId(), name: "lint" };
    h.fake.checkRuns.push(other);
    expect(await h.deliver("check_run", checkRunRequestedAction(pr, other.id, MAINTAINER))).toBe(200);
    expect(acks(h.fake)).toEqual([]);
    expect(replies(h.fake)).toEqual([expect.stringMatching(new RegExp(`^@${MAINTAINER} no report of the capability change could be read`))]);
  });

  test("pressed on an earlier commit's run when a push kept the capability change: accepted for that fingerprint", async () => {
    const { s, pr, check, fingerprint } = await openEscalating(h, 84);
    const unrelated = pushAs(s, 84, { "src/app.ts": 'export const greeting = "hi";\n' }, { parent: pr.headSha });
    expect(await h.deliver("check_run", checkRunRequestedAction(pr, check.id, MAINTAINER))).toBe(200);
    expect(acks(h.fake)).toEqual([expect.objectContaining({ via: "check-run", command: check.id, fingerprint })]);
    expect(last()).toMatchObject({ head_sha: unrelated.headSha, conclusion: "success" });
  });
});

test("the report cannot be read back (GitHub 502): nothing approved, a failing check that says why", async () => {
  await openEscalating(h, 85);
  h.fake.failNext("GET /repos/:owner/:repo/issues/comments/:id", { status: 502 });
  await say(h, 85, MAINTAINER, "/capability-review approve");
  expect(acks(h.fake)).toEqual([]);
  expect(last()).toMatchObject({ status: "completed", conclusion: "failure" });
  expect(last().output.summary).toMatch(/GitHub API error 502 on GET \/repos\/acme\/agents\/issues\/comments\/\d+/);
});

test("no report to have seen (the sticky comment is gone): refused until the approver names the fingerprint", async () => {
  const { fingerprint } = await openEscalating(h, 86);
  h.fake.comments.splice(h.fake.comments.indexOf(sticky(h.fake)!), 1);
  await say(h, 86, MAINTAINER, "/capability-review approve");
  expect(acks(h.fake)).toEqual([]);
  expect(replies(h.fake)).toEqual([expect.stringMatching(new RegExp(`^@${MAINTAINER} no report of the capability change could be read from before your approval`))]);

  await say(h, 86, MAINTAINER, `/capability-review approve ${fingerprint} read it in the check run`);
  expect(acks(h.fake)).toEqual([expect.objectContaining({ fingerprint, reason: "read it in the check run" })]);
  expect(last().conclusion).toBe("success");
});

test("a report too long for GitHub (findings left out to fit) still binds an approval", async () => {
  const { pr } = await openEscalating(h, 88, {
    // 400 unpinned servers: some 800 findings, more than the sticky comment and the summary can list.
    extra: { "tools/.mcp.json": JSON.stringify({ mcpServers: Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`server-${i}`, { command: "npx", args: ["-y", `@acme/tool-${i}@latest`] }])) }, null, 2) + "\n" },
  });
  expect(sticky(h.fake)!.body).toMatch(/✂️ \*\*\d+ of \d+ findings left out\*\*/);
  expect(last().output.summary).toMatch(/✂️ \*\*\d+ of \d+ findings left out\*\*/);
  await say(h, 88, MAINTAINER, "/capability-review approve the tool servers are ours");
  expect(acks(h.fake)).toHaveLength(1);
  expect(last()).toMatchObject({ head_sha: pr.headSha, conclusion: "success" });
});
