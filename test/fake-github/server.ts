// A fake GitHub (Enterprise Server paths) on 127.0.0.1 for end-to-end tests of the app: the REST
// routes and the one GraphQL query the app uses, over in-memory repositories. Every request is
// logged as a read, a write, auth or unknown (404); faults (status, headers, delay) can be injected.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { answerGraphql, type FakeComment, type FakeReview } from "./graphql.js";
import { FakeRepo } from "./repo.js";
import { DeliveryLog } from "./deliveries.js";
import { prRoutes } from "./routes-pr.js";
import { routes as baseRoutes, type Reply, type RouteContext } from "./routes.js";

const routes = [...baseRoutes, ...prRoutes];

export { FakeRepo } from "./repo.js";
export type { FakeComment, FakeReview } from "./graphql.js";

export type RequestKind = "read" | "write" | "auth" | "unknown";

export interface LoggedRequest {
  method: string;
  /** Path without `/api/v3` and without the query string; GraphQL is `/graphql`. */
  path: string;
  query: Record<string, string>;
  /** The route's id (`POST /repos/:owner/:repo/check-runs`), or null for an unknown route. */
  route: string | null;
  kind: RequestKind;
  body: any;
  status: number;
  /** True when the answer was an injected fault. */
  faulted: boolean;
  /** When the request arrived (ms since the epoch). */
  at: number;
  /** The installation whose token authorized it, when one did. */
  installation?: number;
}

export interface Fault {
  /** Answer with this status instead of handling the request (omit to only delay it). */
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Send this text as the body instead of JSON (a truncated or malformed answer). */
  raw?: string;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Wait until this settles before answering (see `hold`). */
  gate?: Promise<void>;
  /** How many matching requests it applies to (default 1). */
  times?: number;
}

export interface FakeCheckRun {
  id: number;
  owner: string;
  repo: string;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  details_url?: string;
  output: { title?: string; summary?: string; text?: string };
  annotations: { path: string; start_line: number; end_line: number; annotation_level: string; message: string; title?: string }[];
  /** How many times it was updated (PATCH). */
  updates: number;
  /** Buttons offered on the check run (`actions`; the latest given). */
  actions: { label: string; description: string; identifier: string }[];
}

export interface FakeReaction {
  id: number;
  commentId: number;
  content: string;
  byApp: boolean;
}

export class FakeGitHub {
  readonly repos = new Map<string, FakeRepo>();
  /** The app's webhook deliveries, as GitHub records them (see deliveries.ts). */
  readonly deliveries = new DeliveryLog();
  readonly comments: FakeComment[] = [];
  readonly reviews: FakeReview[] = [];
  readonly checkRuns: FakeCheckRun[] = [];
  readonly reactions: FakeReaction[] = [];
  /** `org/slug` (lower case) → lower-case logins of its active members. */
  readonly teams = new Map<string, Set<string>>();
  readonly log: LoggedRequest[] = [];
  readonly tokens = new Set<string>();
  /** GraphQL `text` is truncated past this many bytes. */
  textLimit = 512 * 1024;
  /** `owner/name` (lower case) → the error GraphQL answers for that repository (see graphql.ts). */
  readonly repoErrors = new Map<string, { type: string; message: string }>();
  private nextId = 1000;
  private faults: { pattern: string | RegExp; fault: Fault; left: number }[] = [];
  private releases: (() => void)[] = [];
  private server: Server | undefined;
  port = 0;

  constructor(
    readonly appId = 4242,
    readonly appSlug = "capability-review",
  ) {}

  static async start(opts: { appId?: number } = {}): Promise<FakeGitHub> {
    const fake = new FakeGitHub(opts.appId);
    const server = createServer((req, res) => void fake.handle(req, res).catch(() => res.destroy()));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    fake.server = server;
    fake.port = (server.address() as AddressInfo).port;
    return fake;
  }

