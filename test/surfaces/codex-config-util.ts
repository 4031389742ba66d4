// What the codex-config surface's tests share, unit (test/surfaces) and corpus (test/corpus).
import { keyLookups } from "./surface-util.js";

export const CFG = ".codex/config.toml";
export const { byKey, settingOf } = keyLookups(CFG);
