// End to end: a pull request planting every credential shape of the table (one file of each kind)
// and an instruction heading that would notify a team. Everything the app sent GitHub (check run,
// sticky comment, review and its inline comments: every write's body) holds no planted secret, and
// the heading reaches the comment only inside a code span.
import { STICKY_MARKER } from "../../src/app/report.js";
import { CREDENTIALS, fake, SURFACE_FILES } from "../core/leaks-fixtures.js";
import { MAINTAINER, openEscalating, say } from "./conversation.js";
import { pullRequestEvent, useHarness } from "./helpers.js";
import { push, seed } from "./scenario.js";

// 404s of the permission and team routes are answers ("not a collaborator"), not errors.
const h = useHarness({ expected: (r) => r.status === 404 && /^GET \/repos\/:owner\/:repo\/collaborators|^GET \/orgs\//.test(r.route ?? "") });

test("no planted credential reaches GitHub", async () => {
  const s = seed(h.fake);
  const files = Object.fromEntries(SURFACE_FILES.map((f, i) => [f.path, f.text(CREDENTIALS[i % CREDENTIALS.length]!)]));
  const planted = SURFACE_FILES.flatMap((_, i) => CREDENTIALS[i % CREDENTIALS.length]!.needles);
  const pr = push(s, 31, files);
  // A file of every kind: on a loaded machine the review may pass 9 s and be answered 202.
  expect([200, 202]).toContain(await h.deliver("pull_request", pullRequestEvent("opened", pr)));
  await h.fake.waitFor(() => h.fake.reviews.length > 0, 25_000, "the review's last write");

  // The app did write: a failing check with annotations, a sticky comment and an inline review.
  expect(h.fake.checkRuns.at(-1)).toMatchObject({ conclusion: "failure" });
  expect(h.fake.checkRuns.at(-1)!.annotations.length).toBeGreaterThan(20);
  const sticky = h.fake.comments.find((c) => c.byApp && c.body.startsWith(STICKY_MARKER))!;
  expect(sticky).toBeDefined();
  expect(h.fake.reviews.at(-1)!.comments.length).toBeGreaterThan(0);

  const written = h.fake.writes().map((r) => JSON.stringify(r.body));
  expect(written.length).toBeGreaterThanOrEqual(3);
  expect(planted.filter((n) => written.some((w) => w.includes(n)))).toEqual([]);
}, 30_000);

test("an instruction heading naming a team reaches the sticky comment as a code span, no live mention", async () => {
  // A low finding alone gets no comment by default (`comment: on-attention`): this policy asks for one.
  const s = seed(h.fake, { "AGENTS.md": "# Notes\n\nKeep changes small.\n", ".github/capability-review.yml": "comment: always\n" });
  const pr = push(s, 32, { "AGENTS.md": "# Build @acme/security-team\n\nKeep changes small.\n" });
  expect(await h.deliver("pull_request", pullRequestEvent("opened", pr))).toBe(200);
  const sticky = h.fake.comments.find((c) => c.byApp && c.body.startsWith(STICKY_MARKER))!;
  expect(sticky).toBeDefined();
  // The heading is shown, as a code span: GitHub renders no mention in one.
  expect(sticky.body).toContain("`Build @acme/security-team`");
  expect(sticky.body.replace(/(`+)[^`]*?\1/g, "")).not.toContain("@acme");
});

test("a credential pasted into an approval's reason is not repeated in the app's acknowledgement", async () => {
  await openEscalating(h, 33);
  const token = `ghp_${fake("pasted", 36)}`;
  await say(h, 33, MAINTAINER, `/capability-review approve checked with ${token}`);
  const ack = h.fake.comments.find((c) => c.byApp && c.body.includes("approved the capability change"));
  expect(ack).toBeDefined();
  expect(h.fake.writes().map((r) => JSON.stringify(r.body)).filter((w) => w.includes(token.slice(4, 20)))).toEqual([]);
});
