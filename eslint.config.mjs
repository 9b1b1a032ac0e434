// Root ESLint flat config. Each project's eslint.config.mjs spreads this one and adds its own
// blocks; `npx nx run-many -t lint` runs them (zero warnings allowed, see nx.json targetDefaults).
import nx from '@nx/eslint-plugin';
import eslintConfigPrettier from 'eslint-config-prettier';

const TS_FILES = ['**/*.ts', '**/*.mts', '**/*.cts'];
const TEST_FILES = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/test/**/*.ts'];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: [
      '**/dist',
      '**/node_modules',
      '**/coverage',
      '**/.nx',
      '**/.angular',
      '**/data',
      '**/tmp',
      '**/e2e/output',
    ],
  },
  {
    // Nx tags keep the arrows one way (shared/STYLE.md): apps → libs, libs/domain → libs/contracts,
    // never libs → apps, never frontend ↔ backend.
    // Not *.mjs: the per-project eslint.config.mjs files import the root config by relative path.
    files: [...TS_FILES, '**/*.js'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'scope:shared',
              onlyDependOnLibsWithTags: ['scope:shared'],
            },
            {
              sourceTag: 'scope:backend',
              onlyDependOnLibsWithTags: ['scope:backend', 'scope:shared'],
            },
            {
              sourceTag: 'scope:frontend',
              onlyDependOnLibsWithTags: ['scope:frontend', 'scope:shared'],
            },
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:domain'],
            },
            {
              sourceTag: 'type:contracts',
              onlyDependOnLibsWithTags: ['type:contracts'],
            },
            {
              // The end-to-end suite drives the built app from outside; it shares only the contracts.
              sourceTag: 'scope:e2e',
              onlyDependOnLibsWithTags: ['scope:e2e', 'scope:shared'],
            },
          ],
        },
      ],
    },
  },
  {
    // Type-aware linting for TypeScript only: the project service finds each file's nearest
    // tsconfig (solution-style tsconfig.json files are followed to their references).
    files: TS_FILES,
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-implied-eval': 'error',
      // A `default:` does not excuse a missing union member: adding a role or status must fail lint.
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      // Nx's presets make these two warnings; CI allows zero warnings, so say so plainly.
      '@typescript-eslint/no-unused-vars': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      'no-console': 'error',
    },
  },
  {
    // Arrows point down (shared/STYLE.md): access/ and audit/ never import a feature module; what
    // they need from one (the session lookup) sits behind an interface they own.
    files: ['**/src/access/**/*.ts', '**/src/audit/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/modules/**', '**/modules'],
              message:
                'access/ and audit/ must not import modules/: put what they need behind an interface they own (e.g. SESSION_RESOLVER).',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests may assert presence with `!` after an expectation has already checked it.
    files: TEST_FILES,
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Command-line scripts report to the terminal; only warnings and errors, never console.log.
    files: ['**/scripts/**'],
    rules: {
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  // Last, so it switches off every stylistic rule that would fight Prettier.
  eslintConfigPrettier,
];
