// PLACEHOLDER: to be replaced by the real surface module.
import type { Surface } from "./types.js";

export const clineHook: Surface = {
  id: "cline-hook",
  description: "placeholder",
  patterns: [],
  parse: () => ({ capabilities: [], problems: [] }),
};
