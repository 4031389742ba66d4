// The Probot app: wires GitHub events to one review run. Everything else lives in ./app and ./core.
import type { ApplicationFunction, Context, Probot } from "probot";
import { GitHubApi, MAX_OPEN_PULL_PAGES } from "./app/github.js";
import { CHECK_NAME, errorOutput } from "./app/report.js";
import { withRequestTimeout } from "./app/octokit.js";
import { describeError, queuedPull, runReview, type ReviewTarget } from "./app/review-run.js";
import { reviewMergeGroup } from "./app/merge-group.js";
import { handleApproveButton, handleComment } from "./app/commands.js";
import { guardHandlers } from "./app/guard.js";
import { sharedStateFromEnv, type SharedState } from "./app/shared-state.js";
import { Semaphore } from "./app/concurrency.js";
import { InstallationWrites } from "./app/write-queue.js";
import { useAnalyser } from "./app/analysis.js";
import { workerPool } from "./app/analysis-pool.js";

type PullRequestLike = { number: number; head: { sha: string }; base: { sha: string } };

/** Writes spaced per installation, check runs first (see app/write-queue.ts); set by `app`. */
let writeQueues = InstallationWrites.fromEnv();

function api(context: Context): GitHubApi {
  const appId = Number(process.env.APP_ID);
  const installation = (context.payload as { installation?: { id?: number } }).installation?.id;
  // Every request gets a time limit (GITHUB_REQUEST_TIMEOUT_MS): a hung connection ends in a failed check, not a stuck review.
  return new GitHubApi(withRequestTimeout(context.octokit), Number.isFinite(appId) && appId > 0 ? appId : undefined, writeQueues.for(installation));
}

function repoOf(context: Context<"pull_request" | "merge_group" | "check_run" | "check_suite" | "issue_comment">) {
  const { owner, name } = context.payload.repository as { owner: { login: string }; name: string };
  return { owner: owner.login, repo: name };
}

async function reviewPulls(context: Context<"check_run" | "check_suite">, pulls: PullRequestLike[]): Promise<void> {
  const log = context.log.child({ delivery: context.id, webhook: context.name });
  if (pulls.length === 0) {
    // Fork pull requests are not listed on check suites: nothing to re-run against here.
    log.warn("re-run requested for a commit with no pull request in this repository");
    return;
  }
  for (const pr of pulls) {
    await runReview(api(context), { repo: repoOf(context), headSha: pr.head.sha, baseSha: pr.base.sha, pullNumber: pr.number }, log);
  }
}

/**
 * Open pull requests with `sha` at their head. When more are open than the app lists and none of
 * those matched, the commit gets a failing check saying so (a re-run never passes silently).
 */
async function pullsAt(context: Context<"check_run" | "check_suite">, sha: string): Promise<PullRequestLike[]> {
  const gh = api(context);
  const repo = repoOf(context);
  const log = context.log.child({ delivery: context.id, webhook: context.name });
  try {
    const found = await gh.openPullsAt(repo, sha);
    if (found.pulls.length || found.complete) return found.pulls.map((p) => ({ number: p.number, head: { sha: p.headSha }, base: { sha: p.baseSha } }));
    await failCheck(gh, repo, sha, `no pull request for this commit among the first ${MAX_OPEN_PULL_PAGES * 100} open ones, and more are open; re-run from the pull request (comment \`/capability-review\`) instead`);
  } catch (e) {
    log.error({ err: describeError(e), headSha: sha }, "could not find the pull requests of a re-run");
    await failCheck(gh, repo, sha, `the pull requests of this commit could not be listed: ${describeError(e)}`).catch((inner) => log.error({ err: describeError(inner) }, "could not report the failure on the check"));
  }
  return [];
}

async function failCheck(gh: GitHubApi, repo: { owner: string; repo: string }, sha: string, reason: string): Promise<void> {
  const out = errorOutput(reason);
  await gh.createCheck(repo, sha, CHECK_NAME, out.conclusion, { title: out.title, summary: out.summary });
}

/**
 * The app. `state`: what replicas share (Redis with REDIS_URL, see app/shared-state.ts); by
 * default one is made from the environment when the app starts.
 */
export function createApp(opts: { state?: SharedState } = {}): ApplicationFunction {
  return (probot: Probot) => setUp(probot, opts.state ?? sharedStateFromEnv());
}

function setUp(probot: Probot, state: SharedState): void {
  guardHandlers(probot, state, Semaphore.fromEnv());
  writeQueues = InstallationWrites.fromEnv(process.env, state);
  // Reviews are analysed in worker threads under a deadline (see app/analysis.ts).
  void useAnalyser(workerPool()).close();
  probot.on(["pull_request.opened", "pull_request.synchronize", "pull_request.reopened", "pull_request.ready_for_review"], async (context) => {
    const pr = context.payload.pull_request;
    const target: ReviewTarget = { repo: repoOf(context), headSha: pr.head.sha, baseSha: pr.base.sha, pullNumber: pr.number };
    await runReview(api(context), target, context.log.child({ delivery: context.id, webhook: `${context.name}.${context.payload.action}`, pr: pr.number }));
  });

  // A required check must report in merge queues too; there is no conversation to comment on, but
  // each entry's pull request's approvals count for the change that entry adds (see merge-group.ts).
  probot.on("merge_group.checks_requested", async (context) => {
    const group = context.payload.merge_group;
    const pull = queuedPull(group.head_ref, group.base_ref);
    const g = { repo: repoOf(context), headSha: group.head_sha, baseSha: group.base_sha, headRef: group.head_ref, baseRef: group.base_ref };
    await reviewMergeGroup(api(context), g, context.log.child({ delivery: context.id, webhook: "merge_group.checks_requested", pr: pull ?? null }));
  });

  probot.on("check_suite.rerequested", async (context) => {
    const suite = context.payload.check_suite;
    const listed = suite.pull_requests as PullRequestLike[];
    // A fork's commit is listed on no suite: find its pull requests by the head commit.
    await reviewPulls(context, listed.length ? listed : await pullsAt(context, suite.head_sha));
  });

  probot.on("check_run.rerequested", async (context) => {
    const run = context.payload.check_run;
    const listed = run.pull_requests as PullRequestLike[];
    // As for suites: a fork's commit lists no pull request on its check runs either.
    await reviewPulls(context, listed.length ? listed : await pullsAt(context, run.head_sha));
  });

  // Commands: only new comments (edits and deletions are ignored), only on pull requests, never from bots.
  probot.on("issue_comment.created", async (context) => {
    const { issue, comment, sender } = context.payload;
    if (!issue.pull_request || sender.type === "Bot" || comment.user?.type === "Bot" || comment.performed_via_github_app) return;
    const log = context.log.child({ delivery: context.id, webhook: "issue_comment.created", pr: issue.number });
    await handleComment(api(context), { repo: repoOf(context), pullNumber: issue.number, comment: { id: comment.id, body: comment.body, createdAt: comment.created_at }, actor: { login: sender.login, id: sender.id, type: sender.type }, log });
  });

  probot.on("check_run.requested_action", async (context) => {
    const { check_run, requested_action, sender } = context.payload;
    if (requested_action?.identifier !== "approve" || sender.type === "Bot") return;
    const log = context.log.child({ delivery: context.id, webhook: "check_run.requested_action" });
    for (const pr of check_run.pull_requests as PullRequestLike[]) {
      await handleApproveButton(api(context), { repo: repoOf(context), pullNumber: pr.number, checkRunId: check_run.id, actor: { login: sender.login, id: sender.id, type: sender.type }, log });
    }
  });
}

export const app: ApplicationFunction = createApp();
export default app;
