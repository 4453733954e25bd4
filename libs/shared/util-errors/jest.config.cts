module.exports = {
  displayName: 'util-errors',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/util-errors',
};
