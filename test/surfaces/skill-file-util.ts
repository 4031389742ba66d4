// What the skill-file surface's tests share, unit (test/surfaces) and corpus (test/corpus).
import type { Capability, SkillFileAttrs } from "../../src/core/model.js";
import { skillFileSurface } from "../../src/core/surfaces/skill-file.js";
import { onlyOf } from "./surface-util.js";

export const parse = (path: string, text: string) => skillFileSurface.parse({ path, text });
export const only = onlyOf<Capability & { kind: "skill_file"; attrs: SkillFileAttrs }>(parse);
