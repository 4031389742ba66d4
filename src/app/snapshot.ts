// One GraphQL query for everything a review reads besides the file list: every capability file at
// base and head, the policy (repository, then the org's `.github` repository) and the app's own
// earlier comments. Aliases keep it one request whatever the number of files.
import { POLICY_FILE } from "../core/policy.js";

/** What a Blob looks like in the query's answer. */
export interface BlobNode {
  text: string | null;
  isBinary: boolean | null;
  byteSize: number;
  isTruncated: boolean;
  oid: string;
}

export interface CommentNode {
  databaseId: number;
  body: string;
  viewerDidAuthor: boolean;
  createdAt: string;
  /** Set once the comment was edited; `editor` is who edited it last (null: unknown or deleted). */
  lastEditedAt?: string | null;
  editor?: { login: string } | null;
  author: { login: string; databaseId?: number } | null;
}

export interface BlobRequest {
  /** Alias-safe id chosen by the caller. */
  id: string;
  /** `SHA:path`. */
  expression: string;
  /** A folder: its entries (name, git mode, type) are asked for instead of a blob. */
  tree?: boolean;
}

/** An entry of a Tree in the answer; `mode` is git's octal mode as an integer (0o120000: a symbolic link). */
export interface TreeEntryNode {
  name: string;
  mode: number;
  type: string;
  oid: string;
}

export const POLICY_PATH = POLICY_FILE;

/** Past this many blobs a query is split: GitHub answers big queries slowly or times out. */
export const BLOBS_PER_QUERY = 600;

export interface SnapshotQuery {
  query: string;
  variables: Record<string, string | number>;
}

const BLOB_FIELDS = "... on Blob { text isBinary byteSize isTruncated oid }";
const TREE_FIELDS = "... on Tree { entries { name mode type oid } }";
const COMMENT_FIELDS = "nodes { databaseId body viewerDidAuthor createdAt lastEditedAt editor { login } author { login ... on User { databaseId } ... on Bot { databaseId } } }";
const PAGE_FIELDS = "totalCount pageInfo { hasNextPage endCursor }";
/** Everyone who may have written a commit: authors (GitHub adds `Co-authored-by:` ones), the committer, the trailers. */
const COMMIT_FIELDS = "nodes { commit { message committer { user { login } } authors(first: 100) { totalCount nodes { user { login } } } } }";
/** Comments and commits decide approvals: read in pages of this many, all of them. */
export const HISTORY_PAGE = 100;
/** Pages of comments or commits read at most (GitHub lists 250 commits of a pull request). */
export const MAX_HISTORY_PAGES = 30;
const commentsPage = (after?: string) => `comments(first: ${HISTORY_PAGE}${after ? `, after: $${after}` : ""}) { ${PAGE_FIELDS} ${COMMENT_FIELDS} }`;
const commitsPage = (after?: string) => `commits(first: ${HISTORY_PAGE}${after ? `, after: $${after}` : ""}) { ${PAGE_FIELDS} ${COMMIT_FIELDS} }`;

/**
 * The query for one chunk of blobs. The first chunk also asks for the policy and, for a pull
 * request, the app's comments and review comments (sticky comment, inline comments posted before).
 */
