// The workflow level (triggers, top-level permissions) and the jobs of a GitHub workflow, for
// `.github/workflows/*.yml` and for the jobs an agentic workflow's front matter adds.
import type { Capability, Location, WorkflowAttrs } from "../model.js";
import { isRecord, type PathSegment } from "../parse/document.js";
import { hiddenDigestOf } from "../secrets.js";
import { str } from "./workflow-agents.js";
import { JobScan, lineAt, MAX_JOBS, type Ctx } from "./workflow-job.js";
import { jobGates, openTriggers } from "./workflow-exposure.js";
import { shapeProblem } from "./types.js";

/** Keys inside `on:` of agentic workflows that are options, not events. */
const NOT_EVENTS = new Set(["reaction", "stop-after", "manual-approval", "skip-if-match", "skip-if-no-match", "status-comment"]);

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

export interface Level {
  triggers: string[];
  /** Top-level permissions, undefined when absent. */
  permissions?: Record<string, string>;
  locations: Record<string, Location>;
  /** Events of `on:` anyone can cause (see workflow-exposure.ts). */
  open: string[];
}

/** The workflow level: triggers and top-level permissions. */
export function workflowLevel(ctx: Ctx, top: Record<string, unknown>): Level {
  const locations: Record<string, Location> = {};
  const found = triggersOf(top.on);
  for (const t of found) locations[`triggers:${t.name}`] ??= { line: lineAt(ctx, t.at) };
  const permissions = permissionsOf(top.permissions);
  for (const scope of Object.keys(permissions ?? {})) {
    locations[`permissions:${scope}`] = { line: lineAt(ctx, scope === "*" ? ["permissions"] : ["permissions", scope]) };
  }
  return { triggers: [...new Set(found.map((t) => t.name))].sort(), permissions, locations, open: openTriggers(top.on) };
}

export function levelCapability(ctx: Ctx, level: Level, line: number): Capability {
  const attrs: WorkflowAttrs = {
    workflow: ctx.path, triggers: level.triggers, permissions: level.permissions ?? { "*": "default" },
    secrets: [], secretsInherit: false, actions: [], unpinnedActions: [], agentActions: [], remoteScripts: [], injections: [],
  };
  return { kind: "workflow", key: `${ctx.path}#workflow`, path: ctx.path, line, attrs, locations: level.locations };
}

/** Effective permissions of a job and where each scope is declared. */
export function jobPermissions(ctx: Ctx, job: Record<string, unknown>, at: PathSegment[], level: Level, scan: JobScan): Record<string, string> {
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

export function jobCapabilities(ctx: Ctx, top: Record<string, unknown>, level: Level, jobsAt: PathSegment[]): Capability[] {
  const jobs = jobsAt.reduce<unknown>((v, k) => (isRecord(v) ? v[k as string] : undefined), top);
  if (!isRecord(jobs)) return [];
  const out: Capability[] = [];
  const gates = jobGates(jobs);
  for (const [id, job] of Object.entries(jobs).slice(0, MAX_JOBS)) {
    if (!isRecord(job)) continue;
    const at = [...jobsAt, id];
    const key = `${ctx.path}#jobs.${id}`;
    const scan = new JobScan(ctx, key);
    scan.exposure(level.open, gates.get(id) ?? false);
    for (const t of level.triggers) scan.loc("triggers", t, level.locations[`triggers:${t}`]?.line ?? 1);
    const permissions = jobPermissions(ctx, job, at, level, scan);
    scan.scanSecrets(top.env, ["env"]);
    scan.scanSecrets(job, at);
    if (typeof job.uses === "string") {
      scan.uses(job.uses, [...at, "uses"]);
      // A reusable workflow: a local one is read to see whether it runs an agent, a remote one cannot be.
      scan.calls.add(job.uses.trim());
    }
    if (job.secrets === "inherit") {
      scan.inherit = true;
      scan.loc("secretsInherit", "inherit", () => lineAt(ctx, [...at, "secrets"]));
    }
    const matrix = isRecord(job.strategy) && isRecord(job.strategy.matrix) ? job.strategy.matrix : {};
    scan.steps(job.steps, [...at, "steps"], matrix);
    const attrs = scan.attrs(ctx.path, id, level.triggers, permissions);
    // A job renamed with the same capabilities pairs with its old self (one out, one in: see diff.ts).
    const slot = `${ctx.path}#job@${hiddenDigestOf({ ...attrs, job: "" })}`;
    out.push({ kind: "workflow", key, slot, path: ctx.path, line: lineAt(ctx, at), attrs, locations: scan.locations, ...scan.reach() }, ...scan.extra);
  }
  return out;
}

/**
 * More jobs than GitHub runs in one workflow (256) and than are read here: not reviewed in part,
 * the file fails closed (no real workflow has this many).
 */
export function tooManyJobs(ctx: Ctx, top: Record<string, unknown>) {
  const n = isRecord(top.jobs) ? Object.keys(top.jobs).length : 0;
  return n > MAX_JOBS ? shapeProblem(ctx.path, lineAt(ctx, ["jobs"]), `the workflow has ${n} jobs, more than the ${MAX_JOBS} read (GitHub runs at most 256), so it was not reviewed`) : undefined;
}

