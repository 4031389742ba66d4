// REST routes of the fake GitHub API, with GitHub's validation where the app could get it wrong
// (annotation and body limits, review lines outside the diff, unknown commits).
import { userIdOf } from "./graphql.js";
import type { IncomingHttpHeaders } from "node:http";
import type { FakeCheckRun, FakeGitHub, RequestKind } from "./server.js";
import { commentableLines, type FakeRepo } from "./repo.js";

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface RouteContext {
  fake: FakeGitHub;
  params: Record<string, string>;
  query: Record<string, string>;
  body: any;
  headers: IncomingHttpHeaders;
  baseUrl: string;
  url: URL;
}

interface Route {
  id: string;
  method: string;
  kind: RequestKind;
  regex: RegExp;
  handler: (c: RouteContext) => Reply;
}

const BODY_LIMIT = 65536;
const SUMMARY_LIMIT = 65535;
export const notFound: Reply = { status: 404, body: { message: "Not Found" } };
export const invalid = (message: string, errors: unknown[] = []): Reply => ({ status: 422, body: { message, errors } });

export function route(spec: string, kind: RequestKind, handler: (c: RouteContext) => Reply): Route {
  const [method, path] = spec.split(" ") as [string, string];
  const regex = new RegExp(`^${path.replace(/:(\w+)/g, (_m, name: string) => `(?<${name}>[^/]+)`)}$`);
  return { id: spec, method, kind, regex, handler };
}

export function repoOf(c: RouteContext): FakeRepo | undefined {
  return c.fake.repo(decodeURIComponent(c.params.owner!), decodeURIComponent(c.params.repo!));
}

/** `per_page`/`page` slicing with a `link` header like GitHub's. */
export function paginate<T>(c: RouteContext, items: T[], defaultPerPage = 30): Reply {
  const perPage = Math.min(Math.max(Number(c.query.per_page ?? defaultPerPage) || defaultPerPage, 1), 100);
  const page = Math.max(Number(c.query.page ?? 1) || 1, 1);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  const at = (p: number) => {
    const u = new URL(c.url);
    u.searchParams.set("per_page", String(perPage));
    u.searchParams.set("page", String(p));
    return `<${u.toString()}>`;
  };
  const links: string[] = [];
  if (page > 1) links.push(`${at(1)}; rel="first"`, `${at(page - 1)}; rel="prev"`);
  if (page < last) links.push(`${at(page + 1)}; rel="next"`, `${at(last)}; rel="last"`);
  return { status: 200, body: items.slice((page - 1) * perPage, page * perPage), ...(links.length ? { headers: { link: links.join(", ") } } : {}) };
}

export function commentJson(c: RouteContext, x: FakeGitHub["comments"][number]) {
  const { owner, repo } = c.params;
  const bot = { login: x.login, id: x.byApp ? 9000 + c.fake.appId : userIdOf(x.login), type: x.byApp ? "Bot" : "User" };
  return {
    id: x.id,
    node_id: `IC_${x.id}`,
    url: `${c.baseUrl}/repos/${owner}/${repo}/issues/comments/${x.id}`,
    html_url: `http://${c.url.host}/${owner}/${repo}/pull/${x.issueNumber}#issuecomment-${x.id}`,
    issue_url: `${c.baseUrl}/repos/${owner}/${repo}/issues/${x.issueNumber}`,
    body: x.body,
    user: bot,
    created_at: x.createdAt,
    updated_at: x.updatedAt,
    author_association: x.byApp ? "NONE" : "OWNER",
    performed_via_github_app: x.byApp ? { id: c.fake.appId, slug: c.fake.appSlug, name: "Capability Review" } : null,
  };
}

function checkJson(c: RouteContext, run: FakeCheckRun) {
  return {
    id: run.id,
    head_sha: run.head_sha,
    name: run.name,
    status: run.status,
    conclusion: run.conclusion,
    html_url: `http://${c.url.host}/${run.owner}/${run.repo}/runs/${run.id}`,
    details_url: run.details_url ?? null,
    output: { ...run.output, annotations_count: run.annotations.length },
    app: { id: c.fake.appId, slug: c.fake.appSlug },
  };
}

