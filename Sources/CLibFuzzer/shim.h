// libFuzzer's driver, for fuzz targets that keep their own main (SwiftPM names the entry point of an
// executable target itself, so the one in libFuzzer cannot be used). Only referenced, and only
// linked, in builds with -DFUZZING -sanitize=fuzzer.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
