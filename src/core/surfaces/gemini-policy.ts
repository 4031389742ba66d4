// PLACEHOLDER: to be replaced by the real surface module.
import type { Surface } from "./types.js";

export const geminiPolicy: Surface = {
  id: "gemini-policy",
  description: "placeholder",
  patterns: [],
  parse: () => ({ capabilities: [], problems: [] }),
};
