// How much a person must look at an in-scope file no parser reads (file.not-analysed). Its content
// is unknown, so it is high: an agent may load it. Lower only where its place or name says no agent
// loads it as settings, instructions or code: a removed file, git's own bookkeeping, an agent's
// runtime data (sessions, logs), an example configuration, a test file. The grade follows the file, never the policy.
import type { Severity } from "./model.js";

/** Files of git and of file managers, in whatever folder. */
const INERT_NAMES = new Set([".gitignore", ".gitkeep", ".keep", ".gitattributes", ".ds_store", "thumbs.db", "desktop.ini"]);
/** Folders where agents and their tools keep what they recorded, not what they load. */
const DATA_DIRS = new Set(["sessions", "logs", "log", "cache", "tmp", "history", "metrics", "shell-snapshots", "todos", "statsig", "backups", "transcripts"]);
const DATA_EXT = /\.(json|jsonl|ndjson|log|txt|csv)$/i;
/** `settings.example.json`, `example-hook-config.json`, `mcp.template.yaml`: a copy to start from, under a name no agent loads. */
const EXAMPLE_NAME = /(^|[._-])(example|sample|template)s?([._-]|$)/i;
const CONFIG_EXT = /\.(json|jsonc|json5|ya?ml|toml|ini|txt)$/i;
const TEST_DIRS = new Set(["tests", "test", "__tests__", "spec", "specs"]);
const TEST_NAME = /(\.(test|spec)\.[cm]?[jt]sx?|_test\.(py|go|rb)|_spec\.rb)$|^test_[^/]*\.py$/i;

export interface UnknownFileGrade {
  severity: Severity;
  /** Why it is below high, for the message; absent when high. */
  why?: string;
}

export function unknownFileGrade(path: string, status: string): UnknownFileGrade {
  const parts = path.split("/");
  const name = parts.at(-1)!.toLowerCase();
  const dirs = parts.slice(0, -1).map((d) => d.toLowerCase());
  if (status === "removed") return { severity: "medium", why: "a file no parser reads gives the agent nothing by its absence (if it limited an agent, that limit is gone)" };
  if (INERT_NAMES.has(name)) return { severity: "low", why: `${name} is git's or a file manager's, not an agent's` };
  // Inside an agent's folder (`.claude/sessions/…`), not any folder of that name.
  const agentDir = dirs.findIndex((d) => d.startsWith("."));
  const data = agentDir >= 0 ? dirs.slice(agentDir + 1).find((d) => DATA_DIRS.has(d)) : undefined;
  if (data !== undefined && DATA_EXT.test(name)) return { severity: "medium", why: `it is runtime data under \`${data}/\`, which no agent loads as settings or instructions` };
  if (EXAMPLE_NAME.test(name) && CONFIG_EXT.test(name)) return { severity: "medium", why: "it is an example or template, under a name no agent loads" };
  if (dirs.some((d) => TEST_DIRS.has(d)) && TEST_NAME.test(name)) return { severity: "medium", why: "it is a test file, which no agent runs by itself (a hook that runs it is reviewed with the hook)" };
  return { severity: "high" };
}
