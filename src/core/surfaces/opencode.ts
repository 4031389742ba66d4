// PLACEHOLDER: to be replaced by the real surface module.
import type { Surface } from "./types.js";

export const opencodeConfig: Surface = {
  id: "opencode",
  description: "placeholder",
  patterns: [],
  parse: () => ({ capabilities: [], problems: [] }),
};
