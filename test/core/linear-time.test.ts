// No scan may cost more than its input's size allows: for every surface of the registry, a worst
// case (a real fixture of that surface, its free-text values filled with what its scanners
// backtrack on: `\` continuations, runs of the characters their patterns repeat, unclosed `${{`,
// `{`, `<`, `!{`, many options and no URL; many repeated keys; nesting as deep as is allowed) is
// reviewed against an ordinary file of the same surface, shape and size, in the same run. A worst
// case may cost at most 10 times the ordinary one (best of a few runs: a pause of the machine slows
// one run, not all); one that costs more must at least grow linearly from an eighth of its size
// (quadratic work grows 64 times, not 8). Not a speed figure (that is `npm run bench`).
import { readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { parse as parseJsonc } from "jsonc-parser";
import { parse as parseToml, stringify as tomlStringify } from "smol-toml";
import { parse as parseYaml, stringify as yamlStringify } from "yaml";
import { review } from "../../src/core/review.js";
import { SURFACES, surfaceFor } from "../../src/core/surfaces/index.js";
import type { Surface } from "../../src/core/surfaces/types.js";
import { expectNoBlowUp, FIXTURES, listFiles } from "../helpers.js";
import { concretePaths } from "./surface-paths.js";

/**
 * Bytes per case: 1 MB, just under the 1 MiB file limit (the largest file a review reads), past
 * every scan cap (200,000 characters), and where a quadratic scan costs seconds. The suite of 25
 * surfaces x 26 cases takes about a minute.
 */
const SIZE = 1_000_000;
const MAX_RATIO = 10;

/** What the scanners' patterns repeat, each repeated to fill a value (the attack inputs of issue 13 among them). */
const PAYLOADS: Record<string, string> = {
  "unclosed ${{": "${{ ",
  "unclosed ${": "${",
  "unclosed {": "{",
  "unclosed [": "[",
  "unclosed <": "<",
  "unclosed !{ @{": "!{@{",
  "npx and options, no package": "then npx --a --a --a --a !",
  "curl and options, no URL": "then curl --a --a --a --a !",
  "download words, no pipe": "curl x ",
  "interpreters, no $(": "sh -c x ",
  "(new-object, no )": "(new-object a ",
  "iex then spaces": "iex" + " ".repeat(1_990) + "\n",
  "\\ continuations": "echo a \\\n",
  "spaces and tabs before a line terminator": " \t \t \t \t\u2028",
  "quotes": `"'"'"'"'`,
  "backticks": "`",
  ":>#": ":>#",
  "]#": "]#",
  "#": "# #",
  "@a....": "@a.....",
  "token-like words": "eyJaaaaaaaaaaaa.sk-aaaaghp_",
  "URLs": "https://a.example/x?token=",
  "headings": "# x   ",
  "line terminators": "x\r\u2028",
};
/** Text of an ordinary file: words, a command, a URL, a variable, a code span, sentences. */
const ORDINARY = "Run `npm test` before you push; see https://docs.example.com/guide for ${HOME} setup. Then npx -y @scope/server --port 8080.\n";

const fill = (unit: string, length: number) => unit.repeat(Math.max(1, Math.ceil(length / unit.length))).slice(0, Math.max(length, 1));

type Format = "json" | "yaml" | "toml" | "markdown" | "text";
function formatOf(path: string): Format {
  const ext = extname(path).toLowerCase();
  if ([".json", ".jsonc", ".hook"].includes(ext)) return "json";
  if ([".toml"].includes(ext)) return "toml";
  if ([".yaml", ".yml"].includes(ext) || /(^|\/)\.(roomodes|kilocodemodes)$/.test(path)) return "yaml";
  if ([".md", ".mdc"].includes(ext)) return "markdown";
  return "text";
}

/** Short identifier-like values (`stdio`, `allow`, `true`) stay: they choose what a parser reads. */
const isFreeText = (s: string) => s.length > 12 || !/^[\w.@/:-]*$/.test(s);

function mapStrings(v: unknown, f: (s: string) => unknown): unknown {
  if (typeof v === "string") return isFreeText(v) ? f(v) : v;
  if (Array.isArray(v)) return v.map((x) => mapStrings(x, f));
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mapStrings(x, f)]));
  return v;
}

function countStrings(v: unknown): number {
  let n = 0;
  mapStrings(v, () => n++);
  return n;
}

