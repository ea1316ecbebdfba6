/*---
description: Importing a missing module fails in the resolution phase.
flags: [module]
negative:
  phase: resolution
  type: Error
---*/
$DONOTEVALUATE();
import './does-not-exist_FIXTURE.js';
