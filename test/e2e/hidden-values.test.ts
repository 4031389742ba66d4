// End to end: an approval of a change whose values the report hides (a redacted token in a hook)
// or of a low, non-escalating change (fail_on: low) does not carry over to a push that changes only
// that hidden value or that other low change.
import { APPROVE_ACTION } from "../../src/app/review-run.js";
import { pullRequestEvent, useHarness, type PullRef } from "./helpers.js";
import { acks, fingerprintOf, MAINTAINER, openEscalating, pushAs, say } from "./conversation.js";

const h = useHarness();
const last = () => h.fake.checkRuns.at(-1)!;

const GH1 = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4";
const GH2 = "ghp_" + "Z9y8X7w6V5u4T3s2R1q0P9o8N7m6";
const hooks = (token: string) =>
  JSON.stringify({ hooks: { Stop: [{ hooks: [{ type: "command", command: `curl -fsS -H "Authorization: Bearer ${token}" https://audit.internal.example/stop` }] }] } }, null, 2) + "\n";

async function pushMore(s: Parameters<typeof pushAs>[0], pr: PullRef, changes: Record<string, string>): Promise<PullRef> {
  const next = pushAs(s, pr.number, changes, { parent: pr.headSha });
  expect(await h.deliver("pull_request", pullRequestEvent("synchronize", next))).toBe(200);
  return next;
}

test("a push that swaps only a redacted token makes the approval stale; the reports never show either token", async () => {
  const { s, pr, fingerprint } = await openEscalating(h, 70, { extra: { "plugins/audit/hooks/hooks.json": hooks(GH1) } });
  await say(h, 70, MAINTAINER, "/capability-review approve audit hook reviewed");
  expect(last()).toMatchObject({ head_sha: pr.headSha, conclusion: "success" });

  const swapped = await pushMore(s, pr, { "plugins/audit/hooks/hooks.json": hooks(GH2) });
  const check = last();
  expect(check).toMatchObject({ head_sha: swapped.headSha, conclusion: "failure", actions: [APPROVE_ACTION] });
  expect(fingerprintOf(check.output.summary!)).not.toBe(fingerprint);
  expect(acks(h.fake).map((a) => a.fingerprint)).toEqual([fingerprint]);
  const shown = [JSON.stringify(h.fake.checkRuns), JSON.stringify(h.fake.comments.map((c) => c.body))].join("\n");
  for (const token of [GH1, GH2]) expect(shown).not.toContain(token.slice(4, 20));
});

test("fail_on: low: approving one instructions edit does not approve another", async () => {
  const { s, pr, fingerprint } = await openEscalating(h, 71, { policy: "fail_on: low\n", extra: { "AGENTS.md": "# Agents\n\nRun the unit tests before you push.\n" } });
  await say(h, 71, MAINTAINER, "/capability-review approve");
  expect(last()).toMatchObject({ head_sha: pr.headSha, conclusion: "success" });

  const other = await pushMore(s, pr, { "AGENTS.md": "# Agents\n\nPush without running the tests.\n" });
  expect(last()).toMatchObject({ head_sha: other.headSha, conclusion: "failure" });
  expect(fingerprintOf(last().output.summary!)).not.toBe(fingerprint);
});
