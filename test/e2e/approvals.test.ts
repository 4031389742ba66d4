// Approvals bound to the capability change, end to end over HTTP against the fake GitHub API:
// approve → success → pushes that keep or change the fingerprint; findings approvals never clear;
// where the check offers its Approve button.
import { APPROVE_ACTION } from "../../src/app/review-run.js";
import { shortFingerprint } from "../../src/core/approvals.js";
import { checkRunRequestedAction, mergeGroupEvent, pullRequestEvent, useHarness, type PullRef } from "./helpers.js";
import { escalate } from "./scenario.js";
import { acks, ADMIN, fingerprintOf, MAINTAINER, openEscalating, pushAs, replies, say, sticky, world, WRITE, writeRoutes } from "./conversation.js";

const h = useHarness();

const last = () => h.fake.checkRuns.at(-1)!;
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A further commit on the PR's head, delivered as `pull_request.synchronize`. */
async function pushMore(s: Parameters<typeof pushAs>[0], pr: PullRef, changes: Record<string, string | null>): Promise<PullRef> {
  const next = pushAs(s, pr.number, changes, { parent: pr.headSha });
  expect(await h.deliver("pull_request", pullRequestEvent("synchronize", next))).toBe(200);
  return next;
}

// A second unpinned MCP server: the capability change (and so its fingerprint) changes.
const moreMcp = (mcp: string) => mcp.replace('    "browser": {', '    "fetch": {\n      "command": "uvx",\n      "args": ["mcp-server-fetch"]\n    },\n    "browser": {');

test("approve → success; an unrelated push keeps it; a capability push makes it stale → failure; approving again passes", async () => {
  const { s, pr, check, fingerprint } = await openEscalating(h, 50);
  expect(check).toMatchObject({ conclusion: "failure", actions: [APPROVE_ACTION] });

  await say(h, 50, MAINTAINER, "/capability-review approve reviewed the browser server");
  expect(last()).toMatchObject({ head_sha: pr.headSha, conclusion: "success", actions: [] });

  // A push that changes no capability file: same fingerprint, the approval holds on the new head.
  const unrelated = await pushMore(s, pr, { "src/app.ts": 'export const greeting = "hello again";\n' });
  expect(last()).toMatchObject({ head_sha: unrelated.headSha, conclusion: "success", actions: [] });
  expect(fingerprintOf(last().output.summary!)).toBe(fingerprint);
  expect(last().output.summary).toContain(`- **${MAINTAINER}** on `);

  // A push that changes the capability change: a new fingerprint, the approval is stale.
  h.fake.clearLog();
  const mcp = h.fake.repo("acme", "agents")!.need(unrelated.headSha).files.get(".mcp.json")!.toString("utf8");
  const capability = await pushMore(s, unrelated, { ".mcp.json": moreMcp(mcp) });
  const stale = last();
  const newFingerprint = fingerprintOf(stale.output.summary!);
  expect(newFingerprint).not.toBe(fingerprint);
  expect(stale).toMatchObject({ head_sha: capability.headSha, conclusion: "failure", actions: [APPROVE_ACTION] });
  expect(writeRoutes(h.fake)).toEqual(expect.arrayContaining([WRITE.check, WRITE.edit]));
  const body = sticky(h.fake)!.body;
  expect(body).toContain(`⚠️ A later push changed the capability change; approvals for \`${shortFingerprint(fingerprint)}\` no longer apply:`);
  expect(body).toMatch(new RegExp(`- \\*\\*${MAINTAINER}\\*\\* on .* for \`${esc(shortFingerprint(fingerprint))}\`: \`reviewed the browser server\``));
  expect(body).toContain(`⏳ Needs 1 approval for \`${shortFingerprint(newFingerprint)}\`: none yet.`);
  expect(stale.output.summary).toContain("no longer apply");

  await say(h, 50, MAINTAINER, "/capability-review approve fetch too");
  expect(acks(h.fake).map((a) => a.fingerprint)).toEqual([fingerprint, newFingerprint]);
  expect(last()).toMatchObject({ head_sha: capability.headSha, conclusion: "success" });
  // The latest approval per user stands: the stale one is replaced, not listed any more.
  expect(sticky(h.fake)!.body).not.toContain("no longer apply");
});

