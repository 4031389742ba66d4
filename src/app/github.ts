// The thin layer that talks to GitHub: each method is one kind of request, so the cost of an event
// is visible here. Nothing in it analyses anything.
import type { Octokit as RestOctokit } from "@octokit/rest";
import type { Permission, PrComment } from "../core/approvals.js";
import { outbound } from "../core/render/outbound.js";
import { unqueued, type WriteQueue } from "./write-queue.js";
import {
  blobAt,
  BLOBS_PER_QUERY,
  commitLogins,
  HISTORY_PAGE,
  historyQuery,
  incompleteAnswer,
  incompletePage,
  MAX_HISTORY_PAGES,
  POLICY_PATH,
  snapshotQuery,
  type BlobNode,
  type BlobRequest,
  type CommentNode,
  type PullRequestNode,
  type SnapshotAnswer,
  treeAt,
  type TreeEntryNode,
} from "./snapshot.js";

/**
 * What this class uses of an Octokit: Probot's (the app) and @octokit/rest's (the GitHub Action)
 * both satisfy it.
 */
export type OctokitLike = Pick<RestOctokit, "rest" | "paginate" | "graphql">;

export interface ChangedFile {
  path: string;
  status: string;
  previousPath?: string;
  /** Unified diff of the file; absent for binary or very large files. */
  patch?: string;
}

export interface Repo {
  owner: string;
  repo: string;
}

/**
 * A repository's web address from the REST API's: `https://api.github.com` → `https://github.com`,
 * `https://api.<tenant>.ghe.com` → `https://<tenant>.ghe.com`, GHES `https://<host>/api/v3` →
 * `https://<host>`. Undefined for an address that is not http(s).
 */
