#include "host/repl/repl.h"

#include "host/error_report.h"

namespace wbhost {

void RunRepl(Environment* env) { HostError("the REPL is not built yet"); }

}  // namespace wbhost
