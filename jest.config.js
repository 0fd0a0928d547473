/** Tests run against a real PostgreSQL that tests/support/global-setup.ts starts (or TEST_DATABASE_URL). */
const fs = require('node:fs');
const swcConfig = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests', '<rootDir>/api', '<rootDir>/schema'],
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(ts|js|mjs)$': ['@swc/jest', { ...swcConfig, swcrc: false }] },
  // These ship ES modules, which jest's CommonJS runtime on Node 20 cannot require: compile them too.
  transformIgnorePatterns: ['/node_modules/(?!(jose|@keystone-6/core|@keystone-6/auth|@babel/runtime|@prisma/client)/)'],
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  setupFiles: ['<rootDir>/tests/support/setup-env.ts'],
  testTimeout: 60000,
  maxWorkers: 2,
};
