// Makes the host's contexts: the main one and every Realm.create() one. Each
// gets the full set of host globals (host/globals/), a ContextData record,
// and a shared security token so realms can reach each other's objects, as
// d8's Realm.createAllowCrossRealmAccess does.
#ifndef HOST_CONTEXT_FACTORY_H_
#define HOST_CONTEXT_FACTORY_H_

#include "v8.h"

namespace wbhost {

class Environment;

v8::MaybeLocal<v8::Context> NewHostContext(Environment* env);

}  // namespace wbhost

#endif  // HOST_CONTEXT_FACTORY_H_
