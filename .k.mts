import { review } from "./src/core/review.ts";
import { readFileSync } from "node:fs";
const base = JSON.parse(readFileSync(process.argv[2], "utf8"));
function make(unit: string, size: number) {
  const s = JSON.stringify(base);
  const fill = (n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
  const m = (v: any): any => typeof v === "string" ? (v.length > 12 || !/^[\w.@/:-]*$/.test(v) ? fill(size) : v) : Array.isArray(v) ? v.map(m) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, m(x)])) : v;
  return JSON.stringify(m(base), null, 2);
}
const t = (text: string) => { const s = performance.now(); review({ base: new Map(), head: new Map([[".kiro/hooks/x.kiro.hook", text]]) }); return performance.now() - s; };
for (const n of [60_000, 120_000, 240_000, 480_000]) {
  const q = make(`"'"'"'"'`, n), o = make("Run `npm test` before you push; see https://docs.example.com/guide for ${HOME} setup. Then npx -y @scope/server --port 8080.\n", n);
  t(q); t(o);
  const tq = Math.min(t(q), t(q), t(q)), to = Math.min(t(o), t(o), t(o));
  console.log(n, q.length, tq.toFixed(1), to.toFixed(1), (tq / to).toFixed(1));
}
