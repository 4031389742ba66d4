// Package launchers (packages.ts) on realistic MCP command lines, and mcp.unpinned-package as a
// diff: what was already unpinned at the base is nothing new.
import { detectPackage, floatingLaunch } from "../../src/core/packages.js";
import { escalations, hits, json, reviewPair } from "../review-helpers.js";

const SHA = "sha256:" + "3f".repeat(32);
const pkg = (line: string) => {
  const [command, ...args] = line.split(" ");
  return detectPackage(command, args);
};

describe("launchers: which package runs, and is it pinned", () => {
  test.each([
    // npm family
    ["npx -y --package=@acme/mcp-tools acme-mcp", "npx", "@acme/mcp-tools", false],
    ["npx -y --package=@acme/mcp-tools@2.1.0 acme-mcp", "npx", "@acme/mcp-tools", true],
    ["npx --yes -p @acme/mcp-tools@2.1.0 -p left-pad acme-mcp", "npx", "left-pad", false],
    ["npx --force -y @upstash/context7-mcp", "npx", "@upstash/context7-mcp", false],
    ["bunx acme-mcp@latest --stdio", "bunx", "acme-mcp", false],
    ["bun x acme-mcp@1.0.0", "bun-dlx", "acme-mcp", true],
    ["pnpm dlx @acme/mcp@1.2.3", "pnpm-dlx", "@acme/mcp", true],
    ["pnpm --silent dlx @acme/mcp", "pnpm-dlx", "@acme/mcp", false],
    ["yarn dlx acme-mcp", "yarn-dlx", "acme-mcp", false],
    ["npm exec --yes -- acme-mcp@1.0.0 --stdio", "npm-exec", "acme-mcp", true],
    ["npm exec -y --package=acme-mcp -- acme", "npm-exec", "acme-mcp", false],
    ["pnpx acme-mcp", "pnpm-dlx", "acme-mcp", false],
    // Python
    ["uv run --with acme-mcp acme-mcp --stdio", "uv-run", "acme-mcp", false],
    ["uv run --with acme-mcp==1.4.0 acme-mcp", "uv-run", "acme-mcp", true],
    ["uvx --from acme-mcp==1.0 acme", "uvx", "acme-mcp", true],
    ["uvx --from git+https://github.com/acme/mcp acme", "uvx", "git+https://github.com/acme/mcp", false],
    ["uvx --python 3.12 --from git+https://github.com/acme/mcp@0123456789abcdef0123456789abcdef01234567 acme", "uvx", "git+https://github.com/acme/mcp", true],
    ["uvx --with evil-helper acme-mcp==1.0.0", "uvx", "evil-helper", false],
    ["uvx acme-mcp@latest", "uvx", "acme-mcp", false],
    ["uvx acme-mcp==1.*", "uvx", "acme-mcp", false],
    ["uv tool run --from acme-mcp acme", "uvx", "acme-mcp", false],
    ["pipx run acme-mcp", "pipx", "acme-mcp", false],
    ["pipx run --spec acme-mcp==2.0.1 acme", "pipx", "acme-mcp", true],
    // containers
    ["docker run -i --rm ghcr.io/acme/mcp:latest", "docker", "ghcr.io/acme/mcp", false],
    ["docker run -i --rm ghcr.io/acme/mcp", "docker", "ghcr.io/acme/mcp", false],
    [`docker run -i --rm ghcr.io/acme/mcp@${SHA}`, "docker", "ghcr.io/acme/mcp", true],
    ["docker run -i --rm acme/mcp:1", "docker", "acme/mcp", false],
    ["docker run --rm -i -e GITHUB_TOKEN -e LOG=1 ghcr.io/github/github-mcp-server", "docker", "ghcr.io/github/github-mcp-server", false],
    ["docker run --cap-add NET_ADMIN --network host -it --rm acme/mcp:1.2.0", "docker", "acme/mcp", true],
    ["docker run -p8080:80 -i localhost:5000/acme/mcp:2.0.0", "docker", "localhost:5000/acme/mcp", true],
    ["docker container run -i acme/mcp", "docker", "acme/mcp", false],
    ["podman run -i --rm quay.io/acme/mcp:0.3.1", "docker", "quay.io/acme/mcp", true],
    // Deno, Go, Ruby
    ["deno run -A npm:@acme/mcp@1.2.3", "deno", "npm:@acme/mcp", true],
    ["deno run -A npm:@acme/mcp", "deno", "npm:@acme/mcp", false],
    ["deno run --allow-net jsr:@acme/mcp@^1.0", "deno", "jsr:@acme/mcp", false],
    ["deno run -A https://deno.land/x/acme_mcp@v1.2.3/mod.ts", "deno", "https://deno.land/x/acme_mcp@v1.2.3/mod.ts", true],
    ["deno run -A https://raw.githubusercontent.com/acme/mcp/main/server.ts", "deno", "https://raw.githubusercontent.com/acme/mcp/main/server.ts", false],
    ["deno run -A https://mcp.example.com/acme@1.0.0/server.ts", "deno", "https://mcp.example.com/acme@1.0.0/server.ts", false],
    ["go run github.com/acme/mcp/cmd/server@latest", "go-run", "github.com/acme/mcp/cmd/server", false],
    ["go run -tags netgo github.com/acme/mcp/cmd/server@v0.3.1", "go-run", "github.com/acme/mcp/cmd/server", true],
    ["gem exec acme-mcp", "gem-exec", "acme-mcp", false],
    ["gem exec -v 1.2.0 acme-mcp", "gem-exec", "acme-mcp", true],
    ["gem exec -g acme-mcp -v ~>1.2 acme", "gem-exec", "acme-mcp", false],
  ] as const)("%s", (line, runner, name, pinned) => {
    expect(pkg(line)).toMatchObject({ runner, name, pinned });
  });

  test("local commands fetch nothing", () => {
    for (const line of ["node ./server.js", "uv run --project . server.py", "uv run server.py", "deno run -A ./server.ts", "deno run --config deno.json main.ts", "go run ./cmd/server", "go run main.go", "npx ./tools/mcp", "python3 -m acme_mcp", "docker compose up"]) {
      expect([line, pkg(line)]).toEqual([line, undefined]);
    }
  });

  test("a flag this tool does not know cannot hide the package behind a pinned decoy", () => {
    expect(pkg("npx --unknown-flag decoy@1.0.0 evil-mcp")).toMatchObject({ name: "evil-mcp", pinned: false });
    expect(pkg("docker run --brand-new-flag decoy:1.0.0 evil/mcp")).toMatchObject({ name: "evil/mcp", pinned: false });
    expect(pkg("uvx --new-option decoy==1.0.0 evil-mcp")).toMatchObject({ name: "evil-mcp", pinned: false });
  });

  test("wrappers: cmd /c, env and sh -c run the launcher they name", () => {
    expect(detectPackage("cmd", ["/c", "npx", "-y", "acme-mcp"])).toMatchObject({ runner: "npx", name: "acme-mcp", pinned: false });
    expect(detectPackage("sh", ["-c", "npx -y acme-mcp@1.0.0 --stdio"])).toMatchObject({ name: "acme-mcp", pinned: true });
    expect(detectPackage("bash", ["-c", "GITHUB_PERSONAL_ACCESS_TOKEN=$(gh auth token) npx -y @modelcontextprotocol/server-github"])).toMatchObject({ name: "@modelcontextprotocol/server-github", pinned: false });
    expect(detectPackage("/bin/sh", ["-c", "cd mcp && npm ci && exec uvx acme-mcp"])).toMatchObject({ runner: "uvx", name: "acme-mcp", pinned: false });
    expect(detectPackage("env", ["LOG=1", "uvx", "acme-mcp==2.0.0"])).toMatchObject({ runner: "uvx", pinned: true });
    expect(detectPackage("npx.cmd", ["-y", "acme-mcp"])).toMatchObject({ runner: "npx", pinned: false });
  });

  test("floatingLaunch writes an unpinned package without its version", () => {
    expect(floatingLaunch("npx", ["-y", "acme@latest", "--stdio"])).toEqual(floatingLaunch("npx", ["-y", "acme", "--stdio"]));
    expect(floatingLaunch("npx", ["-y", "acme@1.0.0"])).not.toEqual(floatingLaunch("npx", ["-y", "acme"]));
    expect(floatingLaunch("npx", ["-y", "--package=acme@^1.2", "acme"])).toEqual(floatingLaunch("npx", ["-y", "--package=acme@^1.3", "acme"]));
    expect(floatingLaunch("sh", ["-c", "npx acme"])).toBeUndefined();
  });
});

