import nx from '@nx/eslint-plugin';
import eslintConfigPrettier from 'eslint-config-prettier';
import baseConfig from '../eslint.config.mjs';

export default [
  ...baseConfig,
  // angular-eslint's tsRecommended, plus templateRecommended and templateAccessibility for .html.
  ...nx.configs['flat/angular'],
  ...nx.configs['flat/angular-template'],
  {
    files: ['**/*.ts'],
    languageOptions: {
      // The project service cannot place files that tsconfig.app.json reaches only through imports
      // from main.ts (Angular's `files: [main.ts]` layout), so name the two programs explicitly.
      parserOptions: {
        projectService: false,
        project: ['./tsconfig.app.json', './tsconfig.spec.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@angular-eslint/component-selector': [
        'error',
        { type: 'element', prefix: 'sv', style: 'kebab-case' },
      ],
      '@angular-eslint/directive-selector': [
        'error',
        { type: 'attribute', prefix: 'sv', style: 'camelCase' },
      ],
    },
  },
  // Last again: the Angular blocks above come after the root config's copy.
  eslintConfigPrettier,
];
