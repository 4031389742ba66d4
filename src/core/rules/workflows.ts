// Rules for GitHub workflows: untrusted triggers, token permissions, secrets, unpinned actions,
// agent actions and their power inputs, remote scripts and script/prompt injection.
import type { AgentActionUse, Json, Severity, WorkflowAttrs } from "../model.js";
import { SEVERITY_RANK } from "../model.js";
import { canonicalJson, sameCanonical } from "../canonical.js";
import { added, code, escalation, neutral, reduction, type Evaluator, type Hit, type RawChange, rule, type RuleDef } from "./types.js";

/** The rules of this family: id, default severity, title and explanation (every report and `explain` show these). */
export const WORKFLOW_RULES: readonly RuleDef[] = [
  rule("workflow.pull-request-target", "high", "Workflow runs with secrets on untrusted events",
    "The workflow now runs on `pull_request_target`, `workflow_run` or `issue_comment`/`issues` events: with the base repository's secrets and a write token, on input an outsider controls. Combined with checking out the PR head or an agent reading PR text, this is a 'pwn request'."),
  rule("workflow.permissions-escalated", "high", "Workflow token gains permissions",
    "A job's GITHUB_TOKEN gains a write scope, `write-all`, or `id-token: write` (cloud credentials through OIDC). Give each job the least it needs."),
  rule("workflow.secrets-added", "medium", "Workflow uses new secrets",
    "The workflow references secrets it did not use before. Check which steps (and which actions) can read them."),
  rule("workflow.secrets-inherit", "high", "All secrets passed to a reusable workflow",
    "`secrets: inherit` hands every repository and organization secret to the called workflow. Pass only the secrets it needs."),
  rule("workflow.unpinned-action", "medium", "Third-party action not pinned to a commit",
    "A third-party action is referenced by tag or branch, which its owner (or an attacker who takes over the repository) can move. Pin the full 40-character commit SHA."),
  rule("workflow.agent-action", "high", "Agent action added or given more power",
    "A coding agent runs in CI (claude-code-action, codex-action, run-gemini-cli, Copilot..., or an agent CLI in a `run:` step: `claude -p`, `codex exec`, `gemini`, `copilot`, `opencode run`, `aider`, `cursor-agent`), or its power inputs widened: allowed tools, permission mode, sandbox, MCP config (also one an earlier step writes), settings, plugins, a workspace marked trusted. Critical when it may do anything unattended: `--dangerously-skip-permissions`, `--yolo`, `--allow-all-tools`, `danger-full-access`, `Bash` allowed, or run-gemini-cli (always `--yolo`) without a `tools.core` list that restricts its shell. In CI nobody approves its actions, so these inputs are the whole of its permissions."),
  rule("workflow.agent-open-trigger", "high", "Anyone can trigger the agent",
    "Anyone can make the agent run: it accepts triggers from any user or bot (`allowed_non_write_users: \"*\"`, `allow-users: \"*\"`, `allowed_bots: \"*\"`), or it is an agent that checks no permission itself (run-gemini-cli, an agent CLI...) on events anyone can cause (`issue_comment`, `issues`, `pull_request_target`...; medium for `pull_request`, whose runs from forks get no secrets) with no `if:` on the job or step checking the actor, their association or the fork. An outsider's issue or comment becomes a prompt, with the workflow's secrets in reach."),
  rule("workflow.remote-script", "high", "Workflow runs a script from the network",
    "A `run` step pipes a download into a shell (`curl ... | sh`, `wget -O- ... | bash`, `iex (iwr ...)`). Whatever the server returns runs with the job's token and secrets. Download a pinned version and verify its checksum."),
  rule("workflow.script-injection", "high", "Untrusted input interpolated into a script or prompt",
    "An expression an outsider controls (`${{ github.event.issue.title }}`, `github.head_ref`, comment bodies...) is pasted into a `run` script or an agent prompt, where it becomes code or instructions. Pass it through an environment variable and quote it."),
  rule("workflow.unscanned", "high", "Workflow text too long to review",
    "Part of a workflow is longer than the review reads, and could hold what it looks for: a `run` command that names a download and runs past 2,000 characters, text with `${{ }}` expressions past its first 200,000 characters, or steps past a job's 1,000th. Rather than pass what it did not read, the review names it with its length and digest: read it by hand. An approval covers that exact text. This finding cannot be turned off or lowered by policy."),
];

