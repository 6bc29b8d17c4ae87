// `node:http` as `require` returns it, for `bundling.ts`: no ESM facade, so none of its lazy exports is evaluated.
module.exports = process.getBuiltinModule('node:http');
