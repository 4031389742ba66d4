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
  author: { login: string; databaseId?: number } | null;
}

export interface BlobRequest {
  /** Alias-safe id chosen by the caller. */
  id: string;
  /** `SHA:path`. */
  expression: string;
}

export const POLICY_PATH = POLICY_FILE;

/** Past this many blobs a query is split: GitHub answers big queries slowly or times out. */
export const BLOBS_PER_QUERY = 600;

export interface SnapshotQuery {
  query: string;
  variables: Record<string, string | number>;
}

const BLOB_FIELDS = "... on Blob { text isBinary byteSize isTruncated oid }";
const COMMENT_FIELDS = "nodes { databaseId body viewerDidAuthor createdAt author { login ... on User { databaseId } ... on Bot { databaseId } } }";

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
    decls.push(`$e${i}: String!`);
    variables[`e${i}`] = b.expression;
    fields.push(`b${i}: object(expression: $e${i}) { ${BLOB_FIELDS} }`);
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
      `pullRequest(number: $pr) { early: comments(first: 100) { ${COMMENT_FIELDS} } recent: comments(last: 100) { ${COMMENT_FIELDS} } ` +
        `reviews(last: 100) { nodes { viewerDidAuthor comments(first: 100) { nodes { body } } } } ` +
        // Commit authors may not approve (approvals); the last 100 commits of a pull request.
        `author { login } headRefOid commits(last: 100) { nodes { commit { authors(first: 10) { nodes { user { login } } } } } } }`,
    );
  }
  const query = `query(${decls.join(", ")}) { repository(owner: $owner, name: $repo) { ${fields.join(" ")} } ${top.join(" ")} }`;
  return { query, variables };
}

export interface SnapshotAnswer {
  repository?: {
    policy?: BlobNode | null;
    pullRequest?: {
      early: { nodes: CommentNode[] };
      recent: { nodes: CommentNode[] };
      reviews: { nodes: { viewerDidAuthor: boolean; comments: { nodes: { body: string }[] } }[] };
      author: { login: string } | null;
      /** The pull request's head now (a delivery may be for an older one). */
      headRefOid?: string;
      commits: { nodes: { commit: { authors: { nodes: { user: { login: string } | null }[] } } }[] };
    } | null;
    [alias: string]: unknown;
  } | null;
  org?: { policy?: BlobNode | null } | null;
}

/** The blob answered for request number `i` of a chunk (null when the path does not exist there). */
export function blobAt(answer: SnapshotAnswer, i: number): BlobNode | null {
  return (answer.repository?.[`b${i}`] as BlobNode | null | undefined) ?? null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const hasNodes = (v: unknown): boolean => isObject(v) && Array.isArray(v.nodes);

function badBlob(v: unknown): boolean {
  if (v === null) return false;
  return !isObject(v) || typeof v.oid !== "string" || typeof v.byteSize !== "number" || typeof v.isTruncated !== "boolean" || !(typeof v.text === "string" || v.text === null);
}

/**
 * Why an answer to `snapshotQuery` cannot be trusted (a truncated or malformed body, a field
 * missing), or undefined when it is whole. A missing blob must never read as "the file does not
 * exist", nor missing comments as "no sticky comment yet".
 */
export function incompleteAnswer(answer: unknown, asked: { blobs: number; policy: boolean; orgPolicy?: boolean; pullRequest: boolean }): string | undefined {
  if (!isObject(answer)) return `the answer is not a JSON object (${answer === undefined ? "empty" : typeof answer})`;
  const repo = answer.repository;
  if (!isObject(repo)) return "the repository is missing from the answer";
  for (let i = 0; i < asked.blobs; i++) {
    if (!(`b${i}` in repo)) return `file ${i + 1} of ${asked.blobs} is missing from the answer`;
    if (badBlob(repo[`b${i}`])) return `file ${i + 1} of ${asked.blobs} is malformed in the answer`;
  }
  if (asked.policy && (!("policy" in repo) || badBlob(repo.policy))) return "the policy file is missing from the answer";
  const org = answer.org;
  if (asked.orgPolicy && (!("org" in answer) || (org !== null && (!isObject(org) || !("policy" in org) || badBlob(org.policy))))) return "the organization's policy is missing from the answer";
  if (asked.pullRequest) {
    if (!("pullRequest" in repo)) return "the pull request is missing from the answer";
    const pr = repo.pullRequest;
    if (pr !== null && (!isObject(pr) || !hasNodes(pr.early) || !hasNodes(pr.recent) || !hasNodes(pr.reviews) || !hasNodes(pr.commits))) return "the pull request's comments, reviews or commits are missing from the answer";
  }
  return undefined;
}
