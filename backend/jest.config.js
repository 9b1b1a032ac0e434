const { join } = require('path');

// NestJS 12 (and a few of its dependencies) ship ES modules only; jest runs CommonJS. babel-jest
// rewrites those packages to CommonJS, with a small plugin for import.meta (shared/STACK-NOTES.md).
const ESM_ONLY = ['@nestjs', 'content-disposition', '@fastify/cookie', 'cookie'];
const nestToCommonJs = [
  'babel-jest',
  {
    configFile: false,
    babelrc: false,
    plugins: [
      '@babel/plugin-transform-modules-commonjs',
      // @fastify/cookie loads `cookie` (ESM) with import(), which jest's sandbox cannot run.
      '@babel/plugin-transform-dynamic-import',
      join(__dirname, 'test/support/babel-import-meta.js'),
    ],
  },
];

module.exports = {
  displayName: 'backend',
  testEnvironment: 'node',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.int-spec.ts'],
  transform: {
    // The swagger plugin as in the build, so the tests serve the same OpenAPI document.
    '^.+\\.ts$': [
      'ts-jest',
      {
        tsconfig: '<rootDir>/tsconfig.spec.json',
        astTransformers: { before: ['<rootDir>/swagger-plugin.js'] },
      },
    ],
    '/node_modules/.+\\.js$': nestToCommonJs,
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
  moduleNameMapper: { '^@stegvis/(contracts|domain)$': '<rootDir>/../libs/$1/src/index.ts' },
  // PGlite cannot start inside jest's sandbox: the global setup starts it (unless DATABASE_URL
  // is set), migrates once, and hands the tests a DATABASE_URL.
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 30000,
};
