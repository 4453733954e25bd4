module.exports = {
  displayName: 'mobile-bff-feature-orders',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/mobile-bff/feature-orders',
};
