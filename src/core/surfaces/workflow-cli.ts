// Coding agents run from a `run:` step (`claude -p`, `codex exec`, `gemini --yolo`, `copilot
// --allow-all-tools`...), directly, by path, through a package runner (npx, bunx, pnpm dlx) or inside
// `bash -c '...'`: agent uses of the job like an agent action's, their power flags as inputs.
import type { AgentFamily, AgentUse } from "./workflow-agents.js";
import { Builder, claudeFlags } from "./workflow-agents.js";
import { readShell } from "./workflow-shell.js";
import { flagGroups, shellCommands, type Unscanned } from "./workflow-steps.js";

interface CliSpec {
  id: string;
  family: AgentFamily;
  binaries: string[];
  packages: string[];
  /** A first word that runs it (`exec`); none: its run flags decide. */
  runs?: string[];
  /** Flags that make it a non-interactive run. */
  runFlags: string[];
  /** Flags that take no value: the word after one is a positional (the prompt). */
  booleans: string[];
  /** Flags that take every following word (`--allowedTools a b`). */
  variadic?: string[];
  aliases?: Record<string, string>;
  /** Flags whose value is the prompt, and flags that grant nothing: both left out of the inputs. */
  prompt?: string[];
  benign?: string[];
}

const SPECS: CliSpec[] = [
  {
    id: "claude", family: "claude", binaries: ["claude"], packages: ["@anthropic-ai/claude-code"],
    runFlags: ["-p", "--print", "--dangerously-skip-permissions", "--permission-mode", "--allowedTools", "--allowed-tools", "--mcp-config", "--settings"],
    booleans: ["-p", "--print", "--dangerously-skip-permissions", "--allow-dangerously-skip-permissions", "--verbose", "--debug", "--strict-mcp-config", "-c", "--continue", "--include-partial-messages"],
    variadic: ["--allowedTools", "--allowed-tools", "--disallowedTools", "--disallowed-tools", "--tools", "--mcp-config", "--add-dir", "--plugin-dir", "--betas"],
  },
  {
    id: "codex", family: "codex", binaries: ["codex"], packages: ["@openai/codex"], runs: ["exec", "e"],
    runFlags: ["--full-auto", "--dangerously-bypass-approvals-and-sandbox", "--yolo"],
    booleans: ["--full-auto", "--dangerously-bypass-approvals-and-sandbox", "--yolo", "--skip-git-repo-check", "--json", "--oss", "--search", "--include-plan-tool"],
    aliases: { "-s": "--sandbox", "-c": "--config", "-m": "--model", "-a": "--ask-for-approval", "-C": "--cd", "--yolo": "--dangerously-bypass-approvals-and-sandbox" },
    benign: ["--model", "--json", "--oss", "--output-last-message", "--output-schema", "--color", "--profile"],
  },
  {
    id: "gemini", family: "gemini", binaries: ["gemini"], packages: ["@google/gemini-cli"],
    runFlags: ["-p", "--prompt", "-i", "--prompt-interactive", "--yolo", "--approval-mode"],
    booleans: ["--yolo", "--sandbox", "--debug", "--all-files", "--checkpointing", "--screen-reader"],
    variadic: ["--allowed-tools", "--allowed-mcp-server-names", "--extensions", "--include-directories"],
    aliases: { "-y": "--yolo", "-p": "--prompt", "-i": "--prompt-interactive", "-m": "--model", "-s": "--sandbox", "-d": "--debug", "-e": "--extensions", "-o": "--output-format" },
    prompt: ["--prompt", "--prompt-interactive"],
    benign: ["--model", "--debug", "--output-format", "--screen-reader"],
  },
  {
    id: "copilot", family: "generic", binaries: ["copilot"], packages: ["@github/copilot"],
    runFlags: ["-p", "--prompt", "--prompt-file", "--allow-all-tools", "--allow-tool", "--allow-all", "--yolo", "--allow-all-paths"],
    booleans: ["--allow-all-tools", "--allow-all-paths", "--allow-all", "--yolo", "--disable-builtin-mcps", "--no-ask-user", "--no-color", "--silent", "--enable-all-github-mcp-tools"],
    aliases: { "-p": "--prompt", "--yolo": "--allow-all" },
    prompt: ["--prompt", "--prompt-file"],
    benign: ["--model", "--log-level", "--log-dir", "--no-color", "--silent", "--no-ask-user", "--agent"],
  },
  {
    id: "opencode", family: "generic", binaries: ["opencode"], packages: ["opencode-ai"], runs: ["run"],
    runFlags: [], booleans: ["--print-logs", "--share", "-c", "--continue"],
    aliases: { "-m": "--model" },
    benign: ["--model", "--print-logs", "--log-level", "--format"],
  },
  {
    id: "aider", family: "generic", binaries: ["aider"], packages: ["aider-chat"],
    runFlags: ["--message", "-m", "--message-file", "-f", "--yes-always", "--yes"],
    booleans: ["--yes-always", "--auto-commits", "--no-auto-commits", "--no-git", "--no-pretty", "--no-stream", "--auto-test", "--dark-mode"],
    aliases: { "-m": "--message", "-f": "--message-file", "--yes": "--yes-always" },
    prompt: ["--message", "--message-file"],
    benign: ["--model", "--no-pretty", "--no-stream", "--dark-mode", "--map-tokens"],
  },
  {
    id: "cursor-agent", family: "generic", binaries: ["cursor-agent"], packages: [],
    runFlags: ["-p", "--print", "--force", "-f"],
    booleans: ["-p", "--print", "--force"],
    aliases: { "-f": "--force", "--print": "-p" },
    benign: ["-p", "--model", "--output-format"],
  },
];

