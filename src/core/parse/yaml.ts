// YAML with line positions, via the `yaml` package; alias expansion is bounded against alias bombs.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from "yaml";
import { nearestLine, parseError, refuseDeepNesting, type DocumentResult, type PathSegment } from "./document.js";
import { MAX_NESTING } from "./text.js";

export function parseYaml(path: string, text: string): DocumentResult {
  const deep = refuseDeepNesting(path, text) ?? refuseDeepBlocks(path, text);
  if (deep) return deep;
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: false, prettyErrors: false });
  const err = doc.errors[0];
  if (err) {
    const line = err.linePos?.[0]?.line ?? counter.linePos(err.pos[0]).line;
    return parseError(path, line, `invalid YAML: ${err.message.split("\n")[0]}`);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // `yaml` reports an alias bomb or an unresolved alias as a ReferenceError; anything else is a crash.
    if (!(e instanceof ReferenceError)) throw e;
    return parseError(path, 1, `invalid YAML: ${e.message}`);
  }
  return {
    ok: true,
    doc: {
      value,
      lineOf: (segments) =>
        nearestLine(segments, (prefix) => {
          const node = nodeAt(doc.contents as YamlNode | null, prefix);
          return node?.range ? counter.linePos(node.range[0]).line : undefined;
        }),
    },
  };
}

function nodeAt(root: YamlNode | null, segments: PathSegment[]): YamlNode | undefined {
  let node: YamlNode | null | undefined = root;
  for (const [i, seg] of segments.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      // The key's position is where the entry starts.
      if (!pair) return undefined;
      if (i === segments.length - 1) return (pair.key as YamlNode) ?? undefined;
      node = pair.value as YamlNode | null;
    } else if (isSeq(node) && typeof seg === "number") {
      node = node.items[seg] as YamlNode | undefined;
    } else return undefined;
  }
  return node ?? undefined;
}

/**
 * Block nesting, which the bracket count of refuseDeepNesting does not see: each deeper indentation
 * opens a level, and so does each compact `- ` / `? ` / `: ` at the start of a line (`- - - x` is three
 * sequences deep). `"- "` repeated 100,000 times would otherwise exhaust the parser's memory. Linear:
 * one pass, one stack of indentations.
 */
function refuseDeepBlocks(path: string, text: string): DocumentResult | undefined {
  const indents: number[] = [];
  let line = 0;
  for (const raw of text.split("\n")) {
    line++;
    const m = /^( *)((?:[-?:](?: +|$))*)(.?)/.exec(raw)!;
    if (m[3] === "#" || (m[2] === "" && m[3] === "") || m[3] === "\r") continue;
    const indent = m[1]!.length;
    while (indents.length && indents[indents.length - 1]! >= indent) indents.pop();
    indents.push(indent);
    const inline = m[2] ? m[2].replace(/ +/g, "").length : 0;
    if (indents.length + inline > MAX_NESTING) return parseError(path, line, `nesting deeper than ${MAX_NESTING} levels; refused`);
  }
  return undefined;
}
