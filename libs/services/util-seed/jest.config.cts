module.exports = {
  displayName: 'services-util-seed',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/services/util-seed',
};
