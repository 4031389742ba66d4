// The repository files a hook's command runs: `bash .claude/hooks/x.sh`, `./scripts/x.py`,
// `python3 "$CLAUDE_PROJECT_DIR"/.claude/hooks/x.py`, `${CLAUDE_PLUGIN_ROOT}/hooks/x.sh`,
// `cd dir && ./x.sh`. A hook runs them with the user's privileges on every event, so they are
// reviewed with it (hook_script capabilities). Pure: a command and where it runs in, candidate
// repository paths out, and the words naming a script that cannot be resolved (said, never dropped).
import { parse as shellParse } from "shell-quote";
import { joinRepoPath } from "./imports.js";

/** Longer commands are not taken apart (a real hook command is a line or a short script). */
export const MAX_COMMAND_CHARS = 16_384;
/** Candidate paths one command may name; past it the rest is reported unresolved. */
export const MAX_PATHS_PER_COMMAND = 16;
/** `bash -c "sh -c '...'"`: strings run by a shell are followed this deep. */
const MAX_NESTING = 2;

/** Where a command runs and what its variables name, as repository folders ("" is the root). */
export interface RunContext {
  /** Folders a relative path may start from (the project root, the hooks file's own folder...). */
  cwd: readonly string[];
  /** Variables that name a repository folder (`CLAUDE_PLUGIN_ROOT` → the plugin's folder). */
  vars: Readonly<Record<string, readonly string[]>>;
}

export interface ScriptRefs {
  /** Repository paths the command may run, sorted (candidates: they need not exist). */
  paths: string[];
  /** Words naming a script that no repository path can be given for, as written (`$X/run.sh`). */
  unresolved: string[];
}

/** Variables of the user's machine, not of the repository: what they name is not in the change. */
const HOME_VARS = new Set(["HOME", "USERPROFILE", "CODEX_HOME", "CLAUDE_CONFIG_DIR", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "APPDATA", "LOCALAPPDATA", "TMPDIR", "TMP", "TEMP"]);
const SCRIPT_EXTENSION = /\.(?:sh|bash|zsh|fish|ksh|py|pyw|js|cjs|mjs|ts|mts|cts|tsx|jsx|rb|pl|pm|php|ps1|psm1|bat|cmd|lua|r|swift|kts|exs?)$/i;
const SHELLS = new Set(["sh", "bash", "zsh", "dash", "ksh", "fish", "ash"]);
const INTERPRETERS = new Set(["node", "nodejs", "ruby", "perl", "php", "pwsh", "powershell", "tsx", "ts-node", "ts-node-esm", "rscript", "lua", "osascript", "python", "python3", "python2", "pypy", "pypy3", "deno", "bun"]);
/** `npx tsx x.ts`, `uv run x.py`: runners whose next word is an interpreter or the script. */
const RUNNERS = new Set(["npx", "bunx", "pnpx", "uvx", "uv", "pnpm", "yarn", "poetry", "pipenv"]);
/** Words that run the rest of the line as a command. */
const WRAPPERS = new Set(["sudo", "exec", "nohup", "time", "nice", "command", "builtin", "env", "timeout", "stdbuf", "xargs", "caffeinate", "then", "do", "else", "!"]);
const CONTROL = new Set(["&&", "||", ";", "|", "&", "|&", ";;", ";&", ";;&", "\n"]);
const SUBST = "__subst__";
/** The variable `$(git rev-parse --show-toplevel)` stands for; runContextOf names the root with it. */
export const TOPLEVEL = "__toplevel__";
const MARK = "\u0000";

type Word = { text: string; glob: boolean };
/** Where relative paths start: folders, outside the repository, or unknown (`cd "$X"`). */
type Cwd = readonly string[] | "outside" | "unknown";

/** `$(...)`, backticks and `<(...)` as one opaque variable: what they print is unknown here (one pass, by depth). */
function maskSubstitutions(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const opens = (c === "$" || c === "<" || c === ">") && s[i + 1] === "(";
    if (!opens && c !== "`") {
      out += c;
      continue;
    }
    let j = i + 1;
    if (c === "`") {
      while (j < s.length && s[j] !== "`") j++;
    } else {
      let depth = 0;
      for (; j < s.length; j++) {
        if (s[j] === "(") depth++;
        else if (s[j] === ")" && --depth === 0) break;
      }
    }
    // `$(git rev-parse --show-toplevel)` is the repository's root, a common start for hook paths.
    out += /^\$\(\s*git\s+rev-parse\s+--show-toplevel\s*\)$/.test(s.slice(i, j + 1)) ? `\${${TOPLEVEL}}` : `\${${SUBST}}`;
    i = j;
  }
  return out;
}

