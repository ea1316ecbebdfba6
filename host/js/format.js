// console.log's and util.format's format strings (%s %d %i %f %o %O %j %c
// %%), as node reads them, values inspected by inspect.js.
(function (natives, require) {
  'use strict';
  const { inspect, formatPrimitive } = require('inspect');

  // console.log's formatting: a format string first, then the rest
  // inspected (strings as they are).
  function formatWithOptions(options, ...args) {
    const first = args[0];
    let out = '';
    let rest = 0;
    if (typeof first === 'string' && args.length > 1 && first.includes('%')) {
      let a = 1;
      let last = 0;
      for (let i = 0; i < first.length - 1; i++) {
        if (first[i] !== '%') continue;
        const c = first[i + 1];
        let piece;
        if (c === '%') {
          out += first.slice(last, i) + '%';
          last = i + 2;
          i++;
          continue;
        }
        if (a >= args.length || !'sdifjoOc'.includes(c)) continue;
        const arg = args[a];
        switch (c) {
          case 's':
            piece = typeof arg === 'string' ? arg
                : typeof arg === 'bigint' ? `${arg}n`
                : typeof arg === 'object' && arg !== null
                    ? inspect(arg, { ...options, depth: 1, nested: false })
                    : String(arg);
            break;
          case 'd':
          case 'i': {
            if (typeof arg === 'bigint') {
              piece = `${arg}n`;
            } else if (typeof arg === 'symbol') {
              piece = 'NaN';
            } else {
              const n = Number(arg);
              piece = formatPrimitive({ colors: options.colors }, c === 'i' ? Math.trunc(n) : n);
            }
            break;
          }
          case 'f':
            piece = typeof arg === 'symbol' ? 'NaN' : `${parseFloat(arg)}`;
            break;
          case 'j':
            try {
              piece = JSON.stringify(arg);
            } catch (e) {
              piece = '[Circular]';
            }
            break;
          case 'o':
            piece = inspect(arg, { ...options, showHidden: true, depth: 4 });
            break;
          case 'O':
            piece = inspect(arg, options);
            break;
          case 'c':
            piece = '';
            break;
        }
        out += first.slice(last, i) + piece;
        last = i + 2;
        i++;
        a++;
      }
      out += first.slice(last);
      rest = a;
    } else {
      rest = 0;
    }
    for (let i = rest; i < args.length; i++) {
      if (i > 0 || rest > 0) out += ' ';
      const arg = args[i];
      out += typeof arg === 'string' ? arg : inspect(arg, options);
    }
    return rest > 0 || args.length === 0 ? out : out.replace(/^ /, '');
  }

  function format(...args) {
    return formatWithOptions({}, ...args);
  }

  return { format, formatWithOptions };
})
