module.exports = {
  displayName: 'web-bff-feature-orders',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/web-bff/feature-orders',
};
