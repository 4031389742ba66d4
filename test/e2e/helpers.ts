// End-to-end harness: the real Probot webhook handling on a node:http server on 127.0.0.1, pointed at
// the fake GitHub API (GHE paths), signed deliveries over HTTP, and real webhook payloads.
import { createHmac, generateKeyPairSync, randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { createNodeMiddleware, createProbot, ProbotOctokit } from "probot";
import Bottleneck from "bottleneck";
import app, { createApp } from "../../src/index.js";
import type { SharedState } from "../../src/app/shared-state.js";
import { AppOctokit } from "../../src/app/octokit.js";
import { userIdOf } from "../fake-github/graphql.js";
import { FakeGitHub } from "../fake-github/server.js";
import { requestListener } from "../../src/app/http.js";

export const APP_ID = 4242;
export const INSTALLATION_ID = 777;
export const WEBHOOK_SECRET = "e2e-secret";
export const OWNER = "acme";
export const REPO = "agents";

export interface Harness {
  fake: FakeGitHub;
  /** The webhook URL of the app's server (its /ping is at the same origin). */
  url: string;
  /** POST a signed webhook; resolves with the HTTP status once Probot has answered. */
  deliver(event: string, payload: object, opts?: { secret?: string; id?: string }): Promise<number>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /**
   * Use the production client (src/app/octokit.ts: Probot's retries and throttling, secondary rate
   * limits retried) with every wait shrunk from seconds to milliseconds. Default: retries and
   * throttling off, so a fault is seen exactly once.
   */
  retry?: boolean;
  /**
   * The app's per-installation write spacing (GITHUB_WRITE_SPACING_MS, GITHUB_NOTIFY_SPACING_MS).
   * Default 0: tests that are not about spacing do not wait for it.
   */
  spacing?: { writeMs: number; notifyMs: number };
}

/** The production client with waits in milliseconds and no spacing between writes. */
function fastRetryingOctokit() {
  const group = () => new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 });
  return AppOctokit.defaults((o: Record<string, unknown>) => ({
    ...o,
    retry: { retryAfterBaseValue: 1 },
    throttle: { ...(o.throttle as object), retryAfterBaseValue: 1, fallbackSecondaryRateRetryAfter: 1, write: group(), notifications: group(), search: group() },
  }));
}

/**
 * One harness per test file: started before the file's tests, closed after them, and after each
 * test the checks every end-to-end test makes: no request to a route GitHub does not have, and no
 * request GitHub refused unless a test injected the fault (or `expected` says the status is an
 * answer, e.g. a 404 for "not a collaborator"). Returns a handle that forwards to the harness.
 */
export function useHarness(opts: HarnessOptions & { expected?: (r: { route: string | null; status: number }) => boolean } = {}): Harness {
  let real: Harness | undefined;
  beforeAll(async () => {
    real = await startHarness(opts);
  });
  afterAll(async () => {
    await real?.close();
  });
  afterEach(() => {
    const fake = real!.fake;
    expect(fake.unknown().map((r) => `${r.method} ${r.path}`)).toEqual([]);
    expect(fake.log.filter((r) => r.status >= 400 && !r.faulted && !opts.expected?.(r)).map((r) => [r.route, r.status, r.body])).toEqual([]);
  });
  return new Proxy({} as Harness, {
    get: (_, key) => {
      if (!real) throw new Error("the harness starts in beforeAll; use it inside tests");
      const value = real[key as keyof Harness];
      return typeof value === "function" ? value.bind(real) : value;
    },
  });
}

/**
 * The app on a real HTTP server against a fake GitHub. `fake` and `state` make a replica: several
 * harnesses on one fake (closing one leaves the fake to its owner), sharing one state (Redis).
 */