const BY_WORD = new Map<string, CliSpec>();
for (const s of SPECS) for (const w of [...s.binaries, ...s.packages]) BY_WORD.set(w, s);

/** A cheap filter: a statement naming none of them is not tokenized. */
const AGENT_WORD = /(?:^|[^A-Za-z0-9_-])(?:claude|codex|gemini|copilot|opencode|aider|cursor-agent)(?![A-Za-z0-9_])/;
/** One statement naming an agent CLI, longer than this, is reported unread rather than tokenized. */
export const MAX_AGENT_COMMAND = 16_000;

/** Commands whose words may name an agent without running it. */
const NOT_RUN = new Set(["echo", "printf", "which", "type", "command", "hash", "grep", "egrep", "fgrep", "rg", "cat", "head", "tail", "less", "ls", "test", "[", "[[", "apt", "apt-get", "yum", "dnf", "apk", "brew", "pip", "pip3", "gh", "git", "curl", "wget", "rm", "mkdir", "cp", "mv", "chmod", "chown", "ln", "touch", "tee", "export", "unset", "alias", "sed", "awk", "jq", "yq", "find", "cd", "sort"]);
/** Package managers: a run only through their runner subcommands (`npm exec`, `pnpm dlx`, `pipx run`). */
const MANAGERS: Record<string, string[]> = { npm: ["exec", "x"], pnpm: ["dlx", "exec"], yarn: ["dlx", "exec"], bun: ["x"], pipx: ["run"], uv: ["tool", "run"] };

/** The program a word names: `./node_modules/.bin/claude`, `bundle/gemini.js` (run by node) → its name. */
const basename = (w: string) => w.slice(w.lastIndexOf("/") + 1).replace(/\.[cm]?js$/, "");
/** `@scope/pkg@1.2.3` → `@scope/pkg`; `aider-chat==0.86` → `aider-chat`. */
const packageName = (w: string) => (w.includes("==") ? w.slice(0, w.indexOf("==")) : w).replace(/(.)@[^@/]*$/, "$1");
const specOf = (w: string): CliSpec | undefined => BY_WORD.get(basename(w)) ?? BY_WORD.get(packageName(w));

/** Flags with their values, positionals apart, as the CLI reads them. */
function readArgs(spec: CliSpec, args: string[]): { flags: { flag: string; values: string[] }[]; positional: string[] } {
  const flags: { flag: string; values: string[] }[] = [];
  const positional: string[] = [];
  for (const g of flagGroups(args)) {
    if (!g.flag) {
      positional.push(...g.values);
      continue;
    }
    const flag = spec.aliases?.[g.flag] ?? g.flag;
    const takes = spec.booleans.includes(g.flag) || spec.booleans.includes(flag) ? 0 : spec.variadic?.includes(flag) ? g.values.length : Math.min(1, g.values.length);
    flags.push({ flag, values: g.values.slice(0, takes) });
    positional.push(...g.values.slice(takes));
  }
  return { flags, positional };
}

