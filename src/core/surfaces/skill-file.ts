// PLACEHOLDER: to be replaced by the real surface module.
import type { Surface } from "./types.js";

export const skillFileSurface: Surface = {
  id: "skill-file",
  description: "placeholder",
  patterns: [],
  parse: () => ({ capabilities: [], problems: [] }),
};
