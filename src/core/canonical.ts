// Canonical JSON: object keys sorted at every level, so equal data gives equal text whatever the
// key order in the source file. It runs on every capability of every review: plain loops, no
// intermediate arrays of entries.
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) out += (i ? "," : "") + canonicalJson(value[i]);
    return out + "]";
  }
  const record = value as Record<string, unknown>;
  let out = "{";
  // Default sort compares UTF-16 code units, the same order as `<`.
  for (const key of Object.keys(record).sort()) {
    const v = record[key];
    if (v === undefined) continue;
    out += (out.length > 1 ? "," : "") + JSON.stringify(key) + ":" + canonicalJson(v);
  }
  return out + "}";
}
