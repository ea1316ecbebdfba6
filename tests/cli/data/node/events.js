// Event, EventTarget, AbortController, AbortSignal, DOMException and the
// events module (compared with node 20).
const target = new EventTarget();
const seen = [];
target.addEventListener('ping', (e) => seen.push(`once ${e.type} ${e.target === target}`), { once: true });
const always = (e) => seen.push(`always ${e.defaultPrevented}`);
target.addEventListener('ping', always);
const event = new Event('ping', { cancelable: true });
event.preventDefault();
console.log(target.dispatchEvent(event), target.dispatchEvent(new Event('ping')));
target.removeEventListener('ping', always);
target.dispatchEvent(new Event('ping'));
console.log(seen.join('; '));
console.log(event instanceof Event, event.cancelable, event.bubbles, typeof event.timeStamp);

const controller = new AbortController();
controller.signal.onabort = () => console.log('onabort');
controller.signal.addEventListener('abort', (e) => console.log('abort event', e.type));
console.log(controller.signal.aborted, controller.signal.reason);
controller.abort();
controller.abort();
const reason = controller.signal.reason;
console.log(controller.signal.aborted, reason instanceof DOMException, reason.name, reason.code);
try { controller.signal.throwIfAborted(); } catch (e) { console.log('thrown', e === reason); }
console.log(AbortSignal.abort('why').reason, AbortSignal.abort().reason.message);
const any = AbortSignal.any([new AbortController().signal, AbortSignal.abort('first')]);
console.log(any.aborted, any.reason);
// node does not wait for a timeout signal (its timer is unref'd): whether it
// fires is tested apart, in wbhost only.
const timeout = AbortSignal.timeout(5);
console.log(timeout instanceof AbortSignal, timeout.aborted);
try { new AbortSignal(); } catch (e) { console.log(e.constructor.name); }
const e = new DOMException('msg', 'DataCloneError');
console.log(e.name, e.message, e.code, e instanceof Error, new DOMException('x').name);

const EventEmitter = require('events');
const emitter = new EventEmitter();
emitter.on('data', (a, b) => console.log('data', a, b));
emitter.once('data', () => console.log('once'));
console.log(emitter.emit('data', 1, 2), emitter.emit('data', 3, 4), emitter.emit('none'));
console.log(emitter.listenerCount('data'), EventEmitter.EventEmitter === EventEmitter);
try { emitter.emit('error', new Error('boom')); } catch (err) { console.log('error event', err.message); }
