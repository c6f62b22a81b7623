#ifndef HARNESS_CSQLITE_SHIM_H
#define HARNESS_CSQLITE_SHIM_H

#include <errno.h>
#include <sqlite3.h>

/// `SQLITE_TRANSIENT`: a macro Swift cannot import. Tells SQLite to copy bound text or blob bytes
/// before the bind call returns, so the caller's buffer need not outlive the call.
static inline sqlite3_destructor_type csqlite_transient(void) {
    return SQLITE_TRANSIENT;
}

/// `ENOENT`, to recognise "no such file" in `sqlite3_system_errno` without importing Glibc or Darwin.
static inline int csqlite_enoent(void) {
    return ENOENT;
}

#endif
