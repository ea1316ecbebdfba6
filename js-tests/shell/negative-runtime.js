/*---
description: A runtime TypeError is the expected result.
negative:
  phase: runtime
  type: TypeError
---*/
null.property;