/** Events that run with the base repository's secrets on input an outsider controls. */
export const RISKY_TRIGGERS = new Set([
  "pull_request_target", "workflow_run", "issue_comment", "issues", "pull_request_review_comment",
  "discussion", "discussion_comment",
  // Agentic workflows: slash commands compile to issue / comment triggers.
  "command", "slash_command",
]);

/** Ordered values of inputs where a higher rank gives the agent more power; absent = the action's default. */
const RANKS: Record<string, { ranks: Record<string, number>; absent: string }> = {
  permissionMode: { ranks: { plan: 0, dontAsk: 1, default: 1, acceptEdits: 2, bypassPermissions: 4 }, absent: "default" },
  sandbox: { ranks: { "read-only": 0, "workspace-write": 1, "danger-full-access": 4 }, absent: "workspace-write" },
  "safety-strategy": { ranks: { "read-only": 0, "unprivileged-user": 1, "drop-sudo": 1, unsafe: 4 }, absent: "drop-sudo" },
  // run-gemini-cli's shell tool, from its settings (workflow-agents.ts geminiTools).
  shell: { ranks: { none: 0, restricted: 1, any: 4 }, absent: "any" },
};
/** Unknown values (expressions) rank between the default and the dangerous one. */
const UNKNOWN_RANK = 3;

/** Lists that restrict the agent: losing items (or the whole list) widens it. */
const RESTRICTING = new Set(["disallowedTools", "tools", "permission-profile", "strictMcpConfig", "coreTools", "excludeTools", "--deny-tool", "--disable-builtin-mcps"]);
/** Restricting lists that name what is allowed: gaining an item widens, losing one narrows. */
const ALLOWLISTS = new Set(["tools", "coreTools"]);
const OPEN_INPUTS = ["allowed_non_write_users", "allowed_bots", "allow-users", "allow-bot-users", "allow-bots", "roles"];
const DANGEROUS_ARGS = /--dangerously-bypass-approvals-and-sandbox|--yolo\b|--dangerously-skip-permissions|danger-full-access|bypassPermissions/;

const values = (v: Json | undefined): string[] =>
  v === undefined || v === null ? [] : Array.isArray(v) ? v.map((x) => String(x)) : [String(v)];

const show = (v: Json | undefined): string => (v === undefined ? "(default)" : values(v).join(", ") || "(empty)");

function rankOf(key: string, v: Json | undefined): number {
  const r = RANKS[key]!;
  const vs = values(v);
  return Math.max(...(vs.length ? vs : [r.absent]).map((x) => r.ranks[x] ?? UNKNOWN_RANK));
}

/** Agent CLI flags (`run:` steps) that let it run every tool unattended; `--force` is cursor-agent's. */
const DANGEROUS_FLAGS = ["--dangerously-bypass-approvals-and-sandbox", "--yolo", "--allow-all-tools", "--allow-all", "--yes-always"];
/** Tool rules that allow any shell command. */
const ANY_SHELL = new Set(["Bash", "Bash(*)", "Bash(*:*)", "*"]);