/** Shell words and control operators; a redirection's target is dropped (it is written or read, not run). */
function tokens(command: string): (Word | string)[] {
  const text = maskSubstitutions(command.replace(/\0/g, " ").replace(/\\\r?\n/g, " ")).replace(/\r?\n/g, " \n ");
  // Newlines end commands; shell-quote reads them as spaces, so they are kept as their own word first.
  const parts = text.split(" \n ");
  const out: (Word | string)[] = [];
  for (const part of parts) {
    let parsed: ReturnType<typeof shellParse>;
    try {
      parsed = shellParse(part, (name) => `${MARK}${name}${MARK}`);
    } catch {
      parsed = part.split(/\s+/).filter(Boolean);
    }
    let skip = false;
    for (const t of parsed) {
      if (typeof t === "string") {
        if (!skip) out.push({ text: t, glob: false });
        skip = false;
        continue;
      }
      if ("comment" in t || !("op" in t)) continue;
      const op = (t as { op: string }).op;
      if (op === "glob") {
        if (!skip) out.push({ text: (t as { pattern: string }).pattern, glob: true });
        skip = false;
      } else if (CONTROL.has(op) || op === "(" || op === ")") {
        out.push(op);
        skip = false;
      } else {
        skip = true; // `>`, `>>`, `<`, `2>&1`...: the next word is a file descriptor or a file
      }
    }
    out.push("\n");
  }
  return out;
}

/** A word as written for a report: variables as `${NAME}`, substitutions as `$(…)`. */
function shown(w: Word): string {
  return w.text.replace(/\u0000([^\u0000]*)\u0000/g, (_, name: string) => (name === SUBST ? "$(…)" : `\${${name}}`));
}

/** A word's text with its variables written back (`${NAME}`), for a shell string run again (`bash -c`). */
const unmarked = (w: Word): string => w.text.replace(/\u0000([^\u0000]*)\u0000/g, (_, name: string) => `\${${name}}`);


type Resolution = { paths: string[]; unresolved?: string } | { outside: true } | { unresolved: string };

