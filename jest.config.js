// One jest run for the whole repository: `npm test` (see scripts/test.mjs).
module.exports = {
  projects: [
    '<rootDir>/libs/contracts',
    '<rootDir>/libs/domain',
    '<rootDir>/backend',
    '<rootDir>/frontend',
  ],
};
