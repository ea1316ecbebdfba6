/*---
description: >
  A WasmAbortError's stack reads as thrown by the glue's call into Wasm: its
  first frame is the glue's, as the cause's first JS frame is, with none of
  wbhost's own frames above it; the program's frames follow. The same with
  --standby, where the error is made ahead and filled in at the abort.
includes: [wbhostHelpers.js]
flags: [async]
---*/
var demo = loadDemo();
function programFrame() { return demo.abort(); }
function frames(stack) {
  return stack.split('\n').filter(function (line) { return /^\s+at /.test(line); });
}
function check() {
  var e = assertAbort(programFrame, 'trap');
  var own = frames(e.stack);
  var cause = frames(e.cause.stack);
  assert(own.length > 0, 'the error has frames: ' + e.stack);
  assert(own[0].indexOf('wbhost:') < 0, 'first frame is not wbhost\'s: ' + own[0]);
  assert(own[0].indexOf('demo.js') >= 0, 'first frame is the glue\'s: ' + own[0]);
  // The cause's frames: the trapping Wasm function, wbhost's export
  // wrapper, then the same frames as the error's.
  assert(/wasm-function/.test(cause[0]), 'the cause starts in Wasm: ' + cause[0]);
  assert(/wasmExport \(wbhost:recovery_wrappers\/export:/.test(cause[1]),
         'then the export wrapper, named: ' + cause[1]);
  assert.sameValue(cause[2], own[0], 'then the glue frame the error starts at');
  assert(own.some(function (line) { return line.indexOf('programFrame') >= 0; }),
         'the program\'s frames follow: ' + e.stack);
  assert.sameValue(e.stack.indexOf('WasmAbortError: ' + e.message + '\n'), 0, 'header');
}
// Three aborts, the loop turning between them (with --standby, the second
// and third swap a spare in, whose error was made ahead).
var rounds = 0;
function next() {
  try {
    check();
  } catch (err) {
    $DONE(err);
    return;
  }
  if (++rounds === 3) $DONE();
  else setTimeout(next, 0);
}
next();
