// Kiro agent hooks (`.kiro/hooks/*.kiro.hook`): JSON `{name, version, enabled, when{type, patterns[]},
// then{type: askAgent|runCommand, prompt|command}}`. A `runCommand` hook runs shell on file events.
//
// Disabled hooks (`enabled: false`) are not emitted: Kiro does not run them, so turning one on shows
// up as an added hook, and turning one off as a removed hook.
import type { HookAttrs } from "../model.js";
import { asString, asStringArray, isRecord } from "../parse/document.js";
import { parseJson } from "../parse/json.js";
import { hiddenDigest } from "../secrets.js";
import { hookIds, sha256, shownCommand } from "./hooks-json.js";
import { withObject, type Surface } from "./types.js";

export const kiroHook: Surface = {
  id: "kiro-hook",
  description: "Kiro agent hooks (.kiro/hooks/*.kiro.hook): commands or prompts run on file and agent events",
  patterns: ["**/.kiro/hooks/*.kiro.hook"],
  parse({ path, text }) {
    return withObject(parseJson(path, text), path, "a .kiro.hook file", (doc, hook) => {
      if (hook.enabled === false) return [];
      const when = isRecord(hook.when) ? hook.when : {};
      const then = isRecord(hook.then) ? hook.then : undefined;
      if (!then) return [];
      const event = asString(when.type) ?? "unknown";
      // Sorted so that reordering the glob list is not a change; tool hooks name `toolTypes` instead.
      const patterns = [...new Set(asStringArray(when.patterns) ?? asStringArray(when.toolTypes) ?? [])].sort();
      const matcher = patterns.length ? patterns.join(",") : undefined;
      const base = { client: "kiro" as const, event, ...(matcher ? { matcher } : {}) };
      const command = asString(then.command);
      let attrs: HookAttrs;
      let what: string;
      let field: string;
      if (then.type === "runCommand" || (then.type !== "askAgent" && command !== undefined)) {
        // A redacted word still binds the approval: the exact command's digest is in the attrs.
        const shown = shownCommand(command ?? "");
        attrs = { ...base, type: "command", ...shown };
        what = shown.command;
        field = "command";
      } else if (then.type === "askAgent") {
        // The key holds a short digest; the full one makes any other prompt a change.
        attrs = { ...base, type: "prompt", hiddenDigest: hiddenDigest(asString(then.prompt) ?? "") };
        what = `prompt:${sha256(asString(then.prompt) ?? "").slice(0, 12)}`;
        field = "prompt";
      } else {
        return [];
      }
      return [{ kind: "hook", ...hookIds(path, "hooks", event, matcher, what), path, line: doc.lineOf(["then", field]), attrs }];
    });
  },
};
