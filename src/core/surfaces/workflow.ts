// GitHub workflows (`.github/workflows/*.yml`), local composite actions (`action.yml`) and GitHub
// Agentic Workflows (`.github/workflows/*.md`): one capability for the workflow level (triggers,
// top-level permissions) and one per job (effective token permissions, secrets, actions, agent
// actions and their power inputs, remote scripts, attacker-controlled expressions).
import type { AgentActionUse, Capability, Location, WorkflowAttrs } from "../model.js";
import { normalizeMcpServer } from "../mcp-server.js";
import { isRecord, type LocatedDocument, type PathSegment } from "../parse/document.js";
import { LineIndex } from "../parse/text.js";
import { parseYaml } from "../parse/yaml.js";
import { hiddenDigestOf, looksLikeLiteralSecret } from "../secrets.js";
import { actionId, agentFamily, ghAwAgent, normalizeAgent, str, type AgentUse } from "./workflow-agents.js";
import { expressions, injectionsIn, MAX_SCAN, remoteScriptsIn, secretsInExpression, unscannedTail, type Unscanned } from "./workflow-steps.js";
import { shapeProblem, typeName, withDocument, type Surface } from "./types.js";

/** Keys inside `on:` of agentic workflows that are options, not events. */
const NOT_EVENTS = new Set(["reaction", "stop-after", "manual-approval", "skip-if-match", "skip-if-no-match", "status-comment"]);
const FIRST_PARTY = new Set(["actions", "github"]);
const SHA = /^[0-9a-f]{40}$/i;

/** A `uses:` that runs code whose owner can move it: third-party and not pinned to a full commit SHA. */
export function isUnpinned(uses: string): boolean {
  const u = uses.trim();
  if (u.startsWith("./") || u.startsWith("../")) return false;
  if (u.startsWith("docker://")) return !/@sha256:[0-9a-f]{64}$/i.test(u);
  const at = u.lastIndexOf("@");
  const owner = u.split("/")[0]!.toLowerCase();
  if (FIRST_PARTY.has(owner)) return false;
  return at < 0 || !SHA.test(u.slice(at + 1));
}

/** `on:` as sorted event names, each with where it is written. */
function triggersOf(on: unknown): { name: string; at: PathSegment[] }[] {
  if (typeof on === "string") return [{ name: on, at: ["on"] }];
  if (Array.isArray(on)) return on.flatMap((v, i) => (typeof v === "string" ? [{ name: v, at: ["on", i] }] : []));
  if (isRecord(on)) return Object.keys(on).filter((k) => !NOT_EVENTS.has(k)).map((k) => ({ name: k, at: ["on", k] }));
  return [];
}

/** `permissions:` normalized: `read-all`/`write-all` → `*`; undefined when the key is absent. */
function permissionsOf(v: unknown): Record<string, string> | undefined {
  if (v === undefined) return undefined;
  if (typeof v === "string") return { "*": v === "read-all" ? "read" : v === "write-all" ? "write" : v };
  if (v === null) return {};
  if (!isRecord(v)) return { "*": "unknown" };
  const out: Record<string, string> = {};
  for (const k of Object.keys(v).sort()) out[k] = str(v[k]) ?? "unknown";
  return out;
}

interface Ctx {
  path: string;
  doc: LocatedDocument;
  lines: string[];
  /** Added to every line (front matter starts after the `---`). */
  offset: number;
}

const lineAt = (ctx: Ctx, at: PathSegment[]): number => ctx.doc.lineOf(at) + ctx.offset;

/** The line of the n-th line inside a string value: exact for `|` blocks, the key's line otherwise. */
function lineWithin(ctx: Ctx, at: PathSegment[], n: number): number {
  const base = lineAt(ctx, at);
  const src = ctx.lines[base - 1] ?? "";
  return blockScalarHeader(src) ? base + 1 + n : base + n;
}

const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/.test(c);

/**
 * `key: |`, `key: >-2 # note`: a line that opens a block scalar. Read from each `:` once; the pattern
 * `:\s*[|>][-+0-9]*\s*(#.*)?$` was quadratic on a line of many `:>#` before a line terminator.
 */
