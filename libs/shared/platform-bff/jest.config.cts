module.exports = {
  displayName: 'platform-bff',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/platform-bff',
};
