// PLACEHOLDER: to be replaced by the real surface module.
import type { Surface } from "./types.js";

export const hooksJson: Surface = {
  id: "hooks-json",
  description: "placeholder",
  patterns: [],
  parse: () => ({ capabilities: [], problems: [] }),
};
