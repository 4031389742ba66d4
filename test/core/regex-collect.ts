// Finds every regular expression of the sources, for test/core/regex-safety.test.ts: literals with
// the TypeScript compiler API, `RegExp(...)` calls with a constant pattern the same way, and the
// others by recording what they build at run time (a wrapper on globalThis.RegExp, installed
// before the modules are imported). No list is kept by hand: a new regex is found like the old ones.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import ts from "typescript";
import { ROOT } from "../helpers.js";

export interface FoundRegex {
  /** Repository-relative path (or the absolute path of a file outside it). */
  file: string;
  line: number;
  source: string;
  flags: string;
  how: "literal" | "constant" | "runtime";
}

/** A `RegExp(...)` call whose pattern is computed: its regexes are only known at run time. */
export interface DynamicSite {
  file: string;
  line: number;
}

const rel = (abs: string): string => (abs.startsWith(ROOT + sep) ? relative(ROOT, abs).split(sep).join("/") : abs);

function tsFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? tsFilesUnder(full) : name.endsWith(".ts") ? [full] : [];
  });
}

/** The sources that see file content or paths from a pull request: src/core, src/app, src/cli*. */
export function scannedSources(): string[] {
  const src = join(ROOT, "src");
  const cli = readdirSync(src).filter((n) => n.startsWith("cli"));
  return [...tsFilesUnder(join(src, "core")), ...tsFilesUnder(join(src, "app")), ...cli.flatMap((n) => (n.endsWith(".ts") ? [join(src, n)] : tsFilesUnder(join(src, n))))].sort();
}

/** The text of a constant string expression (`"x"`, `` `x` ``, `String.raw`x``), else undefined. */
function constantText(node: ts.Expression | undefined): string | undefined {
  if (!node) return undefined;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTaggedTemplateExpression(node) && node.tag.getText() === "String.raw" && ts.isNoSubstitutionTemplateLiteral(node.template)) {
    return node.template.rawText ?? node.template.text;
  }
  return undefined;
}

const STRING_PATTERN_METHODS = new Set(["match", "matchAll", "search"]);

/** Regex literals, constant `RegExp(...)` calls and string patterns of `match`/`search`; and the computed sites. */
export function staticRegexes(files: readonly string[]): { found: FoundRegex[]; dynamic: DynamicSite[] } {
  const found: FoundRegex[] = [];
  const dynamic: DynamicSite[] = [];
  for (const abs of files) {
    const sf = ts.createSourceFile(abs, readFileSync(abs, "utf8"), ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    const file = rel(abs);
    const lineOf = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
    const visit = (n: ts.Node): void => {
      if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = n.getText(sf);
        const end = text.lastIndexOf("/");
        found.push({ file, line: lineOf(n), source: text.slice(1, end), flags: text.slice(end + 1), how: "literal" });
      } else if ((ts.isNewExpression(n) || ts.isCallExpression(n)) && ts.isIdentifier(n.expression) && n.expression.text === "RegExp") {
        const [pattern, flagArg] = n.arguments ?? [];
        const source = constantText(pattern);
        const flags = flagArg === undefined ? "" : constantText(flagArg);
        if (source !== undefined && flags !== undefined) found.push({ file, line: lineOf(n), source, flags, how: "constant" });
        else dynamic.push({ file, line: lineOf(n) });
      } else if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && STRING_PATTERN_METHODS.has(n.expression.name.text)) {
        // `s.match("a+")` compiles its string argument as a regex.
        const source = constantText(n.arguments[0]);
        if (source !== undefined) found.push({ file, line: lineOf(n), source, flags: n.expression.name.text === "matchAll" ? "g" : "", how: "constant" });
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return { found, dynamic };
}

/** `at fn (/abs/file.ts:12:3)` or `at /abs/file.ts:12:3` → file and line. */
function frameLocation(frame: string): { file: string; line: number } | undefined {
  const m = /\(?((?:file:\/\/)?\/[^():]+):(\d+):\d+\)?$/.exec(frame.trim());
  if (!m) return undefined;
  return { file: m[1]!.replace(/^file:\/\//, ""), line: Number(m[2]) };
}

/**
 * Replaces globalThis.RegExp with a recording proxy. Constructions whose caller sits in one of
 * `dirs` (absolute paths) are kept, with the caller's file and line (source-mapped by jest).
 */
export function recordRegExps(dirs: readonly string[]): { records: FoundRegex[]; uninstall: () => void } {
  const Original = globalThis.RegExp;
  const records: FoundRegex[] = [];
  const seen = new Set<string>();
  const note = (args: unknown[]) => {
    // Line 0 is the message, 1 this function, 2 the trap: 3 is the code that called RegExp.
    const caller = frameLocation(new Error().stack?.split("\n")[3] ?? "");
    if (!caller || !dirs.some((d) => caller.file.startsWith(d))) return;
    const [pattern, flags] = args;
    const source = pattern instanceof Original ? pattern.source : String(pattern ?? "(?:)");
    const f = flags === undefined ? (pattern instanceof Original ? pattern.flags : "") : String(flags);
    const key = `${caller.file}:${caller.line}\0${source}\0${f}`;
    if (seen.has(key)) return;
    seen.add(key);
    records.push({ file: rel(caller.file), line: caller.line, source, flags: f, how: "runtime" });
  };
  const proxy: RegExpConstructor = new Proxy(Original, {
    construct(target, args, newTarget): object {
      note(args);
      return Reflect.construct(target, args, newTarget === proxy ? target : newTarget);
    },
    apply(target, self, args) {
      note(args);
      return Reflect.apply(target, self, args);
    },
  });
  globalThis.RegExp = proxy;
  return { records, uninstall: () => void (globalThis.RegExp = Original) };
}
