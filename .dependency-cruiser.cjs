// Architecture rules from DESIGN.md §3, checked on every `npm test`.
// The module order of DESIGN.md §2 (with `credits`, attribution in the platform, in attribution's place);
// src/modules/registry.ts lists the modules that exist, in this order (a test checks it).
const order = require('./src/modules/module-order.json')

const laterModuleRules = order.map((name, i) => ({
  name: `module-order-${name}`,
  comment: `modules/${name} may import only modules earlier in the order, never a later one`,
  severity: 'error',
  from: { path: `^src/modules/${name}/` },
  to: { path: `^src/modules/(${order.slice(i + 1).join('|') || '$^'})/` },
}))

module.exports = {
  forbidden: [
    {
      name: 'module-in-order',
      comment: 'every folder under src/modules is a module named in the order list above',
      severity: 'error',
      from: { path: '^src/modules/[^/]+/', pathNot: `^src/modules/(${order.join('|')})/` },
      to: {},
    },
    {
      name: 'contracts-stay-light',
      comment:
        'a *.contract.ts is bundled into the web app: it imports zod, money, the engine types, i18n data and other contracts only (no tables, no Drizzle, no services)',
      severity: 'error',
      from: { path: '\\.contract\\.ts$' },
      to: {
        pathNot: [
          '\\.contract\\.ts$',
          '^src/money/',
          '^src/attribution/types\\.ts$',
          'node_modules/(zod|i18n-iso-countries|decimal\\.js)/',
        ],
      },
    },
    {
      name: 'roots-use-module-index',
      comment: 'http/ and cli/ reach a module only through its index.ts (or its contract)',
      severity: 'error',
      from: { path: '^src/(http|cli)/', pathNot: '\\.test\\.ts$' },
      to: {
        path: '^src/modules/[^/]+/',
        pathNot: ['^src/modules/[^/]+/index\\.ts$', '\\.contract\\.ts$'],
      },
    },
    {
      name: 'pure-attribution',
      comment: 'src/attribution is pure: it imports only itself and src/money',
      severity: 'error',
      from: { path: '^src/attribution/', pathNot: '\\.test\\.ts$' },
      to: { pathNot: ['^src/attribution/', '^src/money/'] },
    },
    {
      name: 'pure-attribution-no-packages',
      comment: 'src/attribution imports no packages but node built-ins in tests',
      severity: 'error',
      from: { path: '^src/attribution/', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['npm', 'npm-dev', 'core'] },
    },
    {
      name: 'pure-money',
      comment: 'src/money imports only itself (and decimal.js)',
      severity: 'error',
      from: { path: '^src/money/', pathNot: '\\.test\\.ts$' },
      to: { pathNot: ['^src/money/', 'node_modules/decimal\\.js'] },
    },
    {
      name: 'platform-imports',
      comment: 'src/platform imports only src/db, src/money and itself',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: '^src/', pathNot: ['^src/platform/', '^src/db/', '^src/money/'] },
    },
    {
      name: 'module-imports',
      comment: 'a module imports attribution, money, platform, db/client and earlier modules only',
      severity: 'error',
      from: { path: '^src/modules/', pathNot: '\\.test\\.ts$' },
      to: {
        path: '^src/',
        pathNot: [
          '^src/modules/',
          '^src/attribution/',
          '^src/money/',
          '^src/platform/',
          '^src/db/client\\.ts$',
          '^src/db/test-db\\.ts$',
        ],
      },
    },
    {
      name: 'module-inner-files',
      comment: 'a module imports another module only through its index.ts',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/([^/]+)/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'] },
    },
    ...laterModuleRules,
    {
      name: 'composition-roots',
      comment: 'http/ and cli/ are composition roots; nothing imports them',
      severity: 'error',
      from: { pathNot: ['^src/http/', '^src/cli/', '^e2e/', '^bench/', '\\.test\\.ts$'] },
      to: { path: ['^src/http/', '^src/cli/'] },
    },
    {
      name: 'web-imports',
      comment: 'web/ imports only contracts, attribution types and money from src/',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^src/', pathNot: ['\\.contract\\.ts$', '^src/attribution/types\\.ts$', '^src/money/'] },
    },
    {
      name: 'no-circular',
      comment: 'no import cycles anywhere, inside a module included',
      severity: 'error',
      from: { path: '^(src|web/src)/' },
      to: { circular: true },
    },

    // ── web app: web/src/features/<module>, generic web/src/ui, the shell in web/src/app ──
    {
      name: 'web-ui-generic',
      comment: 'web/src/ui holds generic parts only: it imports no feature and not the app shell',
      severity: 'error',
      from: { path: '^web/src/ui/' },
      to: { path: ['^web/src/features/', '^web/src/app/'] },
    },
    {
      name: 'web-ui-no-domain',
      comment: 'web/src/ui knows no module: domain components live in their feature',
      severity: 'error',
      from: { path: '^web/src/ui/' },
      to: { path: '^src/modules/' },
    },
    {
      name: 'web-feature-not-app',
      comment: 'a feature never imports the app shell; the shell imports features',
      severity: 'error',
      from: { path: '^web/src/features/' },
      to: { path: '^web/src/app/' },
    },
    {
      name: 'web-no-circular',
      comment: 'no import cycles in the web app',
      severity: 'error',
      from: { path: '^web/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
}
