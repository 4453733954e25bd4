module.exports = {
  displayName: 'util-models',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/util-models',
};
