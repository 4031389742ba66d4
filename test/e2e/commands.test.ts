// `/capability-review` commands end to end: real `issue_comment` / `check_run` payloads, signed and
// delivered over HTTP to the real Probot server, which talks to the fake GitHub API. Assertions are
// on what GitHub received: which writes, which reactions, what the replies say.
import { APPROVE_ACTION } from "../../src/app/review-run.js";
import { ackBody, shortFingerprint } from "../../src/core/approvals.js";
import { helpText } from "../../src/core/commands.js";
import { userIdOf } from "../fake-github/graphql.js";
import { checkRunRequestedAction, issueCommentEvent, pullRequestEvent, useHarness } from "./helpers.js";
import { acks, ADMIN, AUTHOR, MAINTAINER, openEscalating, pushAs, reactions, READER, replies, say, STEWARD, sticky, TEAM, world, WRITE, WRITER, writeRoutes } from "./conversation.js";

// 404s of the permission and team routes are answers, not errors: "not a collaborator", "not a member".
const expected404 = /^GET \/repos\/:owner\/:repo\/collaborators|^GET \/orgs\//;
const h = useHarness({ expected: (r) => r.status === 404 && expected404.test(r.route ?? "") });

const last = () => h.fake.checkRuns.at(-1)!;

describe("commands that need no permission", () => {
  test.each(["/capability-review", "/Capability-Review run"])("`%s` re-runs the review on the current head: a reaction and a new check", async (body) => {
    const { pr } = await openEscalating(h, 21);
    const before = h.fake.checkRuns.length;
    const c = await say(h, 21, "someone", body);

    expect(reactions(h.fake)).toEqual([[c.id, "rocket"]]);
    expect(h.fake.checkRuns).toHaveLength(before + 1);
    expect(last()).toMatchObject({ head_sha: pr.headSha, conclusion: "failure" });
    expect(writeRoutes(h.fake)).toEqual([WRITE.reaction, WRITE.check]);
    expect(h.fake.requests({ route: "GET /repos/:owner/:repo/pulls/:number" })).toHaveLength(1);
  });

  test.each(["/capability-review help", "/capability-review frobnicate now"])("`%s` is answered with the command list", async (body) => {
    await openEscalating(h, 22);
    const c = await say(h, 22, "someone", body);
    expect(replies(h.fake)).toEqual([helpText()]);
    expect(reactions(h.fake)).toEqual([[c.id, "+1"]]);
    expect(writeRoutes(h.fake)).toEqual([WRITE.reaction, WRITE.comment]);
  });

  test("`explain RULE` replies with the rule's explanation and how to tune it; an unknown rule gets a hint", async () => {
    await openEscalating(h, 23);
    await say(h, 23, "someone", "/capability-review explain mcp.unpinned-package");
    expect(replies(h.fake)).toHaveLength(1);
    expect(replies(h.fake)[0]).toMatch(/^\*\*`mcp\.unpinned-package`: .+\*\*\n\nDefault severity: \*\*\w+\*\*/);
    expect(replies(h.fake)[0]).toContain("allow.mcp_packages");

    await say(h, 23, "someone", "/capability-review explain mcp.unpined-package");
    expect(replies(h.fake)[1]).toMatch(/^Unknown rule `mcp\.unpined-package`\. Did you mean `mcp\.unpinned-package`/);
    // Neither needs GitHub beyond the reply and the reaction: no review was run.
    expect(h.fake.checkRuns).toHaveLength(1);
    expect(h.fake.reads()).toEqual([]);
  });

  test("a comment that is not a command (or quotes one) gets no answer and costs no request", async () => {
    await openEscalating(h, 24);
    await say(h, 24, "someone", "Looks good to me.\n/capability-review approve");
    await say(h, 24, MAINTAINER, "> /capability-review approve\nShould I?");
    expect(h.fake.log.filter((r) => r.kind !== "auth")).toEqual([]);
  });
});

