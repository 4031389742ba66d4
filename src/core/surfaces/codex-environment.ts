// Codex app local environments (`.codex/environments/*.toml`, checked in to share them): a setup
// script that runs by itself whenever Codex creates a worktree for a new thread, a cleanup script
// before it removes one, and named actions (commands) offered in the app's top bar. Each script is
// a hook; its text is shown with tokens redacted, and its digest makes any edit a change.
import type { Capability, Json } from "../model.js";
import { canonicalJson } from "../canonical.js";
import { isRecord, type LocatedDocument, type PathSegment } from "../parse/document.js";
import { parseToml } from "../parse/toml.js";
import { hookIds, redactCommand, sha256 } from "./hooks-json.js";
import { shapeProblem, typeName, withDocument, type Surface } from "./types.js";

const KNOWN = new Set(["version", "name", "setup", "cleanup", "actions"]);

/** Every string under `setup` / `cleanup` (a `script`, or one per platform) is a script that runs. */
function scripts(path: string, doc: LocatedDocument, event: string, value: unknown, at: PathSegment[], out: Capability[]): void {
  if (typeof value === "string") {
    if (!value.trim()) return;
    const matcher = at.slice(1).join(".") || "script";
    const { key, slot } = hookIds(path, "environment", event, matcher, "script");
    out.push({ kind: "hook", key, slot, path, line: doc.lineOf(at), attrs: { client: "codex", event, matcher, type: "command", command: redactCommand(value.trim()), digest: sha256(value) } });
  } else if (isRecord(value)) {
    for (const [k, v] of Object.entries(value)) scripts(path, doc, event, v, [...at, k], out);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => scripts(path, doc, event, v, [...at, i], out));
  }
}

/**
 * Line of the `i`-th `[[actions]]` table's `key` (the TOML index keeps no array positions): counted
 * through the headers, then the first `key =` before the next header; the header itself otherwise.
 */
function actionLine(text: string, i: number, key: string, fallback: number): number {
  const lines = text.split("\n");
  let seen = -1;
  let header = 0;
  for (let n = 0; n < lines.length; n++) {
    const l = lines[n]!.trim();
    if (l.startsWith("[")) {
      if (seen === i) break;
      if (/^\[\[\s*actions\s*\]\]/.test(l) && ++seen === i) header = n + 1;
      continue;
    }
    if (seen === i && new RegExp(`^["']?${key}["']?\\s*=`).test(l)) return n + 1;
  }
  return header || fallback;
}

export const codexEnvironment: Surface = {
  id: "codex-environment",
  description: "Codex app local environments (.codex/environments/*.toml): worktree setup and cleanup scripts and top-bar actions",
  patterns: ["**/.codex/environments/*.toml"],
  parse({ path, text }) {
    return withDocument(parseToml(path, text), (doc) => {
      const root = doc.value;
      if (!isRecord(root)) return [];
      const out: Capability[] = [];
      for (const event of ["setup", "cleanup"]) scripts(path, doc, `worktree-${event}`, root[event], [event], out);
      if (root.actions !== undefined && !Array.isArray(root.actions)) {
        return { capabilities: out, problems: [shapeProblem(path, doc.lineOf(["actions"]), `\`actions\` must be an array of tables, found ${typeName(root.actions)}`)] };
      }
      (root.actions ?? []).forEach((action: unknown, i: number) => {
        if (!isRecord(action) || typeof action.command !== "string" || !action.command.trim()) return;
        // Named by its title (and platform): renaming an action is a changed hook, not a new one.
        const name = typeof action.name === "string" && action.name.trim() ? action.name.trim() : `#${i + 1}`;
        const matcher = typeof action.platform === "string" ? `${name} (${action.platform})` : name;
        const { key, slot } = hookIds(path, "environment", "action", matcher, "command");
        out.push({ kind: "hook", key, slot, path, line: actionLine(text, i, "command", doc.lineOf(["actions"])), attrs: { client: "codex", event: "action", matcher, type: "command", command: redactCommand(action.command.trim()), digest: sha256(action.command) } });
      });
      // Keys this tool does not know yet may run something too: their digest (never their text) is tracked.
      const other = Object.fromEntries(Object.entries(root).filter(([k]) => !KNOWN.has(k)));
      if (Object.keys(other).length) {
        const first = Object.keys(other)[0]!;
        out.push({ kind: "agent_setting", key: `${path}#environment.other`, path, line: doc.lineOf([first]), attrs: { client: "codex", setting: "environment.other", value: `sha256:${sha256(canonicalJson(other))}` as Json } });
      }
      return out;
    });
  },
};
