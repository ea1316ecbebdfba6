// --trace-recovery: WebAssembly.instantiate and instantiateStreaming report
// their caller (bindings/instance_trace.cc says whether it is a binding and
// why not), as `new WebAssembly.Instance` does through V8's instance
// callback, which the asynchronous forms do not reach. Installed in each
// context only under --trace-recovery; bindings never call these (their
// glue has a WebAssembly of its own).
(function (natives, require) {
  'use strict';
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const real = WebAssembly[name];
    if (typeof real !== 'function') continue;
    const traced = {
      [name](source, imports) {
        natives.traceInstance();
        return Reflect.apply(real, this, arguments);
      },
    }[name];
    Object.defineProperty(traced, 'length', { value: real.length });
    WebAssembly[name] = traced;
  }
  return {};
})
