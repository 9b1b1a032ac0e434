// Rewrites `import.meta` to a CommonJS equivalent. It must not emit `require(`: @nestjs/typeorm
// declares its own `const require`.
module.exports = function importMetaToCommonJs({ types: t }) {
  return {
    visitor: {
      MetaProperty(path) {
        if (path.node.meta.name !== 'import' || path.node.property.name !== 'meta') return;
        path.replaceWith(
          t.objectExpression([
            t.objectProperty(
              t.identifier('url'),
              t.binaryExpression('+', t.stringLiteral('file://'), t.identifier('__filename')),
            ),
            t.objectProperty(t.identifier('filename'), t.identifier('__filename')),
            t.objectProperty(t.identifier('dirname'), t.identifier('__dirname')),
          ]),
        );
      },
    },
  };
};