describe("findings approvals never clear", () => {
  const broken = { ".claude/settings.json": '{ "permissions": { "allow": [\n' };

  test("a file that cannot be parsed: no Approve button, the approval is refused, the check keeps failing", async () => {
    const { pr, check } = await openEscalating(h, 51, { extra: broken });
    expect(check.conclusion).toBe("failure");
    expect(check.annotations.some((a) => a.message?.includes("file.parse-error"))).toBe(true);
    expect(check.actions).toEqual([]);

    await say(h, 51, MAINTAINER, "/capability-review approve");
    expect(replies(h.fake)).toEqual([`@${MAINTAINER} this change has findings an approval cannot clear (files that cannot be read or parsed, or what the policy denies).`]);
    expect(acks(h.fake)).toEqual([]);
    expect(last()).toMatchObject({ conclusion: "failure", actions: [] });

    // The button (from an old page, say) follows the same rule.
    expect(await h.deliver("check_run", checkRunRequestedAction(pr, check.id, ADMIN))).toBe(200);
    expect(replies(h.fake)[1]).toMatch(new RegExp(`^@${ADMIN} this change has findings an approval cannot clear`));
    expect(acks(h.fake)).toEqual([]);
  });

  test("an approval given before a push that breaks a file does not clear the parse error", async () => {
    const { s, pr } = await openEscalating(h, 52);
    await say(h, 52, MAINTAINER, "/capability-review approve");
    expect(last().conclusion).toBe("success");

    await pushMore(s, pr, broken);
    expect(last()).toMatchObject({ conclusion: "failure", actions: [] });
    expect(last().annotations.some((a) => a.message?.includes("file.parse-error") && a.annotation_level === "failure")).toBe(true);
    expect(sticky(h.fake)!.body).toMatch(/⛔ Approvals cannot clear this check: `file\.parse-error` always fail|no longer apply/);
  });

  test("what the base policy denies: no Approve button, the approval is refused", async () => {
    const { check } = await openEscalating(h, 53, { policy: "deny:\n  mcp_packages:\n    - name: '@playwright/*'\n      reason: not vetted\n" });
    expect(check).toMatchObject({ conclusion: "failure", actions: [] });
    expect(check.output.title).toMatch(/^Denied by policy/);

    await say(h, 53, ADMIN, "/capability-review approve we need it");
    expect(replies(h.fake)).toEqual([expect.stringMatching(new RegExp(`^@${ADMIN} this change has findings an approval cannot clear`))]);
    expect(acks(h.fake)).toEqual([]);
    expect(last()).toMatchObject({ conclusion: "failure", actions: [] });
  });
});

describe("the Approve button is offered only on failing, approvable checks", () => {
  test.each([
    ["an escalation in enforce mode (failure)", undefined, "failure", [APPROVE_ACTION]],
    ["an escalation in warn mode (neutral)", "mode: warn\n", "neutral", []],
    ["an escalation the policy rates below fail_on (success)", "rules:\n  settings.approval-bypass: medium\n  mcp.server-added: medium\n  mcp.unpinned-package: medium\n", "success", []],
  ])("%s", async (_what, policy, conclusion, actions) => {
    const { check } = await openEscalating(h, 54, { ...(policy ? { policy } : {}) });
    expect(check).toMatchObject({ conclusion, actions });
  });

  test("not on a pull request touching no capability file, nor on a merge group (no conversation)", async () => {
    const s = world(h.fake);
    const pr = pushAs(s, 55, { "README.md": "# agents\n" });
    expect(await h.deliver("pull_request", pullRequestEvent("opened", pr))).toBe(200);
    expect(last()).toMatchObject({ conclusion: "success", actions: [] });

    const group = pushAs(s, 56, escalate(s.tree));
    s.repo.pulls.delete(56);
    expect(await h.deliver("merge_group", mergeGroupEvent({ ...group, number: 56 }))).toBe(200);
    expect(last()).toMatchObject({ head_sha: group.headSha, conclusion: "failure", actions: [] });
  });
});

test("with `approvers.min: 2`, two maintainers pressing Approve on the same check run both count", async () => {
  const { pr, check, fingerprint } = await openEscalating(h, 57, { policy: "approvers:\n  min: 2\n" });
  expect(await h.deliver("check_run", checkRunRequestedAction(pr, check.id, MAINTAINER))).toBe(200);
  expect(last().conclusion).toBe("failure");
  // The second approver's page still shows the first check run.
  expect(await h.deliver("check_run", checkRunRequestedAction(pr, check.id, ADMIN))).toBe(200);
  expect(acks(h.fake).map((a) => [a.user, a.command, a.fingerprint])).toEqual([
    [MAINTAINER, check.id, fingerprint],
    [ADMIN, check.id, fingerprint],
  ]);
  expect(last()).toMatchObject({ conclusion: "success", actions: [] });
  expect(last().output.summary).toContain("by 2 approvers (2 required)");
});

test("the Approve button of an earlier commit's check run does not approve a later capability change", async () => {
  const { s, pr, check } = await openEscalating(h, 58);
  const mcp = h.fake.repo("acme", "agents")!.need(pr.headSha).files.get(".mcp.json")!.toString("utf8");
  const later = await pushMore(s, pr, { ".mcp.json": moreMcp(mcp) });
  h.fake.clearLog();

  // Pressed on the first check run (an old page): the capability change has moved on since that run.
  expect(await h.deliver("check_run", checkRunRequestedAction(pr, check.id, MAINTAINER))).toBe(200);
  expect(replies(h.fake)).toEqual([expect.stringMatching(new RegExp(`^@${MAINTAINER} that check run showed the capability change \`${esc(shortFingerprint(fingerprintOf(check.output.summary!)))}\` when you approved; it is now \`${esc(shortFingerprint(fingerprintOf(last().output.summary!)))}\``))]);
  expect(acks(h.fake)).toEqual([]);
  // The refusal, and the check of the current head re-reported (still failing); the sticky comment is unchanged.
  expect(writeRoutes(h.fake)).toEqual([WRITE.comment, WRITE.check]);
  expect(last()).toMatchObject({ head_sha: later.headSha, conclusion: "failure" });

  // On the latest check run it is accepted.
  expect(await h.deliver("check_run", checkRunRequestedAction(later, last().id, MAINTAINER))).toBe(200);
  expect(last()).toMatchObject({ head_sha: later.headSha, conclusion: "success" });
});
