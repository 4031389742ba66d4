// PLACEHOLDER: to be replaced by the real surface module.
import type { Surface } from "./types.js";

export const mcpJson: Surface = {
  id: "mcp-json",
  description: "placeholder",
  patterns: [],
  parse: () => ({ capabilities: [], problems: [] }),
};
