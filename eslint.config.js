import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'web/public/vendor/', 'coverage/'] },
  js.configs.recommended,
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } } },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // The store port is asynchronous: an unawaited call or a promise used as a boolean loses data silently.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false, properties: true, returns: true, variables: true, inheritedMethods: true } }],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Core must stay free of channel, web and database libraries (see docs/architecture.md).
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['grammy', 'grammy/*', '@grammyjs/*'], message: 'core must not import grammY: use a port in core/ports.ts' },
          { group: ['whatsapp-web.js'], message: 'core must not import whatsapp-web.js: use the Channel port' },
          { group: ['better-sqlite3', 'pg'], message: 'core must not import a database library: use the Store port' },
          { group: ['hono', 'hono/*', '@hono/*', 'node:http'], message: 'core must not import HTTP libraries' },
          { group: ['openai', 'openai/*'], message: 'core must not import openai: use the Classifier port' },
          { group: ['../store/*', '../../store/*', '../bots/*', '../../bots/*', '../web/*', '../../web/*', '../app/*', '../../app/*', '../adapters/*', '../../adapters/*'], message: 'dependency arrows point inward: core imports nothing outside core' },
        ],
      }],
    },
  },
  {
    // Nothing outside store/ speaks SQL: the database libraries and raw connections stay behind the store's ports.
    files: ['app/**/*.ts', 'bots/**/*.ts', 'adapters/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['better-sqlite3', 'pg'], message: 'only store/ speaks SQL: add a method to a store port (core/store-ports.ts or store/types.ts) and implement it in store/sqlite and store/postgres' },
        ],
      }],
      'no-restricted-syntax': ['error',
        { selector: "MemberExpression[property.name='prepare'][object.property.name='db']", message: 'only store/ speaks SQL: use a store port' },
        { selector: "MemberExpression[property.name='exec'][object.property.name='db']", message: 'only store/ speaks SQL: use a store port' },
        { selector: "MemberExpression[property.name='db'][object.property.name='store']", message: 'only store/ reaches the raw connection: use a store port' },
      ],
    },
  },
  {
    // Dependency arrows point inward: channel adapters and other adapters get what they need of the running
    // service through ports of their own (bots/telegram/ports.ts TelegramHost), never from the composition root.
    files: ['bots/**/*.ts', 'adapters/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['better-sqlite3', 'pg'], message: 'only store/ speaks SQL: add a method to a store port (core/store-ports.ts or store/types.ts) and implement it in store/sqlite and store/postgres' },
          { group: ['../app/*', '../../app/*', '../../../app/*'], message: 'adapters do not import the composition root (app/): declare what you need as a port next to the adapter and let app/ pass it in' },
        ],
      }],
    },
  },
  {
    // The store implements ports; it imports nothing of the layers that use it.
    files: ['store/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['../app/*', '../../app/*', '../web/*', '../../web/*', '../bots/*', '../../bots/*'], message: 'store/ implements ports and depends on no layer above it: move the type it needs into core/ or store/types.ts' },
        ],
      }],
    },
  },
  {
    files: ['web/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['better-sqlite3', 'pg'], message: 'web must not speak SQL: add a query to a port in web/ports.ts, implemented in store/' },
          { group: ['../store/*', '../../store/*'], message: 'web reaches data only through web/ports.ts (wired in app/web-ports.ts)' },
          { group: ['../app/*', '../../app/*', '../../../app/*'], message: 'web does not import the composition root (app/): what it needs of the running service is WebHost (web/host.ts), which the app satisfies' },
        ],
      }],
      'no-restricted-syntax': ['error',
        { selector: "MemberExpression[property.name='prepare'][object.property.name='db']", message: 'web must not speak SQL: use a port in web/ports.ts' },
        { selector: "MemberExpression[property.name='prepare'][object.name='db']", message: 'web must not speak SQL: use a port in web/ports.ts' },
        { selector: "MemberExpression[property.name='db'][object.property.name='store']", message: 'web must not reach into the raw connection: use a port in web/ports.ts' },
      ],
    },
  },
);
