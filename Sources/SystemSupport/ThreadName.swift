import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Names the calling thread for `top -H`, `perf` and debuggers (Linux keeps the first 15 bytes). Foundation's
/// `Thread.name` does not reach the kernel on Linux, and `pthread_setname_np` is not imported, so this writes
/// `/proc/thread-self/comm`; elsewhere it does nothing.
public func nameCurrentThread(_ name: String) {
    #if os(Linux)
    let descriptor = open("/proc/thread-self/comm", O_WRONLY)
    guard descriptor >= 0 else { return }
    defer { close(descriptor) }
    let bytes = Array(name.utf8.prefix(15))
    _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    #endif
}

/// Starts a thread named `name` (for Foundation and for the kernel) that runs `body`.
public func startThread(named name: String, _ body: @escaping @Sendable () -> Void) {
    let thread = Thread {
        nameCurrentThread(name)
        body()
    }
    thread.name = name
    thread.start()
}

/// Runs the blocking `body` on a new thread called `name` and awaits its result, so an async caller waits without
/// holding one of Swift concurrency's few cooperative threads (one per core) for the whole of a long blocking call.
public func awaitThread<Result: Sendable>(
    named name: String,
    _ body: @escaping @Sendable () throws -> Result
) async throws -> Result {
    try await withCheckedThrowingContinuation { continuation in
        startThread(named: name) {
            continuation.resume(with: Swift.Result { try body() })
        }
    }
}
