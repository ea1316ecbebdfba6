/*---
description: |
  multi
  line
locale: [en-US]
flags:
  - async
  - CanBlockIsTrue
---*/