export function snapshotQuery(opts: {
  owner: string;
  repo: string;
  blobs: BlobRequest[];
  policyExpression?: string;
  /** Also ask for the organization's `.github` repository's policy (default true). */
  orgPolicy?: boolean;
  pullNumber?: number;
}): SnapshotQuery {
  const variables: Record<string, string | number> = { owner: opts.owner, repo: opts.repo };
  const decls = ["$owner: String!", "$repo: String!"];
  const fields: string[] = [];
  opts.blobs.forEach((b, i) => {
    // Folders have aliases and variables of their own (t0/$f0): `eN` counts the files asked.
    const v = `${b.tree ? "f" : "e"}${i}`;
    decls.push(`$${v}: String!`);
    variables[v] = b.expression;
    fields.push(`${aliasOf(i, b.tree)}: object(expression: $${v}) { ${b.tree ? TREE_FIELDS : BLOB_FIELDS} }`);
  });
  const top: string[] = [];
  if (opts.policyExpression) {
    decls.push("$policy: String!");
    variables.policy = opts.policyExpression;
    fields.push(`policy: object(expression: $policy) { ${BLOB_FIELDS} }`);
    if (opts.orgPolicy ?? true) {
      decls.push("$orgPolicy: String!");
      variables.orgPolicy = `HEAD:${POLICY_PATH}`;
      top.push(`org: repository(owner: $owner, name: ".github") { policy: object(expression: $orgPolicy) { ${BLOB_FIELDS} } }`);
    }
  }
  if (opts.pullNumber !== undefined) {
    decls.push("$pr: Int!");
    variables.pr = opts.pullNumber;
    fields.push(
      `pullRequest(number: $pr) { ${commentsPage()} ` +
        `reviews(last: 100) { nodes { viewerDidAuthor comments(first: 100) { nodes { body } } } } ` +
        // Commit authors may not approve (approvals): the first page here, the rest by historyQuery.
        `author { login } headRefOid ${commitsPage()} }`,
    );
  }
  const query = `query(${decls.join(", ")}) { repository(owner: $owner, name: $repo) { ${fields.join(" ")} } ${top.join(" ")} }`;
  return { query, variables };
}

/**
 * The next page of a pull request's comments and/or commits, after the cursors given (one request
 * per page, only for pull requests with more than HISTORY_PAGE of either).
 */
export function historyQuery(opts: { owner: string; repo: string; pullNumber: number; comments?: string; commits?: string }): SnapshotQuery {
  const variables: Record<string, string | number> = { owner: opts.owner, repo: opts.repo, pr: opts.pullNumber };
  const decls = ["$owner: String!", "$repo: String!", "$pr: Int!"];
  const fields: string[] = [];
  if (opts.comments) decls.push("$comments: String!"), (variables.comments = opts.comments), fields.push(commentsPage("comments"));
  if (opts.commits) decls.push("$commits: String!"), (variables.commits = opts.commits), fields.push(commitsPage("commits"));
  return { query: `query(${decls.join(", ")}) { repository(owner: $owner, name: $repo) { pullRequest(number: $pr) { ${fields.join(" ")} } } }`, variables };
}

interface Page<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: T[];
}

export interface CommitNode {
  commit: { message: string; committer: { user: { login: string } | null } | null; authors: { totalCount: number; nodes: { user: { login: string } | null }[] } };
}

export interface PullRequestNode {
  comments: Page<CommentNode>;
  reviews: { nodes: { viewerDidAuthor: boolean; comments: { nodes: { body: string }[] } }[] };
  author: { login: string } | null;
  /** The pull request's head now (a delivery may be for an older one). */
  headRefOid?: string;
  commits: Page<CommitNode>;
}

const NOREPLY = /^(?:\d+\+)?([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))@users\.noreply\./i;
/**
 * A `Co-authored-by:` trailer, matched line by line: as one multi-line pattern over the message,
 * a message of many `\rco-authored-by:` was rescanned to the next `\n` from each of them.
 */
const TRAILER = /^co-authored-by:[^<]*<([^>]+)>\s*$/i;
const LINE_BREAK = /\r\n?|[\n\u2028\u2029]/;

/**
 * Logins that wrote a commit: its authors as GitHub resolved them (co-authors included), its
 * committer, and `Co-authored-by:` trailers with a GitHub noreply address. Throws when GitHub
 * listed fewer authors than it counted: an author left out could approve their own change.
 */
export function commitLogins(node: CommitNode): string[] {
  const c = node.commit;
  if (c.authors.nodes.length < c.authors.totalCount) throw new Error(`a commit has ${c.authors.totalCount} authors and only ${c.authors.nodes.length} could be read; commit authors may not approve, so the change cannot be judged`);
  const out = c.authors.nodes.flatMap((a) => (a.user ? [a.user.login] : []));
  if (c.committer?.user) out.push(c.committer.user.login);
  for (const line of (c.message ?? "").split(LINE_BREAK)) {
    const m = TRAILER.exec(line);
    const login = m && NOREPLY.exec(m[1]!.trim())?.[1];
    if (login) out.push(login);
  }
  return out;
}

