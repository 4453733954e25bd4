module.exports = {
  displayName: 'web-bff-feature-catalog',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/web-bff/feature-catalog',
};
