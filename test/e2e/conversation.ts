// Helpers for the command and approval tests: people with their access, a pull request opened by
// someone with commits by someone, comments written in the fake and delivered as webhooks.
import { ACK_PREFIX, parseAck, type Ack } from "../../src/core/approvals.js";
import { STICKY_MARKER } from "../../src/app/report.js";
import type { FakeGitHub } from "../fake-github/server.js";
import { issueCommentEvent, OWNER, pullRequestEvent, type Harness, type PullRef } from "./helpers.js";
import { escalate, seed, type Seeded } from "./scenario.js";

export const POLICY = ".github/capability-review.yml";
/** The PR author (an admin, to show that authorship, not access, refuses them). */
export const AUTHOR = "octocat";
export const ADMIN = "ada";
/** Maintain: `permission` says `write`, `role_name` says `maintain`. */
export const MAINTAINER = "maya";
export const READER = "rita";
export const WRITER = "wendy";
export const TEAM = "acme/agent-stewards";
export const STEWARD = "tess";

/** Seed the repository (with a base policy if given), its collaborators and the team. */
export function world(fake: FakeGitHub, policy?: string): Seeded {
  const s = seed(fake, policy ? { [POLICY]: policy } : {});
  for (const [login, role] of [[AUTHOR, "admin"], [ADMIN, "admin"], [MAINTAINER, "maintain"], [READER, "read"], [WRITER, "write"], [STEWARD, "write"]] as const) s.repo.addCollaborator(login, role);
  fake.addTeam(OWNER, "agent-stewards", [STEWARD]);
  return s;
}

/** Commit `changes` (by `commitAuthor`) on `parent` and open or move PR `number` there. */
export function pushAs(s: Seeded, number: number, changes: Record<string, string | null>, opts: { parent?: string; commitAuthor?: string } = {}): PullRef {
  const headSha = s.repo.commit(changes, { parent: opts.parent ?? s.base, author: opts.commitAuthor ?? AUTHOR });
  s.repo.openPull({ number, baseSha: s.base, headSha, author: AUTHOR });
  return { number, baseSha: s.base, headSha };
}

/** The escalating PR, reviewed once (a failing check with the Approve button and a sticky comment). */
export async function openEscalating(h: Harness, number: number, opts: { policy?: string; commitAuthor?: string; extra?: Record<string, string> } = {}) {
  const s = world(h.fake, opts.policy);
  const pr = pushAs(s, number, { ...escalate(s.tree), ...opts.extra }, opts);
  expect(await h.deliver("pull_request", pullRequestEvent("opened", pr))).toBe(200);
  const first = h.fake.checkRuns.at(-1)!;
  h.fake.clearLog();
  return { s, pr, check: first, fingerprint: fingerprintOf(first.output.summary ?? "") };
}

/** `login` writes `body` on PR `number`: the comment exists on GitHub, then the webhook arrives. */
export async function say(h: Harness, number: number, login: string, body: string) {
  const c = h.fake.addComment(number, body, { login });
  expect(await h.deliver("issue_comment", issueCommentEvent("created", number, { id: c.id, body, login }))).toBe(200);
  return c;
}

export function fingerprintOf(text: string): string {
  const m = /Fingerprint: `(sha256:[0-9a-f]{64})`/.exec(text);
  if (!m) throw new Error(`no fingerprint in ${text.slice(0, 200)}`);
  return m[1]!;
}

export const writeRoutes = (fake: FakeGitHub) => fake.writes().map((r) => r.route);
export const sticky = (fake: FakeGitHub) => fake.comments.find((c) => c.byApp && c.body.startsWith(STICKY_MARKER));
export const acks = (fake: FakeGitHub): Ack[] => fake.comments.filter((c) => c.byApp).flatMap((c) => parseAck(c.body) ?? []);
/** The app's replies: neither the sticky comment nor an acknowledgement. */
export const replies = (fake: FakeGitHub) => fake.comments.filter((c) => c.byApp && !c.body.startsWith(STICKY_MARKER) && !c.body.startsWith(ACK_PREFIX)).map((c) => c.body);
export const reactions = (fake: FakeGitHub) => fake.reactions.map((r) => [r.commentId, r.content]);

export const WRITE = {
  check: "POST /repos/:owner/:repo/check-runs",
  comment: "POST /repos/:owner/:repo/issues/:number/comments",
  edit: "PATCH /repos/:owner/:repo/issues/comments/:id",
  reaction: "POST /repos/:owner/:repo/issues/comments/:id/reactions",
};
