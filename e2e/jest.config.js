// The end-to-end suite: the built app started as `npm start` starts it (fresh embedded database,
// demo data), driven over HTTP and in headless Chromium. Run with `npm run e2e`.
module.exports = {
  displayName: 'e2e',
  testEnvironment: 'node',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.e2e-spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  moduleNameMapper: { '^@stegvis/(contracts|domain)$': '<rootDir>/../libs/$1/src/index.ts' },
  globalSetup: '<rootDir>/support/global-setup.ts',
  globalTeardown: '<rootDir>/support/global-teardown.ts',
  maxWorkers: 1,
  testTimeout: 60000,
};
