// Unit tests for the Angular app: jest-preset-angular 16 in CommonJS mode, zoneless (no zone.js).
const { createCjsPreset } = require('jest-preset-angular/presets');

const preset = createCjsPreset({ tsconfig: '<rootDir>/tsconfig.spec.json' });

module.exports = {
  ...preset,
  displayName: 'frontend',
  rootDir: __dirname,
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  // Transloco's helper package and intl-messageformat (with its @formatjs parts) ship plain ESM .js
  // files; let the preset compile them too.
  transformIgnorePatterns: [
    'node_modules/(?!(.*\\.mjs$|@jsverse/|intl-messageformat/|@formatjs/|@angular/common/locales/.*\\.js$))',
  ],
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  moduleNameMapper: {
    '^@stegvis/contracts$': '<rootDir>/../libs/contracts/src/index.ts',
    '^@stegvis/domain$': '<rootDir>/../libs/domain/src/index.ts',
  },
};