export function repoWebUrl(apiUrl: string, r: Repo): string | undefined {
  let u: URL;
  try {
    u = new URL(apiUrl);
  } catch {
    return undefined;
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") return undefined;
  let path = u.pathname;
  while (path.endsWith("/")) path = path.slice(0, -1);
  const host = path === "" && u.hostname.startsWith("api.") ? u.host.slice(4) : u.host;
  const prefix = path.replace(/\/api\/v3$/, "");
  return `${u.protocol}//${host}${prefix}/${encodeURIComponent(r.owner)}/${encodeURIComponent(r.repo)}`;
}

export interface CheckOutput {
  title: string;
  summary: string;
  /** Shown below the summary on the check's page. */
  text?: string;
  annotations?: object[];
}

export interface Snapshot {
  blobs: Map<string, BlobNode | null>;
  /** Folders asked for with `tree: true`: their entries, or null when there is no such folder. */
  trees: Map<string, TreeEntryNode[] | null>;
  /** The base policy file: the repository's, else the organization's `.github` repository's. */
  policy: { source: string; from: "repository" | "organization"; blob: BlobNode } | null;
  /** Why the organization's policy could not be read (anything but "that repository does not exist"). */
  orgPolicyError?: string;
  comments: PrComment[];
  reviewBodies: string[];
  pullAuthor?: string;
  /** The pull request's head commit when the snapshot was read. */
  pullHead?: string;
  commitAuthors: string[];
}

/** Pages of 100 open pull requests read to find the ones at a commit (a fork's re-run). */
export const MAX_OPEN_PULL_PAGES = 10;
/** Pages of 100 commits read to lay out a merge group (see compareCommits). */
export const MAX_COMPARE_PAGES = 10;

/** GitHub caps the files of a pull request's listing at 3000; more cannot be reviewed. */
export const MAX_PR_FILES = 3000;

function prComment(c: CommentNode): PrComment {
  // A deleted user ("ghost") has no author: such a comment can neither approve nor be an acknowledgement's command.
  const out: PrComment = { id: c.databaseId, body: c.body, authorLogin: c.author?.login ?? "ghost", authorId: c.author?.databaseId ?? 0, viewerDidAuthor: c.viewerDidAuthor, createdAt: c.createdAt };
  // The app's comment edited last by another account (or by one GitHub no longer names) is not the app's text.
  if (c.viewerDidAuthor && c.lastEditedAt && (!c.editor || !c.author || c.editor.login !== c.author.login)) out.editedByOther = true;
  return out;
}

export class GitHubApi {
  /** `appId` tells the app's own comments apart in REST listings (GraphQL answers `viewerDidAuthor`). */
  constructor(
    private readonly octokit: OctokitLike,
    private readonly appId?: number,
    /** Every write goes through the installation's queue (see write-queue.ts). */
    private readonly writes: WriteQueue = unqueued,
  ) {}

  /** The repository's web address on the host this client talks to (see repoWebUrl). */
  webUrl(r: Repo): string | undefined {
    const api = (this.octokit.rest.repos.get as { endpoint?: { DEFAULTS?: { baseUrl?: string } } }).endpoint?.DEFAULTS?.baseUrl;
    return api ? repoWebUrl(api, r) : undefined;
  }

  /** Changed files of a pull request (paginated: one read per 100 files). */
  async listPullFiles(r: Repo, pullNumber: number): Promise<ChangedFile[]> {
    const files = await this.octokit.paginate(this.octokit.rest.pulls.listFiles, { ...r, pull_number: pullNumber, per_page: 100 });
    return files.map((f) => ({ path: f.filename, status: f.status, ...(f.previous_filename ? { previousPath: f.previous_filename } : {}), ...(f.patch !== undefined ? { patch: f.patch } : {}) }));
  }

  /** Merge base and changed files between two commits (merge queues, re-runs); one read. */
  async compare(r: Repo, base: string, head: string): Promise<{ mergeBase: string; files: ChangedFile[]; truncated: boolean }> {
    const { data } = await this.octokit.rest.repos.compareCommitsWithBasehead({ ...r, basehead: `${base}...${head}`, per_page: 100 });
    const files = (data.files ?? []).map((f) => ({ path: f.filename, status: f.status, ...(f.previous_filename ? { previousPath: f.previous_filename } : {}), ...(f.patch !== undefined ? { patch: f.patch } : {}) }));
    // The compare API lists at most 300 files; beyond that the review would be incomplete.
    return { mergeBase: data.merge_base_commit.sha, files, truncated: files.length >= 300 };
  }

  /**
   * The commits of `head` that `base` lacks (oldest first) and their merge base, for a merge group:
   * pages of 100, at most MAX_COMPARE_PAGES; `complete` is false when more exist than were read.
   */
  async compareCommits(r: Repo, base: string, head: string): Promise<{ mergeBase: string; shas: string[]; complete: boolean }> {
    const shas: string[] = [];
    let mergeBase = "";
    let total = 0;
    for (let page = 1; page <= MAX_COMPARE_PAGES; page++) {
      const { data } = await this.octokit.rest.repos.compareCommitsWithBasehead({ ...r, basehead: `${base}...${head}`, per_page: 100, page });
      mergeBase = data.merge_base_commit.sha;
      total = data.total_commits;
      const listed = data.commits ?? [];
      shas.push(...listed.map((c) => c.sha));
      if (shas.length >= total || listed.length === 0) break;
    }
    return { mergeBase, shas, complete: shas.length >= total };
  }

  /**
   * The merge queue's entries on `branch`, from GitHub's read-only queue branches
   * (`gh-readonly-queue/<branch>/pr-<number>-<sha>`, which no one can push to): the pull request of
   * each and the commit the queue built for it.
   */
  async queueEntries(r: Repo, branch: string): Promise<{ pull: number; sha: string }[]> {
    const refs = await this.octokit.paginate(this.octokit.rest.git.listMatchingRefs, { ...r, ref: `heads/gh-readonly-queue/${branch}/`, per_page: 100 });
    return refs.flatMap((ref) => {
      const pull = queuedPull(ref.ref, `refs/heads/${branch}`);
      return pull !== undefined && typeof ref.object?.sha === "string" ? [{ pull, sha: ref.object.sha }] : [];
    });
  }

  /**
   * Every requested blob, the policy and the app's comments, in one GraphQL query per chunk. The
   * policy is `.github/capability-review.yml` at the base, else the organization's; a `policyPath`
   * other than that is read at the base only.
   */
  async snapshot(r: Repo, blobs: BlobRequest[], opts: { baseSha: string; pullNumber?: number; policyPath?: string }): Promise<Snapshot> {
    const policyPath = opts.policyPath ?? POLICY_PATH;
    const out: Snapshot = { blobs: new Map(), trees: new Map(), policy: null, comments: [], reviewBodies: [], commitAuthors: [] };
    // Blobs and folders are chunked apart: a folder's entries are small, a blob may not be.
    const [files, folders] = [blobs.filter((b) => !b.tree), blobs.filter((b) => b.tree)];
    const chunks: BlobRequest[][] = [];
    for (let i = 0; i < Math.max(files.length, folders.length); i += BLOBS_PER_QUERY) chunks.push([...files.slice(i, i + BLOBS_PER_QUERY), ...folders.slice(i, i + BLOBS_PER_QUERY)]);
    if (chunks.length === 0) chunks.push([]);
    for (const [n, chunk] of chunks.entries()) {
      const first = n === 0;
      const q = snapshotQuery({
        ...r,
        blobs: chunk,
        ...(first ? { policyExpression: `${opts.baseSha}:${policyPath}`, orgPolicy: policyPath === POLICY_PATH } : {}),
        ...(first && opts.pullNumber !== undefined ? { pullNumber: opts.pullNumber } : {}),
      });
      const answer = await this.graphql(q.query, q.variables);
      const trees = new Set(chunk.flatMap((b, i) => (b.tree ? [i] : [])));
      const incomplete = incompleteAnswer(answer, { blobs: chunk.length, policy: first, orgPolicy: first && policyPath === POLICY_PATH, pullRequest: first && opts.pullNumber !== undefined, trees });
      if (incomplete) throw new Error(`GitHub's GraphQL answer was incomplete or malformed (${incomplete}); the change cannot be reviewed from it`);
      chunk.forEach((b, i) => (b.tree ? out.trees.set(b.id, treeAt(answer, i)) : out.blobs.set(b.id, blobAt(answer, i))));
      if (!first) continue;
      const repoPolicy = answer.repository?.policy;
      const orgPolicy = answer.org?.policy;
      if (repoPolicy) out.policy = { source: `${r.owner}/${r.repo}`, from: "repository", blob: repoPolicy };
      else if (orgPolicy) out.policy = { source: `${r.owner}/.github`, from: "organization", blob: orgPolicy };
      if (answer.orgError) out.orgPolicyError = answer.orgError;
      const pr = answer.repository?.pullRequest;
      if (pr && opts.pullNumber !== undefined) await this.readPullRequest(r, opts.pullNumber, pr, out);
    }
    return out;
  }

  /**
   * Everything of the pull request that decides an approval: every comment and every commit's
   * authors, in pages of 100 after the first (one more read per page, none under 100 of each).
   * More than GitHub lists, or than MAX_HISTORY_PAGES, fails: a hidden revoke or commit author
   * must not let an approval count.
   */
  private async readPullRequest(r: Repo, pullNumber: number, pr: PullRequestNode, out: Snapshot): Promise<void> {
    for (const review of pr.reviews.nodes) if (review.viewerDidAuthor) out.reviewBodies.push(...review.comments.nodes.map((c) => c.body));
    if (pr.author) out.pullAuthor = pr.author.login;
    if (typeof pr.headRefOid === "string") out.pullHead = pr.headRefOid;
    const comments = [...pr.comments.nodes];
    const commits = [...pr.commits.nodes];
    let [cm, ci] = [pr.comments.pageInfo, pr.commits.pageInfo];
    for (let page = 1; cm.hasNextPage || ci.hasNextPage; page++) {
      if (page >= MAX_HISTORY_PAGES) throw new Error(`the pull request has more than ${MAX_HISTORY_PAGES * HISTORY_PAGE} comments or commits; they decide approvals, so the change cannot be judged`);
      const cursors = { ...(cm.hasNextPage && cm.endCursor ? { comments: cm.endCursor } : {}), ...(ci.hasNextPage && ci.endCursor ? { commits: ci.endCursor } : {}) };
      if (!cursors.comments && !cursors.commits) throw new Error("GitHub listed more comments or commits of the pull request without saying where they continue; the change cannot be judged");
      const q = historyQuery({ ...r, pullNumber, ...cursors });
      const answer = await this.octokit.graphql<SnapshotAnswer>(q.query, q.variables);
      const incomplete = incompletePage(answer, { comments: cursors.comments !== undefined, commits: cursors.commits !== undefined });
      if (incomplete) throw new Error(`GitHub's GraphQL answer was incomplete or malformed (${incomplete}); the change cannot be reviewed from it`);
      const next = answer.repository!.pullRequest!;
      if (cursors.comments) comments.push(...next.comments.nodes), (cm = next.comments.pageInfo);
      if (cursors.commits) commits.push(...next.commits.nodes), (ci = next.commits.pageInfo);
    }
    // GitHub lists at most 250 commits of a pull request: the authors of the others are unknown.
    if (commits.length < pr.commits.totalCount) throw new Error(`the pull request has ${pr.commits.totalCount} commits and only ${commits.length} could be read; commit authors may not approve, so the change cannot be judged`);
    const seen = new Set<number>();
    for (const c of comments) if (!seen.has(c.databaseId)) seen.add(c.databaseId), out.comments.push(prComment(c));
    out.commitAuthors = [...new Set(commits.flatMap(commitLogins))].sort();
  }

  /**
   * Every entry of a commit's tree with its git mode (one read per review, for links and case; the
   * base's too when links are involved). `truncated`: GitHub listed only part of a very large tree.
   */
  async tree(r: Repo, sha: string): Promise<{ entries: { path: string; mode: string; type: string; sha: string }[]; truncated: boolean }> {
    const { data } = await this.octokit.rest.git.getTree({ ...r, tree_sha: sha, recursive: "1" });
    // A tree taken for empty would hide every link: a malformed answer fails the review.
    if (!Array.isArray(data?.tree)) throw new Error(`GitHub's answer for the tree of ${sha} has no list of entries`);
    const entries = data.tree.flatMap((e) => (typeof e.path === "string" && typeof e.mode === "string" ? [{ path: e.path, mode: e.mode, type: e.type ?? "", sha: e.sha ?? "" }] : []));
    return { entries, truncated: data.truncated === true };
  }

  /** A blob GraphQL truncated (large files), as bytes; one read, only for such files. */
  async blobBytes(r: Repo, oid: string): Promise<Uint8Array> {
    const { data } = await this.octokit.rest.git.getBlob({ ...r, file_sha: oid });
    return Buffer.from(data.content, data.encoding === "base64" ? "base64" : "utf8");
  }

  /**
   * GraphQL with partial answers kept when only the org `.github` repository failed: GitHub answers
   * `org: null` plus a NOT_FOUND error when it does not exist. Any other error there is kept as
   * `orgError`, so that a policy that exists but could not be read is never taken for no policy.
   */
  private async graphql(query: string, variables: Record<string, string | number>): Promise<SnapshotAnswer & { orgError?: string }> {
    try {
      return await this.octokit.graphql<SnapshotAnswer>(query, variables);
    } catch (e) {
      const err = e as { data?: SnapshotAnswer; errors?: { path?: (string | number)[]; type?: string; message?: string }[] };
      const errors = err.errors ?? [];
      const onlyOrg = err.data?.repository && errors.length > 0 && errors.every((x) => x.path?.[0] === "org");
      if (!onlyOrg) throw e;
      const missing = errors.every((x) => x.type === "NOT_FOUND" && x.path?.length === 1 && err.data?.org === null);
      if (missing) return { ...err.data, org: null };
      const why = errors.map((x) => `${x.type ?? "error"}: ${x.message ?? "no message"}`).join("; ");
      return { ...err.data, org: null, orgError: why };
    }
  }

  async createCheck(
    r: Repo,
    headSha: string,
    name: string,
    conclusion: string,
    output: CheckOutput,
    detailsUrl?: string,
    actions: { label: string; description: string; identifier: string }[] = [],
  ): Promise<number> {
    const { data } = await this.writes.run("check", () => this.octokit.rest.checks.create({
      ...r,
      name,
      head_sha: headSha,
      status: "completed",
      conclusion: conclusion as "success",
      completed_at: new Date().toISOString(),
      output: output as { title: string; summary: string },
      ...(detailsUrl ? { details_url: detailsUrl } : {}),
      ...(actions.length ? { actions } : {}),
    }));
    return data.id;
  }

  /** Further pages of annotations: GitHub takes 50 per request and appends them. */
  async addAnnotations(r: Repo, checkRunId: number, output: CheckOutput): Promise<void> {
    await this.writes.run("check", () => this.octokit.rest.checks.update({ ...r, check_run_id: checkRunId, output: output as { title: string; summary: string } }));
  }

  // Comment bodies pass `outbound` here too: command replies and acknowledgements are written
  // without a report renderer, and a report's second pass finds nothing left.
  async createComment(r: Repo, issueNumber: number, body: string): Promise<number> {
    const { data } = await this.writes.run("notify", () => this.octokit.rest.issues.createComment({ ...r, issue_number: issueNumber, body: outbound(body) }));
    return data.id;
  }

  async updateComment(r: Repo, commentId: number, body: string): Promise<void> {
    await this.writes.run("edit", () => this.octokit.rest.issues.updateComment({ ...r, comment_id: commentId, body: outbound(body) }));
  }

  /** Deleting what another replica already deleted is success. */
  async deleteComment(r: Repo, commentId: number): Promise<void> {
    try {
      await this.writes.run("edit", () => this.octokit.rest.issues.deleteComment({ ...r, comment_id: commentId }));
    } catch (e) {
      if ((e as { status?: number }).status !== 404) throw e;
    }
  }

  /**
   * Comments updated at or after `since` (at most 100), with whether the app wrote them (to find a
   * duplicate sticky comment). GitHub lists them oldest first, so without `since` a pull request
   * with over 100 comments would show its oldest ones and hide the newest.
   */
  async recentComments(r: Repo, issueNumber: number, since: Date): Promise<{ id: number; body: string; mine: boolean }[]> {
    const { data } = await this.octokit.rest.issues.listComments({ ...r, issue_number: issueNumber, since: since.toISOString(), per_page: 100 });
    return data.map((c) => ({
      id: c.id,
      body: c.body ?? "",
      mine: this.appId !== undefined ? c.performed_via_github_app?.id === this.appId : c.user?.type === "Bot",
    }));
  }

  async getPull(r: Repo, pullNumber: number): Promise<{ number: number; headSha: string; baseSha: string; author: string; open: boolean }> {
    const { data } = await this.octokit.rest.pulls.get({ ...r, pull_number: pullNumber });
    return { number: data.number, headSha: data.head.sha, baseSha: data.base.sha, author: data.user?.login ?? "", open: data.state === "open" };
  }

  /**
   * Open pull requests whose head is `sha`, newest first: a fork's commit is listed on no check
   * suite, so a re-run finds its pull request here. At most MAX_OPEN_PULL_PAGES pages are read;
   * `complete` is false when more open pull requests were left unread.
   */
  async openPullsAt(r: Repo, sha: string): Promise<{ pulls: { number: number; headSha: string; baseSha: string }[]; complete: boolean }> {
    const pulls: { number: number; headSha: string; baseSha: string }[] = [];
    let pages = 0;
    for await (const res of this.octokit.paginate.iterator(this.octokit.rest.pulls.list, { ...r, state: "open", per_page: 100 })) {
      for (const p of res.data) if (p.head.sha === sha) pulls.push({ number: p.number, headSha: p.head.sha, baseSha: p.base.sha });
      if (++pages >= MAX_OPEN_PULL_PAGES) return { pulls, complete: !/rel="next"/.test(String(res.headers.link ?? "")) };
    }
    return { pulls, complete: true };
  }

  /** Acknowledge a command comment (one write). */
  async react(r: Repo, commentId: number, content: "+1" | "-1" | "eyes" | "rocket"): Promise<void> {
    await this.writes.run("edit", () => this.octokit.rest.reactions.createForIssueComment({ ...r, comment_id: commentId, content }));
  }

  /** Is the user an active member of `org/team`? */
  async inTeam(orgTeam: string, username: string): Promise<boolean> {
    const [org, team_slug] = orgTeam.replace(/^@/, "").split("/");
    if (!org || !team_slug) return false;
    try {
      const { data } = await this.octokit.rest.teams.getMembershipForUserInOrg({ org, team_slug, username });
      return data.state === "active";
    } catch (e) {
      if ((e as { status?: number }).status === 404) return false;
      throw e;
    }
  }

  async createReview(r: Repo, pullNumber: number, commitId: string, body: string, comments: { path: string; line: number; side: "RIGHT"; body: string }[]): Promise<void> {
    await this.writes.run("notify", () => this.octokit.rest.pulls.createReview({ ...r, pull_number: pullNumber, commit_id: commitId, event: "COMMENT", body: outbound(body), comments }));
  }

  // Reads for approvals (src/app/commands.ts, review-run.ts): each one request, never per file.

  /** One comment as GitHub stores it now (the sticky comment's last edit time); undefined when gone. */
  async issueComment(r: Repo, commentId: number): Promise<{ body: string; createdAt: string; updatedAt: string } | undefined> {
    try {
      const { data } = await this.octokit.rest.issues.getComment({ ...r, comment_id: commentId });
      return { body: data.body ?? "", createdAt: data.created_at, updatedAt: data.updated_at };
    } catch (e) {
      if ((e as { status?: number }).status === 404) return undefined;
      throw e;
    }
  }

  /** One check run: the commit it reviewed and the summary it was written with; undefined when gone. */
  async checkRun(r: Repo, checkRunId: number): Promise<{ name: string; headSha: string; summary: string; appId?: number } | undefined> {
    try {
      const { data } = await this.octokit.rest.checks.get({ ...r, check_run_id: checkRunId });
      return { name: data.name, headSha: data.head_sha, summary: data.output?.summary ?? "", ...(data.app?.id !== undefined ? { appId: data.app.id } : {}) };
    } catch (e) {
      if ((e as { status?: number }).status === 404) return undefined;
      throw e;
    }
  }

  /** `permission` plus the id of the account that holds `username` now (a login can change hands). */
  async collaborator(r: Repo, username: string): Promise<{ permission: Permission; userId?: number }> {
    try {
      const { data } = await this.octokit.rest.repos.getCollaboratorPermissionLevel({ ...r, username });
      // `role_name` distinguishes maintain/triage; `permission` folds them into write/read.
      const role = (data as { role_name?: string }).role_name ?? data.permission;
      const permission = (["admin", "maintain", "write", "triage", "read"].includes(role) ? role : "none") as Permission;
      return { permission, ...(typeof data.user?.id === "number" ? { userId: data.user.id } : {}) };
    } catch (e) {
      if ((e as { status?: number }).status === 404) return { permission: "none" };
      throw e;
    }
  }
}

/**
 * The pull request a merge group was built for, from GitHub's queue branch
 * `refs/heads/gh-readonly-queue/<base>/pr-<number>-<sha>` on `refs/heads/<base>`; anything else
 * names none (and no approvals count for the group).
 */
export function queuedPull(headRef: string, baseRef: string): number | undefined {
  const m = /^refs\/heads\/gh-readonly-queue\/(.+)\/pr-([1-9]\d{0,9})-(?:[0-9a-f]{40}|[0-9a-f]{64})$/.exec(headRef);
  return m && `refs/heads/${m[1]}` === baseRef ? Number(m[2]) : undefined;
}