/** GitHub's checks on an `output` object; the error, or undefined. */
function badOutput(output: any): string | undefined {
  if (output === undefined) return undefined;
  if (typeof output.title !== "string" || typeof output.summary !== "string") return "output needs title and summary";
  if (output.title.length > 255 || output.title.length === 0) return "output.title is empty or too long";
  if (output.summary.length > SUMMARY_LIMIT) return `output.summary is too long (maximum is ${SUMMARY_LIMIT} characters)`;
  const annotations = output.annotations ?? [];
  if (!Array.isArray(annotations) || annotations.length > 50) return "Only 50 annotations are allowed per request";
  for (const a of annotations) {
    if (typeof a.path !== "string" || !Number.isInteger(a.start_line) || !Number.isInteger(a.end_line) || a.start_line < 1 || a.end_line < a.start_line) return "annotation needs path, start_line and end_line";
    if (!["notice", "warning", "failure"].includes(a.annotation_level)) return `annotation_level ${a.annotation_level} is not one of notice, warning, failure`;
    if (typeof a.message !== "string" || Buffer.byteLength(a.message) > 64 * 1024) return "annotation message missing or over 64 KB";
  }
  return undefined;
}

/** GitHub's limits on check run `actions` (buttons): at most 3; label 20, description 40, identifier 20 characters. */
function badActions(actions: any): string | undefined {
  if (actions === undefined) return undefined;
  if (!Array.isArray(actions) || actions.length > 3) return "Only 3 actions are allowed per check run";
  for (const a of actions) {
    const ok = (v: unknown, max: number) => typeof v === "string" && v.length > 0 && v.length <= max;
    if (!ok(a?.label, 20) || !ok(a?.description, 40) || !ok(a?.identifier, 20)) return "actions need a label (20), description (40) and identifier (20)";
  }
  return undefined;
}

const CONCLUSIONS = ["action_required", "cancelled", "failure", "neutral", "success", "skipped", "stale", "timed_out"];

