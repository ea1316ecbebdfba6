var beforeThrow = 'set';
throw new TypeError('thrown in an executed file');
