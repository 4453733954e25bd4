module.exports = {
  displayName: 'platform-bootstrap',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/platform-bootstrap',
};
