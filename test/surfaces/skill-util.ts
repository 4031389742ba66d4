// What the skill surface's tests share, unit (test/surfaces) and corpus (test/corpus).
import type { Capability, SkillAttrs } from "../../src/core/model.js";
import { skillSurface } from "../../src/core/surfaces/skill.js";
import { onlyOf } from "./surface-util.js";

export const parse = (path: string, text: string) => skillSurface.parse({ path, text });
export const only = onlyOf<Capability & { kind: "skill"; attrs: SkillAttrs }>(parse);
