// PLACEHOLDER: to be replaced by the real rules.
import { neutral, type Evaluator } from "./types.js";

export const instructionsRules: Evaluator<"instructions"> = (c) => [neutral(`placeholder ${c.key}`)];