function blockScalarHeader(src: string): boolean {
  // A comment runs to the end of the line: past the last line terminator only (`.` stops at one).
  let lastBreak = -1;
  for (let i = src.length - 1; i >= 0 && lastBreak < 0; i--) if ("\n\r\u2028\u2029".includes(src[i]!)) lastBreak = i;
  for (let colon = src.indexOf(":"); colon >= 0; colon = src.indexOf(":", colon + 1)) {
    let j = colon + 1;
    while (isSpace(src[j])) j++;
    if (src[j] !== "|" && src[j] !== ">") continue;
    j++;
    while (j < src.length && "-+0123456789".includes(src[j]!)) j++;
    while (isSpace(src[j])) j++;
    if (j === src.length || (src[j] === "#" && j > lastBreak)) return true;
  }
  return false;
}

/** Steps read per job, values read for secrets per job: caps on hostile files, reported when hit. */
const MAX_STEPS = 1000;
const MAX_JOBS = 500;
const MAX_VALUES = 20_000;

/** Collects one job's attributes (or a composite action's, or an agentic workflow's agent). */
class JobScan {
  secrets = new Set<string>();
  actions = new Set<string>();
  unpinned = new Set<string>();
  agents: AgentActionUse[] = [];
  remote = new Set<string>();
  injections = new Set<string>();
  /** Text the scan's caps kept it from reading that could hold what it looks for (see notScanned). */
  unscanned = new Set<string>();
  inherit = false;
  locations: Record<string, Location> = {};
  mcp: Capability[] = [];
  /** What the attrs leave out (literal credentials' values, agent inputs, cut scripts): one digest. */
  hidden: string[] = [];
  constructor(readonly ctx: Ctx, readonly jobKey: string) {}

  /**
   * Text a cap kept the scan from reading: an item naming where, how long and the digest of what
   * was not read, so it is a finding a person reads (an approval binds that exact text), not a cut.
   */
  notScanned(what: string, at: PathSegment[], u: Unscanned, line?: number) {
    const item = `${what} at ${at.join(".")} (${u.chars.toLocaleString("en-US")} characters, sha256:${hiddenDigestOf(u.text).slice(0, 12)})`;
    this.unscanned.add(item);
    // The item names a short digest; the job's digest takes the whole text, so an approval binds it.
    this.hidden.push(`unscanned:${u.text}`);
    this.loc("unscanned", item, () => line ?? lineWithin(this.ctx, at, u.lineOffset));
  }

  /** Record an item's line; a thunk, so that repeated items in big files cost no position lookup. */
  loc(attr: string, item: string, line: number | (() => number)) {
    const k = `${attr}:${item}`;
    if (!(k in this.locations)) this.locations[k] = { line: typeof line === "function" ? line() : line };
  }

  /**
   * Secrets in every `${{ }}` of a subtree (and in bare `if:` conditions), plus credentials
   * committed as literal `with:` / `env:` values (recorded by input name, never by value).
   */
  scanSecrets(value: unknown, at: PathSegment[], budget = { n: MAX_VALUES }) {
    if (budget.n-- <= 0) {
      if (budget.n === -1) this.notScanned(`values past the ${MAX_VALUES.toLocaleString("en-US")}th, not read for secrets,`, at, { kind: "rest", lineOffset: 0, chars: JSON.stringify(value)?.length ?? 0, text: JSON.stringify(value) ?? "" });
      return;
    }
    if (typeof value === "string") {
      const tail = unscannedTail(value, { downloads: false });
      if (tail) this.notScanned(`text past the first ${MAX_SCAN.toLocaleString("en-US")} characters`, at, tail);
      const key = at[at.length - 1];
      const parent = at[at.length - 2];
      if ((parent === "with" || parent === "env") && typeof key === "string" && looksLikeLiteralSecret(key, value)) {
        this.secrets.add(`literal:${key}`);
        this.hidden.push(`${key}=${value}`);
        this.loc("secrets", `literal:${key}`, () => lineAt(this.ctx, at));
      }
      const exprs = key === "if" ? [value] : expressions(value);
      // Upper-cased and indexed once per value, not once per secret it names (a run step may name thousands).
      let upper: string | undefined;
      let index: LineIndex | undefined;
      for (const name of exprs.flatMap(secretsInExpression)) {
        this.secrets.add(name);
        this.loc("secrets", name, () => {
          const idx = (upper ??= value.toUpperCase()).indexOf(name);
          return lineWithin(this.ctx, at, idx < 0 ? 0 : (index ??= new LineIndex(value)).lineOf(idx) - 1);
        });
      }
    } else if (Array.isArray(value)) value.forEach((v, i) => this.scanSecrets(v, [...at, i], budget));
    else if (isRecord(value)) for (const [k, v] of Object.entries(value)) this.scanSecrets(v, [...at, k], budget);
  }