export async function startHarness(opts: HarnessOptions & { fake?: FakeGitHub; state?: SharedState } = {}): Promise<Harness> {
  const fake = opts.fake ?? (await FakeGitHub.start({ appId: APP_ID }));
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs8", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
  // Probot 14 overrides an object given to defaults(); the function form turns retry and throttling off.
  const Octokit = opts.retry ? fastRetryingOctokit() : ProbotOctokit.defaults((o: object) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } }));
  // The app reads APP_ID from the environment to tell its own comments apart in REST listings.
  process.env.APP_ID = String(APP_ID);
  process.env.GITHUB_WRITE_SPACING_MS = String(opts.spacing?.writeMs ?? 0);
  process.env.GITHUB_NOTIFY_SPACING_MS = String(opts.spacing?.notifyMs ?? 0);
  const probot = createProbot({
    env: { APP_ID: String(APP_ID), PRIVATE_KEY: privateKey, WEBHOOK_SECRET, GHE_HOST: fake.host, GHE_PROTOCOL: "http", LOG_LEVEL: "fatal" },
    overrides: { Octokit },
  });
  const middleware = await createNodeMiddleware(opts.state ? createApp({ state: opts.state }) : app, { probot });
  // The server's own listener: /ping and the body limit, as `npm start` runs them.
  const state = opts.state;
  const health = state ? { health: async () => ((await state.healthy()) ? { ok: true, detail: "" } : { ok: false, detail: "redis: not reachable" }) } : {};
  const server: Server = createServer(requestListener(middleware, health));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;

  return {
    fake,
    url,
    async deliver(event, payload, opts = {}) {
      const body = JSON.stringify(payload);
      const signature = `sha256=${createHmac("sha256", opts.secret ?? WEBHOOK_SECRET).update(body).digest("hex")}`;
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-github-event": event, "x-github-delivery": opts.id ?? randomUUID(), "x-hub-signature-256": signature },
        body,
      });
      await res.text();
      return res.status;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (!opts.fake) await fake.close();
    },
  };
}

type Example = { action?: string } & Record<string, any>;
const examples = createRequire(import.meta.url)("@octokit/webhooks-examples") as { name: string; examples: Example[] }[];

/** A deep copy of the first real example of `event` with `action`. */
export function example(event: string, action: string): Example {
  const found = examples.find((e) => e.name === event)?.examples.find((x) => x.action === action);
  if (!found) throw new Error(`no webhook example ${event}.${action}`);
  return structuredClone(found);
}

