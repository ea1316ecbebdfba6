// The console, node-like: log/info/debug to stdout, warn/error/trace to
// stderr, with host/js/inspect.js formatting; colours only on a terminal
// without NO_COLOR (natives.stdoutColors / stderrColors).
(function (natives, require) {
  'use strict';
  const { inspect } = require('inspect');
  const { formatWithOptions } = require('format');
  const counts = new Map();
  const timers = new Map();
  let groupIndent = '';

  function write(toErr, text) {
    const indented = groupIndent ? text.split('\n').map((l) => groupIndent + l).join('\n') : text;
    if (toErr) natives.writeStderr(`${indented}\n`);
    else natives.writeStdout(`${indented}\n`);
  }

  function out(toErr, args) {
    write(toErr, formatWithOptions({ colors: toErr ? natives.stderrColors : natives.stdoutColors },
                                   ...args));
  }

  const now = () => (globalThis.performance ? globalThis.performance.now() : Date.now());

  const console = {
    log: (...args) => out(false, args),
    info: (...args) => out(false, args),
    debug: (...args) => out(false, args),
    warn: (...args) => out(true, args),
    error: (...args) => out(true, args),
    trace: (...args) => {
      const error = { name: 'Trace', message: formatWithOptions({}, ...args) };
      Error.captureStackTrace(error, console.trace);
      write(true, error.stack);
    },
    assert: (condition, ...args) => {
      if (condition) return;
      if (args.length === 0) out(true, ['Assertion failed']);
      else if (typeof args[0] === 'string') out(true, [`Assertion failed: ${args[0]}`, ...args.slice(1)]);
      else out(true, ['Assertion failed:', ...args]);
    },
    dir: (value, options) => write(false, inspect(value, {
      colors: natives.stdoutColors, ...(options || {}),
    })),
    dirxml: (...args) => out(false, args),
    count: (label = 'default') => {
      label = `${label}`;
      const n = (counts.get(label) || 0) + 1;
      counts.set(label, n);
      write(false, `${label}: ${n}`);
    },
    countReset: (label = 'default') => counts.delete(`${label}`),
    time: (label = 'default') => {
      label = `${label}`;
      if (timers.has(label)) {
        out(true, [`Warning: Label '${label}' already exists for console.time()`]);
        return;
      }
      timers.set(label, now());
    },
    timeLog: (label = 'default', ...data) => {
      label = `${label}`;
      if (!timers.has(label)) {
        out(true, [`Warning: No such label '${label}' for console.timeLog()`]);
        return;
      }
      out(false, [`${label}: ${formatDuration(now() - timers.get(label))}`, ...data]);
    },
    timeEnd: (label = 'default') => {
      label = `${label}`;
      if (!timers.has(label)) {
        out(true, [`Warning: No such label '${label}' for console.timeEnd()`]);
        return;
      }
      write(false, `${label}: ${formatDuration(now() - timers.get(label))}`);
      timers.delete(label);
    },
    group: (...args) => {
      if (args.length) out(false, args);
      groupIndent += '  ';
    },
    groupCollapsed: (...args) => console.group(...args),
    groupEnd: () => {
      groupIndent = groupIndent.slice(2);
    },
    table: (data, properties) => write(false, table(data, properties)),
  };

  function formatDuration(ms) {
    if (ms >= 1000) return `${(ms / 1000).toFixed(3)}s`;
    return `${ms.toFixed(3)}ms`;
  }

  function table(data, properties) {
    if (data === null || typeof data !== 'object') return formatWithOptions({}, data);
    const rows = data instanceof Map ? [...data] : Object.entries(data);
    const indexHeader = data instanceof Map ? '(iteration index)' : '(index)';
    const columns = [];
    let hasValues = false;
    const cell = (v) => (typeof v === 'string' ? `'${v}'` : inspect(v, { depth: 0 }));
    const lines = rows.map(([key, value]) => {
      const row = { [indexHeader]: String(key) };
      if (value !== null && typeof value === 'object') {
        for (const k of properties || Object.keys(value)) {
          if (!columns.includes(k)) columns.push(k);
          if (k in value) row[k] = cell(value[k]);
        }
      } else {
        hasValues = true;
        row.Values = cell(value);
      }
      return row;
    });
    const headers = [indexHeader, ...columns, ...(hasValues ? ['Values'] : [])];
    const widths = headers.map((h) => Math.max(h.length, ...lines.map((r) => (r[h] || '').length)) + 2);
    // node 20 aligns cells to the left, after one space.
    const center = (text, width) => ` ${text}${' '.repeat(width - text.length - 1)}`;
    const rule = (l, m, r) => l + widths.map((w) => '─'.repeat(w)).join(m) + r;
    const out = [rule('┌', '┬', '┐'),
                 `│${headers.map((h, i) => center(h, widths[i])).join('│')}│`,
                 rule('├', '┼', '┤')];
    for (const row of lines) {
      out.push(`│${headers.map((h, i) => center(row[h] || '', widths[i])).join('│')}│`);
    }
    out.push(rule('└', '┴', '┘'));
    return out.join('\n');
  }

  return { console };
})