  uses(uses: string, at: PathSegment[]) {
    const u = uses.trim();
    this.actions.add(u);
    this.loc("actions", u, () => lineAt(this.ctx, at));
    if (isUnpinned(u)) {
      this.unpinned.add(u);
      this.loc("unpinnedActions", u, () => lineAt(this.ctx, at));
    }
  }

  injected(text: string, where: string, at: PathSegment[]) {
    const tail = unscannedTail(text, { downloads: false });
    if (tail) this.notScanned(`text past the first ${MAX_SCAN.toLocaleString("en-US")} characters`, at, tail);
    for (const { expr, lineOffset } of injectionsIn(text)) {
      const item = `${expr} in ${where}`;
      this.injections.add(item);
      this.loc("injections", item, () => lineWithin(this.ctx, at, lineOffset));
    }
  }

  agent(use: AgentUse, at: PathSegment[], withAt: PathSegment[]) {
    this.agents.push({ action: use.action, inputs: use.inputs });
    if (use.hiddenDigest) this.hidden.push(`agent:${use.action}:${use.hiddenDigest}`);
    this.loc("agentActions", use.action, () => lineAt(this.ctx, at));
    for (const [input, from] of Object.entries(use.sources)) this.loc("agentActions", `${use.action}.${input}`, () => lineAt(this.ctx, [...withAt, from]));
    for (const p of use.prompts) this.injected(p.text, `${p.key} of ${use.action}`, [...withAt, p.key]);
    const client = use.family === "claude" || use.family === "codex" || use.family === "gemini" ? use.family : use.action.startsWith("github/copilot") ? "copilot" : "generic";
    for (const s of use.mcpServers) {
      const attrs = normalizeMcpServer(s.name, s.raw, client);
      const line = lineAt(this.ctx, [...withAt, s.from]);
      this.mcp.push({ kind: "mcp_server", key: `${this.jobKey}.mcpServers.${s.name}`, path: this.ctx.path, line, attrs });
    }
  }

  step(step: unknown, at: PathSegment[], matrix: Record<string, unknown>) {
    if (!isRecord(step)) return;
    const withRaw = isRecord(step.with) ? step.with : {};
    if (typeof step.uses === "string") {
      this.uses(step.uses, [...at, "uses"]);
      const family = agentFamily(step.uses, Object.keys(withRaw));
      if (family) this.agent(normalizeAgent(family, step.uses, withRaw, matrix), [...at, "uses"], [...at, "with"]);
      else if (actionId(step.uses) === "actions/github-script" && typeof withRaw.script === "string") {
        this.injected(withRaw.script, "script of actions/github-script", [...at, "with", "script"]);
      }
    }
    if (typeof step.run === "string") {
      const { found, unscanned } = remoteScriptsIn(step.run);
      for (const r of found) {
        this.remote.add(r.script);
        if (r.full) this.hidden.push(`remote:${r.full}`);
        this.loc("remoteScripts", r.script, () => lineWithin(this.ctx, [...at, "run"], r.lineOffset));
      }
      for (const u of unscanned) {
        const what = u.kind === "tail" ? `text past the first ${MAX_SCAN.toLocaleString("en-US")} characters` : "a command naming a download, too long to check for download-and-run";
        this.notScanned(what, [...at, "run"], u);
      }
      this.injected(step.run, "run", [...at, "run"]);
    }
  }

