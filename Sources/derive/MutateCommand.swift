import ArgumentParser
import Book
import Checker
import Diagnostics
import Foundation
import Pipeline

extension MutationKind: ExpressibleByArgument {}

/// `derive mutate [PATH…]`: the mutation self-test. Plants one realistic slip at a time in each
/// verified link, re-checks that link alone, and reports how many slips the checker catches.
struct MutateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mutate",
        abstract: "Plant one slip at a time in each link and report how many the checker catches.")

    @Argument(help: "Chapter files, or folders of chapters.")
    var paths: [String] = ["chapters"]

    @Option(help: "At most this many mutants per link, drawn with --seed; 0 plants every candidate.")
    var perLink: Int = 0

    @Option(help: "Chooses the mutants when --per-link leaves some out; added to every check's seed.")
    var seed: UInt64 = 0

    @Option(help: "Worker threads; 0 means one per core.")
    var jobs: Int = 0

    @Option(help: "Only mutations of this kind (repeatable): \(MutationKind.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")).")
    var kind: [MutationKind] = []

    @Option(help: "Exit 1 when fewer than this percentage of the non-equivalent mutants are killed.")
    var minRate: Double = 0

    func validate() throws {
        if perLink < 0 { throw ValidationError("--per-link must be 0 (every candidate) or more") }
        if jobs < 0 { throw ValidationError("--jobs must be 0 (one per core) or more") }
        if !(0...100).contains(minRate) { throw ValidationError("--min-rate is a percentage from 0 to 100") }
    }

    func run() throws {
        let book: Book
        do {
            book = try BookReader.read(paths: paths)
        } catch {
            exitWithInputErrors(InputError.diagnostics(from: error, file: paths.first ?? "."))
        }
        // Mutants are planted in a book that reads cleanly; its input errors come first.
        let (bookJobs, problems) = BookAnalyzer.linkJobs(of: book)
        if !problems.isEmpty { exitWithInputErrors(problems) }
        let options = MutationOptions(perLink: perLink, seed: seed, jobs: jobs, kinds: Set(kind))
        let report = MutationRunner.run(bookJobs, options: options)
        for line in report.lines { print(line) }
        if 100 * report.total.rate < minRate { throw ExitCode(ExitStatus.failedLinks.rawValue) }
    }

    /// Prints input errors and exits 2, as `check` does.
    private func exitWithInputErrors(_ diagnostics: [Diagnostic]) -> Never {
        for d in diagnostics { FileHandle.standardError.write(Data((d.description + "\n").utf8)) }
        Foundation.exit(ExitStatus.badInput.rawValue)
    }
}
