/// Settings of one checking run, from the command line.
public struct CheckOptions: Sendable {
    /// Added to every link's content-derived seed (`--seed`).
    public var seed: UInt64 = 0
    /// Overrides the number of points or samples per link (`--samples`).
    public var samples: Int? = nil
    /// Worker threads (`--jobs`); 0 means one per core.
    public var jobs: Int = 0
    /// Where the content-hash cache lives; nil disables it (`--no-cache`).
    public var cacheDirectory: String? = nil
    /// Where the links' previous timings live (they order the work, never decide it); kept under
    /// `--no-cache` too, nil disables them.
    public var timingsDirectory: String? = nil
    /// Seconds a single link may take before it is called inconclusive.
    public var timeBudgetPerLink: Double = 10
    /// Whether evaluation traces bodies and sides into flat programs and replays them (the
    /// default). Off, every point is walked as a tree: same values bit for bit, only slower; the
    /// tests compare the two.
    public var tracing = true
    /// Called with (links done, links in all) as links finish, from any thread.
    public var progress: (@Sendable (Int, Int) -> Void)? = nil

    public init(seed: UInt64 = 0, samples: Int? = nil, jobs: Int = 0, cacheDirectory: String? = nil,
                timeBudgetPerLink: Double = 10, timingsDirectory: String? = nil) {
        self.timingsDirectory = timingsDirectory
        self.seed = seed
        self.samples = samples
        self.jobs = jobs
        self.cacheDirectory = cacheDirectory
        self.timeBudgetPerLink = timeBudgetPerLink
    }
}
