/**
 * `npm test`: tests run as ESM through SWC (fast, no type check: `npm run typecheck` does that).
 * They read files inside the repository only; the suite over real files from public repositories
 * is test/corpus/ (`npm run test:corpus`, jest.corpus.config.js).
 */
export const base = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  extensionsToTreatAsEsm: [".ts"],
  moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1" },
  transform: {
    "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022", parser: { syntax: "typescript" } }, module: { type: "es6" } }],
  },
};

export default { ...base, testMatch: ["**/*.test.ts"], testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/corpus/"] };
