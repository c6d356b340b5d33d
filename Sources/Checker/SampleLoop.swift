import DeriveNumerics

/// How many domain errors a check tolerates before it calls a link inconclusive.
enum RedrawLimit {
    /// More than this many redraws over all dimension settings together.
    case total(Int)
    /// More than this many redraws within one dimension setting.
    case perSetting(Int)
    /// More than this many draws, kept or redrawn, within one dimension setting.
    case attemptsPerSetting(Int)
}

/// The rules one relation's check draws its points by.
struct SampleRules {
    /// Points that must be judged per dimension setting.
    var perSetting: Int
    var limit: RedrawLimit
    /// Which domain errors mean "redraw"; the others end the check, thrown to the caller.
    var redraws: (ScalarError) -> Bool = { _ in true }
    /// Whether every fourth positive definite draw is ill-conditioned (`PointSampler.drawIndex`
    /// follows the accepted points); checks that compare several draws keep the default index.
    var cyclesConditioning = false
    /// Whether the time budget is checked before every draw.
    var timed = true
    /// Whether a domain error raised by the draw itself (a fixed value outside its domain) is
    /// redrawn like one raised while judging the point, rather than ending the check.
    var redrawsFailedDraws = false
}

/// What a relation's check says about one drawn point.
enum PointJudgement<Failure> {
    /// The point counts toward its setting's points.
    case accepted
    /// The link does not hold (or the check has its answer): the loop stops here.
    case failed(Failure)
}

/// How the loop over the sample points ended.
enum SampleLoopEnd<Failure> {
    /// Every setting got its points; `redraws` domain errors on the way, the last one given.
    case completed(redraws: Int, lastDomainError: ScalarError?)
    case failed(Failure)
    /// The redraw limit was passed.
    case outsideDomain(redraws: Int, lastDomainError: ScalarError?)
}

/// The loop every sampled check shares (DESIGN.md §3): for each dimension setting, draw points
/// from the declared domains, redraw those outside a side condition, watch the time budget, and
/// stop at the first point the relation's own judgement calls a failure.
struct SampleLoop {
    let scope: Scope
    let deadline: Double
    let rules: SampleRules
    /// The names the points must hold (`PointSampler`'s `reaching`); nil: every declared name.
    var reaching: Set<String>? = nil

    /// `draw` makes a point from the setting's sampler; `judge` decides it (and may draw more
    /// points itself); `afterSetting` runs once a setting has all its points, with the sampler
    /// as the last draw left it, and may end the loop with a failure.
    func run<Point, Failure>(
        over settings: [[String: Int]], using generator: inout SeededGenerator,
        draw: (PointSampler, inout SeededGenerator) throws -> Point,
        judge: (Point, [String: Int], PointSampler, inout SeededGenerator) throws -> PointJudgement<Failure>,
        afterSetting: ([String: Int], PointSampler, inout SeededGenerator) throws -> Failure? = { _, _, _ in nil }
    ) throws -> SampleLoopEnd<Failure> {
        var redraws = 0
        var lastDomainError: ScalarError?
        for dimensions in settings {
            var sampler = PointSampler(scope: scope, dimensions: dimensions, reaching: reaching)
            var accepted = 0, attempts = 0, settingRedraws = 0
            while accepted < rules.perSetting {
                attempts += 1
                if case .attemptsPerSetting(let most) = rules.limit, attempts > most {
                    return .outsideDomain(redraws: redraws, lastDomainError: lastDomainError)
                }
                if rules.timed, Clock.now() > deadline { throw EvaluationError.timeout }
                if rules.cyclesConditioning { sampler.drawIndex = accepted }
                do {
                    let point: Point
                    if rules.redrawsFailedDraws {
                        point = try draw(sampler, &generator)
                    } else {
                        // A failed draw is not a point outside the domain: it ends the check.
                        do { point = try draw(sampler, &generator) } catch { throw DrawFailure(error: error) }
                    }
                    switch try judge(point, dimensions, sampler, &generator) {
                    case .accepted: accepted += 1
                    case .failed(let failure): return .failed(failure)
                    }
                } catch let failure as DrawFailure {
                    throw failure.error
                } catch let error as ScalarError where rules.redraws(error) {
                    redraws += 1
                    settingRedraws += 1
                    lastDomainError = error
                    switch rules.limit {
                    case .total(let most) where redraws > most,
                         .perSetting(let most) where settingRedraws > most:
                        return .outsideDomain(redraws: redraws, lastDomainError: error)
                    default:
                        break
                    }
                }
            }
            if let failure = try afterSetting(dimensions, sampler, &generator) { return .failed(failure) }
        }
        return .completed(redraws: redraws, lastDomainError: lastDomainError)
    }
}

/// Carries an error out of the draw past the loop's redraw handling.
private struct DrawFailure: Error {
    var error: any Error
}
