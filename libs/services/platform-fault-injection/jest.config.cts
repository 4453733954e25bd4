module.exports = {
  displayName: 'services-platform-fault-injection',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/services/platform-fault-injection',
};
