// PLACEHOLDER: to be replaced by the real surface module.
import type { Surface } from "./types.js";

export const codexConfig: Surface = {
  id: "codex-config",
  description: "placeholder",
  patterns: [],
  parse: () => ({ capabilities: [], problems: [] }),
};
