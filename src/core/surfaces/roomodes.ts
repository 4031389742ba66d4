// Roo Code custom modes (`.roomodes` at the project root, YAML or JSON; Kilo Code's `.kilocodemodes`):
// `customModes[]` each with a `slug`, the prompts the agent takes on in that mode (`roleDefinition`,
// `whenToUse`, `customInstructions`) and the tool groups it may use (`read`, `edit` (optionally
// limited by `fileRegex`), `command`, `mcp`, `browser`). One instructions capability per mode: its
// text is scanned like any instruction file, its groups are its tools (`command` runs any shell).
import type { Capability } from "../model.js";
import { isRecord, type LocatedDocument } from "../parse/document.js";
import { parseJson } from "../parse/json.js";
import { parseYaml } from "../parse/yaml.js";
import { embeddedInstructions } from "./instructions.js";
import { shapeProblem, typeName, withDocument, type Surface } from "./types.js";

const PROMPTS = ["roleDefinition", "whenToUse", "description", "customInstructions"];

/** `edit`, or `edit(fileRegex:\.md$)` for `["edit", {fileRegex: "\\.md$"}]` (graded as a pattern over the path). */
function group(g: unknown): string | undefined {
  if (typeof g === "string") return g.trim() || undefined;
  if (!Array.isArray(g) || typeof g[0] !== "string") return undefined;
  const limit = isRecord(g[1]) && typeof g[1].fileRegex === "string" ? g[1].fileRegex : undefined;
  return limit ? `${g[0]}(fileRegex:${limit})` : g[0];
}

function mode(path: string, doc: LocatedDocument, raw: unknown, i: number): Capability | undefined {
  if (!isRecord(raw)) return undefined;
  const slug = typeof raw.slug === "string" && raw.slug.trim() ? raw.slug.trim() : `#${i + 1}`;
  const tools = Array.isArray(raw.groups) ? [...new Set(raw.groups.map(group).filter((g): g is string => !!g))].sort() : [];
  const text = PROMPTS.filter((k) => typeof raw[k] === "string").map((k) => `## ${k}\n\n${raw[k] as string}`).join("\n\n");
  return embeddedInstructions(path, `customModes.${slug}`, doc.lineOf(["customModes", i]), text, "roo-mode", "generic", tools);
}

export const roomodes: Surface = {
  id: "roomodes",
  description: "Roo Code / Kilo Code custom modes (.roomodes, .kilocodemodes): each mode's prompts and tool groups",
  patterns: ["**/.roomodes", "**/.kilocodemodes"],
  parse({ path, text }) {
    // JSON is the older form; YAML the current one.
    const parsed = text.trimStart().startsWith("{") ? parseJson(path, text) : parseYaml(path, text);
    return withDocument(parsed, (doc) => {
      const top = doc.value;
      if (top === null || top === undefined) return [];
      if (!isRecord(top)) return { capabilities: [], problems: [shapeProblem(path, 1, `a modes file must be an object with \`customModes\`, found ${typeName(top)}`)] };
      const modes = top.customModes;
      if (modes === undefined || modes === null) return [];
      if (!Array.isArray(modes)) {
        return { capabilities: [], problems: [shapeProblem(path, doc.lineOf(["customModes"]), `\`customModes\` must be a list of modes, found ${typeName(modes)}`)] };
      }
      return modes.map((m, i) => mode(path, doc, m, i)).filter((c): c is Capability => !!c);
    });
  },
};