describe("mcp.unpinned-package reports what is new at the head", () => {
  const mcp = (server: object) => json({ mcpServers: { s: server } });
  const pair = (before: object, after: object) => reviewPair({ ".mcp.json": [mcp(before), mcp(after)] });
  const npx = (spec: string, cmd = "npx") => ({ command: cmd, args: ["-y", spec, "--stdio"] });

  test("already unpinned: no version → @latest, @latest → none, ^1.2 → ^1.3 are no escalation", () => {
    for (const [from, to] of [["acme-mcp", "acme-mcp@latest"], ["acme-mcp@latest", "acme-mcp"], ["acme-mcp@^1.2", "acme-mcp@^1.3"]] as const) {
      const v = pair(npx(from), npx(to));
      expect([from, to, escalations(v)]).toEqual([from, to, []]);
      expect(hits(v, "capability.changed")[0]!.message).toContain("acme-mcp");
    }
    expect(escalations(pair({ command: "docker", args: ["run", "-i", "acme/mcp"] }, { command: "docker", args: ["run", "-i", "acme/mcp:latest"] }))).toEqual([]);
    expect(escalations(pair({ command: "uvx", args: ["acme-mcp"] }, { command: "uvx", args: ["acme-mcp>=1.0"] }))).toEqual([]);
  });

  test("unpinned → pinned to a release of the same package: the base trusted every release, so no escalation", () => {
    const docker = (image: string) => ({ command: "docker", args: ["run", "-i", "--rm", "-e", "GITHUB_PERSONAL_ACCESS_TOKEN", image] });
    const v = pair(docker("ghcr.io/github/github-mcp-server"), docker("ghcr.io/github/github-mcp-server:v0.18.0"));
    expect(escalations(v)).toEqual([]);
    expect(hits(v, "capability.changed")[0]!.message).toContain("now pins `ghcr.io/github/github-mcp-server` to `v0.18.0`");
    // Another image, or other arguments beside the pin, still are.
    expect(hits(pair(docker("ghcr.io/github/github-mcp-server"), docker("ghcr.io/evil/github-mcp-server:v0.18.0")), "mcp.command-changed")).toHaveLength(1);
    expect(hits(pair(npx("acme-mcp"), { command: "npx", args: ["-y", "acme-mcp@1.0.0", "--stdio", "--root=/"] }), "mcp.command-changed")).toHaveLength(1);
    // A pinned base moving to another pin is another release to review.
    expect(hits(pair(npx("acme-mcp@1.0.0"), npx("acme-mcp@1.0.1")), "mcp.command-changed")).toHaveLength(1);
  });

  test("pinned → pinned at another release of the same package and runner: medium, a dependency update to read", () => {
    const docker = (image: string, extra: string[] = []) => ({ command: "docker", args: ["run", "-i", "--rm", ...extra, "-e", "GITHUB_PERSONAL_ACCESS_TOKEN", image] });
    const bump = hits(pair(docker("ghcr.io/github/github-mcp-server:v0.18.0"), docker("ghcr.io/github/github-mcp-server:v0.27.0")), "mcp.command-changed");
    expect(bump.map((f) => [f.severity, f.message])).toEqual([
      ["medium", "MCP server `s` now runs `ghcr.io/github/github-mcp-server` `v0.27.0` (was `v0.18.0`): the same package through the same runner, pinned at another release; read what the release changes."],
    ]);
    expect(hits(pair(npx("acme-mcp@1.0.0"), npx("acme-mcp@1.0.1")), "mcp.command-changed")[0]!.severity).toBe("medium");
    // Anything beside the version, another publisher, an alias to another package, or a pin given up: high.
    const high = [
      pair(docker("ghcr.io/github/github-mcp-server:v0.18.0"), docker("ghcr.io/github/github-mcp-server:v0.27.0", ["-v", "/:/host"])),
      pair(docker("ghcr.io/github/github-mcp-server:v0.18.0"), docker("ghcr.io/evil/github-mcp-server:v0.27.0")),
      pair(npx("acme-mcp@1.0.0"), npx("acme-mcp@npm:evil-mcp@1.0.1")),
      pair(npx("acme-mcp@1.0.0"), npx("acme-mcp@1.0.1", "bunx")),
      pair(npx("acme-mcp@1.0.0"), npx("acme-mcp@^1.0.1")),
    ];
    expect(high.map((v) => hits(v, "mcp.command-changed").map((f) => f.severity))).toEqual([["high"], ["high"], ["high"], ["high"], ["high"]]);
  });

  test("the message shows the version the file names inside the code span (`@latest` outside one would read as a mention)", () => {
    expect(hits(pair(npx("acme-mcp@1.2.3"), npx("acme-mcp@latest")), "mcp.unpinned-package").map((f) => f.message)).toEqual([
      "MCP server `s` runs `acme-mcp@latest` through npx: a new release runs at every start.",
    ]);
    expect(hits(pair(npx("other-mcp@1.0.0"), npx("acme-mcp")), "mcp.unpinned-package")[0]!.message).toContain("runs `acme-mcp` with no version through npx");
  });

  test("pinned → unpinned, another package, another runner: still escalations", () => {
    const unpinned = pair(npx("acme-mcp@1.2.3"), npx("acme-mcp@latest"));
    expect(hits(unpinned, "mcp.unpinned-package")).toHaveLength(1);
    expect(hits(unpinned, "mcp.command-changed")).toHaveLength(1);
    const other = pair(npx("acme-mcp"), npx("acme-mcp-fork"));
    expect(hits(other, "mcp.unpinned-package")).toHaveLength(1);
    expect(hits(other, "mcp.command-changed")).toHaveLength(1);
    expect(hits(pair(npx("acme-mcp"), npx("acme-mcp", "bunx")), "mcp.unpinned-package")).toHaveLength(1);
  });

  test("a version that is really another source is another package", () => {
    for (const to of ["acme-mcp@https://files.evil.example/acme-mcp.tgz", "acme-mcp@npm:evil-mcp", "acme-mcp@github:evil/acme-mcp", "acme-mcp@file:../acme"]) {
      const v = pair(npx("acme-mcp"), npx(to));
      expect([to, hits(v, "mcp.command-changed").length, hits(v, "mcp.unpinned-package").length]).toEqual([to, 1, 1]);
    }
    const py = pair({ command: "uvx", args: ["acme-mcp"] }, { command: "uvx", args: ["acme-mcp@https://files.evil.example/acme_mcp-1.0-py3-none-any.whl"] });
    expect(hits(py, "mcp.command-changed")).toHaveLength(1);
    expect(pkg("npx -y acme-mcp@npm:evil-mcp@1.0.0")).toMatchObject({ name: "evil-mcp", pinned: true });
  });

  test("the same floating package with other arguments is a changed command, not a new unpinned package", () => {
    const v = pair(npx("acme-mcp"), { command: "npx", args: ["-y", "acme-mcp@latest", "--stdio", "--allow-write"] });
    expect(hits(v, "mcp.command-changed")).toHaveLength(1);
    expect(hits(v, "mcp.unpinned-package")).toEqual([]);
  });
});
