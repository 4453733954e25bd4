module.exports = {
  displayName: 'data-access-checkout',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/data-access-checkout',
};
