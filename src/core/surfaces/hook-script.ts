// A repository file a hook runs (`bash .claude/hooks/setup.sh`), as a `hook_script` capability: no
// surface of its own (any file can be one; hook-script-files.ts finds them through the hooks), tracked
// by digest, shown by its first lines, and scanned for what matters in code that runs by itself on
// agent events: download-and-run, network endpoints, credentials, writes to agent configuration and
// flags that turn an agent's prompts off.
import { credentialSpans } from "../credentials.js";
import type { Capability, HookScriptAttrs, Location, ParseResult } from "../model.js";
import { LineIndex } from "../parse/text.js";
import { urlHosts } from "./instructions-scan.js";
import { headOf } from "./skill-file.js";
import { sha256 } from "./hooks-json.js";
import { remoteScriptsIn } from "./workflow-steps.js";

/** Items of one list shown at most; the digest binds the rest. */
const MAX_ITEMS = 20;
/** Lines longer than this are scanned for config writes only in their first part (the rest is in the digest). */
const MAX_LINE = 4_000;

/** Flags and modes that run an agent without prompts or sandbox: literal alternatives, linear. */
const BYPASS = /--dangerously-skip-permissions\b|--dangerously-bypass-approvals-and-sandbox\b|--permission-mode[= ]bypassPermissions\b|\bbypassPermissions\b|--yolo\b|--approval-mode[= ]yolo\b|--full-auto\b|--trust-all-tools\b|--allow-all-tools\b|\bdanger-full-access\b/gi;
/** Agent configuration paths: a script that writes them changes what the agent may do next time. */
const AGENT_CONFIG = /\.claude\/settings(?:\.local)?\.json|\.claude\.json|\.mcp\.json|\.cursor\/(?:mcp|hooks)\.json|\.vscode\/(?:mcp|settings)\.json|\.codex\/config\.toml|\.gemini\/settings\.json|\.claude\/(?:hooks|skills|agents|commands)\/|\bhooks\.json|\bCLAUDE\.md|\bAGENTS\.md|\bGEMINI\.md/g;
/** What writes a file on the same line: a redirection (not `=>`, `->`), a copy, an editor in place, a write call. */
const WRITE = /(?<![=\-])>|\btee\b|\bcp\b|\bmv\b|\bln\s+-s|\bsed\s+-i|\binstall\b|writeFile|write_text|write_bytes|\.write\(|\bopen\(|json\.dump|Set-Content|Out-File|Add-Content|copyFile|appendFile|\bjq\b/;
/** Secret stores of the user's machine, and variables named like credentials, read by the script. */
const SECRET_READ = /(?:~|\$HOME|\$\{HOME\})\/\.(?:ssh|aws\/credentials|netrc|npmrc|pypirc|docker\/config\.json|kube\/config|config\/gh\/hosts\.yml|git-credentials|gnupg)|\bid_(?:rsa|ed25519|ecdsa)\b|(?:\$\{?|process\.env\.|environ\[["']|environ\.get\(["']|getenv\(["'])[A-Z][A-Z0-9_]{0,63}(?:TOKEN|SECRET|PASSWORD|PASSWD|API_KEY|APIKEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIALS?)\b/g;

/** `reads ~/.ssh`, `reads id_rsa`, `reads $GITHUB_TOKEN` (however the variable was read). */
const secretRead = (m: string): string => (/^(?:~|\$HOME|\$\{HOME\}|id_)/.test(m) ? `reads ${m}` : `reads $${m.replace(/^[^A-Z]+/, "")}`);

interface Found {
  items: string[];
  lines: Map<string, number>;
}

/** Unique items with the line each is first seen on, sorted, at most MAX_ITEMS (and a count). */
function collect(): { add: (item: string, line: number) => void; done: () => Found } {
  const lines = new Map<string, number>();
  return {
    add: (item, line) => void (lines.has(item) || lines.set(item, line)),
    done: () => {
      const all = [...lines.keys()].sort();
      const items = all.length > MAX_ITEMS ? [...all.slice(0, MAX_ITEMS), `(${all.length - MAX_ITEMS} more)`] : all;
      return { items, lines };
    },
  };
}

function matchesOf(text: string, re: RegExp, index: LineIndex, as: (m: string) => string = (m) => m): Found {
  const c = collect();
  for (const m of text.matchAll(re)) c.add(as(m[0]), index.lineOf(m.index));
  return c.done();
}

/** Agent config paths named on a line that also writes something. */
function configWrites(lines: string[]): Found {
  const c = collect();
  lines.forEach((raw, i) => {
    const line = raw.slice(0, MAX_LINE);
    AGENT_CONFIG.lastIndex = 0;
    if (!AGENT_CONFIG.test(line) || !WRITE.test(line)) return;
    for (const m of line.matchAll(AGENT_CONFIG)) c.add(m[0], i + 1);
  });
  return c.done();
}

/** One `hook_script` capability for a script file, run by the hooks named in `runBy`. */
export function parseHookScript(path: string, text: string, runBy: string[]): ParseResult {
  // Line endings are a checkout setting (autocrlf), not an edit.
  const normalized = text.replace(/\r\n/g, "\n");
  const index = new LineIndex(normalized);
  const lines = normalized.split("\n");
  const remote = collect();
  const scanned = remoteScriptsIn(normalized);
  for (const r of scanned.found) remote.add(r.script, r.lineOffset + 1);
  for (const u of scanned.unscanned) remote.add(`(${u.chars} characters not scanned from line ${u.lineOffset + 1}: read them)`, u.lineOffset + 1);
  const hosts = collect();
  for (const h of urlHosts(normalized)) hosts.add(h.text, h.line);
  const credentials = collect();
  for (const [start] of credentialSpans(normalized)) credentials.add(`a committed credential on line ${index.lineOf(start)}`, index.lineOf(start));
  const reads = matchesOf(normalized, SECRET_READ, index, secretRead);
  for (const [item, line] of reads.lines) credentials.add(item, line);
  const found = {
    remoteScripts: remote.done(),
    hosts: hosts.done(),
    configWrites: configWrites(lines),
    bypasses: matchesOf(normalized, BYPASS, index, (m) => m.toLowerCase()),
    credentials: credentials.done(),
  };
  const attrs: HookScriptAttrs = {
    runBy: [...new Set(runBy)].sort(),
    digest: sha256(normalized),
    head: headOf(normalized),
    remoteScripts: found.remoteScripts.items,
    hosts: found.hosts.items,
    configWrites: found.configWrites.items,
    bypasses: found.bypasses.items,
    credentials: found.credentials.items,
  };
  const locations: Record<string, Location> = {};
  for (const [field, f] of Object.entries(found)) for (const [item, line] of f.lines) locations[`${field}:${item}`] = { line };
  const cap: Capability = { kind: "hook_script", key: `${path}#hook-script`, path, line: 1, attrs, locations };
  return { capabilities: [cap], problems: [] };
}