/** What repository paths a word names, run from `cwd`. */
function resolveWord(w: Word, cwd: Cwd, ctx: RunContext): Resolution {
  const text = w.text;
  if (w.glob || text.includes("${" + SUBST + "}")) return { unresolved: shown(w) };
  let bases: readonly string[] | "outside" | "unknown" = cwd;
  let rel = text;
  if (text.startsWith(MARK)) {
    const end = text.indexOf(MARK, 1);
    const inner = text.slice(1, end);
    const name = /^\w*/.exec(inner)![0];
    rel = text.slice(end + 1);
    bases = HOME_VARS.has(name) ? "outside" : (ctx.vars[name] ?? "unknown");
    // `${HOOKS_DIR:-.claude/hooks}/x.sh`: unset, the default runs; set, something unknown does (said too).
    const fallback = /^:?[-=](.+)$/s.exec(inner.slice(name.length))?.[1];
    if (bases === "unknown" && fallback !== undefined && !fallback.includes("$") && !rel.includes(MARK)) {
      const r = resolveWord({ text: fallback + rel, glob: false }, cwd, ctx);
      return "paths" in r ? { paths: r.paths, unresolved: shown(w) } : r;
    }
  }
  if (rel.includes(MARK)) return { unresolved: shown(w) };
  if (bases === cwd && (rel.startsWith("~") || rel.startsWith("/") || /^[A-Za-z]:[\\/]/.test(rel) || /^[a-z][a-z0-9+.-]*:\/\//i.test(rel))) return { outside: true };
  if (bases === "outside") return { outside: true };
  if (bases === "unknown") return { unresolved: shown(w) };
  const paths: string[] = [];
  for (const base of bases) {
    const p = joinRepoPath(base, rel);
    if (p === undefined) return { unresolved: `${shown(w)} (outside the repository)` };
    if (p) paths.push(p);
  }
  return { paths };
}

const isOption = (w: Word) => w.text.startsWith("-") && w.text.length > 1;
const nameOf = (w: Word) => (w.text.includes("/") ? w.text.slice(w.text.lastIndexOf("/") + 1) : w.text).toLowerCase();
const pathLike = (w: Word) => w.text.includes("/") || SCRIPT_EXTENSION.test(w.text);

/** The words of one simple command that name what it runs, a string a shell runs (`-c`), and a `cd`. */
interface Simple {
  run: Word[];
  nested?: string;
  cd?: Word | "home";
}

/** Words after the wrappers and assignments: `sudo -E env A=1 nohup ./x.sh` → `./x.sh`. */
function programStart(words: Word[]): number {
  let i = 0;
  while (i < words.length) {
    const w = words[i]!;
    if (/^[A-Za-z_]\w*=/.test(w.text)) i++;
    else if (WRAPPERS.has(w.text)) {
      i++;
      // Their options, and the one value of `timeout`, `sudo -u`, `env -u`, `nice -n`.
      while (i < words.length && (isOption(words[i]!) || /^\d+[smhd]?$/.test(words[i]!.text))) i += /^-[ugnCDtTr]$/.test(words[i]!.text) ? 2 : 1;
    } else break;
  }
  return i;
}

function simple(words: Word[]): Simple {
  const start = programStart(words);
  const program = words[start];
  if (!program) return { run: [] };
  const args = words.slice(start + 1);
  const name = nameOf(program);
  if (name === "cd" || name === "pushd") {
    const target = args.find((w) => !isOption(w));
    return { run: [], cd: target ?? "home" };
  }
  if (name === "eval") return { run: [], nested: args.map(unmarked).join(" ") };
  if (name === "source" || name === ".") return { run: args.filter((w) => !isOption(w)).slice(0, 1) };
  if (SHELLS.has(name)) {
    // `-c`, `-lc`, `-ec`: short options of letters, one of them `c` (a test and an `includes`: `^-[a-z]*c[a-z]*$` backtracks).
    const c = args.findIndex((w) => /^-[a-z]+$/i.test(w.text) && w.text.toLowerCase().includes("c"));
    if (c >= 0) return { run: [], ...(args[c + 1] ? { nested: unmarked(args[c + 1]!) } : {}) };
    return { run: interpreted(args) };
  }
  if (INTERPRETERS.has(name) || /^python\d[\d.]*$/.test(name)) {
    // `node -e code`, `python -c code`, `python -m module`: nothing from a file.
    if (args.some((w) => /^(?:-[ecmp]|--eval|--print|--command)$/i.test(w.text))) return { run: [] };
    return { run: interpreted(args[0]?.text === "run" ? args.slice(1) : args) };
  }
  if (RUNNERS.has(name)) {
    // `npx -y tsx x.ts`, `uv run python x.py`, `uv run x.py`, `pnpm exec tsx x.ts`: a script, or an interpreter and its script.
    const rest = args.filter((w) => !isOption(w) && !["run", "exec", "dlx", "x"].includes(w.text));
    const next = rest[0];
    if (!next) return { run: [] };
    if (SCRIPT_EXTENSION.test(next.text)) return { run: interpreted(rest) };
    if (INTERPRETERS.has(nameOf(next)) || SHELLS.has(nameOf(next)) || /^python\d[\d.]*$/.test(nameOf(next))) return simple(rest);
    return { run: [] };
  }
  // A program named by a path runs that file (`./x.sh`, `.claude/hooks/x.py`, `$ROOT/x`); a bare name is looked up on PATH.
  if (program.text.includes("/") || program.text.includes(MARK)) return { run: [program, ...laterScripts(args)] };
  return { run: [] };
}

/** An interpreter's script: its first path-like argument, and later arguments that are scripts too (`bash wrap.sh hook.py`). */
function interpreted(args: Word[]): Word[] {
  const first = args.findIndex((w) => !isOption(w) && (pathLike(w) || w.text.includes(MARK)));
  return first < 0 ? [] : [args[first]!, ...laterScripts(args.slice(first + 1))];
}

const laterScripts = (args: Word[]) => args.filter((w) => !isOption(w) && w.text.includes("/") && SCRIPT_EXTENSION.test(w.text));

/**
 * The repository files `command` runs, from `ctx`: candidate paths (at most MAX_PATHS_PER_COMMAND)
 * and the script-naming words that cannot be resolved (variables, substitutions, globs, `..` out of
 * the repository, a `cd` to an unknown folder, a command too long to take apart). Linear in the command.
 */
export function scriptsOfCommand(command: string, ctx: RunContext): ScriptRefs {
  const paths = new Set<string>();
  const unresolved = new Set<string>();
  if (command.length > MAX_COMMAND_CHARS) {
    unresolved.add(`(a command of ${command.length} characters, over the ${MAX_COMMAND_CHARS} taken apart)`);
    return { paths: [], unresolved: [...unresolved] };
  }
  // No folder to start from (a `cwd` leaving the repository): relative paths are unknown, not absent.
  walk(command, ctx.cwd.length ? ctx.cwd : "unknown", ctx, 0, paths, unresolved);
  const sorted = [...paths].sort();
  if (sorted.length > MAX_PATHS_PER_COMMAND) unresolved.add(`(${sorted.length - MAX_PATHS_PER_COMMAND} more paths than the ${MAX_PATHS_PER_COMMAND} one command is followed to)`);
  return { paths: sorted.slice(0, MAX_PATHS_PER_COMMAND), unresolved: [...unresolved].sort() };
}

function walk(command: string, start: Cwd, ctx: RunContext, depth: number, paths: Set<string>, unresolved: Set<string>): void {
  let cwd: Cwd = start;
  const stack: Cwd[] = [];
  let words: Word[] = [];
  const end = () => {
    const s = simple(words);
    words = [];
    if (s.cd !== undefined) cwd = s.cd === "home" ? "outside" : cdTo(s.cd, cwd, ctx);
    if (s.nested !== undefined) {
      if (depth < MAX_NESTING) walk(s.nested, cwd, ctx, depth + 1, paths, unresolved);
      else unresolved.add(s.nested.slice(0, 200));
    }
    for (const w of s.run) {
      const r = resolveWord(w, cwd, ctx);
      if ("paths" in r) for (const p of r.paths) paths.add(p);
      if ("unresolved" in r && r.unresolved !== undefined) unresolved.add(r.unresolved);
    }
  };
  for (const t of tokens(command)) {
    if (typeof t !== "string") {
      words.push(t);
      continue;
    }
    end();
    // A subshell's `cd` ends with it.
    if (t === "(") stack.push(cwd);
    else if (t === ")") cwd = stack.pop() ?? cwd;
  }
  end();
}

function cdTo(target: Word, cwd: Cwd, ctx: RunContext): Cwd {
  if (target.text === "-") return "unknown";
  const r = resolveWord(target, cwd, ctx);
  if ("outside" in r) return "outside";
  if ("unresolved" in r) return "unknown";
  return r.paths.length ? r.paths : [""];
}

// ---------------------------------------------------------------------------------------------
// Where a hook runs, from the file that declares it.

/** Agent folders: a hook file inside one belongs to the project above it. */
const AGENT_FOLDERS = new Set([".claude", ".github", ".cursor", ".gemini", ".kiro", ".codex", ".amazonq", ".windsurf", ".vscode"]);
/** Variables the agents set to the project's folder. */
const PROJECT_VARS = ["CLAUDE_PROJECT_DIR", "GEMINI_PROJECT_DIR", "GEMINI_CWD", "CURSOR_PROJECT_DIR"];
/** Variables the agents set to the plugin's or extension's own folder. */
const PLUGIN_VARS = ["CLAUDE_PLUGIN_ROOT", "extensionPath"];
/** Files whose folder is a plugin's (or extension's) root. */
const MANIFESTS = [".claude-plugin/plugin.json", ".codex-plugin/plugin.json", ".cursor-plugin/plugin.json", "gemini-extension.json"];

export interface HookSite {
  /** The file declaring the hook. */
  path: string;
  client: string;
  /** Copilot's `cwd`: the folder the command starts in, from the project root. */
  cwd?: string;
}

/**
 * Where a hook's relative paths start and what its variables name: the project (the folder above
 * the agent folder holding the file), and for plugin and extension hooks the plugin's root (the
 * nearest folder holding a manifest, else the one above `hooks/`), where Codex and Cursor also
 * start relative paths. `hasFile` tells which files the tree holds.
 */
export function runContextOf(site: HookSite, hasFile: (path: string) => boolean): RunContext {
  const dirs = site.path.split("/").slice(0, -1);
  const dir = dirs.join("/");
  let agentAt = -1;
  for (let i = dirs.length - 1; i >= 0 && agentAt < 0; i--) if (AGENT_FOLDERS.has(dirs[i]!.toLowerCase())) agentAt = i;
  const project = agentAt >= 0 ? dirs.slice(0, agentAt).join("/") : "";
  const plugin = pluginRoot(dirs, hasFile);
  const vars: Record<string, string[]> = {};
  for (const v of PROJECT_VARS) vars[v] = [project];
  if (plugin !== undefined) for (const v of PLUGIN_VARS) vars[v] = [plugin];
  let cwd: string[];
  if (site.cwd !== undefined) {
    const at = joinRepoPath(project, site.cwd);
    cwd = at === undefined ? [] : [at];
  } else if (plugin !== undefined) cwd = [plugin, project];
  else cwd = site.client === "cursor" ? [project, dir] : [project];
  cwd = [...new Set(cwd)];
  vars.PWD = cwd;
  vars[TOPLEVEL] = [""];
  return { cwd, vars };
}

function pluginRoot(dirs: string[], hasFile: (path: string) => boolean): string | undefined {
  for (let i = dirs.length; i >= 0; i--) {
    const d = dirs.slice(0, i).join("/");
    if (MANIFESTS.some((m) => hasFile(d ? `${d}/${m}` : m))) return d;
  }
  // Without the manifest in view: `<root>/hooks/hooks.json`, `<root>/.claude-plugin/plugin.json`, a plugin-root `hooks.json`.
  const last = dirs[dirs.length - 1]?.toLowerCase();
  if (last === "hooks" || last === ".claude-plugin" || last === ".codex-plugin" || last === ".cursor-plugin") return dirs.slice(0, -1).join("/");
  return undefined;
}
