import Diagnostics

extension LinkChecker {
    /// A link's options, from its fence or its `% key: value` comment, must have values the checker
    /// can use: `samples: many` is an input error at the link, never silently the default.
    func validateOptions() throws {
        for key in job.options.keys.sorted() {
            guard let value = job.options[key] else { continue }
            if let problem = LinkOption.problem(withOption: key, value: value) {
                throw EvaluationError.input(.error(job.position, problem))
            }
        }
    }
}
