// PLACEHOLDER: to be replaced by the real rules.
import { neutral, type Evaluator } from "./types.js";

export const skillRules: Evaluator<"skill"> = (c) => [neutral(`placeholder ${c.key}`)];
export const skillFileRules: Evaluator<"skill_file"> = (c) => [neutral(`placeholder ${c.key}`)];
