module.exports = {
  displayName: 'product-service',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/product-service',
};