  /** `127.0.0.1:PORT`, the value for GHE_HOST. */
  get host(): string {
    return `127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.releaseHeld();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Answer every request held by `hold`. */
  releaseHeld(): void {
    for (const release of this.releases.splice(0)) release();
  }

  addRepo(owner: string, name: string): FakeRepo {
    const repo = new FakeRepo(owner, name);
    this.repos.set(`${owner}/${name}`.toLowerCase(), repo);
    return repo;
  }

  /** Forget repositories, comments, reviews, checks, faults and the log (issued tokens stay valid). */
  reset(): void {
    this.repos.clear();
    this.deliveries.clear();
    this.comments.length = 0;
    this.reviews.length = 0;
    this.checkRuns.length = 0;
    this.reactions.length = 0;
    this.teams.clear();
    this.repoErrors.clear();
    this.faults = [];
    this.releaseHeld();
    this.clearLog();
  }

  repo(owner: string, name: string): FakeRepo | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase());
  }

  newId(): number {
    return ++this.nextId;
  }

  private lastTime = 0;

  /** GitHub's time for a write: strictly after the previous one, so comment times order writes. */
  now(): string {
    this.lastTime = Math.max(Date.now(), this.lastTime + 1);
    return new Date(this.lastTime).toISOString();
  }

  /** Seed a comment (someone else's unless `byApp`). */
  /** A person with write access edits a comment, as GitHub lets them edit anyone's (the app's too). */
  editComment(id: number, body: string, editor: string): FakeComment {
    const c = this.comments.find((x) => x.id === id);
    if (!c) throw new Error(`fake GitHub: no comment ${id}`);
    c.body = body;
    c.updatedAt = this.now();
    c.editedBy = editor;
    return c;
  }

  addComment(issueNumber: number, body: string, opts: { byApp?: boolean; login?: string; at?: string } = {}): FakeComment {
    const now = opts.at ?? this.now();
    const c: FakeComment = { id: this.newId(), issueNumber, body, byApp: opts.byApp ?? false, login: opts.login ?? (opts.byApp ? `${this.appSlug}[bot]` : "octocat"), createdAt: now, updatedAt: now };
    this.comments.push(c);
    return c;
  }

  /** Seed a team of the organization with its members. */
  addTeam(org: string, slug: string, members: string[]): void {
    this.teams.set(`${org}/${slug}`.toLowerCase(), new Set(members.map((m) => m.toLowerCase())));
  }

  /**
   * Make the next `times` requests matching `pattern` (a route id such as `POST /graphql`, or a
   * RegExp tested against `METHOD /path`) answer with the fault instead.
   */
  failNext(pattern: string | RegExp, fault: Fault): void {
    this.faults.push({ pattern, fault, left: fault.times ?? 1 });
  }

  /**
   * Hold the next `times` matching requests unanswered until `release()` (or `reset`/`close`): a
   * slow or hung GitHub whose timing the test decides, not the machine's speed.
   */
  hold(pattern: string | RegExp, times = 1): { release(): void } {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    this.releases.push(release);
    this.failNext(pattern, { gate, times });
    return { release };
  }

  /** Delay the next `times` matching requests by `ms`, then handle them normally. */
  delay(pattern: string | RegExp, ms: number, times = 1): void {
    this.failNext(pattern, { delayMs: ms, times });
  }

  requests(filter: Partial<Pick<LoggedRequest, "kind" | "route" | "method">> = {}): LoggedRequest[] {
    return this.log.filter((r) => (filter.kind === undefined || r.kind === filter.kind) && (filter.route === undefined || r.route === filter.route) && (filter.method === undefined || r.method === filter.method));
  }

  reads(): LoggedRequest[] {
    return this.requests({ kind: "read" });
  }

  writes(): LoggedRequest[] {
    return this.requests({ kind: "write" });
  }

  unknown(): LoggedRequest[] {
    return this.requests({ kind: "unknown" });
  }

  clearLog(): void {
    this.log.length = 0;
  }

  /** Poll (every 5 ms) until `predicate` holds; throws after `timeoutMs`. */
  async waitFor(predicate: () => boolean, timeoutMs = 5000, what = "condition"): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > until) throw new Error(`fake GitHub: timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  private takeFault(route: string | null, method: string, path: string): Fault | undefined {
    const i = this.faults.findIndex(({ pattern }) => (typeof pattern === "string" ? pattern === route : pattern.test(`${method} ${path}`)));
    if (i < 0) return undefined;
    const f = this.faults[i]!;
    if (--f.left <= 0) this.faults.splice(i, 1);
    return f.fault;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? "/", `http://${req.headers.host ?? this.host}`);
    const method = req.method ?? "GET";
    const path = url.pathname === "/api/graphql" ? "/graphql" : url.pathname.replace(/^\/api\/v3(?=\/)/, "");
    let body: any = undefined;
    if (raw.length) {
      try {
        body = JSON.parse(raw.toString("utf8"));
      } catch {
        body = raw.toString("utf8");
      }
    }
    const installation = /^(?:token|bearer) ghs_fake_(\d+)_/i.exec(String(req.headers.authorization ?? ""))?.[1];
    const entry: LoggedRequest = { method, path, query: Object.fromEntries(url.searchParams), route: null, kind: "unknown", body, status: 0, faulted: false, at: Date.now(), ...(installation ? { installation: Number(installation) } : {}) };
    this.log.push(entry);
    const onGhePath = url.pathname === "/api/graphql" || url.pathname.startsWith("/api/v3/");
    const found = onGhePath ? routes.find((r) => r.method === method && r.regex.test(path)) : undefined;
    if (found) {
      entry.route = found.id;
      entry.kind = found.kind;
    }
    const fault = this.takeFault(entry.route, method, path);
    if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault?.gate) await fault.gate;
    let reply: Reply;
    if (fault?.status) {
      entry.faulted = true;
      reply = { status: fault.status, headers: fault.headers ?? {}, body: fault.body ?? { message: `fake fault ${fault.status}` } };
    } else if (!found) {
      reply = { status: 404, body: { message: "Not Found", documentation_url: "https://docs.github.com/rest" } };
    } else {
      const ctx: RouteContext = { fake: this, params: found.regex.exec(path)!.groups ?? {}, query: entry.query, body, headers: req.headers, baseUrl: `${url.protocol}//${url.host}/api/v3`, url };
      const denied = this.authorize(found.kind, req.headers.authorization);
      try {
        reply = denied ?? (found.id === "POST /graphql" ? answerGraphql(this, body ?? {}) : found.handler(ctx));
      } catch (e) {
        reply = { status: 500, body: { message: `fake GitHub crashed: ${(e as Error).message}` } };
      }
    }
    entry.status = reply.status;
    res.writeHead(reply.status, { "content-type": "application/json; charset=utf-8", "x-github-request-id": String(this.log.length), ...(reply.headers ?? {}) });
    res.end(fault?.raw !== undefined ? fault.raw : reply.body === undefined ? "" : JSON.stringify(reply.body));
  }

  /** App JWT for the token route (its `iss` must be the app id), an issued token for the rest. */
  private authorize(kind: RequestKind, header: string | undefined): Reply | undefined {
    const [scheme, credential = ""] = (header ?? "").split(" ");
    if (kind === "auth") {
      const payload = credential.split(".")[1];
      let iss: unknown;
      try {
        iss = JSON.parse(Buffer.from(payload ?? "", "base64url").toString("utf8")).iss;
      } catch {
        iss = undefined;
      }
      if (scheme?.toLowerCase() !== "bearer" || String(iss) !== String(this.appId)) return { status: 401, body: { message: "A JSON web token could not be decoded" } };
      return undefined;
    }
    if (!this.tokens.has(credential)) return { status: 401, body: { message: "Bad credentials" } };
    return undefined;
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
