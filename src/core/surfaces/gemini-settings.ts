// PLACEHOLDER: to be replaced by the real surface module.
import type { Surface } from "./types.js";

export const geminiSettings: Surface = {
  id: "gemini-settings",
  description: "placeholder",
  patterns: [],
  parse: () => ({ capabilities: [], problems: [] }),
};
