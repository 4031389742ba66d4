// The GitHub Action: the app's review of one pull request, run from a workflow job with the job's
// token. It reads base and head through the API only (never checks out or runs the PR's code),
// and reports in the job summary, as annotations, in the outputs and the job's exit code, plus a
// check run and the sticky comment where the token may write. Everything fails closed.
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { Octokit } from "@octokit/rest";
import { reviewSarif } from "../core/render/sarif.js";
import { blobLineUrl } from "../core/render/markdown.js";
import { evaluate, ReviewError, type Evaluation } from "../app/evaluate.js";
import { GitHubApi, type OctokitLike } from "../app/github.js";
import { postCheck, upsertSticky, worthComment, type StickyResult } from "../app/publish.js";
import { CHECK_NAME, checkRunOutput, errorOutput, redactSecrets, stickyComment, type CheckOutput } from "../app/report.js";
import { approvable, describeError } from "../app/review-run.js";
import { ActionError, readConfig, type ActionConfig } from "./inputs.js";
import { annotationCommand, annotationsOverLimit, appendSummary, workflowCommand, writeFileCreatingDirs, writeOutputs } from "./workflow.js";

export interface ActionIO {
  /** One line of the step's log (workflow commands included). */
  out(line: string): void;
}

const processIO: ActionIO = { out: (line) => void process.stdout.write(line + "\n") };

/** The package's version (package.json sits two levels above src/action, dist/action and action/dist). */
export function version(): string {
  try {
    return (createRequire(import.meta.url)("../../package.json") as { version: string }).version;
  } catch {
    return "0.0.0";
  }
}

const ACTION_RETRY =
  "**To try again:** re-run the workflow job. If it keeps failing, fix the cause above (for example an invalid policy file on the base branch, or a token without `contents: read` and `pull-requests: read`).";

const ACTION_NEXT =
  "**Next:** review each finding above. This review runs as a GitHub Action, which takes no approvals: if the change is intended, trusted packages, hosts and marketplaces can be allowed in the policy on the base branch, or a maintainer can merge past the failing job. Slash-command approvals (`/capability-review approve`) need the capability-review GitHub App. Otherwise push a fix and the review runs again.";

/** What a write came to: done, refused for lack of permission (403), or failed. */
type Attempt<T> = { ok: true; value: T } | { ok: false; denied: boolean; error: string };

async function attempt<T>(write: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await write() };
  } catch (e) {
    return { ok: false, denied: (e as { status?: number }).status === 403, error: redactSecrets(describeError(e)) };
  }
}

function octokitFor(cfg: ActionConfig): OctokitLike {
  const quiet = () => undefined;
  const octokit = new Octokit({
    auth: cfg.token,
    baseUrl: cfg.apiUrl,
    userAgent: `capability-review-action/${version()}`,
    log: { debug: quiet, info: quiet, warn: quiet, error: quiet },
  });
  return { rest: octokit.rest, paginate: octokit.paginate, graphql: octokit.graphql.defaults({ url: cfg.graphqlUrl }) };
}

/** Run the action; resolves with the process exit code (1 when the review fails or could not run). */
export async function main(env: Record<string, string | undefined> = process.env, io: ActionIO = processIO): Promise<number> {
  let cfg: ActionConfig;
  try {
    cfg = readConfig(env);
  } catch (e) {
    const reason = e instanceof ActionError ? e.message : describeError(e);
    return reportError(io, { summaryFile: env.GITHUB_STEP_SUMMARY, outputFile: env.GITHUB_OUTPUT }, reason, []);
  }
  const api = new GitHubApi(octokitFor(cfg));
  let ev: Evaluation;
  try {
    // A merge group: everything it would merge into its base branch, the entries ahead included.
    if (cfg.groupBranch) cfg = { ...cfg, target: { ...cfg.target, baseSha: (await api.compare(cfg.target.repo, cfg.groupBranch, cfg.target.headSha)).mergeBase } };
    ev = await evaluate(api, cfg.target, { policyPath: cfg.policyPath, ...(cfg.failOn ? { failOn: cfg.failOn } : {}) });
  } catch (e) {
    const reason = e instanceof ReviewError ? e.message : describeError(e);
    const check = await attempt(() => postCheck(api, cfg.target.repo, cfg.target.headSha, errorOutput(reason, ACTION_RETRY)));
    return reportError(io, cfg, reason, [checkNote(check, cfg)]);
  }
  return report(io, api, cfg, ev);
}

