module.exports = {
  displayName: 'contracts',
  testEnvironment: 'node',
  rootDir: __dirname,
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  moduleNameMapper: { '^@stegvis/(contracts|domain)$': '<rootDir>/../$1/src/index.ts' },
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
