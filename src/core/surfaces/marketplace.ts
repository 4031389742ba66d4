// Plugin marketplaces: Codex `.agents/plugins/marketplace.json`, Claude Code
// `.claude-plugin/marketplace.json`, Copilot `.github/plugin/marketplace.json`. Each entry says where a
// plugin's code is fetched from; what matters for review is whether that source is pinned.
//
// Local paths. Every client resolves a relative `source` against the *marketplace root*: the folder
// that holds `.agents/` / `.claude-plugin/` / `.github/` (openai/plugins writes `./plugins/linear` for
// `<root>/plugins/linear`; Claude's docs resolve against the marketplace root, after prefixing
// `metadata.pluginRoot` to bare names). So `"../.."` (affaan-m/ECC) leaves the root: escapesRoot.
// `location` is the resolved path relative to the repository (root prefix included).
import type { Capability, Client, PluginAttrs, SourceRef } from "../model.js";
import { asString, isRecord } from "../parse/document.js";
import { parseJson } from "../parse/json.js";
import { sanitizeUrl } from "../secrets.js";
import { bundlesOf, CLAUDE_BUNDLES, inlineComponents } from "./claude-plugin.js";
import { shapeProblem, withObject, type Surface } from "./types.js";

const GIT_SHA = /^[0-9a-f]{40}$/i;
const EXACT_SEMVER = /^v?\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/;

// Each folder's `marketplace.json`, and (extra: true) any other JSON file beside it: a second
// catalog (`api_marketplace.json`) is read as one when it has the shape, and a user can add it by
// its path (`/plugin marketplace add ./.claude-plugin/dev.json`). An extra file of another shape
// (a web app manifest) is not analysed.
const LAYOUTS: { suffix: RegExp; client: Client; extra?: true }[] = [
  { suffix: /(^|\/)\.agents\/plugins\/marketplace\.json$/i, client: "codex" },
  { suffix: /(^|\/)\.claude-plugin\/marketplace\.json$/i, client: "claude" },
  { suffix: /(^|\/)\.github\/plugin\/marketplace\.json$/i, client: "copilot" },
  { suffix: /(^|\/)\.cursor-plugin\/marketplace\.json$/i, client: "cursor" },
  { suffix: /(^|\/)\.agents\/plugins\/[^/]+\.json$/i, client: "codex", extra: true },
  { suffix: /(^|\/)\.claude-plugin\/[^/]+\.json$/i, client: "claude", extra: true },
  { suffix: /(^|\/)\.cursor-plugin\/[^/]+\.json$/i, client: "cursor", extra: true },
];

/** Resolve `.`/`..`/empty segments; a result starting with `..` has left the base. */
export function normalizePath(p: string): string {
  const out: string[] = [];
  for (const seg of p.replace(/\\/g, "/").split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === ".." && out.length && out[out.length - 1] !== "..") out.pop();
    else out.push(seg);
  }
  return out.join("/") || ".";
}

interface Ctx {
  /** Marketplace root, repository-relative, "" for the repository root. */
  root: string;
  /** Claude `metadata.pluginRoot`, prefixed to bare relative names. */
  pluginRoot: string;
}

function localRef(type: "local" | "directory", p: string, ctx: Ctx): SourceRef {
  if (/^(\/|~|[A-Za-z]:[\\/])/.test(p)) return { type, location: p, pinned: false, escapesRoot: true };
  const bare = !/^\.\.?(\/|\\|$)/.test(p);
  const inRoot = normalizePath(bare && ctx.pluginRoot ? `${ctx.pluginRoot}/${p}` : p);
  const escapes = inRoot === ".." || inRoot.startsWith("../");
  const location = normalizePath(ctx.root ? `${ctx.root}/${inRoot}` : inRoot);
  return escapes ? { type, location, pinned: false, escapesRoot: true } : { type, location, pinned: true };
}

/** Git-style source: pinned only by a full commit sha (in `sha`, or a 40-hex `ref`). */
function gitRef(type: SourceRef["type"], location: string, raw: Record<string, unknown>): SourceRef {
  const ref = asString(raw.ref);
  const sha = asString(raw.sha);
  const sub = asString(raw.path);
  return {
    type,
    location: sub ? `${location}//${normalizePath(sub)}` : location,
    ...(ref ? { ref } : {}),
    ...(sha ? { sha } : {}),
    pinned: (!!sha && GIT_SHA.test(sha)) || (!!ref && GIT_SHA.test(ref)),
  };
}

/** A URL without credentials or query values; what was stripped still binds the approval, as a digest. */
function urlLocation(raw: string): { location: string; hiddenDigest?: string } {
  const u = sanitizeUrl(raw);
  return { location: u.url, ...(u.hidden ? { hiddenDigest: u.hidden } : {}) };
}

