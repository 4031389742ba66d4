// GraphQL for the fake GitHub API: answers the app's snapshot query (src/app/snapshot.ts) by the
// aliases its text contains; anything else is an error, so a new query shape shows up in tests.
import type { Commit, FakeRepo } from "./repo.js";
import { blobSha, isBinary } from "./repo.js";

export interface FakeComment {
  id: number;
  issueNumber: number;
  body: string;
  byApp: boolean;
  login: string;
  createdAt: string;
  updatedAt: string;
  /** Who last edited it (GraphQL `editor`), when it was edited after it was written. */
  editedBy?: string;
}

export interface FakeReview {
  id: number;
  pullNumber: number;
  commitId: string;
  event: string;
  body: string;
  byApp: boolean;
  comments: { path: string; line: number; side: string; body: string }[];
}

export interface GraphqlWorld {
  repo(owner: string, name: string): FakeRepo | undefined;
  comments: FakeComment[];
  reviews: FakeReview[];
  /** GraphQL truncates `text` past this many bytes (GitHub: about 512 KB). */
  textLimit: number;
  /** `owner/name` (lower case) → the error GraphQL gives for that repository (FORBIDDEN, ...). */
  repoErrors: Map<string, { type: string; message: string }>;
}

type Answer = { status: number; body: unknown };

/**
 * What `object(expression: "REV:path")` answers: a Blob or a Tree, with only the fields of the
 * fragments asked (`{}` when none applies, as GitHub does); null for nothing there, for a path
 * through a symbolic link and for a submodule (its commit is another repository's).
 */
function objectNode(repo: FakeRepo | undefined, expression: unknown, textLimit: number, asks: { blob: boolean; tree: boolean }) {
  if (!repo || typeof expression !== "string") return null;
  const colon = expression.indexOf(":");
  if (colon < 0) return null;
  const [rev, path] = [expression.slice(0, colon), expression.slice(colon + 1).replace(/\/$/, "")];
  const commit = repo.resolve(rev);
  if (commit && !commit.files.has(path)) {
    const entries = repo.treeEntries(rev, path);
    if (!entries) return null;
    // GraphQL gives a mode as the integer of git's octal mode.
    return asks.tree ? { entries: entries.map((e) => ({ name: e.name, mode: parseInt(e.mode, 8), type: e.type, oid: e.oid })) } : {};
  }
  if (commit?.modes.get(path)?.mode === "160000") return null;
  if (!asks.blob) return commit?.files.has(path) ? {} : null;
  return blobNode(repo, expression, textLimit);
}

function blobNode(repo: FakeRepo | undefined, expression: unknown, textLimit: number) {
  if (!repo || typeof expression !== "string") return null;
  const colon = expression.indexOf(":");
  if (colon < 0) return null;
  const commit = repo.resolve(expression.slice(0, colon));
  const bytes = commit?.files.get(expression.slice(colon + 1));
  if (!bytes) return null;
  const binary = isBinary(bytes);
  const truncated = !binary && bytes.length > textLimit;
  return {
    text: binary ? null : truncated ? bytes.subarray(0, textLimit).toString("utf8") : bytes.toString("utf8"),
    isBinary: binary,
    byteSize: bytes.length,
    isTruncated: truncated,
    oid: blobSha(bytes),
  };
}

/** A stable numeric id per login, as GitHub's user ids (the REST routes use the same). */
export function userIdOf(login: string): number {
  let h = 7;
  for (const ch of login.toLowerCase()) h = (h * 31 + ch.charCodeAt(0)) % 1_000_000;
  return 1000 + h;
}

const commentNodes = (cs: FakeComment[]) => ({
  nodes: cs.map((c) => ({
    databaseId: c.id,
    body: c.body,
    viewerDidAuthor: c.byApp,
    createdAt: c.createdAt,
    author: { login: c.login, databaseId: userIdOf(c.login) },
    lastEditedAt: c.editedBy ? c.updatedAt : null,
    editor: c.editedBy ? { login: c.editedBy } : null,
  })),
});

/**
 * `field(first: N)` or `field(first: N, after: $var)` in the query: that page of `items`, with
 * GitHub's `totalCount` and `pageInfo` (cursors are positions); undefined when the query does not ask.
 */
function connection<T>(query: string, vars: Record<string, unknown>, field: string, items: T[], listed = items.length) {
  const m = new RegExp(`\\b${field}\\(first: (\\d+)(?:, after: \\$(\\w+))?\\)`).exec(query);
  if (!m) return undefined;
  const first = Math.min(Number(m[1]), 100);
  const after = m[2] ? Number(String(vars[m[2]]).replace(/^cursor:/, "")) : 0;
  const nodes = items.slice(0, listed).slice(after, after + first);
  const end = after + nodes.length;
  return { totalCount: items.length, pageInfo: { hasNextPage: end < Math.min(listed, items.length), endCursor: nodes.length ? `cursor:${end}` : null }, nodes };
}

