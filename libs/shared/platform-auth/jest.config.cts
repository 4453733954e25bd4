module.exports = {
  displayName: 'platform-auth',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/platform-auth',
};
