import Dispatch
import Foundation

/// `body(0) … body(count - 1)` on every core, results in index order. The work items must
/// not depend on each other; each writes only its own slot.
///
/// Each result is made in its place in the array returned: never a second array of them to copy
/// from (the computed scenarios at 10,000 would be held twice while they were copied).
package func parallelMap<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
    guard count > 1 else { return (0..<count).map(body) }
    // Unsafe: the array's storage is filled in place, each worker initializing only its own
    // slot; `initialized` is set once every slot is, when concurrentPerform has returned.
    return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
        withoutActuallyEscaping(body) { body in
            // Unsafe: `body` and `buffer` outlive no call: concurrentPerform returns only when every index is done.
            nonisolated(unsafe) let body = body
            nonisolated(unsafe) let buffer = buffer
            DispatchQueue.concurrentPerform(iterations: count) { index in
                buffer.initializeElement(at: index, to: body(index))
            }
        }
        initialized = count
    }
}

/// `body` run on another thread from the moment this is made; `result()` waits for it.
/// Unchecked: `value` is written once by the thread before `group.leave()` and read only after
/// `group.wait()`, an ordering the compiler cannot see.
package final class Background<Value>: @unchecked Sendable {
    private let group = DispatchGroup()
    private let body: () -> Value
    private var value: Value?

    package init(_ body: @escaping () -> Value) {
        self.body = body
        group.enter()
        DispatchQueue.global().async { [self] in
            value = self.body()
            group.leave()
        }
    }

    package func result() -> Value {
        group.wait()
        return value ?? body()  // always set by then
    }
}

/// A value shared between threads, read and changed under a lock.
/// Unchecked: every access to `value` is inside `withLock`, which the compiler cannot see.
package final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    package init(_ value: Value) { self.value = value }

    package func withLock<R>(_ body: (inout Value) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
