// PLACEHOLDER: to be replaced by the real surface module.
import type { Surface } from "./types.js";

export const codexPlugin: Surface = {
  id: "codex-plugin",
  description: "placeholder",
  patterns: [],
  parse: () => ({ capabilities: [], problems: [] }),
};
