// Lint rules, and the import directions that keep process boundaries visible:
// contract <- engine <- services <- transport <- shell | browser-host,
// and the renderer reaches the app only through electron/contract.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** A rule that forbids the given module names and path patterns. */
function forbid(message, { names = [], patterns = [], regex }) {
  const groups = patterns.length ? [{ group: patterns, message }] : [];
  return {
    'no-restricted-imports': [
      'error',
      {
        paths: names.map((name) => ({ name, message })),
        patterns: regex ? [...groups, { regex, message }] : groups,
      },
    ],
  };
}

export default tseslint.config(
  {
    ignores: ['node_modules/', '.vite/', 'dist/', 'out/', 'test-results/', '.tmp/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' },
    },
  },
  {
    files: ['electron/contract/**/*.ts'],
    rules: forbid(
      'electron/contract is platform-neutral: no Node, no Electron, nothing outside it.',
      {
        names: [...nodeBuiltins, 'electron'],
        patterns: ['../*', '!./*'],
      },
    ),
  },
  {
    // Its tests may check the contract's output with real programs (shells), through Node.
    files: ['electron/contract/**/*.test.ts'],
    rules: forbid('Tests of electron/contract may import Node, but nothing else outside it.', {
      names: ['electron'],
      patterns: ['../*', '!./*'],
    }),
  },
  {
    // A folder inside the contract (run-spec/, image-history/) may use the contract's
    // top level (one `../`), still nothing outside it.
    files: ['electron/contract/*/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: forbid(
      'electron/contract is platform-neutral: no Node, no Electron, nothing outside it.',
      { names: [...nodeBuiltins, 'electron'], patterns: ['../../*'] },
    ),
  },
  {
    files: ['electron/contract/*/*.test.ts'],
    rules: forbid('Tests of electron/contract may import Node, but nothing else outside it.', {
      names: ['electron'],
      patterns: ['../../*'],
    }),
  },
  {
    files: ['electron/engine/**/*.ts'],
    rules: forbid('electron/engine may import only the contract and Node.', {
      names: ['electron'],
      patterns: ['**/services/**', '**/transport/**', '**/shell/**', '**/browser-host/**'],
    }),
  },
  {
    files: ['electron/services/**/*.ts'],
    rules: forbid('electron/services may import only engine, contract and Node.', {
      names: ['electron'],
      patterns: ['**/transport/**', '**/shell/**', '**/browser-host/**'],
    }),
  },
  {
    files: ['electron/transport/**/*.ts'],
    rules: forbid('electron/transport must not import a face (shell, browser-host).', {
      names: ['electron'],
      patterns: ['**/shell/**', '**/browser-host/**'],
    }),
  },
  {
    files: ['electron/browser-host/**/*.ts'],
    rules: forbid('browser-host runs without Electron and never imports the shell.', {
      names: ['electron'],
      patterns: ['**/shell/**'],
    }),
  },
  {
    files: ['electron/shell/**/*.ts'],
    rules: forbid('The shell never imports the browser host.', {
      patterns: ['**/browser-host/**'],
    }),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // DOM globals that a missing local variable would silently fall back to.
      'no-restricted-globals': ['error', 'status', 'name', 'event', 'length', 'top', 'parent'],
      // We do not use the React Compiler; this only says it would skip a component.
      'react-hooks/incompatible-library': 'off',
      ...forbid('The renderer talks to the app only through electron/contract.', {
        names: [...nodeBuiltins, 'electron'],
        regex: '(^|/)electron/(?!contract/)',
      }),
    },
  },
);
