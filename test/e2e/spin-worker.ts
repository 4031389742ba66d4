// A stand-in analysis task for the deadline tests: the real one (src/app/analysis-worker.ts), except
// that a head file containing SPIN-FOREVER never finishes. No real input should; this one does on
// purpose. (No memory bomb here: on Node 24, V8 can abort the whole process when a worker's
// allocation overshoots its heap limit, test runner included; see the README.)
import { review, type ReviewInput, type Verdict } from "../../src/core/review.js";

export default function analyse(input: ReviewInput): Verdict {
  const texts = [...input.head.values()].filter((v): v is string => typeof v === "string");
  if (texts.some((t) => t.includes("SPIN-FOREVER"))) for (;;);
  return review(input);
}
