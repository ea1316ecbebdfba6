// An uncaught error in a CommonJS main is reported in d8's form.
const value = 1;
throw new RangeError(`bad value ${value}`);
