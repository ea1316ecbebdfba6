// Placeholder console until host/js/inspect.js lands: formats with String().
(function (natives, require) {
  'use strict';
  const format = (args) => args.map((a) => (typeof a === 'string' ? a : String(a))).join(' ');
  const console = {
    log(...args) { natives.writeStdout(format(args) + '\n'); },
    error(...args) { natives.writeStderr(format(args) + '\n'); },
  };
  console.info = console.log;
  console.debug = console.log;
  console.warn = console.error;
  return { console };
})
