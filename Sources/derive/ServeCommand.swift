import ArgumentParser
import Dispatch
import Foundation
import Pipeline
import Preview

/// `derive serve [PATH…]`: build into DIR, serve DIR/html on 127.0.0.1:PORT, rebuild after every
/// save and reload the open page; Ctrl-C stops it.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build, serve the HTML on 127.0.0.1, and rebuild and reload the page after every save.")

    @OptionGroup var options: CommonOptions

    @Option(name: [.short, .customLong("output")], help: "The output folder, rebuilt after every save.")
    var output = "output"

    @Option(help: "The port on 127.0.0.1 (0: any free port).")
    var port: UInt16 = 8000

    func run() throws {
        let builder = PreviewBuilder(paths: options.paths, outputDirectory: output, options: options.checkOptions,
                                     allowInconclusive: options.allowInconclusive)
        let session: PreviewSession
        do {
            session = try PreviewSession(builder: builder, port: port, format: options.format) { line in
                FileHandle.standardError.write(Data((line + "\n").utf8))
            }
        } catch {
            FileHandle.standardError.write(Data("derive serve: \(error)\n".utf8))
            throw ExitCode(ExitStatus.badInput.rawValue)
        }
        // Ctrl-C (and a polite kill) ends the loop instead of the process, so the socket is closed.
        let interrupted = DispatchSemaphore(value: 0)
        var sources: [DispatchSourceSignal] = []
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { interrupted.signal() }
            source.resume()
            sources.append(source)
        }
        session.start()
        print("serving \(output)/html on http://127.0.0.1:\(session.server.port)/ — watching \(options.paths.joined(separator: ", ")); Ctrl-C stops")
        fflush(stdout)
        interrupted.wait()
        session.stop()
        for source in sources { source.cancel() }
        print("stopped")
    }
}
