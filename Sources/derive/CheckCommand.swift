import ArgumentParser
import Pipeline

/// `derive check [PATH…]`: check every link, print diagnostics and a summary.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check every derivation; exit 1 if a link is refuted or inconclusive, 2 on bad input.")

    @OptionGroup var options: CommonOptions

    func run() throws {
        let result = BookCheck.check(paths: options.paths, options: options.checkOptions,
                                       allowInconclusive: options.allowInconclusive)
        try finish(result, format: options.format)
    }
}
