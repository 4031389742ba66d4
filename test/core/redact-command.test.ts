// A hook or setting command is shown with its credentials replaced, and otherwise as written: the
// quotes, brackets and separators around a redacted word stay where they were.
import { redactCommand } from "../../src/core/surfaces/hooks-json.js";

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
});
