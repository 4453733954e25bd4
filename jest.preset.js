const nxPreset = require('@nx/jest/preset').default;

/** swc instead of ts-jest: same decorator metadata Nest needs, a fraction of the start-up time. */
module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: {
            legacyDecorator: true,
            decoratorMetadata: true,
            useDefineForClassFields: false,
          },
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  // jose 6 (pulled in by jwks-rsa 4) ships only ES modules: let swc turn it into CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm/)?(jose|jwks-rsa/node_modules/jose)/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 20000,
};
