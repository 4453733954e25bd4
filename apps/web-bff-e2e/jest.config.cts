module.exports = {
  displayName: 'web-bff-e2e',
  preset: '../../jest.preset.js',
  testTimeout: 60000,
};
