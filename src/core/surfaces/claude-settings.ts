// PLACEHOLDER: to be replaced by the real surface module.
import type { Surface } from "./types.js";

export const claudeSettings: Surface = {
  id: "claude-settings",
  description: "placeholder",
  patterns: [],
  parse: () => ({ capabilities: [], problems: [] }),
};
