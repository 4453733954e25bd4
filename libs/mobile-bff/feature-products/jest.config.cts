module.exports = {
  displayName: 'mobile-bff-feature-products',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/mobile-bff/feature-products',
};
