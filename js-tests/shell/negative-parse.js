/*---
description: A parse-time SyntaxError is the expected result.
negative:
  phase: parse
  type: SyntaxError
---*/
$DONOTEVALUATE();
var = ;
