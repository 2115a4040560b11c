/** Tests run the compiled package in dist/, exactly what users install. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.js'],
	testTimeout: 30000,
	globalSetup: '<rootDir>/test/harness/jest-setup.js',
	globalTeardown: '<rootDir>/test/harness/jest-teardown.js',
};
