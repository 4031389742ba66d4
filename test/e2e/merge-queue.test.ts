// Merge queues end to end, one entry per group: a merge group's review counts the approvals of the
// pull request its head_ref names (`gh-readonly-queue/<base>/pr-<number>-<sha>`) when they are for
// the entry's own fingerprint, so an approved escalation passes the queue and nothing unapproved
// rides in with it. Groups of several entries: merge-queue-groups.test.ts.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { shortFingerprint } from "../../src/core/approvals.js";
import { mergeGroupEvent, useHarness, type PullRef } from "./helpers.js";
import { acks, fingerprintOf, MAINTAINER, openEscalating, pushAs, say } from "./conversation.js";
import type { Seeded } from "./scenario.js";

const h = useHarness({ expected: (r) => r.status === 404 && /^GET \/repos\/:owner\/:repo\/collaborators/.test(r.route ?? "") });
const last = () => h.fake.checkRuns.at(-1)!;

/** The queue's commit for `pr` on the base (no other change: the base has not moved). */
function groupOf(s: Seeded, pr: PullRef, changes: Record<string, string> = {}): { baseSha: string; headSha: string; number: number } {
  return { baseSha: pr.baseSha, headSha: s.repo.commit(changes, { parent: pr.headSha, author: "github-merge-queue" }), number: pr.number };
}

async function queue(group: { baseSha: string; headSha: string; number: number }, edit: (p: ReturnType<typeof mergeGroupEvent>) => void = () => {}) {
  h.fake.clearLog();
  const event = mergeGroupEvent(group);
  edit(event);
  expect(await h.deliver("merge_group", event)).toBe(200);
  const check = last();
  expect(check.head_sha).toBe(group.headSha);
  // A merge group has no conversation: the check is the only write.
  expect(h.fake.writes().map((w) => w.route)).toEqual(["POST /repos/:owner/:repo/check-runs"]);
  return check;
}

test("app.yml asks for what merge_group events need: the event and the merge queues permission", () => {
  const manifest = parse(readFileSync(new URL("../../app.yml", import.meta.url), "utf8")) as { default_events: string[]; default_permissions: Record<string, string> };
  expect(manifest.default_events).toContain("merge_group");
  expect(manifest.default_permissions.merge_queues).toBe("read");
});

test("approved on the pull request, the merge group passes; the same change unapproved fails", async () => {
  const { s, pr, fingerprint } = await openEscalating(h, 100);
  const unapproved = await queue(groupOf(s, pr));
  expect(unapproved.conclusion).toBe("failure");
  expect(fingerprintOf(unapproved.output.summary!)).toBe(fingerprint);

  await say(h, 100, MAINTAINER, "/capability-review approve vetted for the queue");
  expect(last().conclusion).toBe("success");
  const approved = await queue(groupOf(s, pr));
  expect(approved).toMatchObject({ conclusion: "success", actions: [] });
  expect(approved.output.title).toMatch(/^Approved by [^:]+: /);
  expect(approved.output.summary).toContain(`- **${MAINTAINER}** on `);
  expect(approved.output.summary).toContain("Merge group of pull request #100");
});

test("an entry adding a capability change beyond the approved one (the queue's commit differs from the pull request) fails", async () => {
  const { s, pr } = await openEscalating(h, 101);
  await say(h, 101, MAINTAINER, "/capability-review approve");
  const mcp = s.repo.need(pr.headSha).files.get(".mcp.json")!.toString("utf8");
  const ahead = { ".mcp.json": mcp.replace('    "browser": {', '    "fetch": {\n      "command": "uvx",\n      "args": ["mcp-server-fetch"]\n    },\n    "browser": {') };
  const check = await queue(groupOf(s, pr, ahead));
  expect(check.conclusion).toBe("failure");
  const group = fingerprintOf(check.output.summary!);
  const approved = acks(h.fake)[0]!.fingerprint;
  expect(group).not.toBe(approved);
  expect(check.output.summary).toContain(
    `The approvals of #101 are for \`${shortFingerprint(approved)}\`, not this entry's \`${shortFingerprint(group)}\`: the entry adds a capability change beyond the approved one (an entry ahead of it changed the same files, or the base branch moved).`,
  );
  expect(acks(h.fake)).toHaveLength(1);
});

test("an approver who lost access before the group runs does not count in the queue", async () => {
  const { s, pr } = await openEscalating(h, 102);
  await say(h, 102, MAINTAINER, "/capability-review approve");
  s.repo.addCollaborator(MAINTAINER, "read");
  const check = await queue(groupOf(s, pr));
  expect(check.conclusion).toBe("failure");
  expect(check.output.summary).toContain(`**${MAINTAINER}** (read permission now, not admin or maintain)`);
});

test("an approver who then committed to the pull request does not count in the queue: its commit authors are the pull request's", async () => {
  const { s, pr } = await openEscalating(h, 103);
  await say(h, 103, MAINTAINER, "/capability-review approve");
  // The approver pushes a commit that leaves the capability change as it is.
  const next = pushAs(s, 103, { "src/app.ts": "export const y = 1;\n" }, { parent: pr.headSha, commitAuthor: MAINTAINER });
  const check = await queue(groupOf(s, next));
  expect(check.conclusion).toBe("failure");
  expect(check.output.summary).toContain(`Not counted: **${MAINTAINER}** (author of a commit that changes a capability file)`);
});

test.each([
  ["a head_ref naming no pull request", (p: ReturnType<typeof mergeGroupEvent>) => (p.merge_group.head_ref = "refs/heads/gh-readonly-queue/main/not-a-pr")],
  ["a head_ref queued for another base branch", (p: ReturnType<typeof mergeGroupEvent>) => (p.merge_group.base_ref = "refs/heads/release")],
  ["a head_ref naming a pull request that does not exist", (p: ReturnType<typeof mergeGroupEvent>) => (p.merge_group.head_ref = p.merge_group.head_ref.replace("/pr-104-", "/pr-999-"))],
])("%s: no approvals count, the group fails closed", async (_what, edit) => {
  const { s, pr } = await openEscalating(h, 104);
  await say(h, 104, MAINTAINER, "/capability-review approve");
  // The other base branch exists (the group is laid out against it); the queue branch names main.
  s.repo.branches.set("release", s.base);
  expect((await queue(groupOf(s, pr), edit)).conclusion).toBe("failure");
});
