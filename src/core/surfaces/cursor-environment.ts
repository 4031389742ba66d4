// Cursor cloud (background) agent environment (`.cursor/environment.json`): `install` runs before the
// agent starts (its result is snapshotted), `start` on every boot, `terminals[]` are commands kept
// running beside the agent, `build` names the Dockerfile of the machine. The agent works there with
// the repository's secrets, so each command is a hook.
import type { Capability } from "../model.js";
import { isRecord, type LocatedDocument, type PathSegment } from "../parse/document.js";
import { parseJson } from "../parse/json.js";
import { hookIds, shownCommand } from "./hooks-json.js";
import { withObject, type Surface } from "./types.js";

function hook(path: string, doc: LocatedDocument, event: string, matcher: string | undefined, command: string, at: PathSegment[]): Capability {
  // What redaction hides still binds an approval: its digest is part of the hook.
  const shown = shownCommand(command.trim());
  const { key, slot } = hookIds(path, "environment", event, matcher, "command");
  return { kind: "hook", key, slot, path, line: doc.lineOf(at), attrs: { client: "cursor", event, ...(matcher ? { matcher } : {}), type: "command", ...shown } };
}

export const cursorEnvironment: Surface = {
  id: "cursor-environment",
  description: "Cursor cloud agent environment (.cursor/environment.json): install and start commands, terminals, the machine's Dockerfile",
  patterns: ["**/.cursor/environment.json"],
  parse({ path, text }) {
    return withObject(parseJson(path, text, { jsonc: true }), path, "environment.json", (doc, env) => {
      const out: Capability[] = [];
      for (const event of ["install", "start"]) {
        const v = env[event];
        if (typeof v === "string" && v.trim()) out.push(hook(path, doc, event, undefined, v, [event]));
      }
      if (Array.isArray(env.terminals)) {
        env.terminals.forEach((t, i) => {
          if (!isRecord(t) || typeof t.command !== "string" || !t.command.trim()) return;
          const name = typeof t.name === "string" && t.name.trim() ? t.name.trim() : `#${i + 1}`;
          out.push(hook(path, doc, "terminal", name, t.command, ["terminals", i, "command"]));
        });
      }
      if (isRecord(env.build) && typeof env.build.dockerfile === "string") {
        const context = typeof env.build.context === "string" ? env.build.context : ".";
        out.push(hook(path, doc, "build", undefined, `docker build -f ${env.build.dockerfile} ${context}`, ["build"]));
      }
      return out;
    });
  },
};