async function report(io: ActionIO, api: GitHubApi, cfg: ActionConfig, ev: Evaluation): Promise<number> {
  const { verdict } = ev;
  const web = api.webUrl(cfg.target.repo);
  const links = web ? { lineUrl: blobLineUrl(web, cfg.target.headSha) } : {};
  const actionNext = approvable(verdict) ? { next: ACTION_NEXT } : {};
  const out: CheckOutput = checkRunOutput(verdict, { ...links, ...actionNext });
  const hardErrors: string[] = [];

  for (const a of out.annotations) io.out(annotationCommand(a));
  const check = await attempt(() => postCheck(api, cfg.target.repo, cfg.target.headSha, out));
  if (!check.ok && !check.denied) hardErrors.push(`the check run could not be written: ${check.error}`);

  let comment: Attempt<StickyResult> | "off" | "no-pr" = "off";
  const pr = cfg.target.pullNumber;
  if (pr === undefined) comment = "no-pr";
  else if (cfg.comment !== "never") {
    const body = worthComment(verdict) ? stickyComment(verdict, { ...links, ...actionNext }) : null;
    const create = cfg.comment === "always" || verdict.conclusion === "failure";
    comment = await attempt(() => upsertSticky(api, cfg.target.repo, pr, ev.snapshot.comments, body, { create }));
    if (!comment.ok && !comment.denied) hardErrors.push(`the pull-request comment could not be written: ${comment.error}`);
  }

  let sarifNote: string | undefined;
  if (cfg.sarif) {
    const path = resolve(cfg.workspace, cfg.sarif);
    try {
      writeFileCreatingDirs(path, JSON.stringify(reviewSarif(verdict, { version: version() }), null, 2) + "\n");
      sarifNote = `SARIF: written to \`${cfg.sarif}\` (${verdict.findings.filter((f) => f.direction !== "reduction").length} results).`;
    } catch (e) {
      hardErrors.push(`the SARIF file ${cfg.sarif} could not be written: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }

  const over = annotationsOverLimit(out.annotations);
  const notes = [
    checkNote(check, cfg),
    commentNote(comment, cfg),
    ...(sarifNote ? [sarifNote] : []),
    `Annotations: ${out.annotations.length} on the changed lines${over.length ? ` (GitHub shows at most 10 of each level per step in the job view, so not all of the ${over.join(" and ")}; ${check.ok ? "the check run and " : ""}this summary list${check.ok ? "" : "s"} them)` : ""}.`,
    ...hardErrors.map((e) => `❌ **Failed closed:** ${e}.`),
  ];
  appendSummary(cfg.summaryFile, `${out.summary.trimEnd()}\n\n### How this run reported\n\n${notes.map((n) => `- ${n}`).join("\n")}\n`);
  writeOutputs(cfg.outputFile, { conclusion: verdict.conclusion, fingerprint: verdict.fingerprint });

  io.out(`${CHECK_NAME}: ${verdict.conclusion}: ${out.title} (fingerprint ${verdict.fingerprint})`);
  for (const e of hardErrors) io.out(workflowCommand("error", { title: CHECK_NAME }, e));
  if (comment !== "off" && comment !== "no-pr" && !comment.ok && comment.denied) io.out(workflowCommand("warning", { title: CHECK_NAME }, `Could not comment on the pull request: ${cfg.fromFork ? "a pull request from a fork gets a read-only token" : "the token may not write to it"}. The job summary has the report.`));
  return verdict.conclusion === "failure" || hardErrors.length ? 1 : 0;
}

function checkNote(check: Attempt<number>, cfg: ActionConfig): string {
  if (check.ok) return `Check run **${CHECK_NAME}**: written.`;
  if (check.denied) return `Check run **${CHECK_NAME}**: not written, the token may not write checks (${check.error}; grant \`checks: write\` to get one${cfg.fromFork ? "; a pull request from a fork gets a read-only token" : ""}). This job's own status is the result.`;
  return `Check run **${CHECK_NAME}**: not written (${check.error}).`;
}

function commentNote(c: Attempt<StickyResult> | "off" | "no-pr", cfg: ActionConfig): string {
  if (c === "no-pr") return "Pull-request comment: none (a merge group has no conversation).";
  if (c === "off") return "Pull-request comment: off (`comment: never`).";
  if (!c.ok) {
    if (!c.denied) return `Pull-request comment: **could not comment** on the pull request (${c.error}).`;
    const why = cfg.fromFork ? "this pull request comes from a fork, and such a run gets a read-only token" : "the token may not write to pull requests (grant `pull-requests: write`)";
    return `⚠️ **Could not comment on the pull request:** ${why} (${c.error}). The result is in this summary, the annotations and the job's status.`;
  }
  const what: Record<StickyResult, string> = {
    created: "posted.",
    updated: "updated in place.",
    unchanged: "already up to date.",
    none: cfg.comment === "on-failure" ? "not posted (`comment: on-failure`, and the review did not fail)." : "not needed (nothing to report).",
  };
  return `Pull-request comment: ${what[c.value]}`;
}

/** The review could not run: fail closed, saying why, in the log, the summary and the outputs. */
function reportError(io: ActionIO, files: { summaryFile?: string | undefined; outputFile?: string | undefined }, reason: string, notes: string[]): number {
  const out = errorOutput(reason, ACTION_RETRY);
  io.out(workflowCommand("error", { title: "Capability review failed" }, redactSecrets(reason)));
  try {
    appendSummary(files.summaryFile, out.summary.trimEnd() + (notes.length ? `\n\n### How this run reported\n\n${notes.map((n) => `- ${n}`).join("\n")}` : "") + "\n");
    writeOutputs(files.outputFile, { conclusion: "failure", fingerprint: "" });
  } catch (e) {
    io.out(workflowCommand("error", { title: "Capability review failed" }, `could not write the job summary or outputs: ${(e as Error).message}`));
  }
  return 1;
}
