// One job of a GitHub workflow (or a composite action's steps, or an agentic workflow's agent):
// the scan that collects its secrets, actions, agent uses, remote scripts and injections.
import type { AgentActionUse, Capability, Client, Location, WorkflowAttrs } from "../model.js";
import { normalizeMcpServer } from "../mcp-server.js";
import { isRecord, type LocatedDocument, type PathSegment } from "../parse/document.js";
import { LineIndex } from "../parse/text.js";
import { hiddenDigestOf, looksLikeLiteralSecret } from "../secrets.js";
import { actionId, agentFamily, normalizeAgent, type AgentUse } from "./workflow-agents.js";
import { embeddedInstructions } from "./instructions.js";
import { agentClisIn, type CliUse } from "./workflow-cli.js";
import { checksActor, isGate } from "./workflow-exposure.js";
import { agentFilesIn, isModelCredential, reachOf } from "./workflow-reach.js";
import { implicitReaders, mcpServersIn, samePath, trustMarks, writtenFiles, type WrittenFile } from "./workflow-written.js";
import { expressions, injectionsIn, MAX_SCAN, remoteScriptsIn, secretsInExpression, unscannedTail, type Unscanned } from "./workflow-steps.js";

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

export interface Ctx {
  path: string;
  doc: LocatedDocument;
  lines: string[];
  /** Added to every line (front matter starts after the `---`). */
  offset: number;
}

export const lineAt = (ctx: Ctx, at: PathSegment[]): number => ctx.doc.lineOf(at) + ctx.offset;

