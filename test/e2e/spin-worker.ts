// A stand-in analysis task for the deadline tests: the real one (src/app/analysis-worker.ts), except
// that a head file containing SPIN-FOREVER never finishes and one containing EAT-MEMORY never stops
// allocating. No real input should do either; this one does on purpose.
import { review, type ReviewInput, type Verdict } from "../../src/core/review.js";

export default function analyse(input: ReviewInput): Verdict {
  const texts = [...input.head.values()].filter((v): v is string => typeof v === "string");
  if (texts.some((t) => t.includes("SPIN-FOREVER"))) for (;;);
  if (texts.some((t) => t.includes("EAT-MEMORY"))) {
    const hoard: string[][] = [];
    for (;;) hoard.push(Array.from({ length: 100_000 }, (_, i) => `${i}`.repeat(8)));
  }
  return review(input);
}
