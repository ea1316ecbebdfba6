// The project's own assert.js, with test262's assertion API: assert,
// assert.sameValue, assert.notSameValue, assert.throws, assert.compareArray.
function assert(mustBeTrue, message) {
  if (mustBeTrue === true) return;
  if (message === undefined) {
    message = 'Expected true but got ' + assert._toString(mustBeTrue);
  }
  throw new Test262Error(message);
}

assert._isSameValue = function (a, b) {
  if (a === b) return a !== 0 || 1 / a === 1 / b;
  return a !== a && b !== b;
};

assert._toString = function (value) {
  try {
    if (value === 0 && 1 / value === -Infinity) return '-0';
    return String(value);
  } catch (e) {
    if (e instanceof TypeError) return Object.prototype.toString.call(value);
    throw e;
  }
};

assert.sameValue = function (actual, expected, message) {
  if (assert._isSameValue(actual, expected)) return;
  message = message === undefined ? '' : message + ' ';
  throw new Test262Error(message + 'Expected SameValue(«' + assert._toString(actual) +
                         '», «' + assert._toString(expected) + '») to be true');
};

assert.notSameValue = function (actual, unexpected, message) {
  if (!assert._isSameValue(actual, unexpected)) return;
  message = message === undefined ? '' : message + ' ';
  throw new Test262Error(message + 'Expected SameValue(«' + assert._toString(actual) +
                         '», «' + assert._toString(unexpected) + '») to be false');
};

assert.throws = function (expectedErrorConstructor, func, message) {
  message = message === undefined ? '' : message + ' ';
  if (typeof func !== 'function') {
    throw new Test262Error(message + 'assert.throws requires a function');
  }
  try {
    func();
  } catch (thrown) {
    if (typeof thrown !== 'object' || thrown === null) {
      throw new Test262Error(message + 'Thrown value was not an object!');
    }
    if (thrown.constructor !== expectedErrorConstructor) {
      throw new Test262Error(message + 'Expected a ' + expectedErrorConstructor.name +
                             ' but got a ' + thrown.constructor.name);
    }
    return;
  }
  throw new Test262Error(message + 'Expected a ' + expectedErrorConstructor.name +
                         ' to be thrown but no exception was thrown at all');
};

assert.compareArray = function (actual, expected, message) {
  message = message === undefined ? '' : message + ' ';
  if (actual == null || expected == null || actual.length !== expected.length) {
    throw new Test262Error(message + 'Arrays differ: [' + actual + '] and [' + expected + ']');
  }
  for (var i = 0; i < actual.length; i++) {
    if (!assert._isSameValue(actual[i], expected[i])) {
      throw new Test262Error(message + 'Arrays differ at ' + i + ': [' + actual + '] and [' +
                             expected + ']');
    }
  }
};
