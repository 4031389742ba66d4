// GitHub lets anyone with write access edit other people's comments, the app's own included. The
// pull request's author is often such a person: an acknowledgement they re-point to a new
// fingerprint, or a report they rewrite to look harmless, must not carry an approval.
import { ACK_PREFIX } from "../../src/core/approvals.js";
import { APPROVE_ACTION } from "../../src/app/review-run.js";
import { checkRunRequestedAction, pullRequestEvent, useHarness, type PullRef } from "./helpers.js";
import { AUTHOR, fingerprintOf, MAINTAINER, openEscalating, pushAs, replies, say, sticky } from "./conversation.js";

const h = useHarness();
const last = () => h.fake.checkRuns.at(-1)!;
const ackComments = () => h.fake.comments.filter((c) => c.byApp && c.body.startsWith(ACK_PREFIX));

// One more unpinned MCP server: another capability change, another fingerprint.
const moreMcp = (mcp: string) => mcp.replace('    "browser": {', '    "fetch": {\n      "command": "uvx",\n      "args": ["mcp-server-fetch"]\n    },\n    "browser": {');

/** The author pushes a further escalation on the PR's head: the approval goes stale. */
async function escalateAgain(s: Parameters<typeof pushAs>[0], pr: PullRef): Promise<{ next: PullRef; fingerprint: string }> {
  const mcp = h.fake.repo("acme", "agents")!.need(pr.headSha).files.get(".mcp.json")!.toString("utf8");
  const next = pushAs(s, pr.number, { ".mcp.json": moreMcp(mcp) }, { parent: pr.headSha });
  expect(await h.deliver("pull_request", pullRequestEvent("synchronize", next))).toBe(200);
  expect(last()).toMatchObject({ head_sha: next.headSha, conclusion: "failure" });
  return { next, fingerprint: fingerprintOf(last().output.summary!) };
}

test("an acknowledgement the author edits to name the new fingerprint approves nothing", async () => {
  const { s, pr, fingerprint } = await openEscalating(h, 90);
  await say(h, 90, MAINTAINER, "/capability-review approve the browser server only");
  expect(last()).toMatchObject({ conclusion: "success" });
  const { next, fingerprint: now } = await escalateAgain(s, pr);

  const [ack] = ackComments();
  expect(ack!.body).toContain(fingerprint);
  h.fake.editComment(ack!.id, ack!.body.split(fingerprint).join(now), AUTHOR);
  expect(await h.deliver("pull_request", pullRequestEvent("synchronize", next))).toBe(200);
  expect(last()).toMatchObject({ head_sha: next.headSha, conclusion: "failure", actions: [APPROVE_ACTION] });
});

test("an Approve button acknowledgement the author edits approves nothing", async () => {
  const { s, pr, fingerprint } = await openEscalating(h, 91);
  expect(await h.deliver("check_run", checkRunRequestedAction(pr, last().id, MAINTAINER))).toBe(200);
  expect(last()).toMatchObject({ conclusion: "success" });
  const { next, fingerprint: now } = await escalateAgain(s, pr);

  const [ack] = ackComments();
  h.fake.editComment(ack!.id, ack!.body.split(fingerprint).join(now), AUTHOR);
  expect(await h.deliver("pull_request", pullRequestEvent("synchronize", next))).toBe(200);
  expect(last()).toMatchObject({ head_sha: next.headSha, conclusion: "failure" });
});

test("a report the author rewrote is not what the approver saw: the approval is refused, the report written again", async () => {
  await openEscalating(h, 92);
  const report = sticky(h.fake)!;
  const findings = report.body;
  // Keep the marker and the fingerprint line, the current one; hide the findings.
  const lines = findings.split("\n");
  const fingerprintLine = lines.find((l) => l.startsWith("<sub>Fingerprint: `sha256:"))!;
  expect(fingerprintLine).toBeDefined();
  h.fake.editComment(report.id, [lines[0], "", "✅ Nothing here needs a second look.", "", fingerprintLine, ""].join("\n"), AUTHOR);

  await say(h, 92, MAINTAINER, "/capability-review approve looks harmless");
  expect(last()).toMatchObject({ conclusion: "failure" });
  expect(ackComments()).toEqual([]);
  expect(replies(h.fake).at(-1)).toMatch(/approve/i);
  // The review that ran for the command wrote the app's own report back.
  expect(sticky(h.fake)!.body).toBe(findings);
  expect(sticky(h.fake)!.editedBy).toBe(`${h.fake.appSlug}[bot]`);
});

test("a revoke the author deletes (command and acknowledgement) does not bring the approval back", async () => {
  const { pr } = await openEscalating(h, 93);
  await say(h, 93, MAINTAINER, "/capability-review approve reviewed");
  expect(last()).toMatchObject({ conclusion: "success" });
  const revoke = await say(h, 93, MAINTAINER, "/capability-review revoke");
  expect(last()).toMatchObject({ conclusion: "failure" });

  // The app marked the approval itself as revoked, editing only its own comment.
  const approval = ackComments().find((c) => c.body.includes('"action":"approve"'))!;
  expect(approval.body).toContain('"revoked":true');
  expect(approval.editedBy).toBe(`${h.fake.appSlug}[bot]`);

  // Anyone with write access may delete comments: the author deletes the revoke and its acknowledgement.
  const revokeAck = ackComments().find((c) => c.body.includes('"action":"revoke"'))!;
  for (const id of [revoke.id, revokeAck.id]) h.fake.comments.splice(h.fake.comments.findIndex((c) => c.id === id), 1);
  expect(await h.deliver("pull_request", pullRequestEvent("synchronize", pr))).toBe(200);
  expect(last()).toMatchObject({ head_sha: pr.headSha, conclusion: "failure" });

  // Approving again still works: a new approval is not revoked.
  await say(h, 93, MAINTAINER, "/capability-review approve looked again");
  expect(last()).toMatchObject({ conclusion: "success" });
});