describe("approve", () => {
  test("by a maintainer: acknowledgement naming the fingerprint, a reaction, and the check passes listing the approval", async () => {
    const { pr, check, fingerprint } = await openEscalating(h, 30);
    expect(check.actions).toEqual([APPROVE_ACTION]);
    const c = await say(h, 30, MAINTAINER, "/capability-review approve vetted the playwright server");

    expect(writeRoutes(h.fake)).toEqual([WRITE.comment, WRITE.reaction, WRITE.check, WRITE.edit]);
    expect(acks(h.fake)).toEqual([expect.objectContaining({ action: "approve", command: c.id, user: MAINTAINER, userId: userIdOf(MAINTAINER), fingerprint, reason: "vetted the playwright server" })]);
    const ack = h.fake.comments.find((x) => x.byApp && x.body.includes("approved the capability change"))!;
    expect(ack.body).toContain(`**${MAINTAINER}** approved the capability change \`${shortFingerprint(fingerprint)}\``);
    expect(reactions(h.fake)).toEqual([[c.id, "+1"]]);

    expect(last()).toMatchObject({ head_sha: pr.headSha, conclusion: "success", actions: [] });
    expect(last().output.title).toMatch(/^Approved by [^:]+: /);
    const line = new RegExp(`- \\*\\*${MAINTAINER}\\*\\* on \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC for \`${shortFingerprint(fingerprint).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\`: \`vetted the playwright server\``);
    for (const text of [last().output.summary!, sticky(h.fake)!.body]) {
      expect(text).toContain(`✅ Approved for \`${shortFingerprint(fingerprint)}\` by 1 approver (1 required)`);
      expect(text).toMatch(line);
    }
  });

  test("by an admin without a reason is accepted too", async () => {
    const { fingerprint } = await openEscalating(h, 31);
    await say(h, 31, ADMIN, "/capability-review APPROVE");
    expect(acks(h.fake)).toEqual([expect.objectContaining({ user: ADMIN, fingerprint })]);
    expect(acks(h.fake)[0]).not.toHaveProperty("reason");
    expect(last().conclusion).toBe("success");
    expect(sticky(h.fake)!.body).toContain(`**${ADMIN}**`);
    expect(sticky(h.fake)!.body).toContain("(no reason given)");
  });

  // Each refusal: a reply that says why, no acknowledgement, no reaction, the check still fails.
  const refused = async (login: string, why: RegExp) => {
    expect(acks(h.fake)).toEqual([]);
    expect(h.fake.reactions).toEqual([]);
    expect(replies(h.fake)).toEqual([expect.stringMatching(new RegExp(`^@${login} `))]);
    expect(replies(h.fake)[0]).toMatch(why);
    expect(h.fake.checkRuns.filter((r) => r.conclusion === "success")).toEqual([]);
    expect(h.fake.writes().filter((w) => w.route === WRITE.comment)).toHaveLength(1);
  };

  test("by the pull request's author (an admin) is refused", async () => {
    await openEscalating(h, 32);
    await say(h, 32, AUTHOR, "/capability-review approve my own change is fine");
    await refused(AUTHOR, /author of a pull request cannot approve/);
  });

  test.each([
    [READER, "read permission", /needs admin or maintain permission on this repository \(you have read\)/],
    [WRITER, "write permission", /needs admin or maintain permission on this repository \(you have write\)/],
    ["stranger", "no access (404)", /needs admin or maintain permission on this repository \(you have no access\)/],
  ])("by %s (%s) is refused", async (login, _access, why) => {
    await openEscalating(h, 33);
    await say(h, 33, login, "/capability-review approve");
    await refused(login, why);
  });

  test("by the author of a commit in the pull request (a maintainer) is refused", async () => {
    await openEscalating(h, 34, { commitAuthor: MAINTAINER });
    await say(h, 34, MAINTAINER, "/capability-review approve");
    await refused(MAINTAINER, /You authored a commit in this pull request that changes a capability file/);
  });

  test("when nothing needs approval it is refused", async () => {
    const s = world(h.fake);
    const pr = pushAs(s, 35, { "src/app.ts": 'export const greeting = "hi";\n' });
    expect(await h.deliver("pull_request", pullRequestEvent("opened", pr))).toBe(200);
    expect(h.fake.checkRuns[0]).toMatchObject({ conclusion: "success", actions: [] });
    h.fake.clearLog();
    await say(h, 35, MAINTAINER, "/capability-review approve");
    expect(replies(h.fake)).toEqual([`@${MAINTAINER} nothing in this pull request needs approval.`]);
    expect(acks(h.fake)).toEqual([]);
  });

  test("on a closed pull request it is refused without a review", async () => {
    const { s } = await openEscalating(h, 36);
    s.repo.closePull(36);
    const before = h.fake.checkRuns.length;
    await say(h, 36, MAINTAINER, "/capability-review approve");
    expect(replies(h.fake)).toEqual([`@${MAINTAINER} this pull request is closed; there is nothing to approve.`]);
    expect(writeRoutes(h.fake)).toEqual([WRITE.comment]);
    expect(h.fake.checkRuns).toHaveLength(before);
  });

  describe("with `approvers.teams` in the base policy", () => {
    const policy = `approvers:\n  teams: ["${TEAM}"]\n`;

    test("a member of the team is accepted (with write permission only)", async () => {
      const { fingerprint } = await openEscalating(h, 37, { policy });
      await say(h, 37, STEWARD, "/capability-review approve ok for stewards");
      expect(acks(h.fake)).toEqual([expect.objectContaining({ user: STEWARD, fingerprint })]);
      expect(last().conclusion).toBe("success");
      expect(h.fake.requests({ route: "GET /orgs/:org/teams/:slug/memberships/:user" }).map((r) => r.path)).toEqual([`/orgs/acme/teams/agent-stewards/memberships/${STEWARD}`]);
    });

    test("a non-member is refused, even an admin; the reply names the approvers without mentioning them", async () => {
      await openEscalating(h, 38, { policy });
      await say(h, 38, ADMIN, "/capability-review approve");
      await refused(ADMIN, /Only the approvers named in the policy \(`acme\/agent-stewards`\) may approve/);
      await say(h, 38, WRITER, "/capability-review approve");
      expect(replies(h.fake)[1]).toMatch(new RegExp(`^@${WRITER} Only the approvers named in the policy`));
      expect(last().conclusion).toBe("failure");
    });
  });

  test("with `approvers.min: 2` one approval is not enough, two are", async () => {
    const { fingerprint } = await openEscalating(h, 39, { policy: "approvers:\n  min: 2\n" });
    await say(h, 39, MAINTAINER, "/capability-review approve first");
    expect(last()).toMatchObject({ conclusion: "failure", actions: [APPROVE_ACTION] });
    expect(sticky(h.fake)!.body).toContain(`⏳ 1 of 2 approvals for \`${shortFingerprint(fingerprint)}\`: 1 more approval needed.`);

    await say(h, 39, ADMIN, "/capability-review approve second");
    expect(last()).toMatchObject({ conclusion: "success", actions: [] });
    expect(last().output.summary).toContain("by 2 approvers (2 required)");
    expect(acks(h.fake).map((a) => a.user)).toEqual([MAINTAINER, ADMIN]);
  });

  test("revoke withdraws one's approval: the check fails again", async () => {
    await openEscalating(h, 40);
    await say(h, 40, MAINTAINER, "/capability-review approve");
    expect(last().conclusion).toBe("success");
    h.fake.clearLog();

    const c = await say(h, 40, MAINTAINER, "/capability-review revoke");
    // The acknowledgement, the approval marked revoked (so deleting the revoke brings nothing back), the reaction, the check, the sticky.
    expect(writeRoutes(h.fake)).toEqual([WRITE.comment, WRITE.edit, WRITE.reaction, WRITE.check, WRITE.edit]);
    expect(acks(h.fake).map((a) => [a.action, a.revoked ?? false])).toEqual([["approve", true], ["revoke", false]]);
    expect(h.fake.comments.at(-1)!.body).toContain(`↩️ **${MAINTAINER}** revoked their approval.`);
    expect(reactions(h.fake).at(-1)).toEqual([c.id, "+1"]);
    expect(last()).toMatchObject({ conclusion: "failure", actions: [APPROVE_ACTION] });
    expect(sticky(h.fake)!.body).toContain("It needs one approval from");
    expect(sticky(h.fake)!.body).not.toContain(`**${MAINTAINER}**`);
  });
});

