// The os module (compared with node 20, for what does not depend on the
// machine's state).
const os = require('node:os');
console.log(JSON.stringify(os.EOL), os.platform(), os.type(), os.arch(), os.endianness());
console.log(typeof os.release(), typeof os.hostname(), os.homedir() === process.env.HOME);
console.log(os.totalmem() > os.freemem(), os.freemem() > 0, os.uptime() > 0);
console.log(os.loadavg().length, os.cpus().length === os.availableParallelism());
console.log(typeof os.cpus()[0].model, typeof os.cpus()[0].speed, typeof os.tmpdir());
console.log(require('os') === os);
