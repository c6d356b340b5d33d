#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs work on threads with a large stack, so that the recursive walks over math trees (printers,
/// evaluator, release of the tree itself) cannot overflow on the deepest trees the parser accepts
/// (`InputLimits`). The stack is reserved address space; only the pages a walk touches are used.
public enum DeepStack {
    /// The stack of every thread started here: deep enough for the parser's limits in a debug
    /// build under the address sanitizer, which has the largest frames.
    public static let stackSize = 1 << 30

    /// Runs `body` on a fresh thread with a large stack and waits for it.
    public static func run<T>(_ body: () -> T) -> T {
        var result: T?
        concurrentPerform(iterations: 1) { _ in result = body() }
        return result!
    }

    /// `DispatchQueue.concurrentPerform` on threads with a large stack: `body(i)` for each `i` in
    /// `0..<iterations`, each on its own thread, all joined before returning. Falls back to the
    /// calling thread when a thread cannot be started.
    public static func concurrentPerform(iterations: Int, _ body: (Int) -> Void) {
        guard iterations > 0 else { return }
        withoutActuallyEscaping(body) { escapable in
            var threads: [pthread_t] = []
            var inline: [Int] = []
            for index in 0..<iterations {
                let work = Unmanaged.passRetained(Work { escapable(index) }).toOpaque()
                if let thread = start(work) {
                    threads.append(thread)
                } else {
                    Unmanaged<Work>.fromOpaque(work).release()
                    inline.append(index)
                }
            }
            for index in inline { escapable(index) }
            // Joined threads have released their closures, as withoutActuallyEscaping requires.
            for thread in threads { pthread_join(thread, nil) }
        }
    }

    private static func start(_ work: UnsafeMutableRawPointer) -> pthread_t? {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, stackSize)
        #if canImport(Darwin)
        var thread: pthread_t?
        guard pthread_create(&thread, &attributes, { pointer in
            let work = Unmanaged<Work>.fromOpaque(pointer).takeRetainedValue()
            work.body()
            return nil
        }, work) == 0 else { return nil }
        return thread
        #else
        var thread = pthread_t()
        guard pthread_create(&thread, &attributes, { pointer in
            let work = Unmanaged<Work>.fromOpaque(pointer!).takeRetainedValue()
            work.body()
            return nil
        }, work) == 0 else { return nil }
        return thread
        #endif
    }

    /// A closure in a box, handed to a thread through a raw pointer.
    private final class Work {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }
}