interface Sample {
  path: string;
  format: Format;
  /** The file with every free-text value filled with `unit`, about `size` bytes in all. */
  make: (unit: string, size?: number) => string;
  /** The fixture as it is, parsed (for the structural cases). */
  data?: unknown;
}

const FRONT_MATTER = /^---\n[\s\S]*?\n---\n/;
const bytes = (s: string) => Buffer.byteLength(s);

function sampleOf(surface: Surface, fixturePath: string): Sample | undefined {
  const text = readFileSync(join(FIXTURES, fixturePath), "utf8");
  const paths = concretePaths(surface, surfaceFor);
  const ext = extname(fixturePath.replace(/\.txt$/, "")).toLowerCase();
  const path = paths.find((p) => extname(p).toLowerCase() === ext) ?? paths[0]!;
  const format = formatOf(path);
  if (format === "markdown" || format === "text") {
    const front = FRONT_MATTER.exec(text)?.[0] ?? "";
    return { path, format, make: (unit, size = SIZE) => front + fill(unit, (size - bytes(front)) / (bytes(unit) / unit.length)) };
  }
  const data = format === "json" ? parseJsonc(text) : format === "toml" ? parseToml(text) : parseYaml(text);
  const n = countStrings(data);
  if (!n) return undefined;
  const write = (d: unknown) => (format === "json" ? JSON.stringify(d, null, 2) : format === "toml" ? tomlStringify(d as Record<string, unknown>) : yamlStringify(d, { lineWidth: 0 }));
  const build = (unit: string, length: number) => write(mapStrings(data, () => fill(unit, length)));
  return {
    path,
    format,
    data,
    // Escapes and indentation grow a value in the file: measured once, then scaled to the size.
    make: (unit, size = SIZE) => {
      const first = Math.floor(size / n);
      const grown = bytes(build(unit, first));
      return grown <= size ? build(unit, first) : build(unit, Math.floor((first * size * 0.98) / grown));
    },
  };
}

/** The fixture of the surface with the most text once filled, at a path the surface reads. */
function sampleFor(surface: Surface): Sample {
  const files = listFiles(join(FIXTURES, surface.id)).map((f) => `${surface.id}/${f}`);
  const samples = files.flatMap((f) => {
    try {
      const s = sampleOf(surface, f);
      return s ? [{ s, n: s.make("x", 1).length }] : [];
    } catch {
      return []; // a fixture of broken syntax (a parse-error case) is no sample
    }
  });
  samples.sort((a, b) => b.n - a.n);
  if (!samples[0]) throw new Error(`no fixture of ${surface.id} to build cases from`);
  return samples[0].s;
}

/** Hostile structure the parsers walk, at about `size` bytes: nesting one level short of the 64 refused, a key written again and again. */
function structural(sample: Sample, size: number): Record<string, string> {
  const out: Record<string, string> = {};
  if (sample.format === "markdown" || sample.format === "text") return out;
  const one = "[".repeat(60) + '"x"' + "]".repeat(60);
  out["nesting 60 deep, repeated"] = `${sample.format === "json" ? "" : "a = "}[${Array(Math.max(1, Math.floor(size / (one.length + 1)))).fill(one).join(",")}]\n`;
  if (sample.format === "yaml") out["nesting 60 deep, repeated"] = "a: " + out["nesting 60 deep, repeated"]!.slice(4);
  if (sample.format === "json") {
    // JSON allows a key twice; the fixture's first entry, as it is, written again and again.
    const [key, value] = Object.entries((sample.data ?? {}) as Record<string, unknown>)[0] ?? ["a", 1];
    const entry = `${JSON.stringify(key)}: ${JSON.stringify(value)}`;
    out["the first key, repeated"] = `{${Array(Math.max(1, Math.floor(size / (entry.length + 2)))).fill(entry).join(",\n")}}`;
  }
  return out;
}

function timeOf(path: string, text: string): number {
  const started = performance.now();
  review({ base: new Map(), head: new Map([[path, text]]) });
  return performance.now() - started;
}

const best = (n: number, path: string, text: string) => Math.min(...Array.from({ length: n }, () => timeOf(path, text)));