function retarget(p: Example): Example {
  p.repository.name = REPO;
  p.repository.full_name = `${OWNER}/${REPO}`;
  p.repository.owner.login = OWNER;
  p.installation = { id: INSTALLATION_ID, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNzc3" };
  return p;
}

export interface PullRef {
  number: number;
  baseSha: string;
  headSha: string;
  baseRef?: string;
  headRef?: string;
}

/** `pull_request.opened` / `synchronize` / `reopened` from the real examples, aimed at our PR. */
export function pullRequestEvent(action: "opened" | "synchronize" | "reopened", pr: PullRef): Example {
  const p = retarget(example("pull_request", action));
  p.number = pr.number;
  const pull = p.pull_request;
  pull.number = pr.number;
  pull.head.sha = pr.headSha;
  pull.head.ref = pr.headRef ?? `topic-${pr.number}`;
  pull.base.sha = pr.baseSha;
  pull.base.ref = pr.baseRef ?? "main";
  for (const side of [pull.head, pull.base]) {
    side.repo.name = REPO;
    side.repo.full_name = `${OWNER}/${REPO}`;
    side.repo.owner.login = OWNER;
  }
  if (action === "synchronize") (p.before = pr.baseSha), (p.after = pr.headSha);
  return p;
}

export function mergeGroupEvent(g: { baseSha: string; headSha: string; number: number }): Example {
  const p = retarget(example("merge_group", "checks_requested"));
  p.merge_group.base_sha = g.baseSha;
  p.merge_group.head_sha = g.headSha;
  p.merge_group.head_ref = `refs/heads/gh-readonly-queue/main/pr-${g.number}-${g.baseSha}`;
  p.merge_group.head_commit.id = g.headSha;
  return p;
}

/** Aim a real `check_run` example at our check run `checkRunId` on the PR's head. */
function ourCheckRun(p: Example, pr: PullRef, checkRunId: number): Example {
  retarget(p);
  p.check_run.id = checkRunId;
  p.check_run.name = "Capability Review";
  p.check_run.head_sha = pr.headSha;
  p.check_run.check_suite.head_sha = pr.headSha;
  const repo = { id: p.repository.id, url: `https://api.github.com/repos/${OWNER}/${REPO}`, name: REPO };
  p.check_run.pull_requests = [
    { url: `https://api.github.com/repos/${OWNER}/${REPO}/pulls/${pr.number}`, id: pr.number, number: pr.number, head: { ref: pr.headRef ?? `topic-${pr.number}`, sha: pr.headSha, repo }, base: { ref: pr.baseRef ?? "main", sha: pr.baseSha, repo } },
  ];
  return p;
}

/** `check_run.rerequested` for our check on the PR's head. */
export function checkRunRerequested(pr: PullRef, checkRunId = 1): Example {
  return ourCheckRun(example("check_run", "rerequested"), pr, checkRunId);
}

/** `check_suite.rerequested` for the suite on the PR's head ("Re-run all checks"). */
export function checkSuiteRerequested(pr: PullRef): Example {
  const p = example("check_suite", "rerequested");
  retarget(p);
  p.check_suite.head_sha = pr.headSha;
  const repo = { id: p.repository.id, url: `https://api.github.com/repos/${OWNER}/${REPO}`, name: REPO };
  p.check_suite.pull_requests = [
    { url: `https://api.github.com/repos/${OWNER}/${REPO}/pulls/${pr.number}`, id: pr.number, number: pr.number, head: { ref: pr.headRef ?? `topic-${pr.number}`, sha: pr.headSha, repo }, base: { ref: pr.baseRef ?? "main", sha: pr.baseSha, repo } },
  ];
  return p;
}

export interface CommentRef {
  id: number;
  body: string;
  login: string;
  /** A bot's comment (`type: "Bot"`); `app` marks it as written through this app (its own comment). */
  bot?: boolean;
  app?: boolean;
}

function person(p: Example, login: string, bot = false): Example {
  return { ...p, login, id: userIdOf(login), node_id: `U_${userIdOf(login)}`, type: bot ? "Bot" : "User", url: `https://api.github.com/users/${login}`, html_url: `https://github.com/${login}` };
}

/**
 * `issue_comment.created` / `edited` / `deleted` from the real examples: `comment` on pull request `number`
 * (or on a plain issue with `onPull: false`), written and sent by `comment.login`.
 */
export function issueCommentEvent(action: "created" | "edited" | "deleted", number: number, comment: CommentRef, opts: { onPull?: boolean; prAuthor?: string } = {}): Example {
  const p = retarget(example("issue_comment", action));
  const issue = p.issue;
  issue.number = number;
  issue.url = `https://api.github.com/repos/${OWNER}/${REPO}/issues/${number}`;
  issue.html_url = `https://github.com/${OWNER}/${REPO}/pull/${number}`;
  issue.user = person(issue.user, opts.prAuthor ?? "octocat");
  if (opts.onPull ?? true) {
    issue.pull_request = {
      url: `https://api.github.com/repos/${OWNER}/${REPO}/pulls/${number}`,
      html_url: `https://github.com/${OWNER}/${REPO}/pull/${number}`,
      diff_url: `https://github.com/${OWNER}/${REPO}/pull/${number}.diff`,
      patch_url: `https://github.com/${OWNER}/${REPO}/pull/${number}.patch`,
      merged_at: null,
    };
  } else delete issue.pull_request;
  const c = p.comment;
  c.id = comment.id;
  c.node_id = `IC_${comment.id}`;
  c.body = comment.body;
  c.url = `https://api.github.com/repos/${OWNER}/${REPO}/issues/comments/${comment.id}`;
  c.issue_url = issue.url;
  c.html_url = `${issue.html_url}#issuecomment-${comment.id}`;
  c.user = person(c.user, comment.login, comment.bot || comment.app);
  c.performed_via_github_app = comment.app ? { id: APP_ID, slug: "capability-review", name: "Capability Review" } : null;
  p.sender = person(p.sender, comment.login, comment.bot || comment.app);
  if (action === "edited") p.changes = { body: { from: "an earlier text" } };
  return p;
}

/** `check_run.requested_action` from the real example: `login` pressed the button `identifier` on our check run. */
export function checkRunRequestedAction(pr: PullRef, checkRunId: number, login: string, identifier = "approve"): Example {
  const p = ourCheckRun(example("check_run", "requested_action"), pr, checkRunId);
  p.requested_action.identifier = identifier;
  p.sender = person(p.sender, login);
  return p;
}
