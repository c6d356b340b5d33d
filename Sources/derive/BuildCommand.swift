import ArgumentParser
import Pipeline
import Writers

/// `derive build [PATH…] -o DIR`: check, then write html/, latex/ and audit.json into DIR.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Check, then write the HTML site, the LaTeX book and audit.json (only if every link holds).")

    @OptionGroup var options: CommonOptions

    @Option(name: [.short, .customLong("output")], help: "The output folder, replaced as a whole.")
    var output = "output"

    func run() throws {
        let result = BookBuilder.build(paths: options.paths, outputDirectory: output, options: options.checkOptions,
                                       allowInconclusive: options.allowInconclusive)
        try finish(result, format: options.format)
    }
}
