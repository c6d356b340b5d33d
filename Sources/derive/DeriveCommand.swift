import ArgumentParser
import Diagnostics
import Foundation
import Pipeline
import Writers

/// `derive`: checks the derivations of a book and builds it.
@main
struct DeriveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "derive",
        abstract: "Check every derivation of a Markdown book, and build it as HTML and LaTeX.",
        version: "0.1.0",
        subcommands: [CheckCommand.self, BuildCommand.self, ServeCommand.self, MutateCommand.self])

    /// Usage errors exit 2 (DESIGN.md §6) rather than ArgumentParser's 64; everything else —
    /// help, `--version`, the exit codes the subcommands throw — keeps ArgumentParser's handling.
    /// The whole run happens on a thread with a large stack (`DeepStack`), so that deep trees
    /// are walked, printed and released without overflowing the main thread's.
    static func main() {
        DeepStack.run {
            do {
                var command = try parseAsRoot()
                try command.run()
            } catch {
                if exitCode(for: error) == .validationFailure {
                    FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                    Foundation.exit(ExitStatus.badInput.rawValue)
                }
                exit(withError: error)
            }
        }
    }
}

/// Prints a run's report and turns its status into the process's exit code.
func finish(_ result: BuildResult, format: OutputFormat) throws {
    let report = RunReport(result, format: format)
    for line in report.standardError { FileHandle.standardError.write(Data((line + "\n").utf8)) }
    for line in report.standardOutput { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
    if result.status != .success { throw ExitCode(result.status.rawValue) }
}
