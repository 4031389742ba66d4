// PLACEHOLDER: to be replaced by the real surface module.
import type { Surface } from "./types.js";

export const workflowSurface: Surface = {
  id: "workflow",
  description: "placeholder",
  patterns: [],
  parse: () => ({ capabilities: [], problems: [] }),
};
