module.exports = {
  displayName: 'util-composition',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/util-composition',
};
