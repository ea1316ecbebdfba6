/*---
description: >
  $262.agent (INTERPRETING.md): agents run in parallel with the test; a
  broadcast reaches each with the same SharedArrayBuffer and id; an agent
  can block in Atomics.wait until the main agent notifies it; reports come
  back in order through getReport().
features: [SharedArrayBuffer, Atomics]
---*/
var AGENTS = 2;
for (var i = 0; i < AGENTS; i++) {
  $262.agent.start(`
    $262.agent.receiveBroadcast(function(sab, id) {
      var cells = new Int32Array(sab);
      Atomics.add(cells, 1, 1);
      // Blocks this agent's thread until the main agent notifies.
      var woken = Atomics.wait(cells, 0, 0, 10000);
      $262.agent.report(id + ':' + woken);
      $262.agent.leaving();
    });
  `);
}

var cells = new Int32Array(new SharedArrayBuffer(8));
$262.agent.broadcast(cells.buffer, 7);

// Both agents reach their wait while this thread spins: real parallelism.
var start = $262.agent.monotonicNow();
while (Atomics.load(cells, 1) !== AGENTS) {
  if ($262.agent.monotonicNow() - start > 5000) throw new Test262Error('agents never ran');
}
// Give them time to block, then wake them all.
var notified = 0;
while (notified < AGENTS && $262.agent.monotonicNow() - start < 5000) {
  $262.agent.sleep(10);
  notified += Atomics.notify(cells, 0);
}
assert.sameValue(notified, AGENTS, 'both agents were waiting');

var reports = [];
while (reports.length < AGENTS) {
  var report = $262.agent.getReport();
  if (report === null) $262.agent.sleep(1);
  else reports.push(report);
}
assert.sameValue(reports.join(), '7:ok,7:ok');
assert.sameValue($262.agent.getReport(), null, 'no more reports');
assert.sameValue(typeof $262.agent.monotonicNow(), 'number');
