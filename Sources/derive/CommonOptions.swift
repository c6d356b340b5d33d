import ArgumentParser
import Checker
import Foundation
import Pipeline

extension OutputFormat: ExpressibleByArgument {}

/// The paths and options `check` and `build` share.
struct CommonOptions: ParsableArguments {
    @Argument(help: "Chapter files, or folders of chapters.")
    var paths: [String] = ["chapters"]

    @Option(help: "Diagnostics as compiler-style text or as JSON lines (text, json).")
    var format: OutputFormat = .text

    @Option(help: "Added to every link's content-derived seed.")
    var seed: UInt64 = 0

    @Option(help: "Points or samples per link, instead of each check's default.")
    var samples: Int?

    @Option(help: "Worker threads; 0 means one per core.")
    var jobs: Int = 0

    @Flag(help: "Check every link again instead of reusing cached verdicts.")
    var noCache = false

    @Flag(help: "Exit 0 even when some links are inconclusive.")
    var allowInconclusive = false

    func validate() throws {
        if let samples, samples < 1 { throw ValidationError("--samples must be at least 1") }
        if jobs < 0 { throw ValidationError("--jobs must be 0 (one per core) or more") }
    }

    var checkOptions: CheckOptions {
        var options = CheckOptions(seed: seed, samples: samples, jobs: jobs,
                                   cacheDirectory: noCache ? nil : CacheLocation.defaultDirectory(),
                                   timingsDirectory: CacheLocation.defaultDirectory())
        // Progress only for a person watching a terminal; logs and pipes stay clean.
        if isatty(STDERR_FILENO) != 0 {
            options.progress = { done, total in
                let line = done == total ? "\r\u{1B}[K" : "\rchecking: \(done) of \(total) links"
                FileHandle.standardError.write(line.data(using: .utf8) ?? Data())
            }
        }
        return options
    }
}
