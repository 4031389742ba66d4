// What a GitHub Actions step can say without the API: workflow commands on stdout (annotations,
// errors), the job summary file and the step's outputs file. Escaping follows the runner's rules:
// `%`, CR and LF in a command's message; also `:` and `,` in its properties.
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { CheckAnnotation } from "../app/report.js";

export function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** `::command key=value,…::message` with everything escaped. */
export function workflowCommand(command: string, props: Record<string, string | number | undefined>, message: string): string {
  const list = Object.entries(props)
    .filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== "")
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(",");
  return `::${command}${list ? ` ${list}` : ""}::${escapeData(message)}`;
}

const LEVEL: Record<CheckAnnotation["annotation_level"], "error" | "warning" | "notice"> = { failure: "error", warning: "warning", notice: "notice" };

/** One annotation as a workflow command, on the finding's file and line. */
export function annotationCommand(a: CheckAnnotation): string {
  return workflowCommand(LEVEL[a.annotation_level], { file: a.path, line: a.start_line, endLine: a.end_line, title: a.title }, a.message);
}

/** GitHub shows at most this many annotations of each level per step. */
export const ANNOTATIONS_SHOWN_PER_LEVEL = 10;

/** Levels whose annotations GitHub will cut in the job view, with their counts. */
export function annotationsOverLimit(a: readonly CheckAnnotation[]): string[] {
  const counts = new Map<string, number>();
  for (const x of a) counts.set(LEVEL[x.annotation_level], (counts.get(LEVEL[x.annotation_level]) ?? 0) + 1);
  return [...counts].filter(([, n]) => n > ANNOTATIONS_SHOWN_PER_LEVEL).map(([level, n]) => `${n} ${level}s`);
}

/** Append `name=value` lines to the step's outputs file (multi-line values use a delimiter). */
export function writeOutputs(file: string | undefined, outputs: Record<string, string>): void {
  if (!file) return;
  const lines = Object.entries(outputs).map(([k, v]) => {
    if (!/[\r\n]/.test(v)) return `${k}=${v}\n`;
    let delim = "CAPABILITY_REVIEW_EOF";
    while (v.includes(delim)) delim += "_";
    return `${k}<<${delim}\n${v}\n${delim}\n`;
  });
  appendFileSync(file, lines.join(""), "utf8");
}

/** Append Markdown to the job summary (GitHub keeps up to 1 MiB per step). */
export function appendSummary(file: string | undefined, markdown: string): void {
  if (!file) return;
  appendFileSync(file, markdown.endsWith("\n") ? markdown : markdown + "\n", "utf8");
}

export function writeFileCreatingDirs(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text, "utf8");
}
