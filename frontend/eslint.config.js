// ESLint: typescript-eslint's type-checked rules and the React hooks rules,
// over everything the type checker sees (the app, its tests, e2e and configs).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // Generated (wailsjs by the Wails CLI, the vocabulary by go generate) or built.
  {
    ignores: [
      'dist',
      'wailsjs',
      'src/api/vocabulary.gen.ts',
      'coverage',
      'test-results',
      'playwright-report',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser },
    },
  },
  reactHooks.configs.flat.recommended,
  {
    rules: {
      // `const { secret: _, ...shown } = x` drops a field on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      // Advice for the React Compiler, which Roster does not use: TanStack
      // Table and Virtual work as documented without it.
      'react-hooks/incompatible-library': 'off',
    },
  },
  {
    files: ['eslint.config.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
