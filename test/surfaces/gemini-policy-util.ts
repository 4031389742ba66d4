// What the gemini-policy surface's tests share, unit (test/surfaces) and corpus (test/corpus).
import { geminiPolicy } from "../../src/core/surfaces/gemini-policy.js";

export const PATH = ".gemini/policies/project.toml";
export const parse = (text: string) => geminiPolicy.parse({ path: PATH, text });
/** Each rule of a policy at PATH as `[attrs, line]`. */
export const rules = (text: string) => parse(text).capabilities.map((c) => [c.attrs, c.line]);