/** The best of three runs of each, taken in turns: a load that comes and goes falls on both (`ordinary` is the first, `worst` the second). */
function sideBySide(path: string, ordinary: string, worst: string): { ordinary: number; worst: number } {
  const out = { ordinary: Infinity, worst: Infinity };
  for (let i = 0; i < 3; i++) {
    out.ordinary = Math.min(out.ordinary, timeOf(path, ordinary));
    out.worst = Math.min(out.worst, timeOf(path, worst));
  }
  return out;
}

describe.each(SURFACES.map((s) => ({ id: s.id, surface: s, sample: sampleFor(s) })))("$id", ({ surface, sample }) => {
  test(
    `no worst case costs more than ${MAX_RATIO} times an ordinary file of the same shape and size`,
    () => {
      const ordinary = sample.make(ORDINARY);
      expect(surfaceFor(sample.path)?.id).toBe(surface.id);
      // The ordinary file is read, not refused (a refusal would cost nothing and prove nothing).
      expect(review({ base: new Map(), head: new Map([[sample.path, ordinary]]) }).files[0]).not.toHaveProperty("error");
      timeOf(sample.path, ordinary); // warm-up: the first run compiles the code under test
      const base = best(3, sample.path, ordinary);
      const bound = base * MAX_RATIO + 20;
      const slow: string[] = [];
      for (const [name, unit] of Object.entries(PAYLOADS)) {
        const text = sample.make(unit);
        expect(bytes(text)).toBeLessThanOrEqual(SIZE);
        // Most cases cost one run. One over the bound is measured again, side by side with the
        // ordinary file (a busy machine slows both, where the first base may have been measured idle).
        const took = timeOf(sample.path, text);
        if (took <= bound) continue;
        const again = sideBySide(sample.path, ordinary, text);
        if (again.worst <= again.ordinary * MAX_RATIO + 20) continue;
        // Still over: a case that is merely more work per byte (JSON escapes, say) grows linearly
        // all the same. It fails only if an eighth of it costs less than a third of linear growth.
        const growth = sideBySide(sample.path, sample.make(unit, SIZE / 8), text);
        if (growth.worst > growth.ordinary * 8 * 3 + 20) {
          slow.push(`${name}: ${growth.worst.toFixed(0)} ms, ordinary ${again.ordinary.toFixed(1)} ms, an eighth of it ${growth.ordinary.toFixed(1)} ms (${bytes(text)} bytes at ${sample.path})`);
        }
      }
      expect(slow).toEqual([]);
    },
    120_000,
  );

  // Structure has no ordinary twin of the same shape: it is checked for growth instead, 1/16 of the
  // size against a third of it (linear work grows 16 times, quadratic 256). A third: YAML's nodes
  // for 60-deep flow arrays cost 600 MB and 3 s per MB, linearly.
  test("structural worst cases grow linearly with their size", () => {
    const small = structural(sample, SIZE / 48);
    const large = structural(sample, SIZE / 3);
    const slow: string[] = [];
    for (const name of Object.keys(large)) {
      timeOf(sample.path, small[name]!);
      let a = best(3, sample.path, small[name]!);
      let b = best(2, sample.path, large[name]!);
      // Over the bound: measured again in turns, so that a busy spell falls on both sizes.
      if (b > a * 16 * 8 + 20) ({ ordinary: a, worst: b } = sideBySide(sample.path, small[name]!, large[name]!));
      if (b > a * 16 * 8 + 20) slow.push(`${name}: ${b.toFixed(0)} ms at ${SIZE / 3} bytes, ${a.toFixed(1)} ms at ${SIZE / 48}`);
    }
    expect(slow).toEqual([]);
  });
});

// picomatch's expressions for globs like `**/.gemini/agents/**/*.md` match a long path of folders
// named like the glob's in quadratic time (64 kB: 0.9 s per path). No checkout holds a path past
// PATH_MAX, so none is matched: it fails the review closed instead (see globs.ts MAX_PATH_BYTES).
test("path matching grows linearly with the path's length", () => {
  const path = (n: number) => "x" + "/.gemini/agents/c".repeat(Math.floor(n / 17)) + "\n";
  let i = 0; // a fresh path each time: surfaceFor caches its answers
  expectNoBlowUp(path, (p) => surfaceFor(`${p}${i++}`), 4_000, 64_000);
  expectNoBlowUp(path, (p) => review({ base: new Map(), head: new Map([[`${p}${i++}.md`, "# x\n"]]) }), 4_000, 64_000);
});
