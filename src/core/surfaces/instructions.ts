// PLACEHOLDER: to be replaced by the real surface module.
import type { Surface } from "./types.js";

export const instructionsSurface: Surface = {
  id: "instructions",
  description: "placeholder",
  patterns: [],
  parse: () => ({ capabilities: [], problems: [] }),
};
