// The analysis task of the worker pool (see analysis.ts): the pure core, decode to verdict, in a
// worker thread that the pool ends when it runs past its deadline.
import { review, type ReviewInput, type Verdict } from "../core/review.js";

export default function analyse(input: ReviewInput): Verdict {
  return review(input);
}
