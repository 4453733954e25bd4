module.exports = {
  displayName: 'platform-throttling',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/platform-throttling',
};