/** The line of the n-th line inside a string value: exact for `|` blocks, the key's line otherwise. */
export function lineWithin(ctx: Ctx, at: PathSegment[], n: number): number {
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
export const MAX_JOBS = 500;
const MAX_VALUES = 20_000;

/** Collects one job's attributes (or a composite action's, or an agentic workflow's agent). */
export class JobScan {
  secrets = new Set<string>();
  actions = new Set<string>();
  unpinned = new Set<string>();
  agents: AgentActionUse[] = [];
  /** The client of each of `agents` (claude, codex, gemini, copilot, generic). */
  private clients: Client[] = [];
  /** Files the steps write and workspaces they mark trusted, resolved onto the agents at the end. */
  private written: { file: WrittenFile; line: number }[] = [];
  private trust: { family: string; mark: string; line: number }[] = [];
  private finished = false;
  /** Events anyone can cause, and whether the job's or the current step's `if:` checks who did. */
  private open: string[] = [];
  private jobGated: string | false = false;
  private stepGated: string | false = false;
  remote = new Set<string>();
  injections = new Set<string>();
  /** Text the scan's caps kept it from reading that could hold what it looks for (see notScanned). */
  unscanned = new Set<string>();
  inherit = false;
  locations: Record<string, Location> = {};
  /** Capabilities the job holds besides itself: its MCP servers, its agents' prompts. */
  extra: Capability[] = [];
  /** What ties the job to an agent, and the local files it calls (see workflow-reach.ts). */
  signals = new Set<string>();
  calls = new Set<string>();
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
      if ((parent === "with" || parent === "env") && typeof key === "string" && isModelCredential(key, parent === "with")) this.signals.add(`credential:${key}`);
      // Gemini CLI trusts the workspace (its settings, MCP servers) when this is set.
      if (parent === "env" && key === "GEMINI_CLI_TRUST_WORKSPACE" && /^(?:true|1)$/i.test(value.trim())) {
        this.trust.push({ family: "gemini", mark: key, line: lineAt(this.ctx, at) });
      }
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
        if (isModelCredential(name)) this.signals.add(`credential:${name}`);
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
    if (u.startsWith("./") || u.startsWith("../")) this.calls.add(u);
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

  /** An agent action's step: `at` its `uses:`, `withAt` its `with:`. */
  agent(use: AgentUse, at: PathSegment[], withAt: PathSegment[]) {
    this.recordAgent(use, (from) => lineAt(this.ctx, from === undefined ? at : [...withAt, from]));
    for (const p of use.prompts) this.injected(p.text, `${p.key} of ${use.action}`, [...withAt, p.key]);
  }

  /** An agent CLI run in the `run:` script at `runAt`: every input on the command's line. */
  cliAgent(use: CliUse, runAt: PathSegment[]) {
    this.recordAgent(use, () => lineWithin(this.ctx, runAt, use.lineOffset));
  }

  /** An agent's prompt: its instructions, under a key of its own (the n-th use of that action in the job). */
  private promptOf(use: AgentUse, p: { key: string; text: string }, line: number) {
    const base = `${this.jobKey.slice(this.ctx.path.length + 1)}.${use.action}.${p.key}`;
    let id = base;
    for (let n = 2; this.extra.some((c) => c.key === `${this.ctx.path}#${id}`); n++) id = `${base}#${n}`;
    const client: Client = use.family === "claude" || use.family === "codex" || use.family === "gemini" ? use.family : "generic";
    const cap = embeddedInstructions(this.ctx.path, id, line, p.text, "agent-prompt", client, null);
    // The slot pairs it across a rename of its job, as the job itself is paired.
    this.extra.push({ ...cap, slot: `${this.ctx.path}#prompt:${use.action}.${p.key}@${hiddenDigestOf(cap.attrs)}` });
  }

  /** The workflow's events anyone can cause, and whether the job's `if:` checks who caused them. */
  exposure(open: string[], gate: string | false) {
    this.open = open;
    this.jobGated = gate;
  }

  private recordAgent(use: AgentUse, line: (from?: string) => number) {
    for (const p of use.instructions ?? []) this.promptOf(use, p, line(p.key));
    // An agent with no check of its own, on events anyone can cause, unchecked: who may run it.
    const exposed = this.open.length && !this.jobGated && !this.stepGated && !checksActor(use.action);
    // The check that keeps it closed is part of it: another condition there is a change to read.
    if (this.open.length && !exposed && !checksActor(use.action)) this.hidden.push(`gate:${this.jobGated || ""}:${this.stepGated || ""}`);
    this.agents.push({ action: use.action, inputs: exposed ? { ...use.inputs, openTriggers: this.open } : use.inputs });
    this.signals.add(`agent:${use.action}`);
    if (use.hiddenDigest) this.hidden.push(`agent:${use.action}:${use.hiddenDigest}`);
    this.loc("agentActions", use.action, () => line());
    for (const [input, from] of Object.entries(use.sources)) this.loc("agentActions", `${use.action}.${input}`, () => line(from));
    const copilot = use.action.startsWith("github/copilot") || use.action === "cli:copilot";
    const client: Client = use.family === "claude" || use.family === "codex" || use.family === "gemini" ? use.family : copilot ? "copilot" : "generic";
    this.clients.push(client);
    for (const s of use.mcpServers) {
      const attrs = normalizeMcpServer(s.name, s.raw, client);
      const at = line(s.from);
      // Keyed by job; the slot pairs it across a job's rename.
      const slot = `${this.ctx.path}#mcpServers.${s.name}@${hiddenDigestOf(attrs)}`;
      this.extra.push({ kind: "mcp_server", key: `${this.jobKey}.mcpServers.${s.name}`, slot, path: this.ctx.path, line: at, attrs });
    }
  }

  step(step: unknown, at: PathSegment[], matrix: Record<string, unknown>) {
    if (!isRecord(step)) return;
    this.stepGated = isGate(step.if) && String(step.if);
    const withRaw = isRecord(step.with) ? step.with : {};
    for (const v of [step.run, ...Object.values(withRaw)]) if (typeof v === "string") for (const f of agentFilesIn(v)) this.signals.add(`file:${f}`);
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
      const runAt = [...at, "run"];
      for (const file of writtenFiles(step.run)) this.written.push({ file, line: lineWithin(this.ctx, runAt, file.lineOffset) });
      for (const t of trustMarks(step.run)) this.trust.push({ ...t, line: lineWithin(this.ctx, runAt, t.lineOffset) });
      const cli = agentClisIn(step.run);
      for (const use of cli.uses) this.cliAgent(use, [...at, "run"]);
      for (const u of cli.unscanned) this.notScanned("a command naming an agent CLI, too long to read for its flags", [...at, "run"], u);
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

  /** The job's `reach` (not compared by the diff): signals of an agent and local calls. */
  reach() {
    return reachOf(this.signals, this.calls);
  }

  /**
   * MCP configs the steps wrote, onto the agents told to read them (`--mcp-config`, `mcp_config:`)
   * or that read them by themselves (`.mcp.json`); trust marks onto the agents of their family (one
   * with no agent run in sight is its agent's all the same: it runs from a script).
   */
  private finish() {
    if (this.finished) return;
    this.finished = true;
    this.stepGated = false;
    for (const { file, line } of this.written) {
      const servers = mcpServersIn(file.text);
      if (!servers) continue;
      const readers = implicitReaders(file.path);
      let client: Client | undefined;
      this.agents.forEach((u, i) => {
        const files = Array.isArray(u.inputs.mcpConfigFiles) ? (u.inputs.mcpConfigFiles as string[]) : [];
        const rest = files.filter((f) => !samePath(f, file.path));
        if (rest.length === files.length && !readers.includes(this.clients[i]!)) return;
        if (rest.length) u.inputs.mcpConfigFiles = rest;
        else delete u.inputs.mcpConfigFiles;
        const had = Array.isArray(u.inputs.mcpServers) ? (u.inputs.mcpServers as string[]) : [];
        u.inputs.mcpServers = [...new Set([...had, ...Object.keys(servers)])].sort();
        client ??= this.clients[i];
      });
      // Whatever it reaches, a written MCP config is part of the job: another server in it is a change.
      this.hidden.push(`written:${file.path}:${file.text}`);
      // Unsure where it goes (a path the script builds another way): the agents that read some file.
      if (client === undefined) {
        this.agents.forEach((u, i) => {
          if (!Array.isArray(u.inputs.mcpConfigFiles)) return;
          const had = Array.isArray(u.inputs.mcpServers) ? (u.inputs.mcpServers as string[]) : [];
          u.inputs.mcpServers = [...new Set([...had, ...Object.keys(servers)])].sort();
          client ??= this.clients[i];
        });
      }
      if (client === undefined) continue;
      for (const [name, raw] of Object.entries(servers)) {
        const key = `${this.jobKey}.mcpServers.${name}`;
        if (this.extra.some((c) => c.key === key)) continue;
        const attrs = normalizeMcpServer(name, raw, client);
        this.extra.push({ kind: "mcp_server", key, slot: `${this.ctx.path}#mcpServers.${name}@${hiddenDigestOf(attrs)}`, path: this.ctx.path, line, attrs });
      }
    }
    const seen = new Set<string>();
    for (const t of this.trust) {
      if (seen.has(`${t.family}:${t.mark}`)) continue;
      seen.add(`${t.family}:${t.mark}`);
      let found = false;
      this.agents.forEach((u, i) => {
        if (this.clients[i] !== t.family) return;
        const had = Array.isArray(u.inputs.trustsWorkspace) ? (u.inputs.trustsWorkspace as string[]) : [];
        u.inputs.trustsWorkspace = [...new Set([...had, t.mark])].sort();
        found = true;
      });
      if (!found) this.recordAgent({ action: `cli:${t.family}`, family: "generic", inputs: { trustsWorkspace: [t.mark] }, sources: {}, prompts: [], mcpServers: [] }, () => t.line);
    }
  }

  attrs(workflow: string, job: string, triggers: string[], permissions: Record<string, string>): WorkflowAttrs {
    this.finish();
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
