// Cline hooks: `.clinerules/hooks/<EventName>` is itself an executable script (shebang, stdin JSON)
// that Cline runs at that event when hooks are enabled. Windows uses `<EventName>.ps1`. The script's
// content is the capability, so it is tracked by digest: an edited script is a changed hook.
import { foldCase } from "../globs.js";
import { sha256 } from "./hooks-json.js";
import type { Surface } from "./types.js";

export const CLINE_EVENTS = ["TaskStart", "TaskResume", "TaskCancel", "TaskComplete", "UserPromptSubmit", "PreToolUse", "PostToolUse", "PreCompact"];

export const clineHook: Surface = {
  id: "cline-hook",
  description: "Cline hook scripts (.clinerules/hooks/<Event>): executables run on task and tool events",
  patterns: [`**/.clinerules/hooks/{${CLINE_EVENTS.join(",")}}`, `**/.clinerules/hooks/{${CLINE_EVENTS.join(",")}}.ps1`],
  parse({ path, text }) {
    const file = path.split("/").pop() ?? "";
    // Any case: on a case-insensitive checkout Cline opening `PreToolUse` runs `pretooluse`.
    const event = CLINE_EVENTS.find((e) => e.toLowerCase() === foldCase(file.replace(/\.ps1$/i, "")));
    // Cline ignores other files there (README.md etc.); only reachable when called directly.
    if (!event) return { capabilities: [], problems: [] };
    // One script per event file: the path is the identity, the digest the value.
    const key = `${path}#hook`;
    return {
      capabilities: [{ kind: "hook", key, slot: key, path, line: 1, attrs: { client: "cline", event, type: "executable", command: path, digest: sha256(text) } }],
      problems: [],
    };
  },
};
