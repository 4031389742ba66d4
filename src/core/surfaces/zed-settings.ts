// PLACEHOLDER: to be replaced by the real surface module.
import type { Surface } from "./types.js";

export const zedSettings: Surface = {
  id: "zed-settings",
  description: "placeholder",
  patterns: [],
  parse: () => ({ capabilities: [], problems: [] }),
};
