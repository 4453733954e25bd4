module.exports = {
  displayName: 'web-bff-feature-product-page',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/web-bff/feature-product-page',
};