describe("what is ignored", () => {
  const APPROVE = "/capability-review approve";

  test("comments by bots (another app's, and the app's own), edited or deleted comments and comments on plain issues: no request at all", async () => {
    await openEscalating(h, 41);
    const bot = h.fake.addComment(41, APPROVE, { login: "renovate[bot]" });
    expect(await h.deliver("issue_comment", issueCommentEvent("created", 41, { id: bot.id, body: APPROVE, login: "renovate[bot]", bot: true }))).toBe(200);
    const own = h.fake.addComment(41, `${APPROVE} (quoted in the app's own comment)`, { byApp: true });
    expect(await h.deliver("issue_comment", issueCommentEvent("created", 41, { id: own.id, body: own.body, login: own.login, app: true }))).toBe(200);

    const mine = h.fake.addComment(41, "typo", { login: MAINTAINER });
    mine.body = APPROVE;
    expect(await h.deliver("issue_comment", issueCommentEvent("edited", 41, { id: mine.id, body: APPROVE, login: MAINTAINER }))).toBe(200);

    expect(await h.deliver("issue_comment", issueCommentEvent("deleted", 41, { id: mine.id, body: APPROVE, login: MAINTAINER }))).toBe(200);

    const onIssue = h.fake.addComment(41, APPROVE, { login: MAINTAINER });
    expect(await h.deliver("issue_comment", issueCommentEvent("created", 41, { id: onIssue.id, body: APPROVE, login: MAINTAINER }, { onPull: false }))).toBe(200);

    expect(h.fake.log.filter((r) => r.kind !== "auth")).toEqual([]);
    // An edit into an approval never counts later either: no acknowledgement names it.
    await say(h, 41, "someone", "/capability-review run");
    expect(last().conclusion).toBe("failure");
  });

  test("a forged acknowledgement (a user's comment in the app's format) does not count", async () => {
    const { fingerprint } = await openEscalating(h, 42);
    // An approver's command the app never acknowledged (say its delivery was lost)...
    const cmd = h.fake.addComment(42, `${APPROVE} looks fine`, { login: MAINTAINER });
    // ...and a reader's comment that copies the acknowledgement naming it and the current fingerprint.
    const forged = ackBody({ v: 1, action: "approve", command: cmd.id, user: MAINTAINER, userId: userIdOf(MAINTAINER), fingerprint, reason: "looks fine", at: new Date().toISOString() });
    const f = h.fake.addComment(42, forged, { login: READER });
    expect(await h.deliver("issue_comment", issueCommentEvent("created", 42, { id: f.id, body: forged, login: READER }))).toBe(200);
    expect(h.fake.log.filter((r) => r.kind !== "auth")).toEqual([]);

    await say(h, 42, "someone", "/capability-review");
    expect(last()).toMatchObject({ conclusion: "failure", actions: [APPROVE_ACTION] });
    expect(sticky(h.fake)!.body).not.toContain(`**${MAINTAINER}**`);
    expect(sticky(h.fake)!.body).toContain("It needs one approval from");
  });
});