  steps(steps: unknown, at: PathSegment[], matrix: Record<string, unknown>) {
    if (!Array.isArray(steps)) return;
    steps.slice(0, MAX_STEPS).forEach((s, i) => this.step(s, [...at, i], matrix));
    if (steps.length > MAX_STEPS) {
      const rest = JSON.stringify(steps.slice(MAX_STEPS)) ?? "";
      this.notScanned(`steps past the ${MAX_STEPS.toLocaleString("en-US")}th, not read,`, [...at, MAX_STEPS], { kind: "rest", lineOffset: 0, chars: rest.length, text: rest });
    }
  }

  attrs(workflow: string, job: string, triggers: string[], permissions: Record<string, string>): WorkflowAttrs {
    const sorted = (s: Set<string>) => [...s].sort();
    const agents = [...this.agents].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
    return {
      workflow, job, triggers, permissions,
      secrets: sorted(this.secrets), secretsInherit: this.inherit,
      actions: sorted(this.actions), unpinnedActions: sorted(this.unpinned),
      agentActions: agents, remoteScripts: sorted(this.remote), injections: sorted(this.injections),
      ...(this.unscanned.size ? { unscanned: sorted(this.unscanned) } : {}),
      ...(this.hidden.length ? { hiddenDigest: hiddenDigestOf([...this.hidden].sort()) } : {}),
    };
  }
}

interface Level {
  triggers: string[];
  /** Top-level permissions, undefined when absent. */
  permissions?: Record<string, string>;
  locations: Record<string, Location>;
}

/** The workflow level: triggers and top-level permissions. */
function workflowLevel(ctx: Ctx, top: Record<string, unknown>): Level {
  const locations: Record<string, Location> = {};
  const found = triggersOf(top.on);
  for (const t of found) locations[`triggers:${t.name}`] ??= { line: lineAt(ctx, t.at) };
  const permissions = permissionsOf(top.permissions);
  for (const scope of Object.keys(permissions ?? {})) {
    locations[`permissions:${scope}`] = { line: lineAt(ctx, scope === "*" ? ["permissions"] : ["permissions", scope]) };
  }
  return { triggers: [...new Set(found.map((t) => t.name))].sort(), permissions, locations };
}

function levelCapability(ctx: Ctx, level: Level, line: number): Capability {
  const attrs: WorkflowAttrs = {
    workflow: ctx.path, triggers: level.triggers, permissions: level.permissions ?? { "*": "default" },
    secrets: [], secretsInherit: false, actions: [], unpinnedActions: [], agentActions: [], remoteScripts: [], injections: [],
  };
  return { kind: "workflow", key: `${ctx.path}#workflow`, path: ctx.path, line, attrs, locations: level.locations };
}

/** Effective permissions of a job and where each scope is declared. */
function jobPermissions(ctx: Ctx, job: Record<string, unknown>, at: PathSegment[], level: Level, scan: JobScan): Record<string, string> {
  const own = permissionsOf(job.permissions);
  const effective = own ?? level.permissions ?? { "*": "default" };
  for (const scope of Object.keys(effective)) {
    const line = own
      ? lineAt(ctx, scope === "*" ? [...at, "permissions"] : [...at, "permissions", scope])
      : level.locations[`permissions:${scope}`]?.line ?? lineAt(ctx, at);
    scan.loc("permissions", scope, line);
  }
  return effective;
}

