module.exports = {
  displayName: 'util-testing',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/util-testing',
};
