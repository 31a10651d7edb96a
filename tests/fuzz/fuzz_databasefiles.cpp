// libFuzzer entry: header and companion parsing (see fuzztargets.h).
#include "fuzztargets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    return fuzz::databaseFiles(data, size);
}
