// The GitHub Action's configuration, from the environment a runner sets: `INPUT_*` for the inputs
// of action.yml, `GITHUB_*` for the run (event payload file, repository, API URLs, output files).
// Only reads; anything missing or invalid is an ActionError with a message meant for the user.
import { readFileSync } from "node:fs";
import type { Severity } from "../core/model.js";
import { SEVERITIES } from "../core/model.js";
import type { ReviewTarget } from "../app/evaluate.js";
import { POLICY_PATH } from "../app/snapshot.js";

export class ActionError extends Error {}

export type CommentMode = "always" | "on-failure" | "never";
export const COMMENT_MODES: readonly CommentMode[] = ["always", "on-failure", "never"];

export interface ActionConfig {
  token: string;
  apiUrl: string;
  graphqlUrl: string;
  eventName: string;
  target: ReviewTarget;
  /** The pull request comes from another repository (its token is usually read-only). */
  fromFork: boolean;
  /**
   * A merge group's base branch: GitHub merges the entries ahead with the group, so the group is
   * reviewed from its merge base with this branch, not from `base_sha` (the entry ahead).
   */
  groupBranch?: string;
  policyPath: string;
  failOn?: Severity;
  comment: CommentMode;
  /** Where to write SARIF, resolved against the workspace. */
  sarif?: string;
  workspace: string;
  summaryFile?: string;
  outputFile?: string;
}

type Env = Record<string, string | undefined>;

/** An input as the runner passes it: `INPUT_` + the name upper-cased, spaces as `_` (hyphens stay). */
export function input(env: Env, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] ?? "").trim();
}

/** A repository-relative path: `./` and leading `/` dropped; `..` and empty segments refused. */
export function repoPath(raw: string, what: string): string {
  const p = raw.replace(/\\/g, "/").replace(/^(\.\/)+/, "").replace(/^\/+/, "");
  if (!p || p.split("/").some((s) => s === "" || s === "." || s === "..")) throw new ActionError(`the ${what} input must be a path inside the repository, got "${raw}"`);
  return p;
}

interface PullPayload {
  number: number;
  head: { sha: string; repo?: { full_name?: string } | null };
  base: { sha: string; repo?: { full_name?: string } | null };
}

function readEvent(env: Env): Record<string, any> {
  const path = env.GITHUB_EVENT_PATH;
  if (!path) throw new ActionError("GITHUB_EVENT_PATH is not set: run this action in a GitHub Actions workflow");
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new ActionError(`cannot read the event payload ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object") return parsed as Record<string, any>;
  } catch {
    // reported below
  }
  throw new ActionError(`the event payload ${path} is not a JSON object`);
}

const isSha = (s: unknown): s is string => typeof s === "string" && /^[0-9a-f]{40}([0-9a-f]{24})?$/i.test(s);

function targetOf(env: Env, eventName: string, event: Record<string, any>): { target: ReviewTarget; fromFork: boolean; groupBranch?: string } {
  const full = env.GITHUB_REPOSITORY || event.repository?.full_name;
  const [owner, repo, ...rest] = typeof full === "string" ? full.split("/") : [];
  if (!owner || !repo || rest.length) throw new ActionError(`GITHUB_REPOSITORY must be owner/name, got "${full ?? ""}"`);
  if (eventName === "pull_request" || eventName === "pull_request_target") {
    const pr = event.pull_request as PullPayload | undefined;
    if (!pr || !Number.isInteger(pr.number) || !isSha(pr.head?.sha) || !isSha(pr.base?.sha)) throw new ActionError(`the ${eventName} payload has no pull request with base and head commits`);
    const headRepo = pr.head.repo?.full_name;
    const fromFork = headRepo === undefined || headRepo.toLowerCase() !== (pr.base.repo?.full_name ?? full).toLowerCase();
    return { target: { repo: { owner, repo }, baseSha: pr.base.sha, headSha: pr.head.sha, pullNumber: pr.number }, fromFork };
  }
  if (eventName === "merge_group") {
    const g = event.merge_group as { base_sha?: unknown; head_sha?: unknown; base_ref?: unknown } | undefined;
    if (!isSha(g?.base_sha) || !isSha(g?.head_sha)) throw new ActionError("the merge_group payload has no base and head commits");
    if (typeof g.base_ref !== "string" || !/^refs\/heads\/./.test(g.base_ref)) throw new ActionError("the merge_group payload names no base branch (base_ref)");
    return { target: { repo: { owner, repo }, baseSha: g.base_sha, headSha: g.head_sha }, fromFork: false, groupBranch: g.base_ref.slice("refs/heads/".length) };
  }
  throw new ActionError(`capability-review reviews pull requests: run it on \`pull_request\` (or \`merge_group\`), not on \`${eventName}\``);
}

export function readConfig(env: Env): ActionConfig {
  const token = input(env, "token");
  if (!token) throw new ActionError("no token: the `token` input is empty (its default is `${{ github.token }}`)");
  const event = readEvent(env);
  const eventName = env.GITHUB_EVENT_NAME || (event.pull_request ? "pull_request" : event.merge_group ? "merge_group" : "unknown");
  const { target, fromFork, groupBranch } = targetOf(env, eventName, event);

  const failOnRaw = input(env, "fail-on").toLowerCase();
  if (failOnRaw && !SEVERITIES.includes(failOnRaw as Severity)) throw new ActionError(`the fail-on input must be one of ${SEVERITIES.join(", ")}, got "${failOnRaw}"`);
  const comment = (input(env, "comment").toLowerCase() || "on-failure") as CommentMode;
  if (!COMMENT_MODES.includes(comment)) throw new ActionError(`the comment input must be one of ${COMMENT_MODES.join(", ")}, got "${comment}"`);
  const sarif = input(env, "sarif");

  const apiUrl = (env.GITHUB_API_URL || "https://api.github.com").replace(/\/+$/, "");
  const graphqlUrl = env.GITHUB_GRAPHQL_URL || (/\/api\/v3$/.test(apiUrl) ? apiUrl.replace(/\/api\/v3$/, "/api/graphql") : `${apiUrl}/graphql`);
  return {
    token,
    apiUrl,
    graphqlUrl,
    eventName,
    target,
    fromFork,
    ...(groupBranch ? { groupBranch } : {}),
    policyPath: repoPath(input(env, "policy") || POLICY_PATH, "policy"),
    ...(failOnRaw ? { failOn: failOnRaw as Severity } : {}),
    comment,
    ...(sarif ? { sarif } : {}),
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    ...(env.GITHUB_STEP_SUMMARY ? { summaryFile: env.GITHUB_STEP_SUMMARY } : {}),
    ...(env.GITHUB_OUTPUT ? { outputFile: env.GITHUB_OUTPUT } : {}),
  };
}
