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

// What a folder host does not know of (bindings/) sets up in each new
// context, once its globals are in place: called from a static initialiser
// of that folder. Returns true.
using ContextHook = void (*)(Environment* env, v8::Local<v8::Context> context);
bool RegisterContextHook(ContextHook hook);

}  // namespace wbhost

#endif  // HOST_CONTEXT_FACTORY_H_
