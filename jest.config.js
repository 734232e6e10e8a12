// Tiers, chosen with --selectProjects: unit (*.spec.ts), int (*.int-spec.ts, real PostgreSQL/Redis/Kafka),
// e2e (test/**/*.e2e-spec.ts, the four apps booted once by test/e2e/global-setup.ts) and chaos (kills the broker and an app).
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.infra/'],
};

module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,test,scripts,bench}/**/*.spec.ts'] },
    {
      ...base,
      displayName: 'int',
      testMatch: ['<rootDir>/{apps,libs,test,scripts}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/int/global-setup.ts',
      globalTeardown: '<rootDir>/test/int/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/slow-tier.setup.ts'],
    },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/e2e/global-setup.ts',
      globalTeardown: '<rootDir>/test/e2e/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/slow-tier.setup.ts'],
    },
    {
      // Breaks shared infrastructure on purpose (kills the broker, SIGKILLs an app): run on its own, after the other tiers.
      ...base,
      displayName: 'chaos',
      testMatch: ['<rootDir>/test/chaos/**/*.chaos-spec.ts'],
      globalSetup: '<rootDir>/test/e2e/global-setup.ts',
      globalTeardown: '<rootDir>/test/e2e/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/slow-tier.setup.ts'],
    },
  ],
};
