// Three tiers (CONVENTIONS.md section 5): unit tests sit beside the code, integration and e2e
// tests under test/. file-type is ESM-only, so it and its ESM dependencies are transformed.
const esmPackages = ['file-type', 'strtok3', 'token-types', 'uint8array-extras', '@tokenizer/inflate', '@borewit/text-codec'];
// ts-jest in transpile-only mode (type errors are the typecheck step's job); allowJs so the ESM
// packages above are compiled to CommonJS too.
const tsJest = ['ts-jest', { isolatedModules: true, tsconfig: { allowJs: true } }];
const shared = {
  transform: { '^.+\\.(t|j)s$': tsJest },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleNameMapper: { '^file-type$': '<rootDir>/node_modules/file-type/index.js' },
  testEnvironment: 'node',
};
// Tiers that talk to the real services: test environment, and a migrated test control plane.
const withServices = {
  setupFiles: ['<rootDir>/test/support/test-env.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
};
module.exports = {
  // Hooks of the service tiers create and drop real databases, which can take more than Jest's 5 s
  // on a busy machine (seen: a suite's afterAll deleting its tenants while both cores were busy).
  // Jest reads this only from the top level, not per project.
  testTimeout: 30_000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/scripts/**/*.spec.ts', '<rootDir>/test/unit/**/*.spec.ts'] },
    { ...shared, ...withServices, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.spec.ts'] },
    { ...shared, ...withServices, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.spec.ts'] },
  ],
};
