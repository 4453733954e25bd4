module.exports = {
  displayName: 'mobile-bff-e2e',
  preset: '../../jest.preset.js',
  testTimeout: 60000,
};
