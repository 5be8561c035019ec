// Lint rules, including the process boundaries the compiler cannot express on its own:
// the renderer imports no Node/Electron/main code, main's core imports Electron only in the shell
// files (main/index.ts, main/shell/), and the bridge contract imports nothing but zod.
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import { builtinModules } from 'node:module'
import tseslint from 'typescript-eslint'

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)]
const mainOnlyPackages = [
  'electron',
  'electron/*',
  'electron-store',
  'electron-log',
  'electron-log/*',
  'undici',
  // Telemetry leaves the kiosk from main only, through its guard (main/telemetry).
  '@opentelemetry/*'
]

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'docs/**',
      'test/boundary/.probe-*/**',
      'resources/**',
      'renderer/boundary/**'
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname }
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/only-throw-error': 'error',
      // Async functions that return a value without awaiting are a normal way to satisfy an interface.
      '@typescript-eslint/require-await': 'off',
      eqeqeq: ['error', 'always'],
      'no-console': 'error'
    }
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: globals.node, parserOptions: { projectService: false, project: null } }
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}', 'renderer/facetec-simulated/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({
            name,
            message: 'The renderer is a web page: no Node modules. Ask main through window.kiosk.'
          })),
          patterns: [
            { group: mainOnlyPackages, message: 'Electron and main-only packages belong to main. Use window.kiosk.' },
            {
              group: ['**/main/**', '**/preload/index', '**/preload/bridge'],
              message: 'The renderer may import only types from preload/api.'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/index.ts', 'main/shell/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              allowTypeImports: true,
              message: 'Only main/index.ts and main/shell/ import Electron; pass what you need in.'
            }
          ],
          patterns: [{ group: ['**/renderer/**'], message: 'Main never imports renderer code.' }]
        }
      ]
    }
  },
  {
    files: ['preload/api.ts', 'preload/bridge.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, 'electron'].map((name) => ({
            name,
            message: 'The contract and the bridge run in every process: zod only.'
          })),
          patterns: [{ group: ['**/main/**', '**/renderer/**'], message: 'The contract depends on nothing but zod.' }]
        }
      ]
    }
  },
  {
    files: ['test/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      'no-console': 'off',
      '@typescript-eslint/unbound-method': 'off',
      // expect.any(...) and friends are typed `any`.
      '@typescript-eslint/no-unsafe-assignment': 'off'
    }
  }
)
