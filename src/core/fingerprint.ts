// The fingerprint an approval binds to: SHA-256 over the canonical, sorted changes it approves (the
// escalating ones, and any other a blocking finding is about), attributes included: a value hidden
// for display is in them as a digest. Lines, paths of unchanged files and key order do not enter
// it, so a rebase or a reformat keeps it.
import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical.js";
import type { Change } from "./model.js";

/**
 * `extra`: further approved facts (loosening policy edits), canonical text; `blockingKeys`: keys of
 * non-escalating changes that still need approval (`fail_on: low` and a low neutral finding). Neither
 * leaves the hash as it was.
 */
export function fingerprint(changes: Change[], extra: string[] = [], blockingKeys: ReadonlySet<string> = new Set()): string {
  const items = changes
    .filter((c) => c.direction === "escalation" || blockingKeys.has(c.key))
    .map((c) => canonicalJson({ kind: c.kind, key: c.key, change: c.change, before: c.before?.attrs ?? null, after: c.after?.attrs ?? null }))
    .concat(extra.map((e) => canonicalJson({ extra: e })))
    .sort();
  return "sha256:" + createHash("sha256").update(`capability-review/1\n${items.join("\n")}`).digest("hex");
}
