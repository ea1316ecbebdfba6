setTimeout(() => print('timers still run'), 0);
assertEquals(1, 2, 'one is two');
