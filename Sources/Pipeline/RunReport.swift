/// What a run prints: diagnostics and errors on standard error, the summary (and for a build, where
/// the book went) on standard output, so that `2>` captures exactly the diagnostics.
public struct RunReport: Sendable {
    public var standardOutput: [String] = []
    public var standardError: [String] = []

    public init(_ result: BuildResult, format: OutputFormat) {
        standardError = result.diagnostics.map(format.render)
        if let error = result.outputError { standardError.append(format.renderError(error)) }
        if let summary = result.summary { standardOutput.append(format.render(summary)) }
        if let folder = result.outputDirectory, format == .text { standardOutput.append("wrote \(folder)") }
    }
}
