#if FUZZING
import CLibFuzzer
#endif
import Diagnostics
import Foundation

/// What every fuzz target shares: turning libFuzzer's bytes into text, running a target on a deep
/// stack (as the command line does), and replaying corpus files in an ordinary build.
public enum FuzzInput {
    /// The bytes as text, invalid UTF-8 replaced (as Derive's readers replace it).
    public static func text(_ data: UnsafePointer<UInt8>, _ size: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    }

    /// Runs `body` the way `derive` runs a command: on a thread with a deep stack.
    public static func run(_ body: () -> Void) {
        DeepStack.run(body)
    }

    /// A fuzz target's `main`: with -DFUZZING (and -sanitize=fuzzer), libFuzzer's driver with its
    /// command line, calling `body` on each input; otherwise `replay` of the files named.
    public static func main(_ body: @escaping (String) -> Void) -> Never {
        #if FUZZING
        target = body
        var argc = CommandLine.argc
        var argv = Optional(CommandLine.unsafeArgv)
        // The whole driver runs on one deep-stack thread, rather than a thread per input.
        let status = DeepStack.run {
            LLVMFuzzerRunDriver(&argc, &argv) { data, size in
                FuzzInput.target?(data.map { FuzzInput.text($0, size) } ?? "")
                return 0
            }
        }
        exit(status)
        #else
        replay(Array(CommandLine.arguments.dropFirst()), body)
        exit(0)
        #endif
    }

    #if FUZZING
    /// The one target of this process, for libFuzzer's C callback, which cannot capture it.
    nonisolated(unsafe) private static var target: ((String) -> Void)?
    #endif

    /// The `main` of a target built without `-sanitize=fuzzer`: runs `body` once on each file named
    /// on the command line, or on every file of each folder named, so that a corpus or a crash
    /// input can be replayed with an ordinary debugger. Exits 2 on an unreadable path.
    public static func replay(_ arguments: [String], _ body: (String) -> Void) {
        var files: [String] = []
        for path in arguments {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                FileHandle.standardError.write(Data("\(path): no such file or folder\n".utf8))
                exit(2)
            }
            if isFolder.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                files += names.sorted().map { (path as NSString).appendingPathComponent($0) }
            } else {
                files.append(path)
            }
        }
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else { continue }
            run { body(String(decoding: data, as: UTF8.self)) }
        }
        print("replayed \(files.count) inputs")
    }
}
