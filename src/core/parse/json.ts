// JSON and JSON-with-comments (VS Code, Zed) with line positions, via jsonc-parser.
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from "jsonc-parser";
import { LineIndex } from "./text.js";
import { nearestLine, parseError, refuseDeepNesting, type DocumentResult } from "./document.js";

export interface JsonOptions {
  /** Accept comments and trailing commas (JSONC). Plain `.json` agent configs often carry them too. */
  jsonc?: boolean;
}

export function parseJson(path: string, text: string, options: JsonOptions = {}): DocumentResult {
  const deep = refuseDeepNesting(path, text);
  if (deep) return deep;
  const lines = new LineIndex(text);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, {
    allowTrailingComma: options.jsonc ?? true,
    disallowComments: options.jsonc === false,
    allowEmptyContent: false,
  });
  const first = errors[0];
  if (first || !root) {
    const at = first ? first.offset : 0;
    const reason = first ? printParseErrorCode(first.error) : "empty document";
    return parseError(path, lines.lineOf(at), `invalid JSON: ${reason} at line ${lines.lineOf(at)}`);
  }
  const value = toValue(root);
  return {
    ok: true,
    doc: {
      value,
      lineOf: (segments) =>
        nearestLine(segments, (prefix) => {
          const node = findNodeAtLocation(root, prefix);
          if (!node) return undefined;
          // Report the key's line for properties: that is where a reviewer looks.
          const key = node.parent?.type === "property" ? node.parent.children?.[0] : undefined;
          return lines.lineOf((key ?? node).offset);
        }),
    },
  };
}

/** Node tree to plain value; later duplicate keys win, as in JSON.parse. */
function toValue(node: Node): unknown {
  switch (node.type) {
    case "object": {
      const out: Record<string, unknown> = Object.create(null);
      for (const prop of node.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (k && v) out[String(k.value)] = toValue(v);
      }
      return out;
    }
    case "array":
      return (node.children ?? []).map(toValue);
    default:
      return node.value;
  }
}
