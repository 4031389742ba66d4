// What the instructions surface's tests share, unit (test/surfaces) and corpus (test/corpus).
import type { CapabilityOf, InstructionsAttrs } from "../../src/core/model.js";
import { instructionsSurface } from "../../src/core/surfaces/instructions.js";

export type Cap = CapabilityOf<"instructions">;

/** The parse result, with its instructions capability and that capability's attributes. */
export function parse(path: string, text: string) {
  const r = instructionsSurface.parse({ path, text });
  const cap = r.capabilities.find((c): c is Cap => c.kind === "instructions")!;
  return { ...r, cap, attrs: cap?.attrs as InstructionsAttrs };
}
