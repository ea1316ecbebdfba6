// d8's `d8` object, as V8 10.2's d8 builds it (Shell::CreateD8Template), as
// far as a shell outside V8 can offer it: file.read, file.execute,
// promise.setHooks, dom.Div, test.installConditionalFeatures; and from
// later d8s, serializer and terminate. Not offered: log.getAndStop (V8's
// --logfile=+), debugger.enable/disable and test.verifySourcePositions
// (V8-internal interfaces).
(function (natives, require) {
  'use strict';
  // d8's DOM stand-ins for API-object tests: Div < HTMLElement < Element <
  // Node, whose nodeType is 1.
  class Node {
    get nodeType() { return 1; }
  }
  class Element extends Node {}
  class HTMLElement extends Element {}
  class Div extends HTMLElement {}

  const d8 = {
    file: {
      // A string; with 'binary', an ArrayBuffer.
      read(name, mode) {
        return natives.readFile(name, arguments.length === 2 && mode === 'binary');
      },
      // Each file as a script in the current realm, in order.
      execute(...names) {
        for (const name of names) natives.executeFile(name);
      },
    },
    promise: {
      // init(promise, parent), before(promise), after(promise),
      // resolve(promise); an argument that is not a function clears that hook.
      setHooks(init, before, after, resolve) {
        natives.setPromiseHooks(init, before, after, resolve);
      },
    },
    serializer: {
      serialize(value) { return natives.serialize(value); },
      deserialize(buffer) { return natives.deserialize(buffer); },
    },
    // V8 acts on a termination at its next interrupt check: the loop's
    // back edge is one, so nothing after the call runs.
    terminate() {
      natives.terminate();
      while (true) {}
    },
    dom: { Div },
    test: {
      installConditionalFeatures() { natives.installConditionalFeatures(); },
    },
  };
  return { d8 };
})