function isRun(spec: CliSpec, args: string[]): boolean {
  const { flags, positional } = readArgs(spec, args);
  if (spec.runs) return spec.runs.includes(positional[0] ?? "") || flags.some((f) => spec.runFlags.includes(f.flag));
  if (positional.length && ["mcp", "config", "update", "doctor", "install", "extensions", "login", "logout", "plugin", "setup-token", "migrate-installer"].includes(positional[0]!)) return false;
  return flags.some((f) => spec.runFlags.includes(f.flag) || spec.runFlags.includes(args.find((a) => spec.aliases?.[a] === f.flag) ?? ""));
}

/** One agent run: its inputs and, for the digest, what they leave out (the prompt, the package). */
function useOf(spec: CliSpec, word: string, args: string[]): AgentUse {
  const b = new Builder();
  const { flags, positional } = readArgs(spec, args);
  if (word !== basename(word) || packageName(word) !== word) b.hidden.push(["program", word]);
  const prompt = positional.join(" ").trim();
  b.hidden.push(["prompt", prompt.replace(/\s+/g, " ")]);
  if (spec.family === "claude") claudeFlags(b, flags.filter((f) => f.flag !== "-p" && f.flag !== "--print"), "run");
  else {
    for (const { flag, values } of flags) {
      if (spec.prompt?.includes(flag) || spec.benign?.includes(flag)) b.hidden.push([flag, values.join(" ")]);
      else if (flag === "--sandbox" && spec.id === "codex") b.set("sandbox", values[0] ?? "", "run");
      else if (flag === "--config" || values.length > 1 || (values.length && b.inputs[flag] !== undefined)) b.addList(flag, values, "run");
      else if (spec.booleans.includes(flag) || !values.length) b.set(flag, true, "run");
      else b.addList(flag, values, "run");
    }
  }
  const action = `cli:${spec.id}`;
  // The prompt is the agent's instructions (reviewed as such); the run text is already scanned for injections.
  const instructions = prompt ? [{ key: "prompt", text: prompt }] : [];
  return { action, family: spec.family, inputs: b.inputs, sources: b.sources, prompts: [], instructions, mcpServers: b.mcpServers, ...b.hiddenDigest() };
}

/** The first agent run among a simple command's words; `bash -c '...'` strings are read in turn. */
function agentIn(words: string[], depth: number): AgentUse | undefined {
  const first = basename(words[0] ?? "");
  if (NOT_RUN.has(first) || (MANAGERS[first] && !MANAGERS[first]!.includes(words[1] ?? ""))) return undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const spec = specOf(w);
    // `npx -p @anthropic-ai/claude-code claude -p`: the package, then its binary.
    if (spec && !(spec.packages.includes(packageName(w)) && spec.binaries.includes(basename(words[i + 1] ?? "")))) {
      if (isRun(spec, words.slice(i + 1))) return useOf(spec, w, words.slice(i + 1));
      return undefined;
    }
    if (depth < 2 && /\s/.test(w) && AGENT_WORD.test(w)) {
      for (const st of readShell(w).statements) for (const c of shellCommands(st.text)) {
        const inner = agentIn(c.words, depth + 1);
        if (inner) return inner;
      }
    }
  }
  return undefined;
}

export interface CliUse extends AgentUse {
  /** 0-based line of the script the command starts on. */
  lineOffset: number;
}

/** Agent CLI runs in a `run:` script, and the commands naming one that were too long to read. */
export function agentClisIn(script: string): { uses: CliUse[]; unscanned: Unscanned[] } {
  const uses: CliUse[] = [];
  const unscanned: Unscanned[] = [];
  if (!AGENT_WORD.test(script)) return { uses, unscanned };
  for (const st of readShell(script).statements) {
    if (!AGENT_WORD.test(st.text)) continue;
    if (st.text.length > MAX_AGENT_COMMAND) {
      unscanned.push({ kind: "command", lineOffset: st.line, chars: st.text.length, text: st.text });
      continue;
    }
    for (const c of shellCommands(st.text)) {
      const use = agentIn(c.words, 0);
      if (use) uses.push({ ...use, lineOffset: st.line });
    }
  }
  return { uses, unscanned };
}
