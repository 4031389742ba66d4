// PLACEHOLDER: to be replaced by the real surface module.
import type { Surface } from "./types.js";

export const geminiExtension: Surface = {
  id: "gemini-extension",
  description: "placeholder",
  patterns: [],
  parse: () => ({ capabilities: [], problems: [] }),
};
