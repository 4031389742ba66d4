/** `npm run test:corpus`: the tests over real files (../shared/corpus, or CAPABILITY_REVIEW_CORPUS). */
import { base } from "./jest.config.js";

export default { ...base, testMatch: ["<rootDir>/test/corpus/**/*.test.ts"] };
