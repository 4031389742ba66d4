// Rights are checked when they matter: who may approve is read again at every evaluation, so an
// approver who lost access (downgraded, removed, out of the policy's team) no longer counts. One
// permission read per distinct approver per evaluation, shared with the command's own check.
import { pullRequestEvent, useHarness } from "./helpers.js";
import { acks, ADMIN, MAINTAINER, openEscalating, pushAs, say, STEWARD, sticky, TEAM } from "./conversation.js";

// 404s of the permission and team routes are answers: "not a collaborator", "not a member".
const h = useHarness({ expected: (r) => r.status === 404 && /^GET \/repos\/:owner\/:repo\/collaborators|^GET \/orgs\//.test(r.route ?? "") });
const last = () => h.fake.checkRuns.at(-1)!;
const PERMISSION = "GET /repos/:owner/:repo/collaborators/:user/permission";
const permissionReads = () => h.fake.requests({ route: PERMISSION }).map((r) => decodeURIComponent(r.path.split("/")[5]!));

/** Another review of the same head, as a re-run by someone without rights would ask for it. */
const rerun = async (number: number) => {
  h.fake.clearLog();
  await say(h, number, "someone", "/capability-review run");
};

test.each([
  ["downgraded to read access", (s: { repo: { addCollaborator(l: string, r: "read"): void } }) => s.repo.addCollaborator(MAINTAINER, "read"), "read permission now, not admin or maintain"],
  ["removed from the repository", (s: { repo: { collaborators: Map<string, unknown> } }) => s.repo.collaborators.delete(MAINTAINER), "no access to the repository now, not admin or maintain"],
] as const)("an approver %s after approving no longer counts: the check fails again and says why", async (_what, lose, why) => {
  const { s, pr } = await openEscalating(h, 90);
  await say(h, 90, MAINTAINER, "/capability-review approve vetted");
  expect(last()).toMatchObject({ conclusion: "success" });

  lose(s as never);
  await rerun(90);
  expect(last()).toMatchObject({ head_sha: pr.headSha, conclusion: "failure" });
  expect(last().output.title).toMatch(/^Needs approval/);
  expect(last().output.summary).toContain(`Not counted, because who may approve is checked at every review: **${MAINTAINER}** (${why}).`);
  expect(sticky(h.fake)!.body).toContain(`**${MAINTAINER}** (${why})`);
  // One read of the approver's access in that evaluation.
  expect(permissionReads()).toEqual([MAINTAINER]);

  // Given back, the same acknowledgement counts again: nothing was deleted, only judged now.
  s.repo.addCollaborator(MAINTAINER, "maintain");
  await rerun(90);
  expect(last()).toMatchObject({ conclusion: "success" });
  expect(acks(h.fake)).toHaveLength(1);
});

test("a team approver who left the policy's team no longer counts, also after a push that keeps the fingerprint", async () => {
  const { s, pr } = await openEscalating(h, 91, { policy: `approvers:\n  teams: ["${TEAM}"]\n` });
  await say(h, 91, STEWARD, "/capability-review approve ok for stewards");
  expect(last()).toMatchObject({ conclusion: "success" });

  h.fake.addTeam("acme", "agent-stewards", []);
  h.fake.clearLog();
  const next = pushAs(s, 91, { "src/app.ts": "export const x = 2;\n" }, { parent: pr.headSha });
  expect(await h.deliver("pull_request", pullRequestEvent("synchronize", next))).toBe(200);
  expect(last()).toMatchObject({ head_sha: next.headSha, conclusion: "failure" });
  expect(last().output.summary).toContain(`**${STEWARD}** (not among the policy's approvers now (write permission))`);
  expect(h.fake.requests({ route: "GET /orgs/:org/teams/:slug/memberships/:user" })).toHaveLength(1);
});

test("with `approvers.min: 2`: each approver's access is read once per evaluation, the command's own check included", async () => {
  await openEscalating(h, 92, { policy: "approvers:\n  min: 2\n" });
  await say(h, 92, MAINTAINER, "/capability-review approve first");
  expect(last().conclusion).toBe("failure");
  // The command's check and the counting share one read.
  expect(permissionReads()).toEqual([MAINTAINER]);

  h.fake.clearLog();
  await say(h, 92, ADMIN, "/capability-review approve second");
  expect(last()).toMatchObject({ conclusion: "success" });
  expect(permissionReads().sort()).toEqual([ADMIN, MAINTAINER].sort());

  // The first approver downgraded: one approval left of two.
  h.fake.repo("acme", "agents")!.addCollaborator(MAINTAINER, "write");
  await rerun(92);
  expect(last()).toMatchObject({ conclusion: "failure" });
  expect(sticky(h.fake)!.body).toContain("⏳ 1 of 2 approvals");
  expect(permissionReads().sort()).toEqual([ADMIN, MAINTAINER].sort());
});

test("a pull request without approvals reads no one's access", async () => {
  const { pr } = await openEscalating(h, 93);
  h.fake.clearLog();
  expect(await h.deliver("pull_request", pullRequestEvent("synchronize", pr))).toBe(200);
  expect(permissionReads()).toEqual([]);
});

test("an approver's access that cannot be read fails the check closed, saying why", async () => {
  await openEscalating(h, 94);
  await say(h, 94, MAINTAINER, "/capability-review approve");
  expect(last().conclusion).toBe("success");
  h.fake.failNext(PERMISSION, { status: 502 });
  await rerun(94);
  expect(last()).toMatchObject({ status: "completed", conclusion: "failure" });
  expect(last().output.summary).toMatch(/GitHub API error 502 on GET \/repos\/acme\/agents\/collaborators\/maya\/permission/);
});
