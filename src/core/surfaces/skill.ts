// PLACEHOLDER: to be replaced by the real surface module.
import type { Surface } from "./types.js";

export const skillSurface: Surface = {
  id: "skill",
  description: "placeholder",
  patterns: [],
  parse: () => ({ capabilities: [], problems: [] }),
};
