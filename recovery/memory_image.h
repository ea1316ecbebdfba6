// Checkpoint images of a Wasm memory (recovery/js/checkpoint.js), and
// restore by mapping instead of copying.
//
// An image is an anonymous in-memory file (memfd) with a shared mapping of
// it, handed to JS as an ArrayBuffer: a checkpoint copies the memory into
// it as into any buffer. A restore maps the image privately (copy on
// write) over the new generation's memory: nothing is copied then; the
// kernel copies a page when the new generation first writes it, and the
// pages it only reads stay shared with the image. A 16 MiB restore is a
// system call instead of a 16 MiB copy into pages V8 has just handed out.
//
// What the mapping relies on: a non-shared Wasm memory's bytes are pages
// V8 mapped for it read-write at a page-aligned address and unmaps or
// remaps (never copies page by page) when it frees or grows them, as V8's
// BackingStore does for every memory on Linux. Where a step fails (no
// memfd, an image written while mapped), the caller copies as before.
//
// Natives (for recovery/js/checkpoint.js):
//   imageBuffer(bytes)          an ArrayBuffer of `bytes` (a multiple of
//                               the Wasm page) backed by a new image, or
//                               undefined if the system gives none
//   imageInUse(buffer)          whether a mapping other than the buffer's
//                               own maps its image (a memory restored from
//                               it): writing it then would change that
//                               memory, so a new checkpoint needs another
//   mapImage(buffer, memory, again)
//                               maps the image over the start of `memory`
//                               (a Wasm memory's ArrayBuffer, at least as
//                               large); false if it could not (the memory's
//                               bytes are then zero: copy the image in).
//                               `again`: the caller knows the image is
//                               mapped there already (the same memory, not
//                               grown since): only the pages written since
//                               are copied back from the image, and they
//                               stay writable, so the next generation takes
//                               no fault where the last one wrote
#ifndef RECOVERY_MEMORY_IMAGE_H_
#define RECOVERY_MEMORY_IMAGE_H_

#include "v8.h"

namespace wbhost::recovery {

void InstallMemoryImageNatives(v8::Local<v8::Context> context, v8::Local<v8::Object> natives);

}  // namespace wbhost::recovery

#endif  // RECOVERY_MEMORY_IMAGE_H_
