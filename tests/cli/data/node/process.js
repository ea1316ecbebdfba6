// process, as node 20 has it (compared with node 20); run with the
// arguments `one two`.
console.log(typeof process, String(process), process.platform, process.arch);
console.log(process.argv.length, process.argv.slice(2), require('path').isAbsolute(process.argv[1]));
console.log(typeof process.env, typeof process.env.PATH, process.env.WBHOST_NODE_TEST);
console.log(process.cwd() === require('path').resolve('.'), typeof process.pid);
const start = process.hrtime();
const elapsed = process.hrtime(start);
console.log(Array.isArray(elapsed), elapsed.length, elapsed[0], typeof process.hrtime.bigint());
console.log(Object.keys(process.memoryUsage()).sort().join(), typeof process.memoryUsage.rss());
process.stdout.write('stdout ');
process.stdout.write('write\n');
console.log(process.stdout.isTTY, process.stderr.isTTY, typeof process.stdout.write);
console.log(typeof process.on, typeof process.emit, process.exitCode);
process.on('exit', (code) => console.log('exit event', code, process.exitCode));
process.nextTick((a, b) => console.log('nextTick', a, b), 1, 2);
Promise.resolve().then(() => console.log('promise job'));
queueMicrotask(() => console.log('microtask'));
setTimeout(() => {
  console.log('timer');
  process.exitCode = 7;
}, 0);
console.log('sync end');
