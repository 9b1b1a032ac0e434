// One jest run for the whole repository: `npm test` (see scripts/test.mjs).
module.exports = {
  // A global option: jest ignores testTimeout inside a project's config, so the backend's 30 s
  // only applies here (the integration tests time out at 5 s on a loaded machine otherwise).
  testTimeout: 30000,
  projects: [
    '<rootDir>/libs/contracts',
    '<rootDir>/libs/domain',
    '<rootDir>/backend',
    '<rootDir>/frontend',
  ],
};