export const routes: Route[] = [
  // The app's webhook deliveries (as the app, with its JWT): newest first, cursor-paged like GitHub.
  route("GET /app/hook/deliveries", "auth", (c) => {
    const all = c.fake.deliveries.listing();
    const perPage = Math.min(Math.max(Number(c.query.per_page ?? 30) || 30, 1), 100);
    const from = c.query.cursor ? Number(c.query.cursor) : 0;
    const page = all.slice(from, from + perPage);
    const next = from + perPage < all.length ? from + perPage : undefined;
    const link = next === undefined ? undefined : (() => { const u = new URL(c.url); u.searchParams.set("cursor", String(next)); u.searchParams.set("per_page", String(perPage)); return `<${u.toString()}>; rel="next"`; })();
    return { status: 200, body: page, ...(link ? { headers: { link } } : {}) };
  }),

  route("POST /app/hook/deliveries/:id/attempts", "auth", (c) => (c.fake.deliveries.redeliver(Number(c.params.id)) ? { status: 202, body: {} } : notFound)),

  route("POST /app/installations/:id/access_tokens", "auth", (c) => {
    const token = `ghs_fake_${c.params.id}_${c.fake.newId()}`;
    c.fake.tokens.add(token);
    return { status: 201, body: { token, expires_at: new Date(Date.now() + 3600_000).toISOString(), permissions: { checks: "write", contents: "read", issues: "write", pull_requests: "write", metadata: "read" }, repository_selection: "all" } };
  }),

  route("GET /repos/:owner/:repo/compare/:basehead", "read", (c) => {
    const repo = repoOf(c);
    const [baseRev, headRev] = decodeURIComponent(c.params.basehead!).split("...");
    const base = baseRev ? repo?.resolve(baseRev) : undefined;
    const head = headRev ? repo?.resolve(headRev) : undefined;
    if (!repo || !base || !head) return notFound;
    const mergeBase = repo.mergeBase(base.sha, head.sha)!;
    const files = repo.diffFiles(mergeBase, head.sha);
    // Commits are paged like GitHub's (`per_page`, `page`); the files come with every page.
    const commits = repo.commitsBetween(mergeBase, head.sha).map((x) => ({ sha: x.sha }));
    const perPage = Math.min(Math.max(Number(c.query.per_page ?? 250) || 250, 1), 250);
    const page = Math.max(Number(c.query.page ?? 1) || 1, 1);
    return {
      status: 200,
      body: { status: "ahead", ahead_by: commits.length, behind_by: 0, total_commits: commits.length, base_commit: { sha: base.sha }, merge_base_commit: { sha: mergeBase }, commits: commits.slice((page - 1) * perPage, page * perPage), files: files.slice(0, 300) },
    };
  }),

  // Branches under a prefix (the merge queue's `gh-readonly-queue/<branch>/...`); `ref` arrives encoded.
  route("GET /repos/:owner/:repo/git/matching-refs/:ref", "read", (c) => {
    const repo = repoOf(c);
    if (!repo) return notFound;
    const prefix = decodeURIComponent(c.params.ref!).replace(/^heads\//, "");
    const refs = [...repo.branches].filter(([name]) => name.startsWith(prefix)).sort(([a], [b]) => a.localeCompare(b));
    return paginate(c, refs.map(([name, sha]) => ({ ref: `refs/heads/${name}`, node_id: "", url: "", object: { sha, type: "commit", url: "" } })));
  }),

  route("GET /repos/:owner/:repo/pulls/:number/files", "read", (c) => {
    const repo = repoOf(c);
    const pr = repo?.pulls.get(Number(c.params.number));
    if (!repo || !pr) return notFound;
    return paginate(c, repo.diffFiles(repo.mergeBase(pr.baseSha, pr.headSha)!, pr.headSha).slice(0, 3000));
  }),

  // A commit's (or branch's) tree; `recursive` lists every entry below it. `truncatedTrees` fakes a tree too big to list.
  route("GET /repos/:owner/:repo/git/trees/:sha", "read", (c) => {
    const repo = repoOf(c);
    const commit = repo?.resolve(decodeURIComponent(c.params.sha!));
    if (!repo || !commit) return notFound;
    const all = repo.allEntries(commit.sha);
    const entries = c.query.recursive ? all : all.filter((e) => !e.path.includes("/"));
    const truncated = repo.truncatedTrees;
    const tree = entries.slice(0, truncated ? Math.ceil(entries.length / 2) : entries.length).map((e) => ({ path: e.path, mode: e.mode, type: e.type, sha: e.oid, url: `${c.baseUrl}/repos/${repo.owner}/${repo.name}/git/${e.type}s/${e.oid}` }));
    return { status: 200, body: { sha: commit.sha, url: c.url.toString(), tree, truncated } };
  }),

  route("GET /repos/:owner/:repo/git/blobs/:sha", "read", (c) => {
    const bytes = repoOf(c)?.blobs.get(c.params.sha!);
    if (!bytes) return notFound;
    const content = (bytes.toString("base64").match(/.{1,60}/g) ?? []).join("\n");
    return { status: 200, body: { sha: c.params.sha, node_id: `B_${c.params.sha}`, size: bytes.length, url: c.url.toString(), content, encoding: "base64" } };
  }),

  route("POST /repos/:owner/:repo/check-runs", "write", (c) => {
    const repo = repoOf(c);
    if (!repo) return notFound;
    const b = c.body ?? {};
    if (typeof b.name !== "string" || !b.name) return invalid("Invalid request.\n\n\"name\" wasn't supplied.");
    if (typeof b.head_sha !== "string" || !repo.commits.has(b.head_sha)) return invalid(`No commit found for SHA: ${b.head_sha}`);
    const status = b.status ?? (b.conclusion ? "completed" : "queued");
    if (!["queued", "in_progress", "completed"].includes(status)) return invalid(`status ${status} is not valid`);
    if (status === "completed" && !CONCLUSIONS.includes(b.conclusion)) return invalid("conclusion is required when status is completed");
    const bad = badOutput(b.output) ?? badActions(b.actions);
    if (bad) return invalid(bad);
    const { annotations = [], ...output } = b.output ?? {};
    const run: FakeCheckRun = { id: c.fake.newId(), owner: repo.owner, repo: repo.name, name: b.name, head_sha: b.head_sha, status, conclusion: status === "completed" ? b.conclusion : null, output, annotations: [...annotations], updates: 0, actions: b.actions ?? [], ...(b.details_url ? { details_url: b.details_url } : {}) };
    c.fake.checkRuns.push(run);
    return { status: 201, body: checkJson(c, run) };
  }),

  route("GET /repos/:owner/:repo/check-runs/:id", "read", (c) => {
    const run = c.fake.checkRuns.find((r) => r.id === Number(c.params.id));
    if (!run || !repoOf(c)) return notFound;
    return { status: 200, body: checkJson(c, run) };
  }),

  route("PATCH /repos/:owner/:repo/check-runs/:id", "write", (c) => {
    const run = c.fake.checkRuns.find((r) => r.id === Number(c.params.id));
    if (!run) return notFound;
    const b = c.body ?? {};
    const bad = badOutput(b.output) ?? badActions(b.actions);
    if (bad) return invalid(bad);
    const { annotations = [], ...output } = b.output ?? {};
    if (b.actions) run.actions = b.actions;
    if (b.output) run.output = { ...run.output, ...output };
    run.annotations.push(...annotations);
    if (b.status) run.status = b.status;
    if (b.conclusion) (run.conclusion = b.conclusion), (run.status = "completed");
    run.updates++;
    return { status: 200, body: checkJson(c, run) };
  }),

  route("GET /repos/:owner/:repo/issues/:number/comments", "read", (c) => {
    if (!repoOf(c)?.pulls.has(Number(c.params.number))) return notFound;
    // Ascending ids, like GitHub; `since` keeps those updated at or after it.
    const since = c.query.since ? Date.parse(c.query.since) : -Infinity;
    const mine = c.fake.comments.filter((x) => x.issueNumber === Number(c.params.number) && Date.parse(x.updatedAt) >= since).sort((a, b) => a.id - b.id);
    return paginate(c, mine.map((x) => commentJson(c, x)));
  }),

  route("POST /repos/:owner/:repo/issues/:number/comments", "write", (c) => {
    if (!repoOf(c)?.pulls.has(Number(c.params.number))) return notFound;
    const body = c.body?.body;
    if (typeof body !== "string" || !body) return invalid("Validation Failed", [{ resource: "IssueComment", code: "missing_field", field: "body" }]);
    if (body.length > BODY_LIMIT) return invalid("Validation Failed", [{ resource: "IssueComment", code: "custom", field: "body", message: `body is too long (maximum is ${BODY_LIMIT} characters)` }]);
    const x = c.fake.addComment(Number(c.params.number), body, { byApp: true });
    return { status: 201, body: commentJson(c, x) };
  }),

  route("GET /repos/:owner/:repo/issues/comments/:id", "read", (c) => {
    const x = c.fake.comments.find((y) => y.id === Number(c.params.id));
    if (!x || !repoOf(c)) return notFound;
    return { status: 200, body: commentJson(c, x) };
  }),

  route("PATCH /repos/:owner/:repo/issues/comments/:id", "write", (c) => {
    const x = c.fake.comments.find((y) => y.id === Number(c.params.id));
    if (!x) return notFound;
    const body = c.body?.body;
    if (typeof body !== "string" || !body || body.length > BODY_LIMIT) return invalid("Validation Failed", [{ resource: "IssueComment", field: "body" }]);
    x.body = body;
    x.updatedAt = c.fake.now();
    // Only the app edits through this fake's API (its installation token).
    x.editedBy = `${c.fake.appSlug}[bot]`;
    return { status: 200, body: commentJson(c, x) };
  }),

  route("DELETE /repos/:owner/:repo/issues/comments/:id", "write", (c) => {
    const i = c.fake.comments.findIndex((y) => y.id === Number(c.params.id));
    if (i < 0) return notFound;
    c.fake.comments.splice(i, 1);
    return { status: 204 };
  }),

  route("POST /repos/:owner/:repo/pulls/:number/reviews", "write", (c) => {
    const repo = repoOf(c);
    const pr = repo?.pulls.get(Number(c.params.number));
    if (!repo || !pr) return notFound;
    const b = c.body ?? {};
    const commitId: string = b.commit_id ?? pr.headSha;
    if (!repo.commits.has(commitId)) return invalid(`No commit found for SHA: ${commitId}`);
    if (b.event !== undefined && !["APPROVE", "REQUEST_CHANGES", "COMMENT"].includes(b.event)) return invalid(`event ${b.event} is not valid`);
    if ((b.event === "COMMENT" || b.event === "REQUEST_CHANGES") && !b.body) return invalid("Unprocessable Entity", ["Body is required for COMMENT and REQUEST_CHANGES"]);
    if (typeof b.body === "string" && b.body.length > BODY_LIMIT) return invalid("body is too long");
    const files = new Map(repo.diffFiles(repo.mergeBase(pr.baseSha, commitId)!, commitId).map((f) => [f.filename, f]));
    const comments = (b.comments ?? []) as { path: string; line: number; side?: string; body: string }[];
    for (const x of comments) {
      const f = files.get(x.path);
      if (!f) return invalid("Unprocessable Entity", [`Path ${x.path} could not be resolved`]);
      if ((x.side ?? "RIGHT") !== "RIGHT" || !commentableLines(f.patch).has(x.line)) return invalid("Unprocessable Entity", ["Line could not be resolved"]);
      if (typeof x.body !== "string" || !x.body || x.body.length > BODY_LIMIT) return invalid("Unprocessable Entity", ["comment body missing or too long"]);
    }
    const review = { id: c.fake.newId(), pullNumber: pr.number, commitId, event: b.event ?? "PENDING", body: b.body ?? "", byApp: true, comments: comments.map((x) => ({ path: x.path, line: x.line, side: x.side ?? "RIGHT", body: x.body })) };
    c.fake.reviews.push(review);
    return { status: 200, body: { id: review.id, body: review.body, state: review.event === "COMMENT" ? "COMMENTED" : review.event, commit_id: commitId, user: { login: `${c.fake.appSlug}[bot]`, type: "Bot" } } };
  }),

  // Answered by the server itself (graphql.ts); listed here for routing and the log.
  route("POST /graphql", "read", () => ({ status: 500 })),
];