/** `Co-authored-by:` trailers GitHub resolves to users: here, its noreply addresses. */
const coAuthors = (message: string | undefined) =>
  [...(message ?? "").matchAll(/^co-authored-by:[^<\n]*<(?:\d+\+)?([A-Za-z0-9-]+)@users\.noreply\.github\.com>\s*$/gim)].map((m) => m[1]!);

/** A pull request's commit as GitHub's GraphQL gives it: authors (git author, then co-authors), committer, message. */
function commitNode(c: Commit) {
  const authors = [c.author, ...coAuthors(c.message)].map((login) => ({ user: { login } }));
  return { commit: { message: c.message ?? "A commit", committer: { user: { login: c.committer ?? c.author } }, authors: { totalCount: authors.length, nodes: authors.slice(0, 100) } } };
}

export function answerGraphql(world: GraphqlWorld, body: { query?: unknown; variables?: Record<string, unknown> }): Answer {
  const query = typeof body.query === "string" ? body.query : "";
  const vars = body.variables ?? {};
  if (!/^\s*query\s*\(/.test(query) || !/repository\(owner: \$owner, name: \$repo\)/.test(query)) {
    return { status: 200, body: { errors: [{ message: "fake GitHub: query shape not understood", query }] } };
  }
  // Every `$name` used must be declared and given.
  for (const [, name] of query.matchAll(/\$(\w+)\b(?!\s*:)/g)) {
    if (!(name! in vars)) return { status: 200, body: { errors: [{ type: "INVALID", message: `Variable $${name} was not provided` }] } };
  }
  const owner = String(vars.owner);
  const repo = world.repo(owner, String(vars.repo));
  if (!repo) {
    return { status: 200, body: { data: { repository: null }, errors: [{ type: "NOT_FOUND", path: ["repository"], message: `Could not resolve to a Repository with the name '${owner}/${String(vars.repo)}'.` }] } };
  }
  const repository: Record<string, unknown> = {};
  const aliases = [...query.matchAll(/\b([bt]\d+): object\(expression: \$([ef]\d+)\)/g)];
  aliases.forEach((m, i) => {
    // The fragments asked for this alias: the text up to the next alias.
    const text = query.slice(m.index!, aliases[i + 1]?.index ?? query.length);
    repository[m[1]!] = objectNode(repo, vars[m[2]!], world.textLimit, { blob: text.includes("... on Blob"), tree: text.includes("... on Tree") });
  });
  if (/\bpolicy: object\(expression: \$policy\)/.test(query)) repository.policy = blobNode(repo, vars.policy, world.textLimit);
  if (/pullRequest\(number: \$pr\)/.test(query)) {
    const n = Number(vars.pr);
    const pull = repo.pulls.get(n);
    if (!pull) repository.pullRequest = null;
    else {
      const comments = world.comments.filter((c) => c.issueNumber === n).sort((a, b) => a.id - b.id);
      const reviews = world.reviews.filter((r) => r.pullNumber === n).sort((a, b) => a.id - b.id);
      const pr: Record<string, unknown> = { author: { login: pull.author }, headRefOid: pull.headSha };
      const early = connection(query, vars, "comments", commentNodes(comments).nodes);
      if (early) pr.comments = early;
      if (/\breviews\(last: 100\)/.test(query)) pr.reviews = { nodes: reviews.slice(-100).map((r) => ({ viewerDidAuthor: r.byApp, comments: { nodes: r.comments.slice(0, 100).map((c) => ({ body: c.body })) } })) };
      // GitHub lists at most 250 commits of a pull request; totalCount still counts them all.
      const commits = connection(query, vars, "commits", repo.commitsBetween(pull.baseSha, pull.headSha).map(commitNode), 250);
      if (commits) pr.commits = commits;
      repository.pullRequest = pr;
    }
  }
  const data: Record<string, unknown> = { repository };
  const errors: unknown[] = [];
  if (/\borg: repository\(owner: \$owner, name: "\.github"\)/.test(query)) {
    const org = world.repo(owner, ".github");
    const refused = world.repoErrors.get(`${owner}/.github`.toLowerCase());
    if (refused) {
      data.org = null;
      errors.push({ type: refused.type, path: ["org"], locations: [{ line: 1, column: 1 }], message: refused.message });
    } else if (org) data.org = { policy: blobNode(org, vars.orgPolicy, world.textLimit) };
    else {
      // What GitHub does for a repository that does not exist: null plus an error, status 200.
      data.org = null;
      errors.push({ type: "NOT_FOUND", path: ["org"], locations: [{ line: 1, column: 1 }], message: `Could not resolve to a Repository with the name '${owner}/.github'.` });
    }
  }
  return { status: 200, body: errors.length ? { data, errors } : { data } };
}
