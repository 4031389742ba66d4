// The API budget of one event, measured on the fake GitHub API: reads do not grow with the number of
// capability files, and writes stay at 1 (nothing to report), ≤ 3 (escalation) and 1 (nothing new).
import { pullRequestEvent, useHarness } from "./helpers.js";
import { escalate, push, seed } from "./scenario.js";

const h = useHarness();

const services = (n: number) => Array.from({ length: n }, (_, i) => `services/svc${i}/.mcp.json`);
const server = (name: string, pkg: string) => `    "${name}": {\n      "command": "npx",\n      "args": ["-y", "${pkg}"]\n    }`;
const mcpFile = (servers: string[]) => `{\n  "mcpServers": {\n${servers.join(",\n")}\n  }\n}\n`;

/** `n` MCP configs, each with one pinned server; `change` says what the PR does to each. */
function scenario(n: number, change: "reformat" | "escalate") {
  const paths = services(n);
  const base = Object.fromEntries(paths.map((p, i) => [p, mcpFile([server("lint", `@acme/lint-${i}@1.2.3`)])]));
  const head = Object.fromEntries(
    paths.map((p, i) => [
      p,
      change === "reformat"
        ? JSON.stringify(JSON.parse(base[p]!), null, 4) + "\n"
        : mcpFile([server("lint", `@acme/lint-${i}@1.2.3`), server("browser", `@playwright/mcp@latest`)]),
    ]),
  );
  return { base, head };
}

/** Deliver `pull_request.opened` for a PR making `head` out of `base`; the requests it caused. */
async function measure(n: number, change: "reformat" | "escalate", prNumber: number) {
  const { base, head } = scenario(n, change);
  const s = seed(h.fake, base);
  const pr = push(s, prNumber, head);
  expect(await h.deliver("pull_request", pullRequestEvent("opened", pr))).toBe(200);
  return { reads: h.fake.reads().map((r) => r.route), writes: h.fake.writes().map((r) => r.route), pr, s };
}

test("reads do not grow with the number of capability files (1 vs 200), with or without findings", async () => {
  const small = await measure(1, "reformat", 20);
  const large = await measure(200, "reformat", 21);
  expect(large.reads).toEqual(small.reads);
  // The head's tree (links, case) is read beside the compare, in no fixed order.
  expect([...small.reads].sort()).toEqual(["GET /repos/:owner/:repo/compare/:basehead", "GET /repos/:owner/:repo/git/trees/:sha", "POST /graphql"]);

  const smallEscalation = await measure(1, "escalate", 22);
  const largeEscalation = await measure(200, "escalate", 23);
  expect(largeEscalation.reads).toEqual(smallEscalation.reads);
  expect(smallEscalation.reads.length).toBeLessThanOrEqual(4);
  // All 200 files at both sides came in the one GraphQL query.
  const query = h.fake.requests({ route: "POST /graphql" })[0]!.body;
  expect(Object.keys(query.variables).filter((k) => /^e\d+$/.test(k))).toHaveLength(400);
});

test("no capability change: 1 write (the check), also with 200 capability files reformatted", async () => {
  expect((await measure(1, "reformat", 30)).writes).toEqual(["POST /repos/:owner/:repo/check-runs"]);
  expect((await measure(200, "reformat", 31)).writes).toEqual(["POST /repos/:owner/:repo/check-runs"]);

  const s = seed(h.fake);
  const pr = push(s, 32, { "src/app.ts": "export {};\n" });
  expect(await h.deliver("pull_request", pullRequestEvent("opened", pr))).toBe(200);
  expect(h.fake.writes().map((r) => r.route)).toEqual(["POST /repos/:owner/:repo/check-runs"]);
});

test("an escalating pull request with at most 50 annotations: at most 3 writes, then 1 on a re-run", async () => {
  const s = seed(h.fake);
  const pr = push(s, 40, escalate(s.tree));
  const event = pullRequestEvent("opened", pr);
  expect(await h.deliver("pull_request", event)).toBe(200);
  const run = h.fake.checkRuns[0]!;
  expect(run.conclusion).toBe("failure");
  expect(run.annotations.length).toBeGreaterThan(0);
  expect(run.annotations.length).toBeLessThanOrEqual(50);
  expect(h.fake.writes().length).toBeLessThanOrEqual(3);

  // Re-run with nothing new (the same head): the check only.
  h.fake.clearLog();
  expect(await h.deliver("pull_request", event)).toBe(200);
  expect(h.fake.writes().map((r) => r.route)).toEqual(["POST /repos/:owner/:repo/check-runs"]);

  // A push that leaves the escalation as it was (an unrelated file): still the check only.
  h.fake.clearLog();
  const next = push(s, 40, { "src/app.ts": "export const x = 1;\n" }, pr.headSha);
  expect(await h.deliver("pull_request", pullRequestEvent("synchronize", next))).toBe(200);
  expect(h.fake.writes().map((r) => r.route)).toEqual(["POST /repos/:owner/:repo/check-runs"]);
  expect(h.fake.checkRuns.at(-1)!.conclusion).toBe("failure");
});

test("200 escalating files: the check carries every annotation, 50 per request, and still one comment and one review", async () => {
  const { writes } = await measure(200, "escalate", 50);
  const run = h.fake.checkRuns[0]!;
  const perRequest = h.fake.writes().filter((r) => r.route?.includes("check-runs")).map((r) => r.body.output.annotations?.length ?? 0);
  expect(perRequest.every((n) => n <= 50)).toBe(true);
  expect(run.annotations).toHaveLength(perRequest.reduce((a, b) => a + b, 0));
  expect(run.annotations.length).toBeGreaterThanOrEqual(200);
  expect(writes.filter((w) => w === "POST /repos/:owner/:repo/issues/:number/comments")).toHaveLength(1);
  expect(writes.filter((w) => w === "POST /repos/:owner/:repo/pulls/:number/reviews")).toHaveLength(1);
  expect(h.fake.reviews[0]!.comments.length).toBeLessThanOrEqual(50);
});
