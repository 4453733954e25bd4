module.exports = {
  displayName: 'platform-observability',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/platform-observability',
};
