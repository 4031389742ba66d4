// What a `run:` step writes for an agent: files (a here-document, `echo '{...}' > f`), so that an MCP
// config written in one step and passed to the agent in another is read as the agent's, and marks
// that a workspace is trusted (the checkout's own settings, hooks and MCP servers then take effect).
import { isRecord } from "../parse/document.js";
import { LineIndex } from "../parse/text.js";
import { readShell } from "./workflow-shell.js";
import { shellCommands } from "./workflow-steps.js";

export interface WrittenFile {
  /** As the script names it (quotes removed, `$VAR` / `${VAR}` as `$VAR`). */
  path: string;
  text: string;
  lineOffset: number;
}

/** A statement longer than this is not read for a write (a JSON config is far shorter). */
const MAX_WRITE = 16_000;

/** The file a command writes: its redirection, or `tee`'s first file. */
function targetOf(c: { words: string[]; writes: string[] }): string | undefined {
  if (c.writes.length) return c.writes[0];
  if (c.words[0] === "tee") return c.words.slice(1).find((w) => !w.startsWith("-"));
  return undefined;
}

/** Files the script writes whole: here-documents into a file, and `echo` / `printf` of a literal. */
export function writtenFiles(script: string): WrittenFile[] {
  const out: WrittenFile[] = [];
  const { statements, heredocs } = readShell(script);
  for (const h of heredocs) {
    if (h.opener.length > MAX_WRITE) continue;
    const path = shellCommands(h.opener).map(targetOf).find((p) => p !== undefined);
    if (path) out.push({ path, text: h.body, lineOffset: h.line });
  }
  for (const st of statements) {
    if (st.text.length > MAX_WRITE || !st.text.includes(">") || !st.text.includes("{")) continue;
    for (const c of shellCommands(st.text)) {
      const path = targetOf(c);
      if (!path || (c.words[0] !== "echo" && c.words[0] !== "printf")) continue;
      const args = c.words.slice(1).filter((w) => !/^-[neE]+$/.test(w));
      // `printf '%s\n' '{...}'`: the argument; `printf '{...}'`: the format is the text.
      const text = c.words[0] === "printf" && args.length > 1 && /^%s/.test(args[0]!) ? args.slice(1).join(" ") : args.join(" ");
      out.push({ path, text, lineOffset: st.line });
    }
  }
  return out;
}

/** Texts that mark a workspace trusted, by agent: what is written, or a config flag. */
const TRUST: { family: string; mark: string; re: RegExp }[] = [
  { family: "claude", mark: "hasTrustDialogAccepted", re: /hasTrustDialogAccepted["'\]]*\s*[:=]\s*true\b/ },
  { family: "codex", mark: "trust_level", re: /trust_level\s*=\s*\\?["']?trusted\b/ },
  { family: "gemini", mark: "trustedFolders", re: /\bTRUST_(?:FOLDER|PARENT)\b/ },
  { family: "copilot", mark: "trusted_folders", re: /\btrusted_folders\b/ },
];

/** Workspace trust a script grants, by agent family, with the line of the first mark. */
export function trustMarks(script: string): { family: string; mark: string; lineOffset: number }[] {
  const out: { family: string; mark: string; lineOffset: number }[] = [];
  let index: LineIndex | undefined;
  for (const t of TRUST) {
    const m = t.re.exec(script);
    if (m) out.push({ family: t.family, mark: t.mark, lineOffset: (index ??= new LineIndex(script)).lineOf(m.index) - 1 });
  }
  return out;
}

/** Files an agent reads by itself when they are in its workspace or home, by family. */
const IMPLICIT: { family: string; re: RegExp }[] = [
  { family: "claude", re: /(^|\/)\.mcp\.json$/ },
  { family: "gemini", re: /(^|\/)\.gemini\/settings\.json$/ },
  { family: "copilot", re: /(^|\/)\.copilot\/mcp-config\.json$/ },
  { family: "generic", re: /(^|\/)\.cursor\/mcp\.json$/ },
];

/** The families that read a written file without being told to. */
export function implicitReaders(path: string): string[] {
  return IMPLICIT.filter((i) => i.re.test(path)).map((i) => i.family);
}

/** `./a` and `a` are one file; anything else is compared as written. */
export const samePath = (a: string, b: string): boolean => a.replace(/^\.\//, "") === b.replace(/^\.\//, "");

/** The servers of a written MCP config (`{"mcpServers": {...}}`), or undefined when it is none. */
export function mcpServersIn(text: string): Record<string, Record<string, unknown>> | undefined {
  const t = text.trim();
  if (!t.startsWith("{") || !t.includes("mcpServers")) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(t);
  } catch {
    return undefined;
  }
  if (!isRecord(json) || !isRecord(json.mcpServers)) return undefined;
  const out: Record<string, Record<string, unknown>> = {};
  for (const [name, raw] of Object.entries(json.mcpServers).slice(0, 100)) if (isRecord(raw)) out[name] = raw;
  return out;
}
