// Buffer (compared with node 20).
const b = Buffer.from('héllo wörld');
console.log(b.length, b.toString(), b.toString('hex'), b.toString('base64'));
console.log(Buffer.from('aGk=', 'base64').toString(), Buffer.from('6869', 'hex').toString());
console.log(Buffer.isBuffer(b), b instanceof Uint8Array, Buffer.byteLength('é'));
const c = Buffer.alloc(8);
c.writeUInt32BE(0xdeadbeef, 0);
c.writeInt16LE(-2, 4);
console.log(c, c.readUInt32BE(0).toString(16), c.readInt16LE(4));
console.log(Buffer.concat([Buffer.from('a'), Buffer.from('bc')]).toString(), b.slice(0, 2).toString());
console.log(Buffer.compare(Buffer.from('a'), Buffer.from('b')), b.equals(Buffer.from(b)));
console.log(JSON.stringify(Buffer.from([1, 2])), Buffer.from([1, 2, 3]).reverse());
console.log(require('buffer').Buffer === Buffer, typeof require('node:buffer').Buffer.alloc);
