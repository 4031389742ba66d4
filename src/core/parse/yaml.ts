// YAML with line positions, via the `yaml` package; alias expansion is bounded against alias bombs.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from "yaml";
import { nearestLine, parseError, refuseDeepNesting, type DocumentResult, type PathSegment } from "./document.js";

export function parseYaml(path: string, text: string): DocumentResult {
  const deep = refuseDeepNesting(path, text);
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
