// SwiftPM links an executable with `--defsym main=FuzzContent_main`. Under libFuzzer the Swift
// module has no main of its own (it is built with -parse-as-library), so this entry point hands
// control to libFuzzer's driver with the Swift callback.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int FuzzContent_main(int argc, char **argv) {
    return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput);
}
