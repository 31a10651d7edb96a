// libFuzzer entry: the preview's reader over corrupt snapshots (see fuzztargets.h).
#include "fuzztargets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    return fuzz::reader(data, size);
}
