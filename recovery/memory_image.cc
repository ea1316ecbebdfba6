#include "recovery/memory_image.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "host/v8_util.h"

namespace wbhost::recovery {

namespace {

constexpr size_t kWasmPage = 65536;
// memfd_create's name: /proc/self/maps shows it as "/memfd:<name> (deleted)".
constexpr char kImageName[] = "wbhost-checkpoint";

struct Image {
  int fd;
  size_t size;
  uint64_t inode;
};

// Images by the address of their shared mapping. Backing stores may be
// freed on a V8 background thread, hence the lock.
std::mutex& ImagesMutex() {
  static std::mutex mutex;
  return mutex;
}
std::map<const void*, Image>& Images() {
  static auto* images = new std::map<const void*, Image>();
  return *images;
}

bool FindImage(const void* data, Image* image) {
  std::lock_guard<std::mutex> lock(ImagesMutex());
  auto it = Images().find(data);
  if (it == Images().end())
    return false;
  *image = it->second;
  return true;
}

void DeleteImage(void* data, size_t length, void*) {
  int fd = -1;
  {
    std::lock_guard<std::mutex> lock(ImagesMutex());
    auto it = Images().find(data);
    if (it != Images().end()) {
      fd = it->second.fd;
      Images().erase(it);
    }
  }
  munmap(data, length);
  if (fd >= 0)
    close(fd);
}

void ImageBuffer(const v8::FunctionCallbackInfo<v8::Value>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  double requested = info[0]->IsNumber() ? info[0].As<v8::Number>()->Value() : 0;
  // Up to 4 GiB, the most a 32-bit memory holds.
  if (!(requested > 0 && requested <= 65536.0 * kWasmPage))
    return;
  size_t size = static_cast<size_t>(requested);
  if (size % kWasmPage != 0)
    return;
  int fd = memfd_create(kImageName, MFD_CLOEXEC);
  if (fd < 0)
    return;
  struct stat st;
  void* data = MAP_FAILED;
  if (ftruncate(fd, static_cast<off_t>(size)) == 0 && fstat(fd, &st) == 0)
    data = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (data == MAP_FAILED) {
    close(fd);
    return;
  }
  {
    std::lock_guard<std::mutex> lock(ImagesMutex());
    Images()[data] = Image{fd, size, static_cast<uint64_t>(st.st_ino)};
  }
  std::unique_ptr<v8::BackingStore> store =
      v8::ArrayBuffer::NewBackingStore(data, size, DeleteImage, nullptr);
  info.GetReturnValue().Set(v8::ArrayBuffer::New(isolate, std::move(store)));
}

// The image behind an ArrayBuffer made by ImageBuffer.
bool ImageOf(v8::Local<v8::Value> value, Image* image, const void** data) {
  if (!value->IsArrayBuffer())
    return false;
  std::shared_ptr<v8::BackingStore> store = value.As<v8::ArrayBuffer>()->GetBackingStore();
  *data = store->Data();
  return *data != nullptr && FindImage(*data, image);
}

// Whether /proc/self/maps shows a mapping of `image` that does not start
// at `own` (the image's shared mapping).
bool MappedElsewhere(const Image& image, const void* own) {
  int fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return true;  // cannot tell: take it as in use
  std::string text;
  char chunk[65536];
  ssize_t n;
  while ((n = read(fd, chunk, sizeof(chunk))) > 0 || (n < 0 && errno == EINTR)) {
    if (n > 0)
      text.append(chunk, static_cast<size_t>(n));
  }
  close(fd);
  if (n < 0)
    return true;
  std::string_view rest(text);
  while (!rest.empty()) {
    size_t end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    if (line.find(kImageName) == std::string_view::npos)
      continue;
    // start-end perms offset dev inode path
    uintptr_t start = 0;
    std::from_chars(line.data(), line.data() + line.size(), start, 16);
    size_t field = 0, pos = 0;
    while (field < 4 && pos != std::string_view::npos) {
      pos = line.find(' ', pos);
      if (pos != std::string_view::npos)
        ++pos, ++field;
    }
    if (pos == std::string_view::npos)
      continue;
    uint64_t inode = 0;
    std::from_chars(line.data() + pos, line.data() + line.size(), inode);
    if (inode == image.inode && start != reinterpret_cast<uintptr_t>(own))
      return true;
  }
  return false;
}

void ImageInUse(const v8::FunctionCallbackInfo<v8::Value>& info) {
  Image image;
  const void* data;
  bool in_use = !ImageOf(info[0], &image, &data) || MappedElsewhere(image, data);
  info.GetReturnValue().Set(in_use);
}

// Puts `image` back into `target`, a memory range `image` was mapped over
// (MapImage) and that stayed so: only the pages written since (private
// copies, which /proc/self/pagemap tells from the image's own pages) are
// copied back. They stay the range's, present and writable: a generation
// that writes where its predecessor did takes no fault there.
bool RefreshPages(const Image& image, const void* image_data, void* target) {
  const auto page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  const size_t pages = image.size / page;
  int fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return false;
  std::vector<uint64_t> entries(pages);
  const size_t bytes = pages * sizeof(uint64_t);
  const off_t offset =
      static_cast<off_t>(reinterpret_cast<uintptr_t>(target) / page * sizeof(uint64_t));
  size_t done = 0;
  while (done < bytes) {
    ssize_t n = pread(fd, reinterpret_cast<char*>(entries.data()) + done, bytes - done,
                      offset + static_cast<off_t>(done));
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      break;
    done += static_cast<size_t>(n);
  }
  close(fd);
  if (done != bytes)
    return false;
  constexpr uint64_t kPresent = uint64_t{1} << 63;
  constexpr uint64_t kSwapped = uint64_t{1} << 62;
  constexpr uint64_t kFileOrShared = uint64_t{1} << 61;
  auto* to = static_cast<uint8_t*>(target);
  const auto* from = static_cast<const uint8_t*>(image_data);
  for (size_t i = 0; i < pages; ++i) {
    uint64_t entry = entries[i];
    // Absent, or the image's page itself: reads the image already.
    if ((entry & (kPresent | kSwapped)) == 0 || (entry & kFileOrShared) != 0)
      continue;
    memcpy(to + i * page, from + i * page, page);
  }
  return true;
}

void MapImage(const v8::FunctionCallbackInfo<v8::Value>& info) {
  Image image;
  const void* data;
  info.GetReturnValue().Set(false);
  if (!ImageOf(info[0], &image, &data) || !info[1]->IsArrayBuffer())
    return;
  std::shared_ptr<v8::BackingStore> memory = info[1].As<v8::ArrayBuffer>()->GetBackingStore();
  if (memory->IsShared() || memory->ByteLength() < image.size)
    return;
  auto address = reinterpret_cast<uintptr_t>(memory->Data());
  if (address == 0 || address % static_cast<uintptr_t>(sysconf(_SC_PAGESIZE)) != 0)
    return;
  void* target = memory->Data();
  if (info[2]->IsTrue() && RefreshPages(image, data, target)) {
    info.GetReturnValue().Set(true);
    return;
  }
  void* mapped =
      mmap(target, image.size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, image.fd, 0);
  if (mapped == target) {
    info.GetReturnValue().Set(true);
    return;
  }
  // A failed MAP_FIXED may have unmapped the range: make it the zeroed
  // read-write pages the memory had, for the caller to copy into.
  mmap(target, image.size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, -1, 0);
}

}  // namespace

void InstallMemoryImageNatives(v8::Local<v8::Context> context, v8::Local<v8::Object> natives) {
  SetMethod(context, natives, "imageBuffer", ImageBuffer);
  SetMethod(context, natives, "imageInUse", ImageInUse);
  SetMethod(context, natives, "mapImage", MapImage);
}

}  // namespace wbhost::recovery
