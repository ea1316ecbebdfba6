// Project helpers for host features: where the build puts its fixtures.
// wbhost.args is empty under the runner, so paths come from the test's
// own location (the runner runs from the repository's root).
var wbhostOut = 'out';
