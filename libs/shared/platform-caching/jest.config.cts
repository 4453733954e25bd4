module.exports = {
  displayName: 'platform-caching',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/platform-caching',
};
