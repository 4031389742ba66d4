// The registry of file kinds. Adding a format: write one module in this folder, add one line here.
import picomatch from "picomatch";
import { foldCase, isOverlongPath } from "../globs.js";
import type { Surface } from "./types.js";
import { mcpJson } from "./mcp-json.js";
import { geminiSettings } from "./gemini-settings.js";
import { geminiExtension } from "./gemini-extension.js";
import { geminiPolicy } from "./gemini-policy.js";
import { opencodeConfig } from "./opencode.js";
import { zedSettings } from "./zed-settings.js";
import { vscodeSettings } from "./vscode-settings.js";
import { roomodes } from "./roomodes.js";
import { opencodePlugin } from "./opencode-plugin.js";
import { codexEnvironment } from "./codex-environment.js";
import { amazonqAgent } from "./amazonq-agent.js";
import { cursorEnvironment } from "./cursor-environment.js";
import { continueMcp } from "./continue-mcp.js";
import { codexConfig } from "./codex-config.js";
import { claudeSettings } from "./claude-settings.js";
import { codexPlugin } from "./codex-plugin.js";
import { claudePlugin } from "./claude-plugin.js";
import { marketplace } from "./marketplace.js";
import { hooksJson } from "./hooks-json.js";
import { kiroHook } from "./kiro-hook.js";
import { clineHook } from "./cline-hook.js";
import { instructionsSurface, isAgentText } from "./instructions.js";
import { skillSurface } from "./skill.js";
import { skillFileSurface } from "./skill-file.js";
import { workflowSurface } from "./workflow.js";

/** Order matters only where patterns overlap: the first surface that matches a path parses it. */
export const SURFACES: readonly Surface[] = [
  mcpJson,
  geminiSettings,
  geminiExtension,
  geminiPolicy,
  opencodeConfig,
  zedSettings,
  vscodeSettings,
  roomodes,
  opencodePlugin,
  codexEnvironment,
  amazonqAgent,
  cursorEnvironment,
  continueMcp,
  codexConfig,
  claudeSettings,
  codexPlugin,
  claudePlugin,
  marketplace,
  hooksJson,
  kiroHook,
  clineHook,
  skillSurface,
  skillFileSurface,
  instructionsSurface,
  workflowSurface,
];

// Without case, as the scope: a file in scope on a case-insensitive checkout is parsed as what it is there.
const matchers = SURFACES.map((s) => ({ surface: s, match: picomatch(s.patterns, { dot: true, nocase: true }) }));

const cache = new Map<string, Surface | null>();
/** Paths recur within and across reviews; the cache is bounded so a huge tree cannot grow it forever. */
const CACHE_LIMIT = 50_000;

/** The surface that parses this path, if any. */
export function surfaceFor(path: string): Surface | undefined {
  if (isOverlongPath(path)) return undefined; // review.ts fails it closed
  const hit = cache.get(path);
  if (hit !== undefined) return hit ?? undefined;
  const folded = foldCase(path);
  const surface = matchers.find((m) => m.match(folded))?.surface;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(path, surface ?? null);
  return surface;
}

/**
 * The surface that reads this path as a format of its own: none for text that only the generic
 * agent-text reading takes (`.claude/notes/setup.md`), which a hook may run as a script and
 * CLAUDE.md may import as memory: those callers read it as what it is to them.
 */
export function ownSurfaceFor(path: string): Surface | undefined {
  const surface = surfaceFor(path);
  return surface === instructionsSurface && isAgentText(path) ? undefined : surface;
}

export function surfaceById(id: string): Surface | undefined {
  return SURFACES.find((s) => s.id === id);
}
