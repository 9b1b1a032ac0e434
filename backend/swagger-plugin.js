// The @nestjs/swagger CLI plugin: describes every DTO property in the OpenAPI document from its
// type and class-validator rules. One set of options for the build (webpack.config.js) and the
// tests (jest.config.js, as a ts-jest AST transformer), so both serve the same document.
const options = {
  dtoFileNameSuffix: ['.dto.ts'],
  classValidatorShim: true,
  introspectComments: true,
};

module.exports = {
  options,
  // ts-jest's transformer interface.
  name: 'nestjs-swagger-plugin',
  version: 1,
  factory: (compiler) => require('@nestjs/swagger/plugin').before(options, compiler.program),
};
