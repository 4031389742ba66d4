// OpenCode local code: every `.ts`/`.js` file (and package folder) under `.opencode/plugins/` is
// imported at start and hooks into the agent's events; files under `.opencode/tools/` are custom
// tools the model may call; `.opencode/package.json` lists packages `bun install` fetches at start.
// All of it is code that runs, so each file is one executable hook tracked by its content's digest.
import { canonicalJson } from "../canonical.js";
import { foldCase } from "../globs.js";
import { isRecord } from "../parse/document.js";
import { parseJson } from "../parse/json.js";
import { sha256 } from "./hooks-json.js";
import { withObject, type Surface } from "./types.js";

const DEPENDENCY_KEYS = ["dependencies", "optionalDependencies", "peerDependencies", "devDependencies", "scripts", "overrides", "trustedDependencies"];

export const opencodePlugin: Surface = {
  id: "opencode-plugin",
  description: "OpenCode local plugins and custom tools (.opencode/plugins/, .opencode/tools/) and the packages .opencode/package.json installs at start",
  patterns: ["**/.opencode/{plugin,plugins,tool,tools}/**", "**/.opencode/package.json"],
  parse({ path, text }) {
    if (/(?:^|\/)\.opencode\/package\.json$/.test(foldCase(path))) {
      return withObject(parseJson(path, text), path, ".opencode/package.json", (doc, pkg) => {
        // What is installed and run at start: the dependency lists and lifecycle scripts, by value.
        const fetched = Object.fromEntries(DEPENDENCY_KEYS.filter((k) => pkg[k] !== undefined).map((k) => [k, pkg[k]]));
        if (!Object.keys(fetched).length) return [];
        const names = DEPENDENCY_KEYS.filter((k) => isRecord(pkg[k])).flatMap((k) => Object.keys(pkg[k] as object)).sort();
        const key = `${path}#install`;
        const line = doc.lineOf([DEPENDENCY_KEYS.find((k) => pkg[k] !== undefined)!]);
        const command = `bun install ${names.join(" ")}`.trim();
        return [{ kind: "hook", key, slot: key, path, line, attrs: { client: "opencode", event: "startup", type: "executable", command, digest: sha256(canonicalJson(fetched)) } }];
      });
    }
    // A tool runs when the model calls it; a plugin runs at start and on every event it subscribes to.
    const event = /(?:^|\/)\.opencode\/tools?\//.test(foldCase(path)) ? "tool" : "plugin";
    const key = `${path}#hook`;
    // Line endings are a checkout setting (autocrlf), not an edit.
    const digest = sha256(text.replace(/\r\n/g, "\n"));
    return { capabilities: [{ kind: "hook", key, slot: key, path, line: 1, attrs: { client: "opencode", event, type: "executable", command: path, digest } }], problems: [] };
  },
};