function jobCapabilities(ctx: Ctx, top: Record<string, unknown>, level: Level, jobsAt: PathSegment[]): Capability[] {
  const jobs = jobsAt.reduce<unknown>((v, k) => (isRecord(v) ? v[k as string] : undefined), top);
  if (!isRecord(jobs)) return [];
  const out: Capability[] = [];
  for (const [id, job] of Object.entries(jobs).slice(0, MAX_JOBS)) {
    if (!isRecord(job)) continue;
    const at = [...jobsAt, id];
    const key = `${ctx.path}#jobs.${id}`;
    const scan = new JobScan(ctx, key);
    for (const t of level.triggers) scan.loc("triggers", t, level.locations[`triggers:${t}`]?.line ?? 1);
    const permissions = jobPermissions(ctx, job, at, level, scan);
    scan.scanSecrets(top.env, ["env"]);
    scan.scanSecrets(job, at);
    if (typeof job.uses === "string") scan.uses(job.uses, [...at, "uses"]);
    if (job.secrets === "inherit") {
      scan.inherit = true;
      scan.loc("secretsInherit", "inherit", () => lineAt(ctx, [...at, "secrets"]));
    }
    const matrix = isRecord(job.strategy) && isRecord(job.strategy.matrix) ? job.strategy.matrix : {};
    scan.steps(job.steps, [...at, "steps"], matrix);
    const attrs = scan.attrs(ctx.path, id, level.triggers, permissions);
    out.push({ kind: "workflow", key, path: ctx.path, line: lineAt(ctx, at), attrs, locations: scan.locations }, ...scan.mcp);
  }
  return out;
}

function parseWorkflowYaml(path: string, text: string) {
  return withDocument(parseYaml(path, text), (doc) => {
    const top = doc.value;
    if (top === null || top === undefined) return [];
    if (!isRecord(top)) return { capabilities: [], problems: [shapeProblem(path, doc.lineOf([]), `a workflow must be a mapping at the top level, found ${typeName(top)}`)] };
    const ctx: Ctx = { path, doc, lines: text.split("\n"), offset: 0 };
    if (/(^|\/)action\.ya?ml$/i.test(path)) return compositeAction(ctx, top);
    if (top.on === undefined && top.jobs === undefined) return [];
    const tooMany = tooManyJobs(ctx, top);
    if (tooMany) return { capabilities: [], problems: [tooMany] };
    const level = workflowLevel(ctx, top);
    return [levelCapability(ctx, level, top.on !== undefined ? lineAt(ctx, ["on"]) : 1), ...jobCapabilities(ctx, top, level, ["jobs"])];
  });
}

/**
 * More jobs than GitHub runs in one workflow (256) and than are read here: not reviewed in part,
 * the file fails closed (no real workflow has this many).
 */
function tooManyJobs(ctx: Ctx, top: Record<string, unknown>) {
  const n = isRecord(top.jobs) ? Object.keys(top.jobs).length : 0;
  return n > MAX_JOBS ? shapeProblem(ctx.path, lineAt(ctx, ["jobs"]), `the workflow has ${n} jobs, more than the ${MAX_JOBS} read (GitHub runs at most 256), so it was not reviewed`) : undefined;
}

/** A local action: composite `runs.steps` run inside the caller's job, with its token and secrets. */
function compositeAction(ctx: Ctx, top: Record<string, unknown>): Capability[] {
  const runs = isRecord(top.runs) ? top.runs : undefined;
  if (!runs) return [];
  const key = `${ctx.path}#runs`;
  const scan = new JobScan(ctx, key);
  if (typeof runs.image === "string" && runs.image.startsWith("docker://")) scan.uses(runs.image, ["runs", "image"]);
  else if (!Array.isArray(runs.steps)) return [];
  scan.scanSecrets(runs, ["runs"]);
  scan.steps(runs.steps, ["runs", "steps"], {});
  // The caller's token: nothing is granted here, so nothing to compare.
  const attrs = scan.attrs(ctx.path, "runs", [], {});
  return [{ kind: "workflow", key, path: ctx.path, line: lineAt(ctx, ["runs"]), attrs, locations: scan.locations }, ...scan.mcp];
}

