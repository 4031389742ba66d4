// PLACEHOLDER: to be replaced by the real surface module.
import type { Surface } from "./types.js";

export const continueMcp: Surface = {
  id: "continue-mcp",
  description: "placeholder",
  patterns: [],
  parse: () => ({ capabilities: [], problems: [] }),
};
