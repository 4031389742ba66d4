// App connectors: a plugin's `.app.json` binds hosted connectors (an external service the plugin's
// agent acts in with the user's connected account), and Codex's `[apps.<id>]` gates their tools.
import { fixture } from "../helpers.js";
import { escalations, hits, reviewPair } from "../review-helpers.js";

const APPS = "plugins/fieldnotes/.app.json";
const CODEX = ".codex/config.toml";

describe("settings.app-connector", () => {
  it("each new connector is named with its id: medium, high when it declares writes", () => {
    const v = reviewPair({ [APPS]: [undefined, fixture("codex-plugin/review-apps.app.json")] });
    expect(hits(v, "settings.app-connector").map((f) => [f.severity, f.message]).sort()).toEqual([
      ["high", "Plugin app `crm` (connector `connector_8b7a6c5d4e3f20119a8b7c6d5e4f3a2b`, declared capabilities `read`, `write`) added: the plugin's agent acts in that service with the user's connected account."],
      ["medium", "Plugin app `tracker` (connector `asdk_app_5f0c2e7a91b34d6c8e1f0a2b3c4d5e6f`) added: the plugin's agent acts in that service with the user's connected account."],
      ["medium", "Plugin app `wiki` (connector `connector_3a9e1c7b5d2f4086a1b2c3d4e5f60718`, declared capabilities `read`) added: the plugin's agent acts in that service with the user's connected account."],
    ]);
  });

  it("a connector bound to another id, or given write, is reported again; an unchanged file is nothing", () => {
    const text = fixture("codex-plugin/review-apps.app.json");
    const rebound = reviewPair({ [APPS]: [text, text.replace("asdk_app_5f0c2e7a91b34d6c8e1f0a2b3c4d5e6f", "asdk_app_00000000000000000000000000000000")] });
    expect(hits(rebound, "settings.app-connector")).toEqual([expect.objectContaining({ severity: "medium", message: expect.stringContaining("now binds connector `asdk_app_00000000000000000000000000000000` (was `asdk_app_5f0c2e7a91b34d6c8e1f0a2b3c4d5e6f`)") })]);
    const write = reviewPair({ [APPS]: [text, text.replace('"capabilities": ["read"]', '"capabilities": ["read", "write"]')] });
    expect(hits(write, "settings.app-connector")).toEqual([expect.objectContaining({ severity: "high" })]);
    expect(reviewPair({ [APPS]: [text, text] }).findings).toEqual([]);
    // Dropping write is a reduction.
    expect(escalations(reviewPair({ [APPS]: [text, text.replace('["read", "write"]', '["read"]')] }))).toEqual([]);
  });

  it("Codex [apps.<id>]: destructive or open-world tools turned on are high, an app turned back on medium (apps are on by default)", () => {
    const v = reviewPair({ [CODEX]: ['model = "gpt-5-codex"\n\n[apps.crm]\nenabled = false\n', 'model = "gpt-5-codex"\n\n[apps.crm]\nenabled = true\ndestructive_enabled = true\n\n[apps._default]\nopen_world_enabled = true\n'] });
    expect(hits(v, "settings.app-connector").map((f) => [f.severity, f.message]).sort()).toEqual([
      ["high", "`app.destructive_enabled` (in `crm`): unset → `true` (the app's destructive tools, those that delete or overwrite, may run)."],
      ["high", "`app.open_world_enabled` (in `_default`): unset → `true` (the app's tools that reach the open web or other services may run)."],
      ["medium", "`app.enabled` (in `crm`): `false` → `true` (the app's tools are offered to the agent)."],
    ]);
  });
});