/** YAML front matter between `---` lines: its text, the line it starts on, and where the body starts. */
function frontMatter(text: string): { yaml: string; firstLine: number; bodyLine: number; body: string } | undefined {
  const lines = text.split("\n");
  if (!/^---\s*$/.test(lines[0]?.replace(/^\uFEFF/, "") ?? "")) return undefined;
  const end = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
  if (end < 0) return undefined;
  return { yaml: lines.slice(1, end).join("\n"), firstLine: 2, bodyLine: end + 2, body: lines.slice(end + 1).join("\n") };
}

/** GitHub Agentic Workflow: front matter (`on`, `permissions`, `tools`, `network`, `safe-outputs`), body = prompt. */
function parseAgentic(path: string, text: string) {
  const fm = frontMatter(text);
  if (!fm) return { capabilities: [], problems: [] };
  const parsed = parseYaml(path, fm.yaml);
  if (!parsed.ok) return { capabilities: [], problems: [{ ...parsed.problem, line: parsed.problem.line + fm.firstLine - 1 }] };
  return withDocument(parsed, (doc) => {
    const top = doc.value;
    if (top === null || top === undefined) return [];
    if (!isRecord(top)) return { capabilities: [], problems: [shapeProblem(path, fm.firstLine, `agentic workflow front matter must be a mapping, found ${typeName(top)}`)] };
    if (top.on === undefined) return [];
    const ctx: Ctx = { path, doc, lines: text.split("\n"), offset: fm.firstLine - 1 };
    const tooMany = tooManyJobs(ctx, top);
    if (tooMany) return { capabilities: [], problems: [tooMany] };
    const level = workflowLevel(ctx, top);
    const key = `${path}#jobs.agent`;
    const scan = new JobScan(ctx, key);
    for (const t of level.triggers) scan.loc("triggers", t, level.locations[`triggers:${t}`]?.line ?? 1);
    const permissions = jobPermissions(ctx, {}, ["on"], level, scan);
    scan.scanSecrets(top, []);
    scan.agent(ghAwAgent(top), ["on"], []);
    for (const t of ["tools", "network", "safe-outputs", "engine", "roles"]) {
      if (top[t] !== undefined) scan.loc("agentActions", `gh-aw.${t}`, () => lineAt(ctx, [t]));
    }
    scan.steps(top.steps, ["steps"], {});
    scan.steps(top["post-steps"], ["post-steps"], {});
    for (const name of expressions(fm.body).flatMap(secretsInExpression)) {
      scan.secrets.add(name);
      scan.loc("secrets", name, fm.bodyLine);
    }
    const tail = unscannedTail(fm.body, { downloads: false });
    if (tail) scan.notScanned(`prompt text past the first ${MAX_SCAN.toLocaleString("en-US")} characters`, ["body"], tail, fm.bodyLine + tail.lineOffset);
    // The body is the agent's prompt: whitespace folded, it enters the job's digest.
    scan.hidden.push(`prompt:${fm.body.replace(/\s+/g, " ").trim()}`);
    for (const { expr, lineOffset } of injectionsIn(fm.body)) {
      const item = `${expr} in prompt of gh-aw`;
      scan.injections.add(item);
      scan.loc("injections", item, fm.bodyLine + lineOffset);
    }
    const agentCap: Capability = {
      kind: "workflow", key, path, line: lineAt(ctx, ["on"]), attrs: scan.attrs(path, "agent", level.triggers, permissions), locations: scan.locations,
    };
    return [levelCapability(ctx, level, lineAt(ctx, ["on"])), agentCap, ...scan.mcp, ...jobCapabilities(ctx, top, level, ["jobs"])];
  });
}

export const workflowSurface: Surface = {
  id: "workflow",
  description: "GitHub Actions workflows, local composite actions and agentic workflows (.md): triggers, token permissions, secrets, actions and agent actions in CI",
  patterns: [".github/workflows/*.yml", ".github/workflows/*.yaml", ".github/workflows/*.md", "**/action.yml", "**/action.yaml"],
  parse({ path, text }) {
    if (/\.md$/i.test(path)) return parseAgentic(path, text);
    return parseWorkflowYaml(path, text);
  },
};
