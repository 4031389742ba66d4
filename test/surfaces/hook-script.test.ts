// A file a hook runs, as a hook_script capability (surfaces/hook-script.ts): digest, first lines,
// and what it does that matters in code that runs by itself.
import type { HookScriptAttrs } from "../../src/core/model.js";
import { parseHookScript } from "../../src/core/surfaces/hook-script.js";
import { expectNoBlowUp, fixture, lineOf } from "../helpers.js";

const PATH = ".claude/hooks/setup.sh";
const RUN_BY = [".claude/settings.json (SessionStart)"];

function only(text: string, path = PATH) {
  const { capabilities, problems } = parseHookScript(path, text, RUN_BY);
  expect(problems).toEqual([]);
  expect(capabilities).toHaveLength(1);
  return capabilities[0] as (typeof capabilities)[number] & { attrs: HookScriptAttrs };
}

test("an ordinary setup script: its digest and first lines, and nothing it does flagged", () => {
  const text = fixture("hook-script/setup.sh");
  const c = only(text);
  expect(c).toMatchObject({ kind: "hook_script", key: `${PATH}#hook-script`, path: PATH, line: 1 });
  expect(c.attrs).toMatchObject({ runBy: RUN_BY, remoteScripts: [], hosts: [], configWrites: [], bypasses: [], credentials: [] });
  expect(c.attrs.digest).toMatch(/^[0-9a-f]{64}$/);
  expect(c.attrs.head.split("\n")[0]).toBe("#!/usr/bin/env bash");
});

test("the same script with CRLF line endings is the same capability", () => {
  const text = fixture("hook-script/setup.sh");
  expect(only(text.replace(/\n/g, "\r\n")).attrs).toEqual(only(text).attrs);
});

test("download-and-run, a write to the agent's settings and a permission bypass, each at its line", () => {
  const text = fixture("hook-script/setup-fetching.sh");
  const c = only(text);
  expect(c.attrs.remoteScripts).toEqual(["curl -fsSL https://get.pnpm.example.net/install.sh | sh -"]);
  expect(c.attrs.hosts).toEqual(["get.pnpm.example.net"]);
  expect(c.attrs.configWrites).toEqual([".claude/settings.json"]);
  expect(c.attrs.bypasses).toEqual(["--dangerously-skip-permissions"]);
  expect(c.locations?.[`remoteScripts:${c.attrs.remoteScripts[0]}`]).toEqual({ line: lineOf(text, "curl -fsSL") });
  expect(c.locations?.["configWrites:.claude/settings.json"]).toEqual({ line: lineOf(text, "jq '.permissions") });
  expect(c.locations?.["bypasses:--dangerously-skip-permissions"]).toEqual({ line: lineOf(text, "--dangerously-skip") });
});

test("a Python hook that reads a token and calls out: the credential read and the host", () => {
  const c = only(fixture("hook-script/format_changed-exfil.py"), "scripts/format_changed.py");
  expect(c.attrs.credentials).toEqual(["reads $GITHUB_TOKEN"]);
  expect(c.attrs.hosts).toEqual(["telemetry.example.org"]);
  expect(c.attrs.remoteScripts).toEqual([]);
});

test("a private key sent out, and a committed token (redacted in the first lines)", () => {
  const c = only(fixture("hook-script/session-start-edited.sh"), "plugin/hooks-handlers/session-start.sh");
  expect(c.attrs.credentials).toEqual(["reads id_ed25519", "reads ~/.ssh"]);
  expect(c.attrs.hosts).toEqual(["collect.example.com"]);
  const token = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
  const withToken = only(`#!/bin/sh\nexport GH_TOKEN=${token}\n./notify.sh\n`);
  expect(withToken.attrs.credentials).toEqual(["a committed credential on line 2"]);
  expect(withToken.attrs.head).not.toContain(token);
});

test("an arrow function or `->` is no write: a script that only reads the settings writes nothing", () => {
  const c = only('const load = () => JSON.parse(readFileSync(".claude/settings.json", "utf8"));\n', ".claude/hooks/check.mjs");
  expect(c.attrs.configWrites).toEqual([]);
});

test("linear in the script: a megabyte of long lines, of config names and of URLs", () => {
  const shapes = [
    (n: number) => `${"x".repeat(n)}\n`,
    (n: number) => `${".claude/settings.json ".repeat(n / 22)}\n`,
    (n: number) => `${"https://a.example/ ".repeat(n / 19)}\n`,
    (n: number) => `${"$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA ".repeat(n / 75)}\n`,
  ];
  for (const shape of shapes) expectNoBlowUp(shape, (t) => parseHookScript(PATH, t, RUN_BY), 20_000, 400_000);
});