export function sourceRef(raw: unknown, ctx: Ctx): SourceRef {
  if (typeof raw === "string") {
    if (/^[a-z][a-z0-9+.-]*:\/\/|^git@/i.test(raw)) return { type: "url", ...urlLocation(raw), pinned: false };
    return localRef("local", raw, ctx);
  }
  if (!isRecord(raw)) return { type: "unknown", location: "", pinned: false };
  const kind = asString(raw.source) ?? asString(raw.type) ?? "";
  const url = asString(raw.url);
  switch (kind) {
    case "local":
    case "directory":
      return localRef(kind, asString(raw.path) ?? ".", ctx);
    case "github":
      return gitRef("github", asString(raw.repo) ?? "", raw);
    case "url":
    case "git":
    case "git-subdir": {
      const at = url ? urlLocation(url) : { location: "" };
      return { ...gitRef(kind, at.location, raw), ...(at.hiddenDigest ? { hiddenDigest: at.hiddenDigest } : {}) };
    }
    case "npm": {
      const version = asString(raw.version);
      return { type: "npm", location: asString(raw.package) ?? "", ...(version ? { ref: version } : {}), pinned: !!version && EXACT_SEMVER.test(version) };
    }
    default: {
      // pip and future kinds: name what is fetched, never call it pinned.
      const loc = url ? urlLocation(url) : { location: asString(raw.repo) ?? asString(raw.package) ?? asString(raw.path) ?? kind };
      return { type: "unknown", ...loc, pinned: false };
    }
  }
}

export const marketplace: Surface = {
  id: "marketplace",
  description: "Plugin marketplace catalogs: Codex .agents/plugins, Claude .claude-plugin, Cursor .cursor-plugin and Copilot .github/plugin marketplace.json, and other catalogs beside them",
  // The registry lists the plugin manifests first: `.claude-plugin/plugin.json` is no catalog.
  patterns: ["**/.agents/plugins/*.json", "**/.claude-plugin/*.json", "**/.cursor-plugin/*.json", "**/.github/plugin/marketplace.json"],
  parse({ path, text }) {
    const layout = LAYOUTS.find((l) => l.suffix.test(path));
    const parsed = parseJson(path, text);
    // Not the folder's own catalog: read only if it has a catalog's shape.
    if (layout?.extra && !(parsed.ok && isRecord(parsed.doc.value) && Array.isArray(parsed.doc.value.plugins))) {
      return { capabilities: [], problems: [], notAnalysed: "it is not the folder's marketplace.json and has no marketplace's shape (a `plugins` list)" };
    }
    return withObject(parsed, path, "marketplace.json", (doc, root) => {
      const client: Client = layout?.client ?? "generic";
      const ctx: Ctx = {
        root: layout ? path.replace(layout.suffix, "$1").replace(/\/$/, "") : "",
        pluginRoot: (isRecord(root.metadata) && asString(root.metadata.pluginRoot)) || asString(root.pluginRoot) || "",
      };
      const caps: Capability[] = [];
      const name = asString(root.name)?.trim();
      if (name) caps.push({ kind: "marketplace", key: `${path}#marketplace`, path, line: doc.lineOf(["name"]), attrs: { name, client, declaredIn: "manifest" } });
      if (root.plugins === undefined) return caps;
      if (!Array.isArray(root.plugins)) {
        return { capabilities: caps, problems: [shapeProblem(path, doc.lineOf(["plugins"]), "`plugins` must be an array of plugin entries")] };
      }
      const byName = new Map<string, { risk: string; caps: Capability[] }>();
      root.plugins.forEach((entry, i) => {
        // Agents skip entries without a name; so do we (no stable key either).
        if (!isRecord(entry)) return;
        const pname = asString(entry.name)?.trim();
        if (!pname) return;
        const version = asString(entry.version);
        const policy = isRecord(entry.policy) ? entry.policy : {};
        const installation = asString(policy.installation) ?? asString(entry.installPolicy);
        const source = sourceRef(entry.source, ctx);
        const attrs: PluginAttrs = {
          name: pname,
          ...(name ? { marketplace: name } : {}),
          client,
          declaredIn: "marketplace",
          ...(version ? { version } : {}),
          source,
          bundles: bundlesOf(entry, CLAUDE_BUNDLES),
          ...(installation ? { installation } : {}),
        };
        const plugin: Capability = { kind: "plugin", key: `${path}#plugins.${pname}`, path, line: doc.lineOf(["plugins", i, "name"]), attrs };
        const all = [plugin, ...inlineComponents(path, client, entry, doc, ["plugins", i], `plugins.${pname}.`)];
        // A name listed twice: keep the riskier entry (escaping, then unpinned), so that the result
        // does not depend on the order of the list and a shadowing entry is not hidden.
        const risk = `${source.escapesRoot ? 1 : 0}${source.pinned ? 0 : 1}${JSON.stringify(attrs)}`;
        const prev = byName.get(pname);
        if (!prev || risk > prev.risk) byName.set(pname, { risk, caps: all });
      });
      for (const { caps: c } of byName.values()) caps.push(...c);
      return caps;
    });
  },
};
