// The Gemini settings tests over Gemini CLI's own workspace settings (a real file).
import { geminiSettings } from "../../src/core/surfaces/gemini-settings.js";
import { corpusFile } from "./files.js";

describe("gemini-settings surface", () => {
  // Nothing in it is a setting this review models, so each key it does not read is reported as
  // such (never silent): the experimental block as one value, and general.devtools.
  test("corpus gemini-cli settings: only unread keys, the experimental block whole and general.devtools", () => {
    const r = geminiSettings.parse(corpusFile("google-gemini__gemini-cli/.gemini/settings.json"));
    expect(r.problems).toEqual([]);
    expect(r.capabilities.map((c) => [c.kind, (c.attrs as { setting: string }).setting, c.line])).toEqual([
      ["agent_setting", "unread.experimental", 2],
      ["agent_setting", "unread.general.devtools", 13],
    ]);
    expect((r.capabilities[0]!.attrs as { value: Record<string, unknown> }).value).toMatchObject({ adk: { agentSessionNoninteractiveEnabled: true }, modelSteering: true });
  });
});
