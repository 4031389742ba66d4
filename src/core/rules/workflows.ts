// PLACEHOLDER: to be replaced by the real rules.
import { neutral, type Evaluator } from "./types.js";

export const workflowRules: Evaluator<"workflow"> = (c) => [neutral(`placeholder ${c.key}`)];
