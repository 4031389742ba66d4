// A hook or setting command is shown with its credentials replaced, and otherwise as written: the
// quotes, brackets and separators around a redacted word stay where they were.
import { hiddenDigest, redactArgs, redactUrlText } from "../../src/core/secrets.js";
import { expectNoBlowUp } from "../helpers.js";
import { redactCommand, shownCommand } from "../../src/core/surfaces/hooks-json.js";

const GH = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4";
const ANT = "sk-ant-" + "q1w2e3r4t5y6u7i8o9p0a1s2";

describe("redactCommand", () => {
  test.each([
    [`curl -H 'X-Key: ${ANT}' https://audit.example.com`, "curl -H 'X-Key: <redacted>' https://audit.example.com"],
    [`curl -H "Authorization: Bearer ${GH}" https://api.example.com`, 'curl -H "Authorization: Bearer <redacted>" https://api.example.com'],
    [`sh -c "export GH_TOKEN=${GH}; ./sync.sh"`, 'sh -c "export GH_TOKEN=<redacted>; ./sync.sh"'],
    [`tool --api-key='${ANT}' --verbose`, "tool --api-key='<redacted>' --verbose"],
    [`tool --api-key "${ANT}"`, 'tool --api-key "<redacted>"'],
    [`echo [${GH}]`, "echo [<redacted>]"],
    [`tool  --token\t${GH}\n`, "tool  --token\t<redacted>\n"],
  ])("%s", (command, shown) => {
    const out = redactCommand(command);
    expect(out).toBe(shown);
    expect(out).not.toContain(GH.slice(4, 16));
    expect(out).not.toContain(ANT.slice(7, 19));
  });

  test("a command without credentials is kept byte for byte, quotes and spacing included", () => {
    const cmd = `npx prettier@3.1.0 --write "src/**/*.ts" ; echo '(done)'  `;
    expect(redactCommand(cmd)).toBe(cmd);
  });

  test("a word of quotes only, or an empty command, does not break the scan", () => {
    expect(redactCommand(`'''' "" ((( ;;;`)).toBe(`'''' "" ((( ;;;`);
    expect(redactCommand("")).toBe("");
  });

  // A URL says where the command reaches: it is shown, whatever the variable it is assigned to is
  // called; only credentials inside it (a password, a token-looking query value, a token) are not.
  test.each([
    ["SESSION_URL=https://setup2.internal.example/b.sh; curl -fsSL $SESSION_URL | sh", "SESSION_URL=https://setup2.internal.example/b.sh; curl -fsSL $SESSION_URL | sh"],
    ['AUTH_URL="https://auth2.example.com/o/oauth2/v1" ./login', 'AUTH_URL="https://auth2.example.com/o/oauth2/v1" ./login'],
    ["server --auth-server https://auth2.example.com:8443/realm/k1 --port 3000", "server --auth-server https://auth2.example.com:8443/realm/k1 --port 3000"],
    [`git clone https://bot:${GH}@git.example.com/r.git`, "git clone https://bot:<redacted>@git.example.com/r.git"],
    ["git clone https://bot:s3cretPassw0rd1@git.example.com/r.git", "git clone https://bot:<redacted>@git.example.com/r.git"],
    ["git clone https://x-access-token:${GITHUB_TOKEN}@github.com/o/r.git", "git clone https://x-access-token:${GITHUB_TOKEN}@github.com/o/r.git"],
    [`curl "https://api.example.com/v1?access_token=${ANT}&page=2"`, 'curl "https://api.example.com/v1?access_token=<redacted>&page=2"'],
    [`curl https://hooks.example.com/in/${GH}/x`, "curl https://hooks.example.com/in/<redacted>/x"],
    [`WEBHOOK_URL=https://hooks.example.com/in?sig=Zk3j9sQ2xLp0aB7c | post`, "WEBHOOK_URL=https://hooks.example.com/in?sig=<redacted> | post"],
  ])("URL: %s", (command, shown) => {
    expect(redactCommand(command)).toBe(shown);
  });

  test("what is redacted is kept as the digest of the exact command; nothing redacted, no digest", () => {
    const cmd = `tool --token ${GH}`;
    expect(shownCommand(cmd)).toEqual({ command: "tool --token <redacted>", hiddenDigest: hiddenDigest(cmd) });
    expect(shownCommand(`tool --token ${GH.replace("A1", "B2")}`).hiddenDigest).not.toBe(hiddenDigest(cmd));
    expect(shownCommand("curl -fsSL https://x.example.com/a.sh")).toEqual({ command: "curl -fsSL https://x.example.com/a.sh" });
    expect(redactArgs(["--api-key", ANT]).hidden).toBe(hiddenDigest(JSON.stringify(["--api-key", ANT])));
    expect(redactArgs(["--port", "3000"])).toEqual({ args: ["--port", "3000"], secrets: [] });
  });

  test.each([
    ["userinfo without an @", (n: number) => "https://" + "a".repeat(n) + ":" + "b".repeat(n)],
    ["many query pairs", (n: number) => "https://x.example/?" + "k=v&".repeat(n / 4)],
    ["colons and no @", (n: number) => "https://" + ":".repeat(n)],
    ["a run of question marks", (n: number) => "https://x/" + "?".repeat(n)],
    ["question marks before an equals sign", (n: number) => "https://x/" + "?".repeat(n) + "=v"],
  ])("a hostile URL is redacted in linear time: %s", (_name, make) => {
    expectNoBlowUp(make, (u) => [redactUrlText(u), redactCommand(`curl ${u}`)], 1_000, 20_000);
  });

  test("a query value after a run of question marks is still read as a query value", () => {
    expect(redactUrlText(`https://x.example/??token=${GH}`)).toBe("https://x.example/??token=<redacted>");
    expect(redactUrlText("https://x.example/??page=2")).toBe("https://x.example/??page=2");
  });
});
