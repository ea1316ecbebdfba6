/*---
description: setInterval repeats until clearInterval.
flags: [async]
---*/
var count = 0;
var id = setInterval(function () {
  count++;
  if (count === 3) {
    clearInterval(id);
    setTimeout(function () {
      try {
        assert.sameValue(count, 3, 'no tick after clearInterval');
        $DONE();
      } catch (e) {
        $DONE(e);
      }
    }, 30);
  }
}, 5);
