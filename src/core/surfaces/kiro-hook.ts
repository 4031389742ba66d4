// PLACEHOLDER: to be replaced by the real surface module.
import type { Surface } from "./types.js";

export const kiroHook: Surface = {
  id: "kiro-hook",
  description: "placeholder",
  patterns: [],
  parse: () => ({ capabilities: [], problems: [] }),
};
