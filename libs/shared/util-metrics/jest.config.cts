module.exports = {
  displayName: 'util-metrics',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/util-metrics',
};
