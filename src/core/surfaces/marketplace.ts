// PLACEHOLDER: to be replaced by the real surface module.
import type { Surface } from "./types.js";

export const marketplace: Surface = {
  id: "marketplace",
  description: "placeholder",
  patterns: [],
  parse: () => ({ capabilities: [], problems: [] }),
};
