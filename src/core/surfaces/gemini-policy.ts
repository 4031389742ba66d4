// Gemini CLI policy engine TOML (`[[rule]]` tables): each tool / command prefix a rule allows, denies
// or asks about becomes one permission_rule.
import type { Capability, ParseResult, PermissionRuleAttrs } from "../model.js";
import { asString, isRecord } from "../parse/document.js";
import { parseToml } from "../parse/toml.js";
import { shapeProblem, typeName, withDocument, type SourceFile, type Surface } from "./types.js";

const LISTS: Record<string, PermissionRuleAttrs["list"]> = { allow: "allow", deny: "deny", ask_user: "ask" };

/** A string or a list of strings (toolName, commandPrefix); anything else is nothing. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return [];
}

/** 1-based line of each `[[rule]]` header, in order: smol-toml keeps no positions. */
function ruleHeaders(lines: string[]): number[] {
  const out: number[] = [];
  lines.forEach((l, i) => {
    if (/^\s*\[\[\s*(rule|"rule"|'rule')\s*\]\]\s*(#.*)?$/.test(l)) out.push(i + 1);
  });
  return out;
}

type RuleField = "toolName" | "commandPrefix" | "commandRegex" | "argsPattern";

/**
 * Line of `needle` (quoted) in the value of `field` inside the rule block starting at `from`: the
 * same text under another key (a `denyMessage` quoting the command) is not it. Else the line of
 * the field, else the block's header.
 */
function lineIn(lines: string[], from: number, field: RuleField, needle: string): number {
  if (from <= 0) return 1;
  let current: string | undefined;
  let fieldLine: number | undefined;
  for (let i = from; i < lines.length; i++) {
    const l = lines[i]!;
    // The next table header. No `\s*` before the name: the name's class holds spaces, and two
    // quantifiers over the same spaces made a long `[   ` line quadratic.
    if (/^\s*\[\[?[\w."' \t-]+\]\]?\s*(#.*)?$/.test(l)) break;
    // A key assignment starts a value; lines without one continue the current (multi-line) array.
    const key = /^\s*([A-Za-z_][\w-]*)\s*=/.exec(l)?.[1];
    if (key !== undefined) current = key;
    if (current !== field) continue;
    fieldLine ??= i + 1;
    if (l.includes(`"${needle}"`) || l.includes(`'${needle}'`)) return i + 1;
  }
  return fieldLine ?? from;
}

/** The rule strings one `[[rule]]` stands for, with the text each was written as (to find its line). */
function ruleStrings(rule: Record<string, unknown>): Array<{ rule: string; field: RuleField; needle: string }> {
  const server = asString(rule.mcpName);
  const prefixes = strings(rule.commandPrefix);
  const regex = asString(rule.commandRegex);
  const args = asString(rule.argsPattern);
  let tools = strings(rule.toolName);
  if (tools.length === 0) tools = prefixes.length || regex ? ["run_shell_command"] : ["*"];
  // mcpName + toolName is the FQN `mcp_<server>_<tool>`; mcpName alone is every tool of the server.
  const names = tools.map((t) => ({ name: server ? (server === "*" && t === "*" ? "mcp_*" : `mcp_${server}_${t}`) : t, needle: t }));
  const out: Array<{ rule: string; field: RuleField; needle: string }> = [];
  for (const { name, needle } of names) {
    if (prefixes.length) for (const p of prefixes) out.push({ rule: `${name}(${p})`, field: "commandPrefix", needle: p });
    if (regex) out.push({ rule: `${name}(/${regex}/)`, field: "commandRegex", needle: regex });
    if (args) out.push({ rule: `${name}(args:/${args}/)`, field: "argsPattern", needle: args });
    if (!prefixes.length && !regex && !args) out.push({ rule: name, field: "toolName", needle });
  }
  return out;
}

function parse(file: SourceFile): ParseResult {
  const { path } = file;
  return withDocument(parseToml(path, file.text), (doc) => {
    const top = doc.value as Record<string, unknown>;
    if (top.rule === undefined) return [];
    if (!Array.isArray(top.rule)) {
      return { capabilities: [], problems: [shapeProblem(path, doc.lineOf(["rule"]), `\`rule\` must be an array of tables ([[rule]]), found ${typeName(top.rule)}`)] };
    }
    const lines = file.text.split("\n");
    const headers = ruleHeaders(lines);
    const caps: Capability[] = [];
    top.rule.forEach((rule, i) => {
      if (!isRecord(rule)) return;
      // Only a known string: an inline table would make String() throw, `toString` would find a method.
      const decision = asString(rule.decision);
      const list = decision !== undefined && Object.hasOwn(LISTS, decision) ? LISTS[decision] : undefined;
      if (!list) return; // no or unknown decision: Gemini rejects the rule
      const header = headers[i] ?? doc.lineOf(["rule"]);
      const subagent = asString(rule.subagent);
      for (const { rule: text, field, needle } of ruleStrings(rule)) {
        const attrs: PermissionRuleAttrs = { client: "gemini", list, rule: text };
        if (subagent) attrs.scope = subagent;
        // Keyed by decision and rule string, never by the rule's position in the file.
        const key = `${path}#rule.${list}.${subagent ? `${subagent}.` : ""}${text}`;
        caps.push({ kind: "permission_rule", key, path, line: lineIn(lines, header, field, needle), attrs });
      }
    });
    return caps;
  });
}

export const geminiPolicy: Surface = {
  id: "gemini-policy",
  description: "Gemini CLI policy engine rules (.gemini/policies/*.toml, extension policies/*.toml): tool allow/deny/ask",
  // `.gemini/commands/**` are prompt commands, also TOML, not policies.
  patterns: ["**/policies/*.toml", "**/.gemini/*.toml", "**/.gemini/!(commands)/**/*.toml"],
  parse,
};
