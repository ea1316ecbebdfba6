// Loads a WebAssembly module (built from add.wat by tools/build) and calls it.
const wasmPath = 'out/gen/examples/hello-wasm/add.wasm';
const bytes = readbuffer(wasmPath);
const module = new WebAssembly.Module(bytes);
const { exports } = new WebAssembly.Instance(module, {});
print(`add(2, 3) = ${exports.add(2, 3)}`);
for (let i = 0; i < 3; i++) print(`bump() = ${exports.bump()}`);
WebAssembly.instantiate(bytes).then(({ instance }) => {
  print(`async instance: add(40, 2) = ${instance.exports.add(40, 2)}`);
});
