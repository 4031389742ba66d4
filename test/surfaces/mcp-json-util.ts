// What the mcp-json surface's tests share, unit (test/surfaces) and corpus (test/corpus).
import { mcpJson } from "../../src/core/surfaces/mcp-json.js";

export const parse = (path: string, text: string) => mcpJson.parse({ path, text });