/** The settings that make an agent run unattended with everything allowed (or any shell command). */
export function dangerousInputs(inputs: Record<string, Json>, action = ""): string[] {
  const out: string[] = [];
  for (const f of DANGEROUS_FLAGS) if (inputs[f] === true) out.push(f);
  if (action === "cli:cursor-agent" && inputs["--force"] === true) out.push("--force");
  if (values(inputs["--approval-mode"]).includes("yolo")) out.push("--approval-mode yolo");
  for (const c of values(inputs["--config"])) if (/^sandbox_mode\s*=\s*["']?danger-full-access/.test(c)) out.push(`-c ${c}`);
  const shell = values(inputs.allowedTools).filter((t) => ANY_SHELL.has(t));
  if (shell.length) out.push(`allowedTools: ${shell.join(", ")}`);
  if (inputs.shell === "any") out.push("any shell command (run_shell_command not restricted by tools.core)");
  if (inputs.sandboxDisabled === true) out.push("sandbox: false");
  if (inputs.dangerouslySkipPermissions === true) out.push("--dangerously-skip-permissions");
  if (values(inputs.permissionMode).includes("bypassPermissions")) out.push("--permission-mode bypassPermissions");
  if (values(inputs["safety-strategy"]).includes("unsafe")) out.push("safety-strategy: unsafe");
  if (values(inputs.sandbox).includes("danger-full-access")) out.push("sandbox: danger-full-access");
  for (const k of ["codex-args", "otherArgs"]) for (const a of values(inputs[k])) if (DANGEROUS_ARGS.test(a)) out.push(a);
  return out;
}

/** Inputs that let anyone (or any bot) trigger the agent. */
export function openInputs(inputs: Record<string, Json>): string[] {
  return OPEN_INPUTS.filter((k) => {
    const vs = values(inputs[k]);
    return vs.includes("*") || (k === "allow-bots" && vs.includes("true")) || (k === "roles" && vs.includes("all"));
  });
}

/**
 * gh-aw safe-outputs lists that limit an output (`create-pull-request.allowed-files`, `add-labels.allowed`,
 * `allowed-domains`): a list the base did not have narrows the output; an entry added to one widens it.
 */
const OUTPUT_LIMITS = new Set(["allowed", "allowed-files", "allowed-domains", "allowed-repos", "allowed-labels"]);
function newOutputLimit(entry: string, base: string[]): boolean {
  const eq = entry.indexOf("=");
  if (eq < 0) return false;
  const path = entry.slice(0, eq);
  if (!OUTPUT_LIMITS.has(path.slice(path.lastIndexOf(".") + 1))) return false;
  return !base.some((e) => e.startsWith(`${path}=`));
}

/** What got wider between two input sets; a change that is not clearly a narrowing counts. */
export function widened(b: Record<string, Json>, a: Record<string, Json>): { input: string; what: string }[] {
  const out: { input: string; what: string }[] = [];
  for (const key of [...new Set([...Object.keys(b), ...Object.keys(a)])].sort()) {
    if (key === "openTriggers") continue; // workflow.agent-open-trigger
    const bv = b[key];
    const av = a[key];
    if (sameCanonical(bv, av)) continue;
    if (RANKS[key]) {
      const [rb, ra] = [rankOf(key, bv), rankOf(key, av)];
      if (ra > rb || (ra === rb && av !== undefined)) out.push({ input: key, what: `${key}: ${show(av)} (was ${show(bv)})` });
    } else if (RESTRICTING.has(key)) {
      const lost = added(values(av), values(bv));
      if (av === undefined) out.push({ input: key, what: `${key} restriction removed (was ${show(bv)})` });
      else if (ALLOWLISTS.has(key) && bv !== undefined && added(values(bv), values(av)).length) out.push({ input: key, what: `${key} gains ${added(values(bv), values(av)).map(code).join(", ")}` });
      else if (lost.length && !ALLOWLISTS.has(key)) out.push({ input: key, what: `${key} no longer has ${lost.map(code).join(", ")}` });
      else if (!Array.isArray(av) && typeof av !== "boolean") out.push({ input: key, what: `${key}: ${show(av)} (was ${show(bv)})` });
    } else if (av === undefined) {
      continue; // Input removed: back to the action's default.
    } else if (Array.isArray(av) || Array.isArray(bv)) {
      const was = values(bv);
      const gained = added(was, values(av)).filter((e) => key !== "safe-outputs" || !newOutputLimit(e, was));
      if (gained.length) out.push({ input: key, what: `${key} gains ${gained.map(code).join(", ")}` });
    } else if (av !== false) {
      out.push({ input: key, what: `${key}: ${code(show(av))}${bv === undefined ? "" : ` (was ${code(show(bv))})`}` });
    }
  }
  return out;
}

function summary(inputs: Record<string, Json>): string {
  const parts = Object.keys(inputs).filter((k) => k !== "openTriggers").sort().map((k) => `${k}: ${show(inputs[k]).slice(0, 120)}`);
  return parts.length ? ` with ${parts.map(code).join(", ")}` : "";
}

/** A version as a word or a path segment: `v1.4.2`, `0.19.1`, `2.2.0-rc.1` (at least major.minor). */
const VERSION = /^v?\d+(?:\.\d+)+(?:[-+][0-9A-Za-z.]+)?$/;
const URL_PARTS = /^([a-z][a-z0-9+.-]*:\/\/[^/]*)(\/.*)?$/i;

/**
 * A command with its versions blanked: in the arguments (`-s -- v1.5.0`, `--version=2.1.0`) and in
 * a URL's path (`/releases/download/v1.5.0/`), never in its scheme or host (`http://10.0.0.1/` is a
 * host). The same installer at another version is the same trust; anything else differs.
 */
export function versionless(command: string): string {
  const word = (w: string): string => {
    const q = /^["']/.test(w) && w.endsWith(w[0]!) && w.length > 1 ? w[0]! : "";
    const bare = q ? w.slice(1, -1) : w;
    const url = URL_PARTS.exec(bare);
    const eq = bare.indexOf("=");
    const out = url
      ? url[1]! + (url[2] ?? "").split("/").map((seg) => (VERSION.test(seg) ? "<version>" : seg)).join("/")
      : VERSION.test(bare) ? "<version>" : eq > 0 && VERSION.test(bare.slice(eq + 1)) ? `${bare.slice(0, eq + 1)}<version>` : bare;
    return q + out + q;
  };
  return command.split(" ").map(word).join(" ");
}

/** `owner/repo[/path]` of a `uses:`, without its ref. */
const actionOf = (uses: string): string => uses.split("@")[0]!.toLowerCase();

type Loc = (attr: string, item: string) => number | undefined;
const at = (hit: Hit, line: number | undefined): Hit => (line ? { ...hit, line } : hit);

function agentHits(name: string, before: AgentActionUse[], after: AgentActionUse[], loc: Loc): Hit[] {
  const hits: Hit[] = [];
  const seen = new Set(before.map((u) => canonicalJson(u)));
  for (const u of after) {
    if (seen.has(canonicalJson(u))) continue;
    const prev = before.filter((p) => p.action === u.action);
    const wasDangerous = new Set(prev.flatMap((p) => dangerousInputs(p.inputs, p.action)));
    const danger = dangerousInputs(u.inputs, u.action).filter((d) => !wasDangerous.has(d));
    const severity: Severity | undefined = danger.length ? "critical" : undefined;
    const trusts = added(prev.flatMap((p) => values(p.inputs.trustsWorkspace)), values(u.inputs.trustsWorkspace));
    const tail =
      (danger.length ? ` It runs unattended with ${danger.map(code).join(", ")}.` : "") +
      (trusts.length ? " It marks the workspace trusted, so the checked-out agent settings, hooks and MCP servers take effect." : "");
    const line = (input?: string) => (input && loc("agentActions", `${u.action}.${input}`)) || loc("agentActions", u.action);
    if (!prev.length) {
      hits.push(at(escalation("workflow.agent-action", `${name} runs agent action ${code(u.action)}${summary(u.inputs)}.${tail}`, severity), line()));
    } else {
      // Against the closest earlier use of the same action: the one it widens least.
      const diffs = prev.map((p) => widened(p.inputs, u.inputs)).sort((x, y) => x.length - y.length)[0]!;
      if (diffs.length || danger.length) {
        const what = diffs.map((d) => d.what).join("; ") || "new dangerous settings";
        hits.push(at(escalation("workflow.agent-action", `${name}: agent action ${code(u.action)} gains power: ${what}.${tail}`, severity), line(diffs[0]?.input)));
      }
    }
    // Events anyone can cause, with no check of who did, on an agent that makes none itself.
    const opened = added(prev.flatMap((p) => values(p.inputs.openTriggers)), values(u.inputs.openTriggers));
    if (opened.length) {
      const severity: Severity = opened.every((t) => t === "pull_request") ? "medium" : "high";
      const msg = `${name}: agent action ${code(u.action)} runs for anyone on ${opened.map(code).join(", ")}: it checks no permission itself, and no \`if:\` on the job or step checks who triggered it (the actor, their association, a fork).`;
      hits.push(at(escalation("workflow.agent-open-trigger", msg, severity), loc("triggers", opened[0]!) ?? line()));
    }
    const wasOpen = new Set(prev.flatMap((p) => openInputs(p.inputs)));
    for (const input of openInputs(u.inputs).filter((k) => !wasOpen.has(k))) {
      hits.push(at(escalation("workflow.agent-open-trigger", `${name}: agent action ${code(u.action)} accepts anyone: ${code(`${input}: ${show(u.inputs[input])}`)}.`), line(input)));
    }
  }
  return hits;
}

function permissionHits(name: string, b: WorkflowAttrs | undefined, a: WorkflowAttrs, loc: Loc): Hit[] {
  const hits: Hit[] = [];
  const was = (scope: string) => b !== undefined && (b.permissions[scope] === "write" || b.permissions["*"] === "write");
  for (const [scope, value] of Object.entries(a.permissions)) {
    if (value !== "write" || was(scope)) continue;
    const what =
      scope === "*" ? "`write-all` (every scope)" : scope === "id-token" ? "`id-token: write` (it can mint OIDC tokens for cloud credentials)" : code(`${scope}: write`);
    hits.push(at(escalation("workflow.permissions-escalated", `${name}: the GITHUB_TOKEN gets ${what}.`), loc("permissions", scope)));
  }
  return hits;
}

/** Anything given up: a trigger, a write scope, a secret, an action, an injection. */
function narrowed(b: WorkflowAttrs, a: WorkflowAttrs): boolean {
  const lists: (keyof WorkflowAttrs)[] = ["triggers", "secrets", "injections"];
  if (lists.some((k) => added(a[k] as string[], b[k] as string[]).length)) return true;
  // Another version of the same installer, another tag of the same action, is nothing given up.
  if (added(a.remoteScripts.map(versionless), b.remoteScripts.map(versionless)).length) return true;
  if (added(a.unpinnedActions.map(actionOf), b.unpinnedActions.map(actionOf)).length) return true;
  if (b.secretsInherit && !a.secretsInherit) return true;
  if (Object.entries(b.permissions).some(([s, v]) => v === "write" && a.permissions[s] !== "write")) return true;
  const agents = new Set(a.agentActions.map((u) => u.action));
  return b.agentActions.some((u) => !agents.has(u.action));
}

/** Rules about the agent itself, and the fail-closed one: their severity holds in a workflow without an agent too. */
const AGENT_RULES = new Set(["workflow.agent-action", "workflow.agent-open-trigger", "workflow.unscanned"]);
const SEVERITY_OF = new Map(WORKFLOW_RULES.map((r) => [r.id, r.severity]));

/**
 * In a workflow that runs no agent at base or head (`ciOnly`, policy `workflows: agents`), findings
 * about CI hardening are listed at low: still shown, blocking nothing under `fail_on: high`.
 */
function forCi(hit: Hit): Hit {
  const severity = hit.severity ?? SEVERITY_OF.get(hit.rule) ?? "info";
  if (hit.direction !== "escalation" || AGENT_RULES.has(hit.rule) || SEVERITY_RANK[severity] <= SEVERITY_RANK.low) return hit;
  return { ...hit, severity: "low", message: `${hit.message} Low: this workflow runs no coding agent (policy \`workflows: agents\`).` };
}

export const workflowRules: Evaluator<"workflow"> = (c) => {
  const hits = workflowHits(c);
  return (c.after ?? c.before)?.ciOnly ? hits.map(forCi) : hits;
};

function workflowHits(c: RawChange<"workflow">): Hit[] {
  const b = c.before?.attrs;
  const a = c.after?.attrs;
  const ref = (a ?? b)!;
  const name = ref.job !== undefined ? `Job ${code(ref.job)} of ${code(ref.workflow)}` : `Workflow ${code(ref.workflow)}`;
  if (!a) return [reduction(`${name} removed.`)];
  const locations = c.after?.locations;
  const loc: Loc = (attr, item) => locations?.[`${attr}:${item}`]?.line;
  const hits: Hit[] = [];

  if (a.job === undefined) {
    // The workflow level carries the triggers; jobs repeat them only for context.
    // One finding per workflow, on the first risky trigger's line.
    const risky = added(b?.triggers, a.triggers).filter((t) => RISKY_TRIGGERS.has(t));
    if (risky.length) {
      const first = risky.map((t) => loc("triggers", t)).filter((l): l is number => l !== undefined).sort((x, y) => x - y)[0];
      hits.push(at(escalation("workflow.pull-request-target", `${name} now runs on ${risky.map(code).join(", ")}: with the repository's secrets, on events an outsider can cause.`), first));
    }
  } else {
    hits.push(...permissionHits(name, b, a, loc));
  }
  // The job's own token is governed by `permissions` (workflow.permissions-escalated), not a new secret.
  for (const s of added(b?.secrets, a.secrets).filter((x) => x !== "GITHUB_TOKEN")) {
    const literal = s.startsWith("literal:");
    const msg = literal
      ? `${name} commits a credential as the literal value of ${code(s.slice(8))} (value not shown).`
      : `${name} uses secret ${code(s)}.`;
    hits.push(at(escalation("workflow.secrets-added", msg, literal ? "high" : undefined), loc("secrets", s)));
  }
  if (a.secretsInherit && !b?.secretsInherit) {
    hits.push(at(escalation("workflow.secrets-inherit", `${name} passes every secret to a reusable workflow (\`secrets: inherit\`).`), loc("secretsInherit", "inherit")));
  }
  // Another tag of an action already unpinned at base is the same trust in the same owner.
  const wasUnpinned = new Set((b?.unpinnedActions ?? []).map(actionOf));
  for (const u of added(b?.unpinnedActions, a.unpinnedActions).filter((x) => !wasUnpinned.has(actionOf(x)))) {
    hits.push({ ...at(escalation("workflow.unpinned-action", `${name} uses ${code(u)}, not pinned to a commit SHA.`), loc("unpinnedActions", u)), subject: u });
  }
  hits.push(...agentHits(name, b?.agentActions ?? [], a.agentActions, loc));
  const shapes = new Set((b?.remoteScripts ?? []).map(versionless));
  const scripts = added(b?.remoteScripts, a.remoteScripts);
  const bumped = scripts.filter((s) => shapes.has(versionless(s)));
  for (const s of scripts.filter((x) => !shapes.has(versionless(x)))) {
    hits.push(at(escalation("workflow.remote-script", `${name} runs a downloaded script: ${code(s)}.`), loc("remoteScripts", s)));
  }
  for (const i of added(b?.injections, a.injections)) {
    const cut = i.indexOf(" in ");
    const [expr, where] = cut < 0 ? [i, "script"] : [i.slice(0, cut), i.slice(cut + 4)];
    hits.push(at(escalation("workflow.script-injection", `${name} interpolates ${code(`\${{ ${expr} }}`)} into ${where === "run" ? "a `run` script" : `the ${where}`}.`), loc("injections", i)));
  }
  // Text the scan could not read is no pass: a person reads it (the item's digest binds an approval).
  // The same text at another step (a step added before it) is no new text: items compare by digest.
  const digestOf = (u: string): string => /sha256:[0-9a-f]+/.exec(u)?.[0] ?? u;
  const wasUnscanned = new Set((b?.unscanned ?? []).map(digestOf));
  for (const u of added(b?.unscanned, a.unscanned ?? []).filter((x) => !wasUnscanned.has(digestOf(x)))) {
    hits.push(at(escalation("workflow.unscanned", `${name} has ${u}, which this review did not read: read it by hand.`), loc("unscanned", u)));
  }
  if (hits.length) return hits;
  if (b && narrowed(b, a)) return [reduction(`${name} gives up triggers, permissions, secrets or actions.`)];
  if (b?.job !== undefined && a.job !== undefined && b.job !== a.job) {
    return [neutral(`Job ${code(b.job)} of ${code(a.workflow)} renamed to ${code(a.job)}, with the same capabilities.`)];
  }
  const moved = bumped.length ? `: ${bumped.map(code).join(", ")} runs another version` : "";
  // Only what the attributes leave out changed: say so, the reader finds nothing else different.
  const hiddenOnly = b && !moved && b.hiddenDigest !== a.hiddenDigest && sameCanonical({ ...b, hiddenDigest: "" }, { ...a, hiddenDigest: "" });
  return [neutral(hiddenOnly ? `${name} changed in a value the report does not show: an agent's prompt, a credential's value or a long command.` : `${name} changed${moved}.`)];
}
