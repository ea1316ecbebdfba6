// Checkpoints through the binary: a real npm package whose objects hold
// their state in Wasm memory, modules wbhost cannot checkpoint, and
// --checkpoint=after-start. The stateful test package's cases are
// js-tests/recovery/checkpoints/.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "gtest/gtest.h"
#include "tests/subprocess.h"

namespace wbhost::testing {
namespace {

std::string OutDir() {
  const char* out = getenv("WBHOST_OUT");
  return std::filesystem::absolute(out ? out : "out").string();
}

ProcessResult RunFile(const std::string& file, std::vector<std::string> flags = {}) {
  flags.insert(flags.begin(), WbhostPath());
  flags.push_back(file);
  return RunProcess(flags);
}

// @cf-wasm/photon 0.4.0 (its `others` entry, given the .wasm's bytes): a
// PhotonImage's pixels live in Wasm memory. An image made before the
// checkpoint comes back with its pixels as they were then, after an abort
// (a malformed image: a panic under panic=abort) and after rollback(); one
// made after refuses.
TEST(CheckpointTest, RealPackageKeepsObjectsMadeBeforeTheCheckpoint) {
  std::string dir = TempDir();
  symlink(std::filesystem::absolute("third_party/npm/node_modules").c_str(),
          (dir + "/node_modules").c_str());
  std::string main = WriteFile(dir, "photon.mjs", R"(
    import { PhotonImage, grayscale, crop, initPhoton } from '@cf-wasm/photon/others';
    await initPhoton({ module_or_path:
        readbuffer(')" + dir + R"(/node_modules/@cf-wasm/photon/dist/lib/photon_rs_bg.wasm') });
    const ctl = wbhost.bindings.of(PhotonImage);
    const pixels = (image) => Array.from(image.get_raw_pixels().slice(0, 4)).join();
    const px = new Uint8Array(64);
    for (let i = 0; i < 64; i += 4) px.set([200, 50, 50, 255], i);
    const a = new PhotonImage(px, 4, 4);
    print(Object.keys(ctl.checkpoint()).join());
    const b = new PhotonImage(px, 4, 4);
    grayscale(a);
    print('after the checkpoint', pixels(a));
    try { PhotonImage.new_from_byteslice(new Uint8Array([1, 2, 3, 4])); }
    catch (e) { print(e.name, e.kind, e.restoredFrom.generation); }
    print('restored', pixels(a), a instanceof PhotonImage, ctl.generation);
    try { b.get_width(); } catch (e) { print('made after:', e.name); }
    print('as an argument', crop(a, 0, 0, 2, 2).get_width());
    grayscale(a);
    ctl.rollback();
    print('rolled back', pixels(a), ctl.generation);
  )");
  const char* expected =
      "id,generation,bytes,ms,restoreMs\nafter the checkpoint 100,100,100,255\nWasmAbortError trap "
      "1\n"
      "restored 200,50,50,255 true 2\nmade after: StaleObjectError\nas an argument 2\n"
      "rolled back 200,50,50,255 3\n";
  for (const std::vector<std::string>& flags :
       {std::vector<std::string>{}, std::vector<std::string>{"--standby"}}) {
    auto r = RunFile(main, flags);
    EXPECT_EQ(r.status, 0) << r.out << r.err;
    EXPECT_EQ(r.out, expected) << flags.size() << r.err;
  }
}

// A module the program compiled itself was never read by wbhost, so the
// state it does not export cannot be saved: a clear error, and the binding
// goes on. Under --wasm-max-memory wbhost compiles it again from its
// bounded bytes, and a checkpoint can be taken.
TEST(CheckpointTest, AModuleTheProgramCompiledIsAClearError) {
  std::string renamed = OutDir() + "/gen/js-tests/packages/layouts/renamed/";
  std::string main = WriteFile(TempDir(), "own.mjs",
                               R"(
    const demo = await import(')" + renamed +
                                   R"(demo.js');
    demo.initSync({ module: new WebAssembly.Module(readbuffer(')" +
                                   renamed +
                                   R"(payload.wasm')) });
    const ctl = wbhost.bindings.of(demo);
    try { print(ctl.checkpoint().generation); } catch (e) { print(e.message); }
    print(ctl.lastCheckpoint, demo.increment());
  )");
  auto r = RunFile(main);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out,
            "demo: cannot take a checkpoint: its module was compiled by the program, so its "
            "internal state cannot be read (give the glue the bytes instead of a "
            "WebAssembly.Module)\nnull 1\n");
  auto bounded = RunFile(main, {"--wasm-max-memory=2"});
  EXPECT_EQ(bounded.out, "1\n[object Object] 1\n") << bounded.err;
}

// --checkpoint=after-start: every binding is checkpointed once its glue has
// started, so a recovery restores that state (the trace says so) without
// running the start again.
TEST(CheckpointTest, AfterStartOption) {
  std::string main = WriteFile(TempDir(), "after.js",
                               R"(
    const kit = wbhost.bindings.load(')" +
                                   OutDir() +
                                   R"(/gen/js-tests/packages/textkit/textkit.js');
    kit.initSync();
    const ctl = wbhost.bindings.of(kit);
    print(ctl.lastCheckpoint.generation, ctl.checkpointAfterStart);
    try { kit.shout('!'); } catch (e) { print(e.kind, e.restoredFrom.generation); }
    print(kit.started(), kit.shout('ok'));
  )");
  auto r = RunFile(main, {"--checkpoint=after-start", "--trace-recovery"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "1 true\ntrap 1\ntrue OK\n");
  EXPECT_NE(r.err.find("via=instantiate restored=checkpoint"), std::string::npos) << r.err;

  auto bad = RunProcess({WbhostPath(), "--checkpoint=sometimes", "-e", "1"});
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("--checkpoint takes 'after-start', not 'sometimes'"), std::string::npos)
      << bad.err;
}

}  // namespace
}  // namespace wbhost::testing
