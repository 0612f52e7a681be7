#ifndef FLYWHEEL_CZLIB_SHIM_H
#define FLYWHEEL_CZLIB_SHIM_H
#include <zlib.h>

// inflateInit2 is a macro; Swift needs a function.
static inline int fly_inflate_init_gzip(z_stream *stream) {
    // 15 window bits + 32: accept gzip and zlib headers.
    return inflateInit2(stream, 15 + 32);
}
#endif
