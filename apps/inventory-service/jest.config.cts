module.exports = {
  displayName: 'inventory-service',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/inventory-service',
};
