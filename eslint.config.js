// ESLint (flat config) for the JavaScript: the app (web/), the tests and the
// scripts. Formatting is Prettier's job (.prettierrc.json); this checks what
// a formatter cannot: mistakes, unused code, and the rules of hooks (Preact's
// hooks follow React's rules, so eslint-plugin-react-hooks applies as is).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default [
  { ignores: ['dist/', 'build/', 'public/engine/', 'node_modules/', 'test-results/'] },
  js.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: 'module',
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['web/**/*.{js,jsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    // The two classic rules; the React Compiler rules of v7 take refs and state
    // only from 'react' imports, so they misread Preact's hooks.
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['web/src/engine/**/*.js'],
    languageOptions: { globals: { ...globals.worker } },
  },
  {
    files: ['web/src/offline/service-worker.js'],
    languageOptions: { globals: { ...globals.serviceworker } },
  },
  {
    files: ['tests/**/*.{js,mjs}', 'scripts/**/*.{js,mjs}', 'vite.config.js', 'eslint.config.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Functions these pass to page.evaluate() run in the page.
    files: [
      'tests/browser/**/*.mjs',
      'scripts/bench/browser_*.mjs',
      'scripts/bench/import_stages.mjs',
      'scripts/bench/tuning_stages.mjs',
    ],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['web/src/offline/service-worker.js'],
    languageOptions: { globals: { __BUILD_ID__: 'readonly', __PRECACHE__: 'readonly' } }, // filled in by vite.config.js
  },
];