export interface SnapshotAnswer {
  repository?: {
    policy?: BlobNode | null;
    pullRequest?: PullRequestNode | null;
    [alias: string]: unknown;
  } | null;
  org?: { policy?: BlobNode | null } | null;
}

const aliasOf = (i: number, tree?: boolean) => `${tree ? "t" : "b"}${i}`;

/** The folder's entries answered for request number `i` of a chunk (null when no such folder). */
export function treeAt(answer: SnapshotAnswer, i: number): TreeEntryNode[] | null {
  return (answer.repository?.[aliasOf(i, true)] as { entries: TreeEntryNode[] } | null | undefined)?.entries ?? null;
}

/** The blob answered for request number `i` of a chunk (null when the path does not exist there). */
export function blobAt(answer: SnapshotAnswer, i: number): BlobNode | null {
  return (answer.repository?.[`b${i}`] as BlobNode | null | undefined) ?? null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const hasNodes = (v: unknown): boolean => isObject(v) && Array.isArray(v.nodes);
const isPage = (v: unknown): boolean => hasNodes(v) && isObject(v) && typeof v.totalCount === "number" && isObject(v.pageInfo) && typeof v.pageInfo.hasNextPage === "boolean";

/** Why a page of history from `historyQuery` cannot be trusted, or undefined. */
export function incompletePage(answer: unknown, asked: { comments: boolean; commits: boolean }): string | undefined {
  const pr = isObject(answer) && isObject(answer.repository) ? answer.repository.pullRequest : undefined;
  if (!isObject(pr)) return "the pull request is missing from the answer";
  if ((asked.comments && !isPage(pr.comments)) || (asked.commits && !isPage(pr.commits))) return "a page of the pull request's comments or commits is missing from the answer";
  return undefined;
}

function badTree(v: unknown): boolean {
  // `{}`: the path is an object of another kind (a file, a link), so no folder.
  if (v === null || (isObject(v) && Object.keys(v).length === 0)) return false;
  if (!isObject(v) || !Array.isArray(v.entries)) return true;
  return v.entries.some((e: unknown) => !isObject(e) || typeof e.name !== "string" || typeof e.mode !== "number" || typeof e.type !== "string" || typeof e.oid !== "string");
}

function badBlob(v: unknown): boolean {
  if (v === null) return false;
  return !isObject(v) || typeof v.oid !== "string" || typeof v.byteSize !== "number" || typeof v.isTruncated !== "boolean" || !(typeof v.text === "string" || v.text === null);
}

/**
 * Why an answer to `snapshotQuery` cannot be trusted (a truncated or malformed body, a field
 * missing), or undefined when it is whole. A missing blob must never read as "the file does not
 * exist", nor missing comments as "no sticky comment yet".
 */
export function incompleteAnswer(answer: unknown, asked: { blobs: number; policy: boolean; orgPolicy?: boolean; pullRequest: boolean; trees?: ReadonlySet<number> }): string | undefined {
  if (!isObject(answer)) return `the answer is not a JSON object (${answer === undefined ? "empty" : typeof answer})`;
  const repo = answer.repository;
  if (!isObject(repo)) return "the repository is missing from the answer";
  for (let i = 0; i < asked.blobs; i++) {
    const tree = asked.trees?.has(i) ?? false;
    if (!(aliasOf(i, tree) in repo)) return `file ${i + 1} of ${asked.blobs} is missing from the answer`;
    if ((tree ? badTree : badBlob)(repo[aliasOf(i, tree)])) return `file ${i + 1} of ${asked.blobs} is malformed in the answer`;
  }
  if (asked.policy && (!("policy" in repo) || badBlob(repo.policy))) return "the policy file is missing from the answer";
  const org = answer.org;
  if (asked.orgPolicy && (!("org" in answer) || (org !== null && (!isObject(org) || !("policy" in org) || badBlob(org.policy))))) return "the organization's policy is missing from the answer";
  if (asked.pullRequest) {
    if (!("pullRequest" in repo)) return "the pull request is missing from the answer";
    const pr = repo.pullRequest;
    if (pr !== null && (!isObject(pr) || !isPage(pr.comments) || !hasNodes(pr.reviews) || !isPage(pr.commits))) return "the pull request's comments, reviews or commits are missing from the answer";
  }
  return undefined;
}