describe("the check run's Approve button", () => {
  test("pressed by a maintainer: accepted like the command (acknowledged, no reaction), the check passes", async () => {
    const { pr, check, fingerprint } = await openEscalating(h, 43);
    expect(await h.deliver("check_run", checkRunRequestedAction(pr, check.id, MAINTAINER))).toBe(200);

    expect(writeRoutes(h.fake)).toEqual([WRITE.comment, WRITE.check, WRITE.edit]);
    expect(acks(h.fake)).toEqual([expect.objectContaining({ action: "approve", via: "check-run", command: check.id, user: MAINTAINER, userId: userIdOf(MAINTAINER), fingerprint })]);
    expect(last()).toMatchObject({ head_sha: pr.headSha, conclusion: "success", actions: [] });
    expect(sticky(h.fake)!.body).toContain(`- **${MAINTAINER}** on `);

    // The next review rebuilds it from the acknowledgement alone.
    await say(h, 43, "someone", "/capability-review run");
    expect(last().conclusion).toBe("success");
  });

  test("pressed by the pull request's author: refused with a reply", async () => {
    const { pr, check } = await openEscalating(h, 44);
    expect(await h.deliver("check_run", checkRunRequestedAction(pr, check.id, AUTHOR))).toBe(200);
    expect(replies(h.fake)).toEqual([expect.stringMatching(new RegExp(`^@${AUTHOR} The author of a pull request cannot approve`))]);
    expect(acks(h.fake)).toEqual([]);
    expect(last().conclusion).toBe("failure");
  });

  test("another button identifier does nothing", async () => {
    const { pr, check } = await openEscalating(h, 45);
    expect(await h.deliver("check_run", checkRunRequestedAction(pr, check.id, MAINTAINER, "lgtm"))).toBe(200);
    expect(h.fake.log.filter((r) => r.kind !== "auth")).toEqual([]);
  });
});
