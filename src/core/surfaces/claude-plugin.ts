// PLACEHOLDER: to be replaced by the real surface module.
import type { Surface } from "./types.js";

export const claudePlugin: Surface = {
  id: "claude-plugin",
  description: "placeholder",
  patterns: [],
  parse: () => ({ capabilities: [], problems: [] }),
};
