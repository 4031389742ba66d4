// Does a workflow run a coding agent? The policy's `workflows: agents` judges the ones that do in
// full and lists the others' changes at low (CI hardening is a linter's job). Decided per file over
// everything it holds at base and at head, and over the local workflows and actions it calls:
// a callee that runs an agent, or one that cannot be read, makes the caller an agent workflow.
import { joinRepoPath } from "../imports.js";
import type { Capability, CapabilityOf, FileProblem, WorkflowReach } from "../model.js";

/**
 * Agent files a step may read or write: instructions, settings, MCP configs. A path segment of its
 * own (not `myclaude.md`, not `CLAUDE.md.bak`); kept narrow on purpose.
 */
const AGENT_FILE =
  /(?:^|[\s"'`=:(/,;|&<>])(?:((?:AGENTS(?:\.override)?|CLAUDE(?:\.local)?|GEMINI)\.md|copilot-instructions\.md|\.mcp\.json|\.claude\.json)(?![\w.-])|(\.(?:claude|codex|gemini|cursor|kiro|amazonq|opencode))(?=[/\s"'`),;|&<>]|$)|(\.github\/(?:agents|prompts|instructions|chatmodes))\/)/g;
const VENDOR = "ANTHROPIC|CLAUDE(?:_CODE)?|OPENAI|CODEX|GEMINI|COPILOT|CURSOR|OPENROUTER";
/** Secret and env names of a model vendor's credential or endpoint (`PROD_OPENAI_API_KEY`), not `X_TOKEN_CLAUDE_CODE`. */
const MODEL_CREDENTIAL = new RegExp(`(?:^|_)(?:${VENDOR})_(?:API_?KEY|KEY|AUTH_TOKEN|OAUTH_TOKEN|GITHUB_TOKEN|TOKEN|BASE_URL)$`, "i");
/** Action inputs named for a model vendor (`anthropic_api_key`, `openai-api-key`): the action talks to it. */
const MODEL_INPUT = new RegExp(`^(?:${VENDOR.replace("_CODE", "[_-]code")})[_-]`, "i");

/** Agent files a `run:` script or a `with:` value names (at most a few: one is enough to decide). */
export function agentFilesIn(text: string): string[] {
  const out = new Set<string>();
  AGENT_FILE.lastIndex = 0;
  for (let m = AGENT_FILE.exec(text); m && out.size < 8; m = AGENT_FILE.exec(text)) out.add(m[1] ?? m[2] ?? m[3]!);
  return [...out];
}

/** A secret's or env var's name that carries a model credential; `input`: an action input's name. */
export const isModelCredential = (name: string, input = false): boolean => (input ? MODEL_INPUT : MODEL_CREDENTIAL).test(name);

export const reachOf = (signals: Set<string>, calls: Set<string>): { reach?: WorkflowReach } =>
  signals.size || calls.size ? { reach: { signals: [...signals].sort(), calls: [...calls].sort() } } : {};

type Side = "base" | "head";
/** A file of one side as the review parsed it; undefined when that side has no such file. */
export type Lookup = (side: Side, path: string) => { capabilities: Capability[]; problems: FileProblem[] } | undefined;

const ACTION_FILE = /(^|\/)action\.ya?ml$/i;
/** Files read to follow one workflow's calls: past it, what is left unread counts as an agent. */
const MAX_FILES = 64;


/** The files a call may name: a reusable workflow itself, or an action folder's `action.yml`. */
function calleePaths(call: string): string[] | undefined {
  if (!call.startsWith("./") && !call.startsWith("../")) return undefined;
  const path = joinRepoPath("", call);
  if (path === undefined) return undefined;
  if (/\.ya?ml$/i.test(path) && !ACTION_FILE.test(path)) return [path];
  if (ACTION_FILE.test(path)) return [path];
  const dir = path ? `${path}/` : "";
  return [`${dir}action.yml`, `${dir}action.yaml`];
}

const workflowCaps = (caps: Capability[]): CapabilityOf<"workflow">[] => caps.filter((c): c is CapabilityOf<"workflow"> => c.kind === "workflow");

/**
 * Whether a file (its capabilities at one side) runs an agent: its own signals, or a callee's, read
 * at the same side, through any depth of calls. A callee that is absent, does not parse, is not a
 * workflow or composite action (a JavaScript or Docker action), or is past the file budget, is
 * unknown, and counts as an agent.
 */
function runsAgent(side: Side, own: CapabilityOf<"workflow">[], lookup: Lookup, self: string): boolean {
  const seen = new Set<string>([self]);
  const queue: CapabilityOf<"workflow">[][] = [own];
  while (queue.length) {
    const caps = queue.shift()!;
    if (caps.some((c) => c.reach?.signals.length)) return true;
    for (const call of new Set(caps.flatMap((c) => c.reach?.calls ?? []))) {
      const candidates = calleePaths(call);
      if (!candidates) return true;
      const path = candidates.find((p) => seen.has(p) || lookup(side, p) !== undefined);
      if (path === undefined) return true;
      if (seen.has(path)) continue;
      seen.add(path);
      const file = lookup(side, path)!;
      const callee = workflowCaps(file.capabilities);
      if (file.problems.length || !callee.length || seen.size > MAX_FILES) return true;
      queue.push(callee);
    }
  }
  return false;
}

/**
 * The capabilities with `ciOnly` set on every workflow capability of a file that runs no agent at
 * either side (`workflows: agents`); as they are under `workflows: all`. A composite action
 * (`action.yml`) runs inside its callers' jobs, which the review may not all see: never `ciOnly`.
 */
export function judgeWorkflows(sides: Record<Side, Capability[]>, lookup: Lookup, mode: "agents" | "all"): Record<Side, Capability[]> {
  if (mode === "all") return sides;
  const byPath = (caps: Capability[]) => {
    const out = new Map<string, CapabilityOf<"workflow">[]>();
    for (const c of workflowCaps(caps)) {
      const group = out.get(c.path);
      if (group) group.push(c);
      else out.set(c.path, [c]);
    }
    return out;
  };
  const base = byPath(sides.base);
  const head = byPath(sides.head);
  const ciOnly = new Set<string>();
  for (const path of new Set([...base.keys(), ...head.keys()])) {
    if (ACTION_FILE.test(path)) continue;
    const agent = (["base", "head"] as const).some((side) => {
      const caps = (side === "base" ? base : head).get(path);
      return caps !== undefined && runsAgent(side, caps, lookup, path);
    });
    if (!agent) ciOnly.add(path);
  }
  const stamp = (caps: Capability[]) => caps.map((c) => (c.kind === "workflow" && ciOnly.has(c.path) ? { ...c, ciOnly: true as const } : c));
  return ciOnly.size ? { base: stamp(sides.base), head: stamp(sides.head) } : sides;
}
