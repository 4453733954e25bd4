module.exports = {
  displayName: 'order-service',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/order-service',
  // jwks-rsa 4 depends on jose 6, which ships only ES modules: compile it like our own sources.
  transformIgnorePatterns: ['^(?!.*/node_modules/jwks-rsa/node_modules/jose/).*/node_modules/'],
};
