import Book
import Checker
import Foundation
import Diagnostics
import MathSyntax

/// A `plot` fence after analysis: its variable and range, and each curve sampled by the checker's
/// evaluator. The writers only draw these series; they compute nothing.
public struct CheckedPlot: Sendable {
    public var variable: Expr
    public var low: Double
    public var high: Double
    /// `range=lo..hi`: the vertical extent when the author fixes it; nil fits the curves.
    public var verticalRange: ClosedRange<Double>?
    /// `caption="…"`, in pieces (words and `$…$` math), nil when there is none.
    public var caption: [JustificationPiece]?
    public var curves: [CheckedCurve]
    public init(variable: Expr, low: Double, high: Double, verticalRange: ClosedRange<Double>?,
                caption: [JustificationPiece]?, curves: [CheckedCurve]) {
        self.variable = variable
        self.low = low
        self.high = high
        self.verticalRange = verticalRange
        self.caption = caption
        self.curves = curves
    }
}

/// One curve of a plot: the expression as written, its legend label in pieces (nil: the legend
/// shows the expression), and its sampled values.
public struct CheckedCurve: Sendable {
    public var expr: Expr
    public var label: [JustificationPiece]?
    public var series: PlotSeries
    public init(expr: Expr, label: [JustificationPiece]?, series: PlotSeries) {
        self.expr = expr
        self.label = label
        self.series = series
    }
}

/// Plots already sampled, by everything they depend on (the chapter's declarations and definitions
/// above them, the fence's settings and body), so that a session rebuilding after each save
/// (`derive serve`) samples again only the plots whose inputs changed. Owned by that session.
public final class PlotMemo: @unchecked Sendable {
    private let lock = NSLock()
    /// By the key's bytes: `String` keys would take canonically equivalent texts as one.
    private var plots: [[UInt8]: CheckedPlot] = [:]

    public init() {}

    func plot(_ key: String) -> CheckedPlot? {
        lock.lock()
        defer { lock.unlock() }
        return plots[Array(key.utf8)]
    }

    func store(_ plot: CheckedPlot, _ key: String) {
        lock.lock()
        plots[Array(key.utf8)] = plot
        lock.unlock()
    }

    /// The key of a plot fence read below `scopeText`.
    static func key(_ fence: FencedBlock, scopeText: String) -> String {
        let settings = fence.attributes.settings.map { $0.key + "=" + $0.value }.joined(separator: "\u{1F}")
        return [fence.position.file, scopeText, settings, fence.body.text].joined(separator: "\u{1E}")
    }
}

/// Reads a `plot` fence against the scope above it: the settings `{x=-4..4 \sigma=1 samples=200
/// range=-1..5 caption="…"}`, one curve per body line, and each curve's samples.
enum PlotReader {
    static let defaultSamples = 201
    static let sampleLimits = 2...2000

    /// The plot, or the errors that stop it (each at its line and column).
    static func read(_ fence: FencedBlock, scope: Scope) -> (plot: CheckedPlot?, errors: [Diagnostic]) {
        do {
            let settings = try Settings(fence)
            let curves = try MathParser.parsePlotCurves(fence.body, functions: scope.functionNames)
            let request = PlotRequest(variable: settings.variable, low: settings.low, high: settings.high,
                                      samples: settings.samples, fixed: settings.fixed, scope: scope)
            var checked: [CheckedCurve] = []
            var errors: [Diagnostic] = []
            for curve in curves {
                do {
                    let series = try PlotSampler.sample(curve.expr, request)
                    let label = try curve.label.map {
                        try JustificationReader.pieces(of: $0, body: fence.body, lines: curve.expr.range.start.line...)
                    }
                    checked.append(CheckedCurve(expr: curve.expr, label: label, series: series))
                } catch var diagnostic as Diagnostic {
                    if diagnostic.position.isDetached { diagnostic.position = curve.expr.range.start }
                    errors.append(diagnostic)
                }
            }
            guard errors.isEmpty else { return (nil, errors) }
            let caption = try settings.caption.map {
                // The reader finds a `$…$` again after a `%`; a quoted caption's quote stands in for it.
                try JustificationReader.pieces(of: $0.text, body: SourceText(file: fence.body.file, text: "%" + $0.text, origin: $0.position),
                                               lines: 0...)
            }
            return (CheckedPlot(variable: settings.variable, low: settings.low, high: settings.high,
                                verticalRange: settings.verticalRange, caption: caption, curves: checked), [])
        } catch let diagnostic as Diagnostic {
            return (nil, [diagnostic])
        } catch {
            return (nil, InputError.diagnostics(from: error, file: fence.position.file))
        }
    }
}

/// A plot fence's settings, read and checked: exactly one `name=low..high`, the rest known keys
/// or names fixed to numbers.
private struct Settings {
    var variable: Expr
    var low: Double
    var high: Double
    var samples = PlotReader.defaultSamples
    var verticalRange: ClosedRange<Double>?
    var caption: (text: String, position: SourcePosition)?
    var fixed: [(name: Expr, value: Double)] = []

    init(_ fence: FencedBlock) throws {
        var found: (Expr, Double, Double)?
        for setting in fence.attributes.settings {
            switch setting.key {
            case "samples":
                guard let n = Int(setting.value), PlotReader.sampleLimits.contains(n) else {
                    throw Diagnostic.error(setting.valuePosition,
                        "'samples' must be a whole number from \(PlotReader.sampleLimits.lowerBound) to \(PlotReader.sampleLimits.upperBound), found '\(setting.value)'")
                }
                samples = n
            case "caption":
                caption = (setting.value, setting.valuePosition)
            case "range":
                let (low, high) = try Self.range(setting, of: "the vertical range")
                verticalRange = low...high
            case "unchecked", "tol", "wrt", "seed", "method":
                throw Diagnostic.error(setting.keyPosition, "'\(setting.key)' is a derivation's setting; a plot takes a range (x=-4..4), fixed values, samples=, range= and caption=")
            default:
                let name = try MathParser.parseExpression(SourceText(file: fence.position.file, text: setting.key, origin: setting.keyPosition))
                if setting.value.contains("..") {
                    if let (previous, _, _) = found {
                        throw Diagnostic.error(setting.keyPosition,
                            "a plot has one variable, but '\(LaTeXPrinter.latex(previous))' and '\(setting.key)' both have a range")
                    }
                    let (low, high) = try Self.range(setting, of: "the range of '\(setting.key)'")
                    found = (name, low, high)
                } else {
                    guard let value = Double(setting.value.trimmingSpaces), value.isFinite else {
                        throw Diagnostic.error(setting.valuePosition,
                            "'\(setting.key)' must be fixed to a number, as in \(setting.key)=1, or given a range low..high; found '\(setting.value)'")
                    }
                    fixed.append((name, value))
                }
            }
        }
        guard let (variable, low, high) = found else {
            throw Diagnostic.error(fence.position, "a plot needs its variable and range after 'plot', as in ```plot {x=-4..4}")
        }
        self.variable = variable
        self.low = low
        self.high = high
    }

    /// `low..high`: two finite numbers, low below high.
    private static func range(_ setting: FenceSetting, of what: String) throws -> (Double, Double) {
        let parts = setting.value.components(separatedBy: "..")
        guard parts.count == 2, let low = Double(parts[0].trimmingSpaces), let high = Double(parts[1].trimmingSpaces),
              low.isFinite, high.isFinite, low < high else {
            throw Diagnostic.error(setting.valuePosition,
                "\(what) must be two numbers low..high with low < high, as in -4..4; found '\(setting.value)'")
        }
        return (low, high)
    }
}

private extension String {
    var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
