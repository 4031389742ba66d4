// Rules for plugins and marketplaces: what gets installed, from where, and whether it can run code.
import type { PluginAttrs, SourceRef } from "../model.js";
import { added, code, escalation, neutral, reduction, type Evaluator, type Hit, rule, type RuleDef } from "./types.js";

/** The rules of this family: id, default severity, title and explanation (every report and `explain` show these). */
export const PLUGIN_RULES: readonly RuleDef[] = [
  rule("plugin.added", "medium", "Plugin added",
    "A plugin can bundle skills, MCP servers, hooks and apps; adding it to a manifest or marketplace offers all of them to the agent. Check its source and contents."),
  rule("plugin.enabled", "medium", "Plugin enabled",
    "A plugin is switched on (or installed by default) for everyone who uses this repository. Its hooks and MCP servers start running without further review."),
  rule("plugin.untrusted-marketplace", "high", "Plugin from an untrusted marketplace",
    "The plugin comes from a marketplace that the policy does not list in `allow.marketplaces`. Whoever controls that marketplace controls what the plugin contains on every update."),
  rule("plugin.bundles-executable", "high", "Plugin ships executable parts",
    "This plugin (new, or a new version) bundles MCP servers or hooks: code that runs on the user's machine automatically once the plugin is enabled."),
  rule("plugin.unpinned-source", "high", "Plugin source not pinned",
    "A marketplace entry or plugin source fetches code without a pinned commit (a git URL or repo without `sha`, an npm package without an exact version), or a local path leaves the marketplace root. Users then get whatever the source holds at install time. Pin a 40-character commit sha."),
  rule("marketplace.added", "high", "Plugin marketplace added",
    "A new plugin catalog is known to the agent. Every plugin it lists can then be installed by name, and its owner can change them at any time. Medium for a catalog this repository publishes for others (a Claude or Copilot `marketplace.json`) or keeps under another file name, which no agent loads by itself."),
];

/** The one file name under which agents load a catalog, in any letter case. */
const CATALOG_FILE = /^marketplace\.json$/i;

/** Vendors' own catalogs; any other marketplace needs the policy's `allow.marketplaces`. */
export const OFFICIAL_MARKETPLACES = new Set(["claude-plugins-official", "openai-curated"]);

const EXECUTABLE_PARTS = ["mcp", "hooks", "lsp"];

function source(s: SourceRef): string {
  // The ref is the file's text: inside the code span, or `@main` would mention a user.
  return `${s.type} ${code(`${s.location}${s.sha ? `@${s.sha.slice(0, 12)}` : s.ref ? `@${s.ref}` : ""}`)}`;
}

function sourceHit(name: string, before: SourceRef | undefined, after: SourceRef | undefined): Hit[] {
  if (!after || (after.pinned && !after.escapesRoot)) return [];
  if (before && JSON.stringify(before) === JSON.stringify(after)) return [];
  const why = after.escapesRoot ? "points outside the marketplace root" : "is not pinned to a commit";
  return [escalation("plugin.unpinned-source", `${name} source ${source(after)} ${why}.`)];
}

function pluginName(p: PluginAttrs): string {
  return code(p.marketplace ? `${p.name}@${p.marketplace}` : p.name);
}

export const pluginRules: Evaluator<"plugin"> = (c) => {
  const b = c.before?.attrs;
  const a = c.after?.attrs;
  if (!a) return [reduction(`Plugin ${pluginName(b!)} removed.`)];
  const name = `Plugin ${pluginName(a)}`;
  const hits: Hit[] = [];
  const wasOn = b ? b.enabled !== false : false;
  const isOn = a.enabled !== false;
  if (a.declaredIn === "settings") {
    if (isOn && !wasOn) {
      hits.push(escalation("plugin.enabled", `${name} enabled.`));
      if (a.marketplace && !OFFICIAL_MARKETPLACES.has(a.marketplace)) {
        hits.push(escalation("plugin.untrusted-marketplace", `${name} comes from marketplace ${code(a.marketplace)}, which is not an allowed marketplace.`));
      }
    }
  } else if (!b) {
    hits.push(escalation("plugin.added", `${name} added (${a.declaredIn}).`));
  }
  if (a.installation === "INSTALLED_BY_DEFAULT" && b?.installation !== "INSTALLED_BY_DEFAULT") {
    hits.push(escalation("plugin.enabled", `${name} is installed by default for every user.`));
  }
  const newParts = added(b?.bundles, a.bundles).filter((p) => EXECUTABLE_PARTS.includes(p));
  // A new version of a plugin fetched from elsewhere (a marketplace entry) is new code in the same
  // parts. A manifest in this repository has its parts here, reviewed as files of their own: its
  // version bump alone is nothing new (seen on real history: every release re-reported `mcp`).
  const remote = a.declaredIn !== "manifest";
  const newVersion = remote && b && b.version !== a.version ? a.bundles.filter((p) => EXECUTABLE_PARTS.includes(p)) : [];
  const parts = [...new Set([...newParts, ...newVersion])];
  if (parts.length) {
    hits.push(escalation("plugin.bundles-executable", `${name}${remote && b && b.version !== a.version ? ` version ${code(a.version ?? "?")}` : ""} bundles ${parts.map(code).join(", ")}.`));
  }
  hits.push(...sourceHit(name, b?.source, a.source));
  if (hits.length) return hits;
  if (b && wasOn && !isOn) return [reduction(`${name} disabled.`)];
  if (b && b.name !== a.name) return [neutral(`Plugin ${pluginName(b)} renamed to ${pluginName(a)}.`)];
  return [neutral(`${name} changed.`)];
};

export const marketplaceRules: Evaluator<"marketplace"> = (c) => {
  const b = c.before?.attrs;
  const a = c.after?.attrs;
  if (!a) return [reduction(`Marketplace ${code(b!.name)} removed.`)];
  const name = `Marketplace ${code(a.name)}`;
  const hits: Hit[] = [];
  if (!b) {
    // Codex reads a repository's `.agents/plugins/marketplace.json` itself; a Claude or Copilot
    // `marketplace.json` is a catalog this repository publishes, which agents know only once a user
    // adds it: others' supply chain, a step less than the agent here knowing a new catalog.
    // A catalog under another name beside it (`api_marketplace.json`) is loaded by no agent by itself.
    const file = c.after!.path.slice(c.after!.path.lastIndexOf("/") + 1);
    const aside = a.declaredIn === "manifest" && !CATALOG_FILE.test(file);
    const published = a.declaredIn === "manifest" && a.client !== "codex";
    hits.push(
      aside
        ? escalation("marketplace.added", `${name} is a catalog in ${code(file)}, which no agent loads by itself (they read \`marketplace.json\`): whoever adds it gets the plugins it lists.`, "medium")
        : published
          ? escalation("marketplace.added", `${name} is published from this repository: whoever adds it gets the plugins it lists.`, "medium")
          : escalation("marketplace.added", `${name} added${a.source ? ` (${source(a.source)})` : ""}.`),
    );
  }
  hits.push(...sourceHit(name, b?.source, a.source));
  if (b && !hits.length && JSON.stringify(b.source) !== JSON.stringify(a.source) && a.source) {
    hits.push(escalation("marketplace.added", `${name} now fetched from ${source(a.source)}.`));
  }
  if (!hits.length && b && b.name !== a.name) return [neutral(`Marketplace ${code(b.name)} renamed to ${code(a.name)}.`)];
  return hits.length ? hits : [neutral(`${name} changed.`)];
};
