// What the claude-settings surface's tests share, unit (test/surfaces) and corpus (test/corpus).
import type { Capability } from "../../src/core/model.js";
import { keyLookups } from "./surface-util.js";

export const S = ".claude/settings.json";
export const { byKey, settingOf } = keyLookups(S);
/** The rules of one permission list (`allow`, `ask`, `deny`), in order. */
export const rules = (caps: Capability[], list: string) =>
  caps.flatMap((c) => (c.kind === "permission_rule" && c.attrs.list === list ? [c.attrs.rule] : []));
