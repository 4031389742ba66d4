// The Gemini settings tests over Gemini CLI's own workspace settings (a real file).
import { geminiSettings } from "../../src/core/surfaces/gemini-settings.js";
import { corpusFile } from "./files.js";

describe("gemini-settings surface", () => {
  test("corpus gemini-cli settings: experimental flags only, no capability", () => {
    expect(geminiSettings.parse(corpusFile("google-gemini__gemini-cli/.gemini/settings.json"))).toEqual({ capabilities: [], problems: [] });
  });
});
