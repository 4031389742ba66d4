// OpenAI Codex `config.toml` (project `.codex/config.toml`) and custom sub-agent role files
// (`.codex/agents/*.toml`): approval/sandbox settings, env policy, MCP servers, plugins, profiles.
import { createHash } from "node:crypto";
import { isRecord } from "../parse/document.js";
import { parseToml } from "../parse/toml.js";
import { codexLayer, type CodexContext } from "./codex-config-settings.js";
import { embeddedInstructions } from "./instructions.js";
import { hiddenDigest } from "../secrets.js";
import { settingCap } from "./settings-helpers.js";
import { withDocument, type Surface } from "./types.js";

const AGENT_FILE = /(^|\/)\.codex\/agents\/([^/]+)\.toml$/i;

/** Text Codex sends the model in every session (a developer message, its system instructions, its compaction prompt). */
const INLINE_INSTRUCTIONS = ["developer_instructions", "instructions", "compact_prompt"];

/** Each inline instruction text as instructions of its own, scanned like AGENTS.md (commands, hosts, hidden text). */
function inlineInstructions(ctx: CodexContext, root: Record<string, unknown>, keys: readonly string[]): void {
  for (const k of keys) {
    const text = root[k];
    if (typeof text !== "string" || text.trim() === "") continue;
    ctx.out.push(embeddedInstructions(ctx.path, `instructions.${k}`, ctx.doc.lineOf([k]), text, "codex-config-instructions", "codex", null));
  }
}

export const codexConfig: Surface = {
  id: "codex-config",
  description: "OpenAI Codex config.toml and .codex/agents/*.toml sub-agent roles (approvals, sandbox, env, MCP servers, plugins, profiles)",
  patterns: ["**/.codex/config.toml", "**/.codex/agents/*.toml"],
  parse({ path, text }) {
    return withDocument(parseToml(path, text), (doc) => {
      const root = doc.value;
      // A TOML document is always a table; keep the guard for parsers that might return otherwise.
      if (!isRecord(root)) return [];
      const ctx: CodexContext = { path, doc, out: [] };
      const agent = AGENT_FILE.exec(path);
      if (agent) {
        // A role file is one sub-agent: every setting in it applies to that agent only.
        const name = typeof root.name === "string" && root.name.trim() ? root.name.trim() : agent[2]!;
        codexLayer(ctx, root, [], name);
        inlineInstructions(ctx, root, ["developer_instructions"]);
        if (typeof root.developer_instructions === "string") {
          // Kept for the approval's digest; the text itself is reported as instructions (above).
          const digest = createHash("sha256").update(root.developer_instructions).digest("hex").slice(0, 12);
          // The short digest is shown; the full one binds the approval (12 hex digits can be made to collide).
          const line = doc.lineOf(["developer_instructions"]);
          ctx.out.push(settingCap(path, "developer_instructions", line, "codex", "agent.developer_instructions", `sha256:${digest}`, name, hiddenDigest(root.developer_instructions)));
        }
        return ctx.out;
      }
      codexLayer(ctx, root, []);
      inlineInstructions(ctx, root, INLINE_INSTRUCTIONS);
      // Profiles are dropped from project files by current Codex, but older clients apply them.
      if (isRecord(root.profiles)) {
        for (const [name, profile] of Object.entries(root.profiles)) {
          if (isRecord(profile)) codexLayer(ctx, profile, ["profiles", name], name);
        }
      }
      return ctx.out;
    });
  },
};

